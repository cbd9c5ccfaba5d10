"""A plan: who goes home, under which clause, in which stage, and why anyone does not."""

from __future__ import annotations

from collections.abc import Sequence
from dataclasses import dataclass
from typing import Any, NamedTuple, overload

import numpy as np

from parley.planning.aggregate import Grouping, clause_bits, group_persons
from parley.planning.assign import UNPLACED, assign
from parley.planning.eligibility import born_after, eligibility, ranked
from parley.planning.held import CONSENTS, NO_DATE, HeldPerson, HeldTable
from parley.planning.plan_json import plan_json
from parley.planning.solver import Progress, Status, solve
from parley.planning.stages import spread
from parley.planning.terms import PlanTerms


class Transfer(NamedTuple):
    person_id: str
    sender: str
    receiver: str
    clause: str


@dataclass(frozen=True)
class StagePlan:
    number: int
    transfers: tuple[Transfer, ...]


@dataclass(frozen=True)
class ClauseOutcome:
    clause: str
    sender: str
    receiver: str
    eligible: int
    released: int
    target: int
    shortfall: int
    reasons: tuple[str, ...]


class Exclusion(NamedTuple):
    person_id: str
    reason: str


class Exclusions(Sequence[Exclusion]):
    """Everyone left out, kept as two columns: a plan leaves out a hundred thousand."""

    def __init__(self, person_ids: Sequence[str], reasons: Sequence[str]) -> None:
        self.person_ids, self.reasons = tuple(person_ids), tuple(reasons)

    def __len__(self) -> int:
        return len(self.person_ids)

    @overload
    def __getitem__(self, at: int) -> Exclusion: ...
    @overload
    def __getitem__(self, at: slice) -> Sequence[Exclusion]: ...
    def __getitem__(self, at: int | slice) -> Exclusion | Sequence[Exclusion]:
        if isinstance(at, slice):
            return Exclusions(self.person_ids[at], self.reasons[at])
        return Exclusion(self.person_ids[at], self.reasons[at])

    def __eq__(self, other: object) -> bool:
        return list(self) == list(other) if isinstance(other, Sequence) else NotImplemented

    __hash__ = None  # type: ignore[assignment]


@dataclass(frozen=True)
class Plan:
    status: Status
    priority_released: int
    total_released: int
    stages: tuple[StagePlan, ...]
    clauses: tuple[ClauseOutcome, ...]
    excluded: Sequence[Exclusion]
    solve_seconds: float
    problem: str | None = None  # for an infeasible plan: the rule that cannot hold

    def to_json_bytes(self) -> bytes:
        """`json.dumps(self.to_json())`, compact, in UTF-8, written faster (plan_json.py)."""
        return plan_json(self)

    def to_json_text(self) -> str:
        return plan_json(self).decode("utf-8")

    def to_json(self, persons: bool = True) -> dict[str, Any]:
        """The plan.json contract (docs/plan-format.md); `persons=False` leaves the transfers
        and the excluded empty, for a writer that writes them itself.
        """
        data: dict[str, Any] = {
            "status": self.status,
            "objective": {
                "priority_released": self.priority_released,
                "total_released": self.total_released,
            },
            "stages": [
                {
                    "number": stage.number,
                    "transfers": [
                        {
                            "person_id": t.person_id,
                            "from": t.sender,
                            "to": t.receiver,
                            "clause": t.clause,
                        }
                        for t in (stage.transfers if persons else ())
                    ],
                }
                for stage in self.stages
            ],
            "clauses": [
                {
                    "clause": o.clause,
                    "from": o.sender,
                    "to": o.receiver,
                    "eligible": o.eligible,
                    "released": o.released,
                    "target": o.target,
                    "shortfall": o.shortfall,
                    "reasons": list(o.reasons),
                }
                for o in self.clauses
            ],
            "excluded": [
                {"person_id": i, "reason": r} for i, r in zip(*self.excluded_columns(), strict=True)
            ]
            if persons
            else [],
            "solve_seconds": round(self.solve_seconds, 3),
        }
        if self.problem:
            data["problem"] = self.problem
        return data

    def excluded_columns(self) -> tuple[Sequence[str], Sequence[str]]:
        """The ids and the reasons of everyone left out."""
        if isinstance(self.excluded, Exclusions):
            return self.excluded.person_ids, self.excluded.reasons
        return tuple(e.person_id for e in self.excluded), tuple(e.reason for e in self.excluded)

    @classmethod
    def from_json(cls, data: dict[str, Any]) -> Plan:
        """A plan as written by `to_json`; KeyError or TypeError when it is not one."""
        return cls(
            status=data["status"],
            priority_released=int(data["objective"]["priority_released"]),
            total_released=int(data["objective"]["total_released"]),
            stages=tuple(
                StagePlan(
                    int(stage["number"]),
                    tuple(
                        Transfer(str(t["person_id"]), t["from"], t["to"], t["clause"])
                        for t in stage["transfers"]
                    ),
                )
                for stage in data["stages"]
            ),
            clauses=tuple(
                ClauseOutcome(
                    o["clause"],
                    o["from"],
                    o["to"],
                    int(o["eligible"]),
                    int(o["released"]),
                    int(o["target"]),
                    int(o["shortfall"]),
                    tuple(o["reasons"]),
                )
                for o in data["clauses"]
            ),
            excluded=Exclusions(
                [str(e["person_id"]) for e in data["excluded"]],
                [e["reason"] for e in data["excluded"]],
            ),
            solve_seconds=float(data["solve_seconds"]),
            problem=data.get("problem"),
        )


