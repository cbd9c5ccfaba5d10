"""Persons as the lists carry them: a registry of those a party holds, a request list of those
a party asks back. Fields follow Art. 122 of the Third Geneva Convention plus what planning needs.
"""

from __future__ import annotations

from datetime import date
from typing import Literal

from pydantic import Field

from parley.domain.base import Model

Consent = Literal["yes", "no", "unknown"]
PersonCategory = Literal["serviceman", "civilian"]
Sex = Literal["M", "F"]
ListKind = Literal["registry", "request"]


class Person(Model):
    """One person on a list. `id` is the list owner's identifier, unique within that list."""

    id: str = Field(min_length=1)
    family_name: str = Field(min_length=1)
    given_name: str = Field(min_length=1)
    patronymic: str | None = None
    birth_date: date | None = None
    sex: Sex | None = None
    military_unit: str | None = None
    category: PersonCategory = "serviceman"
    seriously_wounded: bool = False
    seriously_ill: bool = False
    consent: Consent = "unknown"
    captured_on: date | None = None
    # Columns the list carried that Parley has no field for: kept, never dropped.
    extra: dict[str, str] = Field(default_factory=dict)

    @property
    def full_name(self) -> str:
        parts = [self.family_name, self.given_name, self.patronymic or ""]
        return " ".join(p for p in parts if p)


class PersonList(Model):
    """A whole list: `party` is the holder for a registry, the requester for a request list."""

    kind: ListKind
    party: str
    persons: tuple[Person, ...]
