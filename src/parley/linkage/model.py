"""A Fellegi–Sunter model: how much each level of agreement says for or against a match.

u (how often unrelated records agree at a level) is measured on random pairs of the two lists,
with term frequencies for exact name agreement (two Коваленко agree far more often by chance
than two Гнатюк). m (how often the same person's records agree) starts from priors that say what
real lists do, and is refined by expectation–maximisation on the candidate pairs, so the model
fits the lists at hand. Scores are posterior match probabilities.
"""

from __future__ import annotations

from dataclasses import dataclass

import numpy as np

from parley.linkage.compare import DATE_PART, DATE_SWAPPED, EXACT, FIELDS, LEVELS, MISSING, compare
from parley.linkage.prepare import Prepared

# Share of true matches at each level, lowest level first; what lists of prisoners show:
# most names agree after transliteration, birth dates mostly agree, units often missing.
M_PRIORS: dict[str, list[float]] = {
    "family": [0.002, 0.01, 0.03, 0.06, 0.898],
    "given": [0.003, 0.01, 0.02, 0.04, 0.927],
    "patronymic": [0.003, 0.01, 0.02, 0.04, 0.927],
    "birth": [0.003, 0.005, 0.03, 0.03, 0.932],
    "unit": [0.02, 0.98],
    "sex": [0.002, 0.998],
    "category": [0.01, 0.99],
    # Of pairs meeting initials: none, one, two or more fit. Most records so written give both
    # given name and patronymic; a Latin initial (I. for Юрій) may fit no key of the name.
    "initials": [0.03, 0.22, 0.75],
    # Of true pairs born a year apart: day and month as written, or swapped too.
    "slips": [0.9, 0.1],
}
# Share of unrelated pairs at each level: what two random records of such lists do. Small lists
# say little about chance agreement, so the measured u is blended with these.
U_PRIORS: dict[str, list[float]] = {
    "family": [0.90, 0.05, 0.03, 0.015, 0.005],
    "given": [0.80, 0.06, 0.05, 0.04, 0.05],
    "patronymic": [0.80, 0.06, 0.05, 0.04, 0.05],
    "birth": [0.9937, 0.006, 0.0001, 0.0001, 0.0001],
    "unit": [0.95, 0.05],
    "sex": [0.5, 0.5],
    "category": [0.2, 0.8],
    "initials": [0.86, 0.13, 0.01],  # a letter of some thirty, or two
    "slips": [0.5, 0.5],  # each one date of the year before or after
}
# Ceilings on m at the lowest level ("differs": not the same name in any script, translation or
# near spelling; a birth date years apart). Clerks misspell, translate and swap, but seldom write
# another name altogether. When most requested persons are not held, their brothers and namesakes
# are a large class among the candidates, and EM, left free, would take that class for matches
# that "often differ in the given name": the ceiling keeps disagreement strong evidence.
M_DIFFERS_CEILING: dict[str, float] = {
    "family": 0.001,
    "given": 0.001,
    "patronymic": 0.001,
    "birth": 0.001,
}
# Floors on m at the lowest level, for a field whose disagreement is evidence but never proof:
# a detained civilian is sometimes registered as a serviceman, and the other way round. EM on
# lists where the two always agree would make one such slip outweigh every name and date.
M_DIFFERS_FLOOR: dict[str, float] = {"category": 0.01}
U_PRIOR_WEIGHT = 2_000.0
PRIOR_WEIGHT = 200.0  # pseudo-pairs behind each prior, so EM refines rather than replaces it
RANDOM_PAIRS = 60_000
# A near spelling of a rare family name (Полторакин/Полотракин) is all but as rare a chance as
# the name itself, and of a common one as common: the nearest level is weighed by the names'
# frequency too, as exact agreement is. The looser one holds other names of one stem as well
# (Макаришин/Макаркін): weighed so, it admitted 7 false matches for 66 true ones on the hard
# mix, against 2 for 59 on the nearest level. Given names and patronymics near one another
# are mostly slips of a few common names.
NEAR_FREQUENCY_FIELDS = ("family",)
NEAR_LEVELS = (EXACT - 1,)