def make_plan(
    terms: PlanTerms,
    persons: HeldTable | Sequence[HeldPerson],
    time_limit: float | None = None,
    progress: Progress | None = None,
) -> Plan:
    """The best plan the terms allow for these persons, each held by one of the parties."""
    table = persons if isinstance(persons, HeldTable) else HeldTable.of(persons)
    strangers = sorted(set(table.holder) - set(terms.parties))
    if strangers:
        raise ValueError(f"persons held by {', '.join(strangers)}, not a party to {terms.id}")
    eligible = eligibility(table, terms)
    order, level = ranked(table)
    grouping = group_persons(terms, table, eligible, order)
    solution = solve(terms, grouping.groups, time_limit, progress)
    if solution.status == "infeasible":
        return Plan(
            "infeasible", 0, 0, (), (), (), solution.seconds,
            problem=f"no plan meets every rule ({solution.failed_phase})",
        )  # fmt: skip
    totals: dict[tuple[int, int], int] = {}
    for (g, c), k in solution.released.items():
        lane = (c, grouping.groups[g].direction)
        totals[lane] = totals.get(lane, 0) + k
    clause, stage = assign(grouping, solution, spread(terms, totals), level, order)
    placed = order[clause[order] != UNPLACED]
    outcomes = _outcomes(terms, table, grouping, clause, stage)
    return Plan(
        solution.status,
        int(table.priority[placed].sum()),
        len(placed),
        _stages(terms, table, placed, clause, stage),
        outcomes,
        _exclusions(terms, table, grouping, clause, outcomes),
        solution.seconds,
    )


def _stages(
    terms: PlanTerms, table: HeldTable, placed: np.ndarray, clause: np.ndarray, stage: np.ndarray
) -> tuple[StagePlan, ...]:
    """The transfers of each stage, by clause, best first (`placed` lists them best first);
    each column gathered at once, not person by person.
    """
    ordered = placed[np.lexsort((clause[placed], stage[placed]))]
    at = ordered.tolist()
    senders = list(map(table.holder.__getitem__, at))
    receiver = {d.sender: d.receiver for d in terms.directions}
    names = [c.id for c in terms.clauses]
    transfers = list(
        map(
            Transfer,
            map(table.ids.__getitem__, at),
            senders,
            map(receiver.__getitem__, senders),
            map(names.__getitem__, clause[ordered].tolist()),
        )
    )
    bounds = np.searchsorted(stage[ordered], np.arange(terms.stages + 1)).tolist()
    return tuple(
        StagePlan(n + 1, tuple(transfers[bounds[n] : bounds[n + 1]])) for n in range(terms.stages)
    )


def _outcomes(
    terms: PlanTerms, table: HeldTable, grouping: Grouping, clause: np.ndarray, stage: np.ndarray
) -> tuple[ClauseOutcome, ...]:
    refused = table.consent == CONSENTS.index("no")
    placed = clause != UNPLACED
    stage_full = {}  # whether every stage carries all it may in that direction
    for d, direction in enumerate(terms.directions):
        loads = np.bincount(stage[placed & (grouping.direction == d)], minlength=terms.stages)
        stage_full[direction.sender] = bool((loads >= terms.capacity).all())
    tallies: dict[tuple[int, int], dict[str, int]] = {}
    for c in range(len(terms.clauses)):
        for d in range(2):
            meets = grouping.eligible[:, c] & (grouping.direction == d)
            tallies[(c, d)] = {
                "eligible": int(meets.sum()),
                "refused": int((meets & refused).sum()),
                "released": int((clause == c)[meets].sum()),
                "elsewhere": int((placed & (clause != c))[meets].sum()),
                "waiting": int((meets & ~placed & ~refused).sum()),
            }
    outcomes = []
    for c, terms_clause in enumerate(terms.clauses):
        for d, direction in enumerate(terms.directions):
            tally, other = tallies[(c, d)], tallies[(c, 1 - d)]
            limit = terms_clause.limit(direction)
            target = limit if limit is not None else tally["eligible"] - tally["elsewhere"]
            shortfall = max(target - tally["released"], 0)
            reasons = []
            if shortfall:
                willing = tally["released"] + tally["waiting"]
                if tally["refused"] and (limit is None or willing < limit):
                    reasons.append(f"consent refused: {tally['refused']}")
                if limit is not None and willing < limit:
                    reasons.append(f"{direction.sender} holds only {willing} eligible")
                if tally["waiting"]:
                    reasons += _waiting_because(
                        terms, terms_clause.ratio, direction.sender, direction.receiver,
                        tally, other, stage_full,
                    )  # fmt: skip
            if tally["elsewhere"]:
                reasons.append(f"released under other clauses: {tally['elsewhere']}")
            outcomes.append(
                ClauseOutcome(
                    terms_clause.id, direction.sender, direction.receiver, tally["eligible"],
                    tally["released"], target, shortfall, tuple(reasons),
                )
            )  # fmt: skip
    return tuple(outcomes)


