"""Linking a request list with a registry: block, compare, weigh, decide, explain."""

from __future__ import annotations

from collections.abc import Sequence
from dataclasses import dataclass, replace
from typing import TYPE_CHECKING

import numpy as np
import pandas as pd

from parley.linkage.assign import Decision, false_share_cutoff
from parley.linkage.blocking import candidate_pairs
from parley.linkage.compare import (
    DATE_PART,
    DATE_SAME,
    DATE_SWAPPED,
    EXACT,
    SAME_CODE,
    Comparison,
    compare,
    joined,
    ready,
)
from parley.linkage.datesystems import read_across
from parley.linkage.distinct import take_census
from parley.linkage.explain import model_summary
from parley.linkage.frequency import NameFrequencies
from parley.linkage.model import (
    Model,
    anchored_birth_shares,
    estimate_u,
    fit,
    given_alternatives,
    held_share,
    prior_from_resolved,
)
from parley.linkage.names import forget_spellings
from parley.linkage.namesakes import Namesakes, hold_names_weight
from parley.linkage.prepare import Prepared, frame_of, known_names, prepare, stand_ins
from parley.linkage.reasons import Reasons
from parley.linkage.rules import (
    CLEARLY_ANOTHER_SCORE,
    at_most_review,
    clearly_another,
    why_at_most_review,
)
from parley.linkage.twice import decide_once, one_person, persons
from parley.linkage.units import learned_across
from parley.nogc import without_cycle_collection
from parley.parallel import in_threaded_halves, in_two_threads
from parley.settings import LINK_MAX_FALSE_SHARE, LINK_THRESHOLD_MATCH, LINK_THRESHOLD_REVIEW

if TYPE_CHECKING:  # linking reads columns: pydantic is for callers with Person objects
    from parley.domain.people import Person

OUTPUT_COLUMNS = ["request_id", "registry_id", "score", "decision", "reason"]
DEFAULT_MATCH = LINK_THRESHOLD_MATCH
DEFAULT_REVIEW = LINK_THRESHOLD_REVIEW
DEFAULT_MAX_FALSE_SHARE = LINK_MAX_FALSE_SHARE


class _PairIndex:
    """Position of a (request, registry) pair among the candidates, without a dict of millions."""

    def __init__(self, ia: np.ndarray, ib: np.ndarray, width: int) -> None:
        self.width = max(width, 1)
        codes = ia.astype(np.int64) * self.width + ib
        self.order = np.argsort(codes, kind="stable")
        self.sorted = codes[self.order]

    def positions(self, a: np.ndarray, b: np.ndarray) -> np.ndarray:
        """Where each pair (a[n], b[n]) is among the candidates; -1 if it is not one."""
        codes = a.astype(np.int64) * self.width + b
        at = np.minimum(np.searchsorted(self.sorted, codes), max(len(self.sorted) - 1, 0))
        found = (self.sorted[at] == codes) if len(self.sorted) else np.zeros(len(codes), bool)
        return np.where(found, self.order[at] if len(self.sorted) else -1, -1)


def _pairs_compared(a: Prepared, b: Prepared) -> tuple[np.ndarray, np.ndarray, Comparison | None]:
    """The candidate pairs and their comparison (None when there is no pair)."""
    ia, ib = candidate_pairs(a, b)
    return ia, ib, (_compared(a, b, ia, ib) if len(ia) else None)


def _compared(a: Prepared, b: Prepared, ia: np.ndarray, ib: np.ndarray) -> Comparison:
    """compare(a, b, ia, ib), each half of a long run of pairs in its own thread; `ready`
    must have been called on both lists."""
    return joined(
        in_threaded_halves(len(ia), lambda low, high: compare(a, b, ia[low:high], ib[low:high]))
    )


def _frame(persons: pd.DataFrame | Sequence[Person]) -> pd.DataFrame:
    return persons if isinstance(persons, pd.DataFrame) else frame_of(persons)


def _taken(
    requests: np.ndarray,
    records: np.ndarray,
    person: np.ndarray,
    asker: np.ndarray,
    decisions: list[Decision],
) -> np.ndarray:
    """The pairs whose registry person is matched to another request (one for another
    person: a person asked for twice is matched to both his requests)."""
    owner = np.full(len(person), -1, dtype=np.int64)
    for d in decisions:
        if d.decision == "match":
            owner[person[d.registry]] = asker[d.request]
    holder = owner[person[records]]
    taken: np.ndarray = (holder >= 0) & (holder != asker[requests])
    return taken


