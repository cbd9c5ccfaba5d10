"""The aggregate model: interchangeable persons counted together, one integer per group, clause
and stage, so that the solver's size depends on the terms, not on how many people are held.
"""

from __future__ import annotations

from dataclasses import dataclass

import numpy as np

from parley.planning.held import CONSENTS, HeldTable
from parley.planning.terms import PlanTerms


@dataclass(frozen=True)
class Group:
    """Persons the objective and the rules cannot tell apart: same direction, same clauses they
    may go under, and equally a priority (seriously wounded or ill) or not.
    """

    direction: int  # index into PlanTerms.directions
    clauses: tuple[int, ...]  # indices into PlanTerms.clauses, in priority order
    priority: bool
    size: int


@dataclass(frozen=True)
class Grouping:
    groups: tuple[Group, ...]
    members: tuple[np.ndarray, ...]  # per group: person indices, best-ranked first
    direction: np.ndarray  # per person: index into PlanTerms.directions
    eligible: np.ndarray  # persons × clauses: meets the clause (whatever their consent)
    plannable: np.ndarray  # per person: meets a clause and has not refused


def clause_bits(eligible: np.ndarray) -> np.ndarray:
    """Per person, the clauses they meet as the bits of one integer (clause c: bit c); a
    column at a time, which numpy does faster than a sum along the rows.
    """
    bits = np.zeros(len(eligible), dtype=np.int64)
    for c in range(eligible.shape[1]):
        bits |= eligible[:, c].astype(np.int64) << c
    return bits


def _distinct(values: np.ndarray) -> tuple[np.ndarray, np.ndarray]:
    """`np.unique(values, return_inverse=True)`; for values below 2**16 (up to 14 clauses)
    counted rather than sorted, the inverse small enough for numpy's radix sort.
    """
    if not len(values) or values.max() >= 1 << 16:
        keys, inverse = np.unique(values, return_inverse=True)
        return keys, inverse
    seen = np.bincount(values) > 0
    return np.flatnonzero(seen), (np.cumsum(seen) - 1).astype(np.uint16)[values]


def group_persons(
    terms: PlanTerms, table: HeldTable, eligible: np.ndarray, order: np.ndarray
) -> Grouping:
    """Group the persons who may be planned: consenting (or not yet asked) and meeting at least
    one clause. `order` lists all persons best-ranked first; members keep that order.
    """
    # Compared as one array of the holders' names (objects: no copy of each into a string array).
    holders = np.array(table.holder, dtype=object)
    direction = (holders == terms.directions[1].sender).astype(np.int64)
    bits = clause_bits(eligible)
    plannable = (bits != 0) & (table.consent != CONSENTS.index("no"))
    signature = (bits * 2 + table.priority) * 2 + direction
    ranked = order[plannable[order]]
    keys, inverse = _distinct(signature[ranked])
    by_group = np.argsort(inverse, kind="stable")  # stable: rank order within each group
    bounds = np.searchsorted(inverse[by_group], np.arange(len(keys) + 1))
    groups, members = [], []
    for g, key in enumerate(keys.tolist()):
        mask, priority, d = key >> 2, bool(key >> 1 & 1), key & 1
        clauses = tuple(c for c in range(len(terms.clauses)) if mask >> c & 1)
        chosen = ranked[by_group[bounds[g] : bounds[g + 1]]]
        groups.append(Group(d, clauses, priority, len(chosen)))
        members.append(chosen)
    return Grouping(tuple(groups), tuple(members), direction, eligible, plannable)
