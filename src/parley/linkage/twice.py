"""One person in two records of one list: registered twice (two registry records that compete
for a request), or asked for twice (two requests, from two offices, that compete for a
registry record). Both are judged alike: the two records are alike enough by themselves, or
each is by itself a match for the record they compete for, and nothing between them
contradicts. A person asked for twice is decided once, and each of his requests is told.
"""

from __future__ import annotations

from typing import Literal

import numpy as np
import pandas as pd

from parley.linkage.assign import Clusters, Decision, decide
from parley.linkage.compare import DATE_OTHER, DATE_PART, compare
from parley.linkage.frequency import NameFrequencies
from parley.linkage.model import Model
from parley.linkage.prepare import Prepared
from parley.linkage.rules import disagreements

DUPLICATE_CERTAINTY = 0.99

Side = Literal["registry", "requests"]


def one_person(
    records: Prepared,
    side: Side,
    model: Model,
    frequencies: NameFrequencies,
    pairs_scored: tuple[np.ndarray, np.ndarray, np.ndarray],
    review: float,
    match: float,
    capped: np.ndarray,
) -> dict[tuple[int, int], bool]:
    """Records of `side` that compete for one record of the other list and are, between
    themselves, one person: alike enough by themselves, or each by itself a match for the
    record they compete for (two records of one person often hold different halves of him:
    one the birth date, the other the unit), and nothing between them contradicts.
    `pairs_scored` is (request, registry record, probability) for every candidate pair.
    """
    ia, ib, probability = pairs_scored
    # Own: the records of `side`; other: what they compete for.
    own, other = (ib, ia) if side == "registry" else (ia, ib)
    pairs = _competing(other, own, probability >= review)
    if not pairs:
        return {}
    certain = probability >= max(match, DUPLICATE_CERTAINTY)
    both_match = set(_competing(other, own, certain & ~capped))
    left = np.array([x for x, _ in pairs], dtype=np.int64)
    right = np.array([y for _, y in pairs], dtype=np.int64)
    between = compare(records, records, left, right)
    levels = between.levels
    exact_u = frequencies.exact_u(left, right, within=side)
    alike = model.probability(model.weights(levels, exact_u))
    # Namesakes are told apart by what contradicts: records whose birth dates, units or any
    # strong identifier differ are two people however alike the rest.
    differ = disagreements(between)
    contradicted = (levels["unit"] == 0) | (levels["category"] == 0)
    # Dates one part apart are two people, unless the lists' clerks mistype dates so: then one
    # record of a person may carry the slip the other does not (weighed in `alike`).
    contradicted |= np.isin(
        levels["birth"], (DATE_OTHER,) if model.slipping else (DATE_OTHER, DATE_PART)
    )
    for field in differ.values():
        contradicted |= field
    alike_enough = (alike >= max(match, DUPLICATE_CERTAINTY)) | np.array(
        [pair in both_match for pair in pairs], dtype=bool
    )
    contested = _contested(other, own, probability >= review, capped, pairs)
    same = alike_enough & ~contradicted & ~contested
    return {pair: bool(s) for pair, s in zip(pairs, same, strict=True)}


def persons(same: dict[tuple[int, int], bool], size: int) -> np.ndarray:
    """The person of each of `size` records: one of his records stands for all."""
    clusters = Clusters.of(same)
    person = np.arange(size, dtype=np.int64)
    for x in clusters.parent:
        person[x] = clusters.find(x)
    return person


def _contested(
    other: np.ndarray,
    own: np.ndarray,
    plausible: np.ndarray,
    capped: np.ndarray,
    pairs: list[tuple[int, int]],
) -> np.ndarray:
    """Pairs of records that the other list tells apart: one of its records may be one of
    them and not the other (its own person, whose birth date the other contradicts). Two
    records of one person are wanted by the same records of the other list.
    """
    wanted = plausible & ~capped
    involved = {x for pair in pairs for x in pair}
    claimants: dict[int, set[int]] = {x: set() for x in involved}
    for claimant, record in zip(other[wanted].tolist(), own[wanted].tolist(), strict=True):
        if record in claimants:
            claimants[record].add(claimant)
    return np.array([claimants[x] != claimants[y] for x, y in pairs], dtype=bool)