Row = tuple[str, str, float, str, str]


def _rows(
    decisions: list[Decision],
    a: Prepared,
    b: Prepared,
    scored: tuple[np.ndarray, np.ndarray, np.ndarray],
    reasons: Reasons,
    capped: np.ndarray,
    threshold_match: float,
) -> tuple[list[Row], list[list[str]]]:
    """The output rows of the decisions, and the groups of duplicate registrations."""
    ia, ib, _ = scored
    where = _PairIndex(ia, ib, len(b))
    request = np.array([d.request for d in decisions], dtype=np.int64)
    record = np.array([d.registry for d in decisions], dtype=np.int64)
    pair = where.positions(request, record)
    assert (pair >= 0).all()  # decisions are made on candidate pairs only
    texts = reasons.for_pairs(request, record, pair)
    second = _second_registrations(decisions, where, scored, capped, threshold_match, reasons)
    rows: list[Row] = []
    duplicates = []
    comparison = reasons.comparison
    for d, text, k in zip(decisions, texts, pair.tolist(), strict=True):
        if d.asked_with:
            asking = ", ".join(sorted(a.ids[i] for i in [d.request, *d.asked_with]))
            text += f"; same person asked for twice: {asking}"
        if d.decision == "review" and capped[k]:
            text += "; " + why_at_most_review(comparison, k)
        if d.competing and d.decision == "review":
            text += "; other candidates are close"
        elif (
            d.asked_with
            and d.decision == "review"
            and not capped[k]
            and (d.probability >= threshold_match)
        ):
            text += "; another request for him is not a match for this record"
        elif d.decision == "review" and not capped[k] and d.probability < threshold_match:
            text += f"; too little agrees for a match (it needs {threshold_match:g})"
        if not (d.duplicates and d.decision == "match"):
            rows.append((a.ids[d.request], b.ids[d.registry], d.probability, d.decision, text))
            continue
        group = [d.registry, *d.duplicates]
        if (ids := [b.ids[j] for j in group]) not in duplicates:  # once, however often asked
            duplicates.append(ids)
        names = ", ".join(b.ids[j] for j in group)
        rows.append((a.ids[d.request], b.ids[d.registry], d.probability, d.decision,
                     f"{text}; same person registered twice: {names}"))  # fmt: skip
        own = second.get(d.request, {})
        for j in d.duplicates:
            p, own_text = own[j]
            text = f"{own_text}; same person registered twice: {names}".lstrip("; ")
            rows.append((a.ids[d.request], b.ids[j], p, "match", text))
    return rows, duplicates


def _second_registrations(
    decisions: list[Decision],
    where: _PairIndex,
    scored: tuple[np.ndarray, np.ndarray, np.ndarray],
    capped: np.ndarray,
    threshold_match: float,
    reasons: Reasons,
) -> dict[int, dict[int, tuple[float, str]]]:
    """Per request, its second registrations' scores and reasons; each decision's duplicates
    are narrowed to them. A second registration is the asked person's only if it is, by
    itself, a match for the request: alike the first record is not enough (a near namesake
    is too). The reasons are worked out together: one call instead of one a person."""
    probability = scored[2]
    asked: list[int] = []
    records: list[int] = []
    for d in decisions:
        if not d.duplicates:
            continue
        at = where.positions(np.full(len(d.duplicates), d.request), np.array(d.duplicates))
        d.duplicates = [
            j
            for j, q in zip(d.duplicates, at.tolist(), strict=True)
            if q >= 0 and not capped[q] and probability[q] >= threshold_match
        ]
        asked += [d.request] * len(d.duplicates)
        records += d.duplicates
    i, j = np.array(asked, dtype=np.int64), np.array(records, dtype=np.int64)
    k = where.positions(i, j)
    texts = reasons.for_pairs(i, j, k) if len(k) else []
    found: dict[int, dict[int, tuple[float, str]]] = {}
    for x, y, q, text in zip(i.tolist(), j.tolist(), k.tolist(), texts, strict=True):
        found.setdefault(x, {})[y] = (float(probability[q]), text)
    return found


