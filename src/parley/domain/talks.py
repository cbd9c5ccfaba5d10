"""Rounds of talks: who met where, for how long, what they agreed and where they stalled."""

from __future__ import annotations

from datetime import date
from typing import Literal

from pydantic import Field

from parley.domain.base import Model

Qualifier = Literal["exact", "about", "at_least", "at_most"]


class Member(Model):
    name: str
    role: str


class Delegation(Model):
    party: str
    head: Member
    members: tuple[Member, ...] = ()


class StalledPosition(Model):
    """A position one side holds that blocked agreement on an issue."""

    party: str
    position: str
    issue: str | None = None


class Round(Model):
    id: str = Field(min_length=1)
    number: int = Field(ge=1)
    date: date
    venue: str | None = None
    mediator: str | None = None
    delegations: tuple[Delegation, ...] = ()
    duration_minutes: int | None = Field(default=None, ge=0)
    # "less than two hours" is not 120 minutes: keep how the length was reported.
    duration_qualifier: Qualifier | None = None
    outcomes: tuple[str, ...] = ()
    stalled: tuple[StalledPosition, ...] = ()
    source: str | None = None
