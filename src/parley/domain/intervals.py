"""Counts the public record may know only partly: an interval [min, max], max None = unbounded.

Parley never invents a count: an unannounced figure is [0, ∞) and stays so through every sum.
"""

from __future__ import annotations

from collections.abc import Iterable
from typing import Any

from pydantic import model_validator

from parley.domain.base import Model


class Interval(Model):
    min: int
    max: int | None

    @model_validator(mode="after")
    def _ordered(self) -> Interval:
        if self.min < 0:
            raise ValueError("a count cannot be negative")
        if self.max is not None and self.max < self.min:
            raise ValueError(f"max {self.max} is below min {self.min}")
        return self

    @classmethod
    def exact(cls, n: int) -> Interval:
        return cls(min=n, max=n)

    @classmethod
    def unknown(cls) -> Interval:
        return cls(min=0, max=None)

    @classmethod
    def zero(cls) -> Interval:
        return cls(min=0, max=0)

    @property
    def is_exact(self) -> bool:
        return self.max == self.min

    @property
    def is_bounded(self) -> bool:
        return self.max is not None

    def __add__(self, other: Interval) -> Interval:
        top = None if self.max is None or other.max is None else self.max + other.max
        return Interval(min=self.min + other.min, max=top)

    def up_to(self) -> Interval:
        """What one share of a mixed transfer may be: anything from none to all of it."""
        return Interval(min=0, max=self.max)

    def unbounded(self) -> Interval:
        return Interval(min=self.min, max=None)

    def within(self, outer: Interval) -> bool:
        """Every value of self lies in outer."""
        if self.min < outer.min:
            return False
        if outer.max is None:
            return True
        return self.max is not None and self.max <= outer.max

    def overlaps(self, other: Interval) -> bool:
        below = other.max is not None and self.min > other.max
        above = self.max is not None and other.min > self.max
        return not (below or above)

    def as_json(self) -> dict[str, int | None]:
        return {"min": self.min, "max": self.max}

    def __str__(self) -> str:
        if self.max is None:
            return f"≥ {self.min:,}"
        if self.is_exact:
            return f"{self.min:,}"
        return f"{self.min:,}–{self.max:,}"


def total(intervals: Iterable[Interval]) -> Interval:
    result = Interval.zero()
    for interval in intervals:
        result = result + interval
    return result


def parse_count(value: Any) -> Interval:
    """Read a count as data files write it: 390, "unknown", {min: 0, max: 84} or {min: 100}."""
    if isinstance(value, Interval):
        return value
    if isinstance(value, bool):
        raise ValueError("a count is a number, a range or 'unknown'")
    if isinstance(value, int):
        return Interval.exact(value)
    if value is None or value == "unknown":
        return Interval.unknown()
    if isinstance(value, dict):
        return Interval(min=value.get("min", 0), max=value.get("max"))
    raise ValueError(f"{value!r} is not a count: give a number, a range or 'unknown'")