def link(
    requests: pd.DataFrame | Sequence[Person],
    registry: pd.DataFrame | Sequence[Person],
    *,
    threshold_match: float = DEFAULT_MATCH,
    threshold_review: float = DEFAULT_REVIEW,
    max_false_share: float = DEFAULT_MAX_FALSE_SHARE,
    guard_namesakes: bool = False,
) -> pd.DataFrame:
    """Pairs of (request, registry record) that are probably one person, with a calibrated
    score, a decision (`match` or `review`) and a reason. Requests with nothing above the review
    threshold are absent. Matches are kept, best first, while the share of them expected to be
    wrong (the mean of 1 - score) stays within `max_false_share`; the rest go to review.
    With `guard_namesakes`, pairs alike in every name are weighed against the namesakes the
    lists' dated pairs show beyond the names' frequencies (`namesakes`). `attrs` holds
    `pairs_compared`, `duplicates` (registry ids of persons registered more than once) and
    `asked_twice` (request ids of persons asked for more than once, matched on each).
    """
    check_thresholds(threshold_match, threshold_review, max_false_share)
    try:
        with without_cycle_collection():
            weighed = weigh(requests, registry, guard_namesakes)
            return linked(weighed, threshold_match, threshold_review, max_false_share)
    finally:
        forget_spellings()


def check_thresholds(
    threshold_match: float, threshold_review: float, max_false_share: float
) -> None:
    """ValueError unless 0 ≤ review ≤ match ≤ 1 and the false share is a share."""
    if not 0 <= threshold_review <= threshold_match <= 1:
        raise ValueError("thresholds must satisfy 0 ≤ review ≤ match ≤ 1")
    if not 0 <= max_false_share <= 1:
        raise ValueError("the false share of matches must be between 0 and 1")


@dataclass(frozen=True)
class Weighed:
    """A linking run's candidate pairs (ia[n], ib[n]: rows of a and b), compared and weighed,
    before any decision: what `link` decides from, and what `pairs.pair_table` shows."""

    a: Prepared
    b: Prepared
    ia: np.ndarray
    ib: np.ndarray
    comparison: Comparison
    model: Model
    frequencies: NameFrequencies
    weights: np.ndarray  # the pair's evidence, log2 of m/u summed over the fields
    probability: np.ndarray  # on the pair's own evidence; "clearly another" capped
    another: np.ndarray  # clearly another person (`rules.clearly_another`)
    capped: np.ndarray  # at most review (`rules.at_most_review`)
    namesakes: Namesakes  # what the dated pairs say of namesakes (`namesakes`)
    units_across: dict[str, int]  # what one person's pairs taught of units written two ways
    other_date_system: int  # pairs whose dates were read across Excel's date systems


def weigh(
    requests: pd.DataFrame | Sequence[Person],
    registry: pd.DataFrame | Sequence[Person],
    guard_namesakes: bool = False,
) -> Weighed | None:
    """Steps 1-5 of linking: prepare both lists, block, compare, fit the model on the lists
    and weigh every candidate pair (with `guard_namesakes`, against the lists' namesakes too);
    None when no pair is a candidate. Call it within `without_cycle_collection` and
    `forget_spellings` afterwards, as `link` does."""
    frames = _frame(requests), _frame(registry)
    known = known_names(frames)
    a, b = prepare(frames[0], known), prepare(frames[1], known)
    ready(a)
    ready(b)
    take_census(a, b)
    # What random pairs and the names' frequencies say needs no candidate pair: it is worked
    # out meanwhile.
    (ia, ib, comparison), (u, frequencies) = in_two_threads(
        lambda: _pairs_compared(a, b), lambda: (estimate_u(a, b), NameFrequencies(a, b))
    )
    if comparison is None:
        return None
    comparison, other_date_system = read_across(comparison, a, ia, b, ib)
    levels = comparison.levels
    one_person = (levels["family"] == EXACT) & (levels["given"] == EXACT)
    one_person &= levels["birth"] == DATE_SAME
    levels["unit"], units_across = learned_across(
        a.units, ia, b.units, ib, levels["unit"], one_person, SAME_CODE, 0
    )
    model = fit(a, b, comparison.levels, len(ia), u)
    exact_u = frequencies.exact_u(ia, ib)
    shares = anchored_birth_shares(model, comparison.levels, exact_u)
    model.take_swaps(float(shares[DATE_SWAPPED]))
    model.take_date_slips(float(shares[DATE_PART]))
    if model.slipping:
        # The lists' clerks mistype dates: one part apart is weighed, not a doubt by itself.
        comparison = replace(comparison, birth_doubtful=np.zeros(len(ia), dtype=bool))
    weights = model.weights(comparison.levels, exact_u)
    weights, namesakes = hold_names_weight(comparison, model, weights, exact_u, guard_namesakes)
    another = clearly_another(comparison)
    model.prior = prior_from_resolved(model, ia, weights, ~another, len(a) * len(b))
    probability = model.probability(weights)
    probability[another] = np.minimum(probability[another], CLEARLY_ANOTHER_SCORE)
    capped = at_most_review(comparison)
    return Weighed(
        a, b, ia, ib, comparison, model, frequencies, weights, probability, another, capped,
        namesakes, units_across, other_date_system,
    )  # fmt: skip


