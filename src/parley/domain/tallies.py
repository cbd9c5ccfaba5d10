"""Tallies derived from what crossed, never stored or typed in.

Two sources, one sum: handovers confirmed in Parley's ledger by sender, receiver and mediator
(exact counts, `Crossing`), and the stages the public record reports (intervals, often only
partly known). Every tally is a `Cell` that keeps the two parts apart, so a reader sees what is
confirmed and what is reported, grouped by whichever keys are asked: receiving party, sending
party, category, round, agreement, stage.
"""

from __future__ import annotations

from collections.abc import Iterable, Iterator, Sequence
from dataclasses import dataclass
from datetime import date
from typing import Any, Literal

from pydantic import Field

from parley.domain.base import CATEGORIES, Category, Model
from parley.domain.intervals import Interval
from parley.domain.record import Record

TallyKey = Literal["to", "from", "category", "round", "agreement", "stage"]


@dataclass(frozen=True, slots=True)
class Crossing:
    """A handover confirmed by its sender, its receiver and the mediator: `agreement` is the
    recorded agreement whose plan opened the stage (None when it was not planned from one),
    `date` the day it was handed over (None when the log does not say).
    """

    stage: str
    sender: str
    receiver: str
    category: Category
    count: int
    agreement: str | None = None
    date: date | None = None


class Cell(Model):
    """A tally: `confirmed` (exact, from the ledger) plus `reported` (an interval, from the
    public record); min and max are their sum.
    """

    confirmed: int = Field(default=0, ge=0)
    reported: Interval = Interval.zero()

    @property
    def min(self) -> int:
        return self.confirmed + self.reported.min

    @property
    def max(self) -> int | None:
        return None if self.reported.max is None else self.confirmed + self.reported.max

    @property
    def interval(self) -> Interval:
        return Interval(min=self.min, max=self.max)

    def __add__(self, other: Cell) -> Cell:
        return Cell(
            confirmed=self.confirmed + other.confirmed, reported=self.reported + other.reported
        )

    def unbounded(self) -> Cell:
        """The same cell where more may have crossed than anything records."""
        return Cell(confirmed=self.confirmed, reported=self.reported.unbounded())

    def __str__(self) -> str:
        return str(self.interval)

    def as_json(self) -> dict[str, Any]:
        return {
            "min": self.min,
            "max": self.max,
            "confirmed": self.confirmed,
            "reported": self.reported.as_json(),
        }


@dataclass(frozen=True, slots=True)
class Share:
    """One category's part of one transfer or handover: the unit every tally adds up."""

    stage: str
    date: date | None
    round: str | None
    agreement: str | None
    sender: str
    receiver: str
    category: Category
    cell: Cell

    def key(self, name: TallyKey) -> str | None:
        match name:
            case "to":
                return self.receiver
            case "from":
                return self.sender
            case "category":
                return self.category
            case "round":
                return self.round
            case "agreement":
                return self.agreement
            case "stage":
                return self.stage


def reported_shares(record: Record) -> Iterator[Share]:
    for stage in record.stages:
        round_id = record.round_of_agreement(stage.agreement)  # a record's stages name its own
        for transfer in stage.transfers:
            for category in transfer.categories:
                yield Share(
                    stage=stage.id,
                    date=stage.date,
                    round=round_id,
                    agreement=stage.agreement,
                    sender=transfer.from_party,
                    receiver=transfer.to_party,
                    category=category,
                    cell=Cell(reported=transfer.share(category)),
                )


def confirmed_shares(record: Record, crossings: Iterable[Crossing]) -> Iterator[Share]:
    for c in crossings:
        yield Share(
            stage=c.stage,
            date=c.date,
            round=record.round_of_agreement(c.agreement),
            agreement=c.agreement,
            sender=c.sender,
            receiver=c.receiver,
            category=c.category,
            cell=Cell(confirmed=c.count),
        )


def shares(record: Record, crossings: Iterable[Crossing] = ()) -> Iterator[Share]:
    """Every share: the record's reported transfers, then the confirmed handovers."""
    yield from reported_shares(record)
    yield from confirmed_shares(record, crossings)


def tally(items: Iterable[Share], by: Sequence[TallyKey]) -> dict[tuple[str | None, ...], Cell]:
    """Sums of shares grouped by the given keys, in first-seen order."""
    result: dict[tuple[str | None, ...], Cell] = {}
    for share in items:
        group = tuple(share.key(name) for name in by)
        result[group] = result.get(group, Cell()) + share.cell
    return result


def parties_in(record: Record, crossings: Sequence[Crossing] = ()) -> list[str]:
    """The record's parties, then any other party a confirmed handover names; without parties
    listed, those its stages and handovers name.
    """
    named = {code for c in crossings for code in (c.sender, c.receiver)}
    codes = [p.code for p in record.parties]
    if not codes:
        named |= {s.receiver for s in reported_shares(record)}
    return codes + sorted(named - set(codes))


def received_by(
    record: Record, crossings: Sequence[Crossing] = ()
) -> dict[str, dict[Category, Cell]]:
    """What each party received, per category; every party and category appears, zero or not."""
    sums = tally(shares(record, crossings), ("to", "category"))
    return {
        code: {c: sums.get((code, c), Cell()) for c in CATEGORIES}
        for code in parties_in(record, crossings)
    }


def total_received_by(record: Record, crossings: Sequence[Crossing] = ()) -> dict[str, Cell]:
    """All that each party received, every category together.

    Summed per transfer, not per category: a mixed transfer of 84 counts 84 here, while each of
    its categories alone may be anything from 0 to 84.
    """
    result = {code: Cell() for code in parties_in(record, crossings)}
    for stage in record.stages:
        for transfer in stage.transfers:
            before = result.get(transfer.to_party, Cell())
            result[transfer.to_party] = before + Cell(reported=transfer.count)
    for c in crossings:
        result[c.receiver] = result.get(c.receiver, Cell()) + Cell(confirmed=c.count)
    return result