def _waiting_because(
    terms: PlanTerms,
    ratio: str,
    sender: str,
    receiver: str,
    tally: dict[str, int],
    other: dict[str, int],
    full: dict[str, bool],
) -> list[str]:
    """Why eligible, willing persons of a clause and direction were left waiting."""
    reasons = []
    if full[sender]:
        reasons.append(f"capacity: {terms.stages} stages × {terms.capacity}")
    if ratio == "1:1":
        there = other["released"] + other["waiting"]
        if there <= tally["released"]:
            reasons.append(f"parity: {receiver} holds only {there} eligible")
        elif full[receiver]:
            reasons.append(
                f"parity: {receiver}'s side is at capacity "
                f"({terms.stages} stages × {terms.capacity})"
            )
    if not reasons:
        reasons.append("stage places went to other clauses: more persons home in all")
    return reasons


def _exclusions(
    terms: PlanTerms,
    table: HeldTable,
    grouping: Grouping,
    clause: np.ndarray,
    outcomes: tuple[ClauseOutcome, ...],
) -> Exclusions:
    """A reason for everyone left out; persons alike in what the reason says share one."""
    lane = {(o.clause, o.sender): o for o in outcomes}
    out = np.nonzero(clause == UNPLACED)[0]
    refused = table.consent[out] == CONSENTS.index("no")
    meets = grouping.eligible[out]
    bits = clause_bits(meets)
    none = bits == 0
    # What a reason depends on, packed in one integer: persons alike in it share one reason.
    unmet = none & ~refused
    alike = np.where(refused, 0, bits)
    ages = sorted(
        {a for c in terms.clauses for a in (c.eligible.under_age, c.eligible.min_age) if a}
    )
    under = [table.birth[out] > born_after(terms.plan_date, a) for a in ages]
    for column in (
        *(unmet & u for u in under),
        np.where(refused | none, 0, grouping.direction[out]),
        np.where(unmet, table.category[out], 0),
        unmet & table.wounded[out],
        unmet & table.ill[out],
        unmet & table.requested[out],
        unmet & (table.birth[out] == NO_DATE),
        refused,
    ):
        alike = alike * 2 + column
    _, first, which = np.unique(alike, return_index=True, return_inverse=True)
    reasons = [
        _reason(terms, table.person(int(out[at])), tuple(np.nonzero(meets[at])[0].tolist()), lane)
        for at in first.tolist()
    ]
    ids = table.ids
    return Exclusions([ids[i] for i in out.tolist()], [reasons[k] for k in which.tolist()])


def _reason(
    terms: PlanTerms,
    person: HeldPerson,
    meets: tuple[int, ...],
    lane: dict[tuple[str, str], ClauseOutcome],
) -> str:
    if person.consent == "no":
        return "consent refused: no repatriation against the person's will"
    if not meets:
        return _no_clause(terms, person)
    why = []
    for c in meets:
        clause = terms.clauses[c]
        outcome = lane[(clause.id, person.holder)]
        limit = clause.limit(next(d for d in terms.directions if d.sender == person.holder))
        if limit is not None and outcome.released >= limit:
            why.append(f"{clause.id}: its {limit:,} places are taken")
        else:
            found = [r for r in outcome.reasons if not r.startswith(("released under", "consent"))]
            why.append(f"{clause.id}: {found[0] if found else 'no place left'}")
    # Everyone released under these clauses ranks at least as high (rule 6).
    return "left out for higher-ranked persons — " + " | ".join(why)


def _no_clause(terms: PlanTerms, person: HeldPerson) -> str:
    same = [c for c in terms.clauses if c.category == person.category]
    if not same:
        return f"no clause covers {person.category}s"
    missing = []
    for clause in same:
        wants = clause.eligible
        for flag, label in (
            ("seriously_wounded", "seriously wounded"),
            ("seriously_ill", "seriously ill"),
            ("requested", "requested"),
        ):
            wanted = getattr(wants, flag)
            if wanted is not None and getattr(person, flag) != wanted:
                missing.append(f"{clause.id}: {'not ' if wanted else ''}{label}")
                break
        else:
            if wants.under_age is None and wants.min_age is None:
                continue
            if not person.birth_date:
                missing.append(f"{clause.id}: birth date unknown, so the age cannot be shown")
            elif wants.under_age is not None and wants.min_age is not None:
                missing.append(f"{clause.id}: not aged {wants.min_age} to {wants.under_age - 1}")
            elif wants.under_age is not None:
                missing.append(f"{clause.id}: not under {wants.under_age}")
            elif wants.min_age is not None:
                missing.append(f"{clause.id}: under {wants.min_age}")
    return "meets no clause — " + "; ".join(missing)