def linked(
    weighed: Weighed | None, threshold_match: float, threshold_review: float, max_false_share: float
) -> pd.DataFrame:
    """Steps 6 and 7 of linking: `link`'s table, decided from the weighed pairs (`weigh`); it
    reads them and changes nothing of them."""
    result = pd.DataFrame(columns=OUTPUT_COLUMNS)
    result.attrs.update(
        pairs_compared=0 if weighed is None else len(weighed.ia), duplicates=[], asked_twice=[]
    )
    if weighed is None:
        return result
    a, b, ia, ib = weighed.a, weighed.b, weighed.ia, weighed.ib
    model, frequencies, comparison = weighed.model, weighed.frequencies, weighed.comparison
    another, capped = weighed.another, weighed.capped
    probability = weighed.probability
    # Who is registered twice is judged on the pairs' own probabilities; the scores then weigh
    # each pair against its request's other candidate persons and "not held" (step 6).
    pairwise = (ia, ib, probability)
    thresholds = (threshold_review, threshold_match)
    same = one_person(b, "registry", model, frequencies, pairwise, *thresholds, capped)
    asked_twice = one_person(a, "requests", model, frequencies, pairwise, *thresholds, capped)
    held, person = held_share(model, len(b)), persons(same, len(b))
    asker = persons(asked_twice, len(a))
    probability = given_alternatives(pairwise[2], ia, person[ib], held, ~another)
    units_differ = comparison.levels["unit"] == 0
    decisions = decide_once(
        ia, ib, probability, same, asker, threshold_match, threshold_review, capped, units_differ
    )
    # A person matched to one request is no longer another's alternative: the requests that
    # counted him are weighed again without him, and decided again.
    taken = _taken(ia, ib, person, asker, decisions)
    if taken.any():
        probability = given_alternatives(pairwise[2], ia, person[ib], held, ~another, taken)
        decisions = decide_once(
            ia, ib, probability, same, asker, threshold_match, threshold_review, capped,
            units_differ,
        )  # fmt: skip
    scored = (ia, ib, probability)
    reasons = Reasons(a, b, comparison)
    rows, duplicates = _rows(decisions, a, b, scored, reasons, capped, threshold_match)
    rows, false_share = _within_false_share(rows, max_false_share)
    result = pd.DataFrame(rows, columns=OUTPUT_COLUMNS)
    result["score"] = result["score"].astype(float).round(4)
    result = result.sort_values(["request_id", "score"], ascending=[True, False], kind="stable")
    result = result.reset_index(drop=True)
    groups = sorted(
        {tuple(sorted(a.ids[i] for i in [d.request, *d.asked_with])) for d in decisions
         if d.asked_with and d.decision == "match"}
    )  # fmt: skip
    result.attrs.update(
        pairs_compared=len(ia), duplicates=duplicates, asked_twice=[list(g) for g in groups]
    )
    result.attrs["model"] = model_summary(
        model, frequencies, (threshold_match, threshold_review), len(a), len(b), len(ia)
    ) | {
        "false_share": false_share,
        "stand_in_dates": {"requests": stand_ins(a), "registry": stand_ins(b)},
        "namesakes": weighed.namesakes.summary(),
        "units_across": weighed.units_across,
        "other_date_system": weighed.other_date_system,
    }
    return result


def _within_false_share(rows: list[Row], max_share: float) -> tuple[list[Row], dict[str, float]]:
    """The rows with the matches scored below the false-share cutoff sent to review, and what
    the cap did: its cutoff, the false matches the kept ones are expected to hold, how many
    went to review."""
    scores = np.array([row[2] for row in rows if row[3] == "match"], dtype=float)
    cutoff = false_share_cutoff(scores, max_share)
    kept = scores[scores >= cutoff]
    said = f"; the matches' expected share of errors would pass {max_share:.2%} at this score"
    out = []
    for request, record, p, decision, text in rows:
        if decision == "match" and p < cutoff:
            decision, text = "review", text + said
        out.append((request, record, p, decision, text))
    summary = {
        "max": max_share,
        "cutoff": cutoff,
        "expected_false_matches": round(float((1.0 - kept).sum()), 2),
        "sent_to_review": int((scores < cutoff).sum()),
    }
    return out, summary
