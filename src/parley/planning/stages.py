"""Spreading the released totals over the stages, as early as they fit.

Per direction, the 1:1 clauses need the same room on both sides of a stage, the unilateral
ones only on their own. Filling every stage from the first, unilateral clauses first and then
the 1:1 clauses in the room both sides still have, fits any totals the solver allows (at most
stages × capacity a direction): front-loading both sides leaves shared room of exactly
stages × capacity − the larger unilateral total, which the 1:1 totals never exceed. Within
each kind, clauses go in the order of the terms: the earlier clause, the earlier stage.
"""

from __future__ import annotations

from parley.planning.terms import PlanTerms

Lane = tuple[int, int]  # clause, direction


def spread(terms: PlanTerms, totals: dict[Lane, int]) -> dict[tuple[int, int, int], int]:
    """(clause, direction, stage) -> persons, from (clause, direction) -> persons."""
    room = [[terms.capacity] * terms.stages for _ in range(2)]
    counts: dict[tuple[int, int, int], int] = {}
    for c, clause in enumerate(terms.clauses):
        if clause.ratio != "unilateral":
            continue
        for d in (0, 1):
            left = totals.get((c, d), 0)
            for s in range(terms.stages):
                take = min(left, room[d][s])
                if take:
                    counts[(c, d, s)] = take
                    room[d][s] -= take
                    left -= take
            if left:
                raise ValueError(f"clause {clause.id}: {left} more than the stages can carry")
    for c, clause in enumerate(terms.clauses):
        if clause.ratio != "1:1":
            continue
        left = totals.get((c, 0), 0)
        if left != totals.get((c, 1), 0):
            raise ValueError(f"clause {clause.id}: totals differ between the directions")
        for s in range(terms.stages):
            take = min(left, room[0][s], room[1][s])
            if take:
                counts[(c, 0, s)] = counts[(c, 1, s)] = take
                room[0][s] -= take
                room[1][s] -= take
                left -= take
        if left:
            raise ValueError(f"clause {clause.id}: {left} more than the stages can carry")
    return counts
