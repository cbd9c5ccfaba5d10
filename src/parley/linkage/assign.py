"""From scored pairs to decisions: one registry record per request, a person registered twice
kept together, and a person asked to look only where the lists cannot tell.
"""

from __future__ import annotations

import math
from collections import defaultdict
from dataclasses import dataclass, field

import numpy as np


@dataclass
class Decision:
    request: int
    registry: int
    probability: float
    decision: str  # "match" or "review"
    duplicates: list[int] = field(default_factory=list)  # other records of the same person
    competing: bool = False
    asked_with: tuple[int, ...] = ()  # other requests for the same person


# A rival is close when it is within this many bits of log-odds of the best pair: 2**5 = 32
# times less likely is no longer a choice a person needs to make.
RIVAL_MARGIN_BITS = 5.0


def _logit(p: float) -> float:
    p = min(max(p, 1e-12), 1 - 1e-12)
    return math.log2(p / (1 - p))


def _close(best: float, others: list[float]) -> bool:
    return any(_logit(best) - _logit(q) < RIVAL_MARGIN_BITS for q in others)


class Clusters:
    """Union-find over registry records judged to be one person."""

    def __init__(self) -> None:
        self.parent: dict[int, int] = {}

    def find(self, x: int) -> int:
        self.parent.setdefault(x, x)
        while self.parent[x] != x:
            self.parent[x] = self.parent[self.parent[x]]
            x = self.parent[x]
        return x

    def union(self, x: int, y: int) -> None:
        self.parent[self.find(x)] = self.find(y)

    @classmethod
    def of(cls, same_person: dict[tuple[int, int], bool]) -> Clusters:
        """The records joined where `same_person` says two are one person."""
        clusters = cls()
        for (b1, b2), same in same_person.items():
            if same:
                clusters.union(b1, b2)
        return clusters

    def joined(self) -> np.ndarray:
        """Every record joined with another so far."""
        return np.array(list(self.parent), dtype=np.int64)


def _alone(ia: np.ndarray, ib: np.ndarray, keep: np.ndarray, clusters: Clusters) -> np.ndarray:
    """The kept pairs that compete with none: the request's only one, the registry record's
    only one, and the record no other's double. Most pairs are; they are decided at once."""
    requests = np.bincount(ia[keep], minlength=int(ia.max(initial=0)) + 1)
    records = np.bincount(ib[keep], minlength=int(ib.max(initial=0)) + 1)
    doubled = np.isin(ib, clusters.joined())
    alone: np.ndarray = keep & (requests[ia] == 1) & (records[ib] == 1) & ~doubled
    return alone


