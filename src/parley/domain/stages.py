"""Stages carry out agreements: on a date, transfers of people or remains from one side to the
other, each with a count that may be exact, a range or unknown.
"""

from __future__ import annotations

from datetime import date
from typing import Any

from pydantic import ConfigDict, Field, field_validator, model_validator

from parley.domain.base import Category, Model
from parley.domain.intervals import Interval, parse_count


class Transfer(Model):
    """People or remains sent one way. Several categories mean the record does not split them."""

    from_party: str = Field(alias="from")
    to_party: str = Field(alias="to")
    categories: tuple[Category, ...] = Field(min_length=1)
    count: Interval = Interval.unknown()
    note: str | None = None

    model_config = ConfigDict(frozen=True, extra="forbid", populate_by_name=True)

    @field_validator("count", mode="before")
    @classmethod
    def _count(cls, value: Any) -> Interval:
        return parse_count(value)

    @model_validator(mode="after")
    def _two_sides(self) -> Transfer:
        if self.from_party == self.to_party:
            raise ValueError("a transfer goes from one party to the other")
        return self

    def share(self, category: Category) -> Interval:
        """What the record says about this category alone in this transfer."""
        if category not in self.categories:
            return Interval.zero()
        if len(self.categories) == 1:
            return self.count
        return self.count.up_to()


class Stage(Model):
    id: str = Field(min_length=1)
    date: date
    agreement: str | None = None
    clauses: tuple[str, ...] = ()
    mediator: str | None = None
    source: str | None = None
    note: str | None = None
    transfers: tuple[Transfer, ...] = ()

    @property
    def has_unknown_counts(self) -> bool:
        return any(not t.count.is_bounded for t in self.transfers)
