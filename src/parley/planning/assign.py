"""From counts to people: who of each group goes, under which clause, in which stage.

The solver decides how many of each group go under each clause; `stages.spread` how many of
each clause and direction go in each stage. Individuals are taken by rank within their group,
then (1) while an eligible person is left out and someone ranked strictly below them goes
under a clause they meet, in their direction, the two swap places (same clause and direction:
every count stays, so no rule can break; the released only ever rank higher, so it ends);
(2) within each clause and direction, the highest-ranked take the earliest stages.
"""

from __future__ import annotations

import heapq

import numpy as np

from parley.planning.aggregate import Grouping
from parley.planning.solver import Solution

UNPLACED = -1


def assign(
    grouping: Grouping,
    solution: Solution,
    staged: dict[tuple[int, int, int], int],
    level: np.ndarray,
    order: np.ndarray,
) -> tuple[np.ndarray, np.ndarray]:
    """Per person: the clause and the stage (0-based) they go under, UNPLACED if they stay.
    `staged` counts persons per (clause, direction, stage); `level` is each person's dense
    rank (0 the highest); `order` lists all persons best first.
    """
    count = len(grouping.direction)
    clause = np.full(count, UNPLACED, dtype=np.int64)
    stage = np.full(count, UNPLACED, dtype=np.int64)
    taken = [0] * len(grouping.groups)
    for (g, c), k in sorted(solution.released.items()):
        chosen = grouping.members[g][taken[g] : taken[g] + k]
        clause[chosen] = c
        taken[g] += k
    _make_fair(grouping, level, order, clause)
    placed = order[clause[order] != UNPLACED]  # best first
    for (c, d), lane_stages in _stage_lists(staged).items():
        lane = placed[(grouping.direction[placed] == d) & (clause[placed] == c)]
        stage[lane] = lane_stages
    return clause, stage


def _stage_lists(staged: dict[tuple[int, int, int], int]) -> dict[tuple[int, int], list[int]]:
    """Per lane, the stage of each of its persons in turn: earliest first."""
    lists: dict[tuple[int, int], list[int]] = {}
    for (c, d, s), k in sorted(staged.items()):
        lists.setdefault((c, d), []).extend([s] * k)
    return lists


class _Waiting:
    """The left-out persons who meet one clause in one direction, best first: the ones left
    out from the start in rank order, and those who lose their place later in a heap.
    """

    def __init__(self, start: np.ndarray, level: np.ndarray) -> None:
        self.start = start  # an array: few of its persons are ever looked at
        self.at = 0
        self.later: list[tuple[int, int]] = []
        self.level = level

    def best(self, clause: np.ndarray) -> int | None:
        while self.at < len(self.start) and clause[self.start[self.at]] != UNPLACED:
            self.at += 1
        while self.later and clause[self.later[0][1]] != UNPLACED:
            heapq.heappop(self.later)
        first = int(self.start[self.at]) if self.at < len(self.start) else None
        if self.later and (first is None or self.later[0][0] < self.level[first]):
            return self.later[0][1]
        return first

    def add(self, person: int) -> None:
        heapq.heappush(self.later, (int(self.level[person]), person))


def _make_fair(
    grouping: Grouping, level: np.ndarray, order: np.ndarray, clause: np.ndarray
) -> None:
    lanes = {(d, c) for d in (0, 1) for c in range(grouping.eligible.shape[1])}
    waiting: dict[tuple[int, int], _Waiting] = {}
    worst: dict[tuple[int, int], list[tuple[int, int]]] = {}
    out = order[(clause[order] == UNPLACED) & grouping.plannable[order]]
    # Gathered once for all lanes, not once a lane.
    out_direction, out_eligible = grouping.direction[out], grouping.eligible[out]
    for d, c in lanes:
        mine = out[(out_direction == d) & out_eligible[:, c]]
        waiting[(d, c)] = _Waiting(mine, level)
        placed = np.nonzero((clause == c) & (grouping.direction == d))[0]
        worst[(d, c)] = list(zip((-level[placed]).tolist(), placed.tolist(), strict=True))
        heapq.heapify(worst[(d, c)])
    pending = {lane for lane in lanes if worst[lane]}
    while pending:
        d, c = lane = pending.pop()
        released = worst[lane]
        while released:
            _, q = released[0]
            if clause[q] != c:  # moved since it was pushed
                heapq.heappop(released)
                continue
            p = waiting[lane].best(clause)
            if p is None or level[p] >= level[q]:
                break
            heapq.heapreplace(released, (-int(level[p]), p))
            clause[p], clause[q] = c, UNPLACED
            for other in np.nonzero(grouping.eligible[q])[0].tolist():
                waiting[(d, other)].add(q)
                if worst[(d, other)]:
                    pending.add((d, other))