def decide(
    ia: np.ndarray,
    ib: np.ndarray,
    probability: np.ndarray,
    same_person: dict[tuple[int, int], bool],
    threshold_match: float,
    threshold_review: float,
    at_most_review: np.ndarray | None = None,
) -> list[Decision]:
    """Greedy one-to-one assignment by probability over requests and registry persons.

    `same_person[(b1, b2)]` says whether two registry records are one person registered twice.
    A pair is a match only when it clears `threshold_match` and no other plausible pair (above
    `threshold_review`, and nearly as likely) competes for its request or its registry person;
    otherwise it is sent to review with its competitors. Pairs flagged `at_most_review`
    (strong identifiers disagree: `rules.at_most_review`) are never a match.
    """
    clusters = Clusters.of(same_person)
    keep = probability >= threshold_review
    capped = np.zeros(len(ia), bool) if at_most_review is None else at_most_review
    alone = _alone(ia, ib, keep, clusters)
    decisions = [
        Decision(a, b, p, "match" if p >= threshold_match and not no else "review")
        for a, b, p, no in zip(
            ia[alone].tolist(), ib[alone].tolist(), probability[alone].tolist(),
            capped[alone].tolist(), strict=True,
        )
    ]  # fmt: skip
    keep &= ~alone
    best: dict[tuple[int, int], tuple[float, int]] = {}
    # Plain ints and floats: numpy scalars would make every step below several times slower.
    kept = ia[keep].tolist(), ib[keep].tolist(), probability[keep].tolist()
    no_match = set(zip(ia[keep & capped].tolist(), ib[keep & capped].tolist(), strict=True))
    for a, b, p in zip(*kept, strict=True):
        key = (a, clusters.find(b))
        if key not in best or p > best[key][0]:
            best[key] = (p, b)
    members: dict[int, list[int]] = defaultdict(list)
    for b in np.unique(ib[keep]).tolist():
        members[clusters.find(b)].append(b)
    by_request: dict[int, list[tuple[float, int]]] = defaultdict(list)
    by_person: dict[int, list[tuple[float, int]]] = defaultdict(list)
    for (a, person), (p, _) in best.items():
        by_request[a].append((p, person))
        by_person[person].append((p, a))
    taken_requests: set[int] = set()
    taken_persons: set[int] = set()

    # Pairs that may be a match claim their request and person before those that may not.
    def claim_order(item: tuple[tuple[int, int], tuple[float, int]]) -> tuple[bool, float]:
        (a, _), (p, b) = item
        return (a, b) in no_match, -p

    for (a, person), (p, b) in sorted(best.items(), key=claim_order):
        if a in taken_requests or person in taken_persons:
            continue
        taken_requests.add(a)
        taken_persons.add(person)
        allowed = (a, b) not in no_match
        # A rival on which a strong identifier disagrees is no rival to a pair on which none
        # does: its score says how alike the rest is, not that it could be the same person.
        rivals = _close(
            p,
            [q for q, other in by_request[a]
             if other != person and not (allowed and (a, best[(a, other)][1]) in no_match)],
        ) or _close(
            p,
            [q for q, other in by_person[person]
             if other != a and not (allowed and (other, best[(other, person)][1]) in no_match)],
        )  # fmt: skip
        verdict = "match" if p >= threshold_match and not rivals and allowed else "review"
        others = [m for m in members[person] if m != b]
        decisions.append(Decision(a, b, p, verdict, others, rivals))
        if verdict == "review":
            for p2, other in sorted(by_request[a], reverse=True)[:3]:
                if other != person:
                    decisions.append(Decision(a, best[(a, other)][1], p2, "review", [], True))
    # Requests whose every candidate went to a better-placed request: a person must look.
    for a, options in by_request.items():
        if a not in taken_requests:
            p, person = max(options)
            decisions.append(Decision(a, best[(a, person)][1], p, "review", [], True))
    return decisions


# A match this likely is kept whatever the others: in a short list, one match at 0.998 would
# otherwise pass a 0.1 % share of errors by itself.
NEVER_CUT_FROM = 0.99


# How sure the cap must be that the kept matches hold no more than their share of errors: the
# expected count of false matches plus this many of its standard deviations must fit. In a
# short list one error more than expected passes the share; in a long one the margin is slight.
# Two, not one: scores weighed against a request's alternatives are calibrated, not cautious,
# and with one deviation a list of 1,900 matches kept two false ones (precision 0.9989).
CAP_DEVIATIONS = 2.0


def false_share_cutoff(
    probabilities: np.ndarray, max_share: float, deviations: float = CAP_DEVIATIONS
) -> float:
    """The lowest score a match may have so that the matches kept (every one scoring at least
    that) hold, by their own scores, at most `max_share` false ones, with a margin: their
    expected count of false matches (the sum of 1 - p) plus `deviations` standard deviations
    of that count must stay within the share, as far down as it does; never above
    NEVER_CUT_FROM.

    A score of 0.95 is a match that is wrong one time in twenty. Few of those among thousands
    of near-certain ones cost nothing; where common names crowd the lists (every request a
    namesake away from a stranger) they add up, and the worst error Parley can make is
    telling a family that a stranger is their son. 0.0 when every match may stay.
    """
    if len(probabilities) == 0:
        return 0.0
    ranked = np.sort(probabilities)[::-1]
    expected = np.cumsum(1.0 - ranked)
    spread = np.sqrt(np.cumsum(ranked * (1.0 - ranked)))
    allowed = max_share * np.arange(1, len(ranked) + 1)
    fits = expected + deviations * spread <= allowed * (1 + 1e-12)
    # A cut falls between two scores, never among equal ones.
    last_of_equals = np.r_[ranked[:-1] > ranked[1:], True]
    within = np.flatnonzero(fits & last_of_equals)
    if fits[-1]:
        return 0.0
    return min(float(ranked[within[-1]]) if len(within) else 1.0, NEVER_CUT_FROM)