@dataclass
class Model:
    m: dict[str, np.ndarray]
    u: dict[str, np.ndarray]
    prior: float  # probability that two records drawn at random are the same person
    # Whether these lists' clerks mistype one part of a birth date (`take_date_slips`).
    slipping: bool = False
    # EM's m for day and month swapped, where `take_swaps` raised it; None where it kept it.
    swaps_fitted: float | None = None

    def weights(
        self, levels: dict[str, np.ndarray], exact_u: dict[str, np.ndarray] | None = None
    ) -> np.ndarray:
        """log2 Bayes factor of each pair, missing fields counting neither way. `exact_u` gives,
        per name field, the chance agreement of each pair's own names, which replaces the
        average one where they agree exactly (or, in NEAR_FREQUENCY_FIELDS, nearly).
        """
        total = np.zeros(len(next(iter(levels.values()))))
        for field in FIELDS:
            level = levels[field].astype(np.int64)
            present = level != MISSING
            ratio = np.log2(self.m[field] / self.u[field])
            total[present] += ratio[level[present]]
            if exact_u and field in exact_u:
                weighed = level == EXACT
                if field in NEAR_FREQUENCY_FIELDS:
                    weighed |= np.isin(level, NEAR_LEVELS)
                total[weighed] += np.log2(self.u[field][EXACT] / exact_u[field][weighed])
        return total

    def take_date_slips(self, share: float) -> None:
        """Decide whether birth dates one part apart (a day, a month, a digit of the year) are,
        on these lists, likelier one person's with a clerk's slip than two strangers': yes when
        `share`, the share of one person's records so written (`anchored_birth_shares`),
        passes that of random pairs (u). Then m at that level is raised to `share` (the rest of
        the birth levels rescaled) where EM found less. If not, the clerks of these lists
        seldom slip so, and such a date is what tells a namesake from the person asked for
        (`rules`)."""
        self.slipping = bool(share > self.u["birth"][DATE_PART])
        if self.slipping:
            self._raise_birth_m(DATE_PART, share)

    def take_swaps(self, share: float) -> None:
        """Raise m at "day and month swapped" to `share`, the share of one person's records so
        written (`anchored_birth_shares`), where EM found less (the rest of the birth levels
        rescaled). Where common names crowd the candidates, EM takes a swapped date, which
        nothing else lifts, for a namesake's, and learns that clerks seldom swap: on the hard
        mix at scale 10 it found 0.3 % where one person's records show 3.4 %."""
        fitted = float(self.m["birth"][DATE_SWAPPED])
        if self._raise_birth_m(DATE_SWAPPED, share):
            self.swaps_fitted = fitted

    def _raise_birth_m(self, level: int, share: float) -> bool:
        """m of a birth-date level raised to `share` where EM found less, the other levels
        rescaled to keep the sum; whether it was."""
        m = self.m["birth"]
        if share <= m[level]:
            return False
        rest = np.delete(np.arange(len(m)), level)
        m[rest] *= (1 - share) / m[rest].sum()
        m[level] = share
        return True

    def probability(self, weights: np.ndarray) -> np.ndarray:
        odds = np.log2(self.prior / (1 - self.prior)) + weights
        result: np.ndarray = 1.0 / (1.0 + np.exp2(-np.clip(odds, -60, 60)))
        return result


# A pair at least this likely one person on all but its birth dates shows how the lists' clerks
# write one person's date (`anchored_birth_shares`).
ANCHORED = 0.999


def anchored_birth_shares(
    model: Model, levels: dict[str, np.ndarray], exact_u: dict[str, np.ndarray] | None
) -> np.ndarray:
    """The share of each birth-date level among the pairs that are one person on their names,
    unit and the rest alone: how often these lists' clerks mistype one part of a date
    (DATE_PART) or swap day and month (DATE_SWAPPED). EM cannot tell it on long lists: there
    namesakes born near one another outnumber such slips among the candidates, and EM takes
    the level for theirs. PRIOR_WEIGHT pseudo-pairs with the same date stand beside them, so
    that on short lists one namesake does not decide.
    """
    count = len(levels["birth"])
    undated = {**levels, **{f: np.full(count, MISSING, np.int8) for f in ("birth", "slips")}}
    anchored = model.probability(model.weights(undated, exact_u)) >= ANCHORED
    dated = levels["birth"][anchored & (levels["birth"] != MISSING)].astype(np.int64)
    shares: np.ndarray = np.bincount(dated, minlength=LEVELS["birth"])[: LEVELS["birth"]] / (
        len(dated) + PRIOR_WEIGHT
    )
    return shares


