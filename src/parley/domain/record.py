"""The record: everything known about a series of talks and the exchanges they produced."""

from __future__ import annotations

from datetime import date

from pydantic import model_validator

from parley.domain.agreements import Agreement
from parley.domain.base import Model
from parley.domain.claims import Claim
from parley.domain.parties import Mediator, Party
from parley.domain.stages import Stage
from parley.domain.talks import Round


class Record(Model):
    parties: tuple[Party, ...] = ()
    mediators: tuple[Mediator, ...] = ()
    rounds: tuple[Round, ...] = ()
    agreements: tuple[Agreement, ...] = ()
    stages: tuple[Stage, ...] = ()
    claims: tuple[Claim, ...] = ()
    # The last day the record speaks for; later events are not in it.
    covers_until: date | None = None

    @model_validator(mode="after")
    def _references_resolve(self) -> Record:
        problems = reference_problems(self)
        if problems:
            raise ValueError("; ".join(problems))
        return self

    def agreement(self, agreement_id: str) -> Agreement:
        for agreement in self.agreements:
            if agreement.id == agreement_id:
                return agreement
        raise KeyError(agreement_id)

    def round_of_agreement(self, agreement_id: str | None) -> str | None:
        """The round of a recorded agreement; None for none, or one the record does not hold
        (a handover's plan may name an agreement no longer recorded)."""
        if agreement_id is None:
            return None
        try:
            return self.agreement(agreement_id).round
        except KeyError:
            return None

    @property
    def end(self) -> date | None:
        """The record's last day: as declared, else the latest stage."""
        if self.covers_until is not None:
            return self.covers_until
        return max((s.date for s in self.stages), default=None)


def reference_problems(record: Record) -> list[str]:
    """Every reference that points at nothing, in words; empty when the record is whole."""
    problems: list[str] = []
    party_codes = {p.code for p in record.parties}
    mediator_codes = {m.code for m in record.mediators}
    round_ids = {r.id for r in record.rounds}
    agreements = {a.id: a for a in record.agreements}
    for kind, ids in (
        ("round", [r.id for r in record.rounds]),
        ("agreement", list(agreements)),
        ("stage", [s.id for s in record.stages]),
        ("claim", [c.id for c in record.claims]),
    ):
        duplicates = sorted({i for i in ids if ids.count(i) > 1})
        problems += [f"{kind} id {i!r} is used twice" for i in duplicates]
    for rnd in record.rounds:
        if rnd.mediator and rnd.mediator not in mediator_codes:
            problems.append(f"round {rnd.id}: unknown mediator {rnd.mediator!r}")
        for delegation in rnd.delegations:
            if party_codes and delegation.party not in party_codes:
                problems.append(f"round {rnd.id}: delegation of unknown party {delegation.party!r}")
    for agreement in record.agreements:
        if agreement.round not in round_ids:
            problems.append(f"agreement {agreement.id}: unknown round {agreement.round!r}")
    for stage in record.stages:
        if stage.mediator and stage.mediator not in mediator_codes:
            problems.append(f"stage {stage.id}: unknown mediator {stage.mediator!r}")
        if stage.agreement is not None:
            found = agreements.get(stage.agreement)
            if found is None:
                problems.append(f"stage {stage.id}: unknown agreement {stage.agreement!r}")
            else:
                clause_ids = {c.id for c in found.clauses}
                problems += [
                    f"stage {stage.id}: agreement {found.id} has no clause {c!r}"
                    for c in stage.clauses
                    if c not in clause_ids
                ]
        for transfer in stage.transfers:
            for code in (transfer.from_party, transfer.to_party):
                if party_codes and code not in party_codes:
                    problems.append(f"stage {stage.id}: unknown party {code!r}")
    for claim in record.claims:
        if party_codes and claim.party not in party_codes:
            problems.append(f"claim {claim.id}: unknown party {claim.party!r}")
        problems += [
            f"claim {claim.id}: unknown agreement {a!r}"
            for a in claim.scope.agreements
            if a not in agreements
        ]
        problems += [
            f"claim {claim.id}: unknown round {r!r}"
            for r in claim.scope.rounds
            if r not in round_ids
        ]
    return problems
