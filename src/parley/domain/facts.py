"""How a record and person lists become facts to store, and how stored facts become a record."""

from __future__ import annotations

from collections.abc import Callable, Iterable, Mapping, Sequence
from typing import Any

from parley.domain.agreements import Agreement
from parley.domain.base import Model
from parley.domain.claims import Claim
from parley.domain.events import Fact
from parley.domain.parties import Mediator, Party
from parley.domain.people import ListKind, Person
from parley.domain.record import Record
from parley.domain.stages import Stage
from parley.domain.talks import Round

# Kinds of fact that make up a record, in the order they are written.
RECORD_KINDS: tuple[str, ...] = (
    "party",
    "mediator",
    "round",
    "agreement",
    "stage",
    "claim",
    "coverage",
)


def _dump(model: Model) -> dict[str, Any]:
    return model.model_dump(mode="json", by_alias=True)


def record_facts(record: Record, source: str) -> list[Fact]:
    """The facts a record states. `source` names where the coverage period comes from."""
    facts: list[Fact] = []
    keyed: list[tuple[str, Sequence[Model], Callable[[Any], str]]] = [
        ("party", record.parties, lambda p: p.code),
        ("mediator", record.mediators, lambda m: m.code),
        ("round", record.rounds, lambda r: r.id),
        ("agreement", record.agreements, lambda a: a.id),
        ("stage", record.stages, lambda s: s.id),
        ("claim", record.claims, lambda c: c.id),
    ]
    for kind, items, key in keyed:
        facts += [Fact(kind, key(item), _dump(item)) for item in items]
    if record.covers_until is not None:
        coverage = {"covers_until": record.covers_until.isoformat()}
        facts.append(Fact("coverage", source, coverage))
    return facts


def record_from_facts(facts: Mapping[str, Iterable[Mapping[str, Any]]]) -> Record:
    """Rebuild the record from stored facts, by kind."""
    ends = [f["covers_until"] for f in facts.get("coverage", ())]
    return Record(
        parties=tuple(Party.model_validate(f) for f in facts.get("party", ())),
        mediators=tuple(Mediator.model_validate(f) for f in facts.get("mediator", ())),
        rounds=tuple(
            sorted(
                (Round.model_validate(f) for f in facts.get("round", ())),
                key=lambda r: (r.date, r.number),
            )
        ),
        agreements=tuple(Agreement.model_validate(f) for f in facts.get("agreement", ())),
        stages=tuple(
            sorted((Stage.model_validate(f) for f in facts.get("stage", ())), key=_stage_order)
        ),
        claims=tuple(Claim.model_validate(f) for f in facts.get("claim", ())),
        covers_until=max(ends) if ends else None,
    )


def _stage_order(stage: Stage) -> tuple[Any, ...]:
    return (stage.date, stage.id)


def person_key(list_kind: ListKind, party: str, person_id: str) -> str:
    return f"{list_kind}/{party}/{person_id}"


def person_facts(list_kind: ListKind, party: str, persons: Iterable[Person]) -> list[Fact]:
    return [
        Fact(
            "person",
            person_key(list_kind, party, p.id),
            {"list_kind": list_kind, "party": party, "person": _dump(p)},
        )
        for p in persons
    ]
