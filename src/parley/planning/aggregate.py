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


def group_persons(
    terms: PlanTerms, table: HeldTable, eligible: np.ndarray, order: np.ndarray
) -> Grouping:
    """Group the persons who may be planned: consenting (or not yet asked) and meeting at least
    one clause. `order` lists all persons best-ranked first; members keep that order.
    """
    # Compared as one array of strings, not holder by holder.
    direction = (np.array(table.holder, dtype=str) == terms.directions[1].sender).astype(np.int64)
    plannable = eligible.any(axis=1) & (table.consent != CONSENTS.index("no"))
    bits = (eligible.astype(np.int64) << np.arange(len(terms.clauses), dtype=np.int64)).sum(axis=1)
    signature = (bits * 2 + table.priority) * 2 + direction
    ranked = order[plannable[order]]
    keys, inverse = np.unique(signature[ranked], return_inverse=True)
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
