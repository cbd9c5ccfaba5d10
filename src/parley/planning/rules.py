"""Rules 1–7, checked on a plan as written, apart from how it was made: a plan that breaks
any of them is never written.
"""

from __future__ import annotations

from collections import Counter
from typing import cast

import numpy as np

from parley.planning.eligibility import eligibility, rank_levels
from parley.planning.held import CONSENTS, HeldTable
from parley.planning.plan import Plan
from parley.planning.terms import PlanTerms


def check_plan(terms: PlanTerms, table: HeldTable, plan: Plan) -> list[str]:
    """Every broken rule, as 'rule N: what'; empty when the plan keeps them all."""
    if plan.status == "infeasible":
        return []
    problems: list[str] = []
    index = dict(zip(table.ids, range(len(table)), strict=True))
    clause_index = {c.id: n for n, c in enumerate(terms.clauses)}
    receiver = {d.sender: d.receiver for d in terms.directions}
    eligible = eligibility(table, terms)
    if [s.number for s in plan.stages] != list(range(1, len(plan.stages) + 1)):
        problems.append("stages are not numbered 1, 2, …")
    if len(plan.stages) > terms.stages:
        problems.append(f"{len(plan.stages)} stages planned, the terms allow {terms.stages}")
    placed = _transfers_hold(table, plan, index, clause_index, receiver, eligible)
    if placed is not None:
        clause, stage, lanes, loads = placed
    else:
        # Some rule is broken: transfer by transfer, to say which and by whom.
        clause, stage, lanes, loads = _nobody_planned(len(table))
        for planned in plan.stages:
            for t in planned.transfers:
                i, c = index.get(t.person_id), clause_index.get(t.clause)
                if i is None or c is None:
                    problems.append(f"rule 1: {t.person_id} or clause {t.clause} is unknown")
                    continue
                holder = table.holder[i]
                if (t.sender, t.receiver) != (holder, receiver[holder]):
                    problems.append(f"rule 1: {t.person_id} is held by {holder}, not {t.sender}")
                if clause[i] >= 0:
                    problems.append(f"rule 1: {t.person_id} is planned twice")
                clause[i], stage[i] = c, planned.number
                if not eligible[i, c]:
                    problems.append(f"rule 1: {t.person_id} does not meet clause {t.clause}")
                if table.consent[i] == CONSENTS.index("no"):
                    problems.append(f"rule 2: {t.person_id} refused repatriation")
                lanes[(t.clause, t.sender, planned.number)] += 1
                loads[(t.sender, planned.number)] += 1
    excluded = plan.excluded_columns()[0]
    found = list(map(index.get, excluded))  # None: someone not held, which breaks no rule
    covered = clause >= 0
    covered[[i for i in found if i is not None]] = True
    if not covered.all():  # then say who
        named = set(excluded)
        for i in np.nonzero(~covered)[0].tolist():
            if table.ids[i] not in named:
                problems.append(f"{table.ids[i]} is neither planned nor excluded with a reason")
    for term in terms.clauses:
        for d in terms.directions:
            limit = term.limit(d)
            released = sum(k for (x, s, _), k in lanes.items() if x == term.id and s == d.sender)
            if limit is not None and released > limit:
                problems.append(f"rule 3: {term.id} releases {released} {d.key}, over {limit}")
        if term.ratio == "1:1":
            a, b = terms.parties
            for planned in plan.stages:
                n = planned.number
                here, there = lanes[(term.id, a, n)], lanes[(term.id, b, n)]
                if here != there:
                    problems.append(
                        f"rule 4: stage {n}, {term.id}: {here} from {a}, {there} from {b}"
                    )
    for (sender, number), load in loads.items():
        if load > terms.capacity:
            problems.append(f"rule 5: stage {number} carries {load} from {sender}")
    return problems + _fairness(terms, table, eligible, clause, stage)


Placed = tuple[
    np.ndarray,  # each person's clause (index into the terms' clauses), -1 for none
    np.ndarray,  # each person's stage number, -1 for none
    Counter[tuple[str, str, int]],  # transfers per clause, sender and stage
    Counter[tuple[str, int]],  # transfers per sender and stage
]


def _nobody_planned(persons: int) -> Placed:
    none = np.full(persons, -1, dtype=np.int64)
    return none, none.copy(), Counter(), Counter()


def _transfers_hold(
    table: HeldTable,
    plan: Plan,
    index: dict[str, int],
    clause_index: dict[str, int],
    receiver: dict[str, str],
    eligible: np.ndarray,
) -> Placed | None:
    """Where every person is placed, when every transfer keeps rules 1 and 2 — a known person,
    from its holder to the other party, once, under a clause the person meets, not against
    their will — checked on all transfers as arrays; None when one does not.
    """
    transfers = [t for planned in plan.stages for t in planned.transfers]
    placed = _nobody_planned(len(table))
    if not transfers:
        return placed
    ids, senders, receivers, clause_ids = zip(*transfers, strict=True)
    found = list(map(index.get, ids))
    chosen = list(map(clause_index.get, clause_ids))
    if None in found or None in chosen:
        return None
    at = cast(list[int], found)
    holders = list(map(table.holder.__getitem__, at))
    if list(senders) != holders or list(receivers) != list(map(receiver.__getitem__, holders)):
        return None
    who, under = np.array(at, dtype=np.int64), np.array(chosen, dtype=np.int64)
    numbers = np.repeat(
        [s.number for s in plan.stages], [len(s.transfers) for s in plan.stages]
    ).astype(np.int64)
    if np.bincount(who).max() > 1 or not eligible[who, under].all():
        return None
    if (table.consent[who] == CONSENTS.index("no")).any():
        return None
    clause, stage, lanes, loads = placed
    clause[who], stage[who] = under, numbers
    stages = numbers.tolist()
    lanes.update(zip(clause_ids, senders, stages, strict=True))
    loads.update(zip(senders, stages, strict=True))
    return placed


def _fairness(
    terms: PlanTerms,
    table: HeldTable,
    eligible: np.ndarray,
    clause: np.ndarray,
    stage: np.ndarray,
) -> list[str]:
    """Rule 6: nobody left out ranks above someone released under a clause they meet, in their
    direction. Rule 7: within a clause and direction, earlier stages carry higher ranks.
    """
    problems = []
    level = rank_levels(table)
    holder = np.array(table.holder, dtype=object)
    sides = {sender: holder == sender for sender in terms.parties}
    waiting = (clause < 0) & (table.consent != CONSENTS.index("no"))
    for c, terms_clause in enumerate(terms.clauses):
        for sender in terms.parties:
            mine = sides[sender]
            released = mine & (clause == c)
            if not released.any():
                continue
            worst = level[released].max()
            left = mine & waiting & eligible[:, c]
            if left.any() and level[left].min() < worst:
                who = table.ids[int(np.nonzero(left & (level < worst))[0][0])]
                problems.append(
                    f"rule 6: {who} is left out of {terms_clause.id} from {sender} while "
                    "someone ranked below is released under it"
                )
            # Rule 7: ordered by stage, ranks never improve.
            at = np.nonzero(released)[0]
            by_stage = at[np.lexsort((level[at], stage[at]))]
            later = stage[by_stage][1:] > stage[by_stage][:-1]
            running_worst = np.maximum.accumulate(level[by_stage])
            if (later & (level[by_stage][1:] < running_worst[:-1])).any():
                problems.append(
                    f"rule 7: {terms_clause.id} from {sender}: a later stage carries a higher rank"
                )
    return problems
