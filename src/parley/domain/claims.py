"""Public claims ("about 2,300 servicemen returned") and how they are checked against the record.

What a claim says lives here; how it is checked against the record, in `claim_checks`.
"""

from __future__ import annotations

import math
from datetime import date
from typing import Literal

from pydantic import Field

from parley.domain.base import Category, Model
from parley.domain.intervals import Interval
from parley.domain.talks import Qualifier

Status = Literal["consistent", "inconsistent", "undetermined"]
DEFAULT_ABOUT_TOLERANCE = 0.10


class ClaimScope(Model):
    """Which part of the record a claim speaks of. Empty lists mean no restriction."""

    agreements: tuple[str, ...] = ()
    rounds: tuple[str, ...] = ()
    date_from: date | None = None
    date_to: date | None = None


class Claim(Model):
    id: str = Field(min_length=1)
    speaker: str
    said_on: date | None = None
    source: str | None = None
    quote: str | None = None
    note: str | None = None
    party: str  # the party that received
    category: Category
    claimed: int = Field(ge=0)
    qualifier: Qualifier = "exact"
    scope: ClaimScope = ClaimScope()


def claimed_interval(claim: Claim, about_tolerance: float = DEFAULT_ABOUT_TOLERANCE) -> Interval:
    n = claim.claimed
    match claim.qualifier:
        case "exact":
            return Interval.exact(n)
        case "about":
            return Interval(
                min=math.ceil(n * (1 - about_tolerance) - 1e-9),
                max=math.floor(n * (1 + about_tolerance) + 1e-9),
            )
        case "at_least":
            return Interval(min=n, max=None)
        case "at_most":
            return Interval(min=0, max=n)