def _frequencies(level: np.ndarray, prior: list[float]) -> np.ndarray:
    size = len(prior)
    present = level[level != MISSING].astype(np.int64)
    counts = np.bincount(present, minlength=size)[:size].astype(float)
    blended = counts + U_PRIOR_WEIGHT * np.array(prior)
    result: np.ndarray = blended / blended.sum()
    return result


def estimate_u(a: Prepared, b: Prepared, seed: int = 0) -> dict[str, np.ndarray]:
    rng = np.random.default_rng(seed)
    n = min(RANDOM_PAIRS, len(a) * len(b))
    ia = rng.integers(0, len(a), n)
    ib = rng.integers(0, len(b), n)
    levels = compare(a, b, ia, ib).levels
    return {f: _frequencies(levels[f], U_PRIORS[f]) for f in FIELDS}


def expectation_maximisation(
    levels: dict[str, np.ndarray],
    u: dict[str, np.ndarray],
    expected_share: float,
    rounds: int = 25,
    learn_m: bool = True,
) -> tuple[dict[str, np.ndarray], float]:
    """m and the share of matches among the candidate pairs, fitted to the candidates (with
    `learn_m` false, only the share: m stays at the priors).
    """
    # Each pair's levels as one number (base MISSING + 1), so that counting the distinct
    # patterns is a 1-D unique rather than a slow row-wise one.
    base = MISSING + 1
    code = np.zeros(len(levels[FIELDS[0]]), dtype=np.int64)
    for field in FIELDS:
        code = code * base + levels[field].astype(np.int64)
    unique, counts = np.unique(code, return_counts=True)
    patterns = np.zeros((len(unique), len(FIELDS)), dtype=np.int64)
    for k in range(len(FIELDS) - 1, -1, -1):
        patterns[:, k] = unique % base
        unique = unique // base
    m = {f: np.array(M_PRIORS[f], dtype=float) for f in FIELDS}
    u_candidates = {f: u[f].copy() for f in FIELDS}
    share = min(max(expected_share, 1e-4), 0.9)
    for _ in range(rounds):
        log_m = np.zeros(len(patterns))
        log_u = np.zeros(len(patterns))
        for k, field in enumerate(FIELDS):
            level = patterns[:, k]
            present = level != MISSING
            log_m[present] += np.log(m[field][level[present]])
            log_u[present] += np.log(u_candidates[field][level[present]])
        match = share * np.exp(log_m)
        other = (1 - share) * np.exp(log_u)
        posterior = match / (match + other)
        share = float((counts * posterior).sum() / counts.sum())
        for k, field in enumerate(FIELDS):
            level = patterns[:, k]
            present = level != MISSING
            size = LEVELS[field]
            if learn_m:
                sums = np.bincount(
                    level[present], weights=(counts * posterior)[present], minlength=size
                )
                m[field] = _bounded(
                    field,
                    (sums + PRIOR_WEIGHT * np.array(M_PRIORS[field])) / (sums.sum() + PRIOR_WEIGHT),
                )
            rest = np.bincount(
                level[present], weights=(counts * (1 - posterior))[present], minlength=size
            )
            u_candidates[field] = (rest + 0.5) / (rest.sum() + 0.5 * size)
    return m, share


def _bounded(field: str, m: np.ndarray) -> np.ndarray:
    """m with its lowest level held between the field's floor and ceiling, the rest rescaled to
    sum to 1."""
    lowest = min(max(m[0], M_DIFFERS_FLOOR.get(field, 0.0)), M_DIFFERS_CEILING.get(field, 1.0))
    if lowest == m[0]:
        return m
    rest = m[1:] * (1 - lowest) / m[1:].sum()
    return np.concatenate(([lowest], rest))


