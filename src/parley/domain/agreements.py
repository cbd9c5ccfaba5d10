"""Agreements made at a round, and their clauses: who, how many each way, on what ratio."""

from __future__ import annotations

from typing import Literal

from pydantic import Field, field_validator

from parley.domain.base import Category, Model
from parley.domain.parties import split_direction

Ratio = Literal["1:1", "unilateral"]
# A number, "all" (no limit), or None where the terms named no figure.
Quantity = int | Literal["all"] | None


class Eligibility(Model):
    """Conditions a person must meet, all of them, to go under a clause. None = no condition."""

    seriously_wounded: bool | None = None
    seriously_ill: bool | None = None
    min_age: int | None = Field(default=None, ge=0)
    under_age: int | None = Field(default=None, ge=1)
    named_list: str | None = None
    requested: bool | None = None


class Clause(Model):
    id: str = Field(min_length=1)
    title: str
    categories: tuple[Category, ...] = Field(min_length=1)
    eligibility: Eligibility = Eligibility()
    quantity: dict[str, Quantity] = Field(default_factory=dict)
    ratio: Ratio = "1:1"

    @field_validator("quantity")
    @classmethod
    def _directions(cls, value: dict[str, Quantity]) -> dict[str, Quantity]:
        for key, amount in value.items():
            split_direction(key)
            if isinstance(amount, int) and amount < 0:
                raise ValueError(f"quantity {key} cannot be negative")
        return value

    def quantity_for(self, sender: str, receiver: str) -> Quantity:
        return self.quantity.get(f"{sender}->{receiver}")


class Agreement(Model):
    id: str = Field(min_length=1)
    round: str
    title: str
    clauses: tuple[Clause, ...] = ()
    source: str | None = None
    note: str | None = None

    def clause(self, clause_id: str) -> Clause:
        for clause in self.clauses:
            if clause.id == clause_id:
                return clause
        raise KeyError(f"agreement {self.id} has no clause {clause_id!r}")
