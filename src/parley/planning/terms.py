"""The terms a plan is made under: an agreement file (YAML or JSON) as the planner reads it.

id: june-terms
parties: [RU, UA]
plan_date: 2025-06-09          # ages are computed on this date
stages: 4                      # number of stages to plan
capacity: 300                  # at most this many persons per direction per stage
clauses:                       # in priority order
  - {id: wounded, category: serviceman, eligible: {seriously_wounded: true},
     quantity: all, ratio: unilateral}
  - {id: general, category: serviceman, eligible: {},
     quantity: {RU->UA: 1000, UA->RU: 1000}, ratio: "1:1"}
"""

from __future__ import annotations

import json
from datetime import date
from importlib import resources
from pathlib import Path
from typing import Any, Literal

from pydantic import Field, field_validator, model_validator

from parley.documents import DocumentError, parse_document
from parley.domain.base import Model
from parley.domain.parties import split_direction

PersonCategory = Literal["serviceman", "civilian"]
Ratio = Literal["unilateral", "1:1"]
SCHEMA_FILE = "agreement.schema.json"


class Direction(Model):
    """Persons held by `sender`, released to `receiver`."""

    sender: str
    receiver: str

    @property
    def key(self) -> str:
        return f"{self.sender}->{self.receiver}"


class Eligible(Model):
    """Conditions a person must meet, all of them; an empty mapping admits everyone of the
    clause's category.
    """

    seriously_wounded: bool | None = None
    seriously_ill: bool | None = None
    requested: bool | None = None
    under_age: int | None = Field(default=None, ge=1, description="age on plan_date < N")
    min_age: int | None = Field(default=None, ge=0, description="age on plan_date >= N")


class PlanClause(Model):
    id: str = Field(min_length=1)
    category: PersonCategory
    eligible: Eligible = Eligible()
    quantity: Literal["all"] | dict[str, int] = Field(
        description='"all" (no limit) or at most this many per direction, e.g. {RU->UA: 1000}'
    )
    ratio: Ratio

    @field_validator("quantity")
    @classmethod
    def _amounts(cls, value: Literal["all"] | dict[str, int]) -> Literal["all"] | dict[str, int]:
        if isinstance(value, dict):
            for key, amount in value.items():
                split_direction(key)
                if amount < 0:
                    raise ValueError(f"quantity {key} cannot be negative")
        return value

    def limit(self, direction: Direction) -> int | None:
        """At most this many released in `direction`; None = no limit. A direction the terms
        do not name releases nobody under this clause.
        """
        if self.quantity == "all":
            return None
        return self.quantity.get(direction.key, 0)


class PlanTerms(Model):
    id: str = Field(min_length=1)
    parties: tuple[str, str]
    plan_date: date
    stages: int = Field(ge=1, le=1000)
    capacity: int = Field(ge=0, description="persons per direction per stage")
    clauses: tuple[PlanClause, ...] = Field(min_length=1, max_length=50)

    @model_validator(mode="after")
    def _consistent(self) -> PlanTerms:
        if self.parties[0] == self.parties[1]:
            raise ValueError("parties must be two different parties")
        seen: set[str] = set()
        for number, clause in enumerate(self.clauses):
            if clause.id in seen:
                raise ValueError(f"clauses[{number}]: clause id {clause.id!r} is used twice")
            seen.add(clause.id)
            if isinstance(clause.quantity, dict):
                for key in clause.quantity:
                    sender, receiver = split_direction(key)
                    if {sender, receiver} != set(self.parties):
                        raise ValueError(
                            f"clauses[{number}] ({clause.id}): quantity {key} names a party not "
                            f"in parties {list(self.parties)}"
                        )
        return self

    @property
    def directions(self) -> tuple[Direction, Direction]:
        a, b = self.parties
        return Direction(sender=a, receiver=b), Direction(sender=b, receiver=a)


class TermsError(DocumentError):
    pass


def parse_terms(text: str, source: str = "<agreement>") -> PlanTerms:
    try:
        return parse_document(PlanTerms, text, source, kind="an agreement's terms")
    except DocumentError as error:
        raise TermsError(error.source, error.problems, "no plan was made") from None


def load_terms(path: Path) -> PlanTerms:
    """An agreement file; TermsError naming the file, line and key when it breaks the contract."""
    try:
        text = path.read_text("utf-8")
    except (OSError, UnicodeDecodeError) as error:
        raise TermsError(str(path), [f"cannot be read: {error}"], "no plan was made") from None
    return parse_terms(text, source=str(path))


def terms_schema() -> dict[str, Any]:
    """The JSON Schema of agreement files, as published in the package."""
    schema = PlanTerms.model_json_schema()
    schema["title"] = "Parley agreement terms for stage planning"
    return schema


def published_schema() -> dict[str, Any]:
    text = (resources.files(__package__) / SCHEMA_FILE).read_text("utf-8")
    result: dict[str, Any] = json.loads(text)
    return result