def _competing(other: np.ndarray, own: np.ndarray, keep: np.ndarray) -> list[tuple[int, int]]:
    """The pairs of own records kept for one same record of the other list, each pair once."""
    plausible = pd.DataFrame({"a": other[keep], "b": own[keep]})
    shared = plausible[plausible.duplicated("a", keep=False)]
    by_other = shared.groupby("a")["b"].agg(list)
    return sorted({(x, y) for js in by_other for x in js for y in js if x < y})


def decide_once(
    ia: np.ndarray,
    ib: np.ndarray,
    probability: np.ndarray,
    registered_twice: dict[tuple[int, int], bool],
    asker: np.ndarray,
    threshold_match: float,
    threshold_review: float,
    capped: np.ndarray,
    units_differ: np.ndarray,
) -> list[Decision]:
    """`assign.decide`, with each person asked for twice (`asker`: the person of each
    request) decided once, on the best pair any of his requests has with a record, and the
    decision told to each of his requests on its own pair: a match where that pair is by
    itself one and no request of his contradicts the record (a strong identifier or the unit
    differs: what one request knows of him, the other's pair may not say), else review.
    """
    if (asker == np.arange(len(asker))).all():
        return decide(ia, ib, probability, registered_twice, threshold_match, threshold_review,
                      capped)  # fmt: skip
    first = _likeliest_per_person(asker[ia], ib, probability, capped)
    decided = decide(asker[ia][first], ib[first], probability[first], registered_twice,
                     threshold_match, threshold_review, capped[first])  # fmt: skip
    members: dict[int, list[int]] = {}
    for request, person in enumerate(asker.tolist()):
        members.setdefault(person, []).append(request)
    asked_twice = np.flatnonzero(np.bincount(asker, minlength=len(asker))[asker[ia]] > 1)
    where = {
        (a, b): k
        for k, a, b in zip(asked_twice.tolist(), ia[asked_twice].tolist(),
                           ib[asked_twice].tolist(), strict=True)
    }  # fmt: skip
    decisions = []
    for d in decided:
        asking = members[d.request]
        if len(asking) == 1:
            decisions.append(d)
            continue
        own = [(a, where[(a, d.registry)]) for a in asking if (a, d.registry) in where]
        contradicted = any(capped[k] or units_differ[k] for _, k in own)
        for a, k in own:
            p = float(probability[k])
            alone_a_match = p >= threshold_match and not contradicted
            verdict = "match" if d.decision == "match" and alone_a_match else "review"
            decisions.append(
                Decision(a, d.registry, p, verdict, list(d.duplicates), d.competing,
                         asked_with=tuple(x for x, _ in own if x != a))
            )  # fmt: skip
    return decisions


def _likeliest_per_person(
    person: np.ndarray, ib: np.ndarray, probability: np.ndarray, capped: np.ndarray
) -> np.ndarray:
    """One pair per person and record, in their order: the likeliest of those a match may be,
    if any. Only persons asked for twice have several; the rest need no ranking (a sort on all
    four keys of millions of pairs took longer than deciding them).
    """
    key = person * (int(ib.max(initial=0)) + 1) + ib
    order = np.argsort(key)
    sorted_key = key[order]
    starts = np.r_[True, sorted_key[1:] != sorted_key[:-1]]
    group = np.cumsum(starts) - 1
    size = np.bincount(group)
    first = order[starts]
    several = np.flatnonzero(size > 1)
    if len(several):
        shared = np.sort(order[size[group] > 1])  # ties go to the earlier pair
        ranked = shared[np.lexsort((-probability[shared], capped[shared], key[shared]))]
        ranked_key = key[ranked]
        first[several] = ranked[np.r_[True, ranked_key[1:] != ranked_key[:-1]]]
    return first