def fit(
    a: Prepared,
    b: Prepared,
    levels: dict[str, np.ndarray],
    candidates: int,
    u: dict[str, np.ndarray] | None = None,
) -> Model:
    """The model fitted to the candidate pairs' levels; `u` from random pairs (`estimate_u`),
    estimated here unless given."""
    u = estimate_u(a, b) if u is None else u
    expected = min(len(a), len(b)) * 0.8 / max(candidates, 1)
    m, share = expectation_maximisation(levels, u, expected)
    prior = share * candidates / max(len(a) * len(b), 1)
    return Model(m=m, u=u, prior=min(max(prior, 1e-9), 0.5))


# A request counts as resolved when one of its pairs is more likely a match than not.
RESOLVED = 0.5


def prior_from_resolved(
    model: Model, requests: np.ndarray, weights: np.ndarray, eligible: np.ndarray, pairs: int
) -> float:
    """The prior, raised to at least the share of requests the model already resolves.

    EM puts too little mass on the long tail of true pairs that agree on little (a birth date
    and a unit missing, a name mistyped), and so underestimates how many of the requested are
    held; every match then needs more evidence than the lists warrant. The requests whose best
    pair is more likely a match than not are a lower bound on the true pairs: the prior is
    raised to it, never lowered.
    """
    resolved = model.probability(weights) >= RESOLVED
    count = len(np.unique(requests[resolved & eligible]))
    return float(min(max(model.prior, count / max(pairs, 1)), 0.5))


# Odds are taken from probabilities no closer to 0 or 1 than this, so that they stay finite.
_ODDS_EDGE = 1e-15
# Candidates this unlikely change no request's sum: a few dozen of them stay far below the
# smallest chance of "not held".
_NEGLIGIBLE_ODDS = 1e-6
# The held share is kept below 1: "not held" is always an explanation a request may have.
_MOST_HELD = 0.99


def held_share(model: Model, registry: int) -> float:
    """The share of requested persons the model expects to find in the registry."""
    return min(model.prior * registry, _MOST_HELD)


def given_alternatives(
    probability: np.ndarray,
    requests: np.ndarray,
    persons: np.ndarray,
    held: float,
    eligible: np.ndarray,
    taken: np.ndarray | None = None,
) -> np.ndarray:
    """Each pair's probability given its request's other candidates and the chance that the
    requested person is not held at all.

    A pair's own probability weighs its fields against every pair of the lists alike; it does
    not know that a request names one person. Among candidates that agree on the names alone,
    many are the namesakes of requests whose person is found elsewhere with a birth date: they
    lower the pair's score even for a request with no other candidate. A request's person is
    one of its candidates, or none (not held, not registered): with odds o for each candidate
    person, the chance it is this one is o / ((1 - held) + the sum of o). A request with one
    candidate is then as likely as its evidence against "not held"; two namesakes share it.
    `persons` names the registry person of each pair (a person registered twice counts once,
    by his likelier record); pairs not `eligible` keep their probability and count for none.
    A person `taken` by another request (matched to it) is no alternative for this one.
    """
    p = np.clip(probability, _ODDS_EDGE, 1 - _ODDS_EDGE)
    own = np.where(eligible, p / (1 - p), 0.0)
    counted = eligible & (own > _NEGLIGIBLE_ODDS)
    if taken is not None:
        counted &= ~taken
    at = np.flatnonzero(counted)
    request, person, odds = requests[at], persons[at], own[at]
    order = np.lexsort((-odds, person, request))
    request, person, odds, at = request[order], person[order], odds[order], at[order]
    first = np.ones(len(at), dtype=bool)
    first[1:] = (request[1:] != request[:-1]) | (person[1:] != person[:-1])
    person_odds = np.zeros(len(probability))
    person_odds[at] = odds[first][np.cumsum(first) - 1]
    size = int(requests.max(initial=-1)) + 1
    total = np.bincount(request[first], weights=odds[first], minlength=size)
    others = total[requests] - person_odds
    result = own / ((1 - held) + others + own)
    return np.where(eligible, result, probability)
