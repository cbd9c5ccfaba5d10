"""Tallies derived from the record's transfers, never stored or typed in.

Every tally is an interval sum of transfer shares, grouped by whichever of the keys a reader asks:
receiving party, sending party, category, round, agreement, stage.
"""

from __future__ import annotations

from collections.abc import Iterable, Iterator, Sequence
from dataclasses import dataclass
from datetime import date
from typing import Literal

from parley.domain.base import CATEGORIES, Category
from parley.domain.intervals import Interval
from parley.domain.record import Record

TallyKey = Literal["to", "from", "category", "round", "agreement", "stage"]


@dataclass(frozen=True, slots=True)
class Share:
    """One category's part of one transfer: the unit every tally adds up."""

    stage: str
    date: date
    round: str | None
    agreement: str | None
    sender: str
    receiver: str
    category: Category
    count: Interval

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


def shares(record: Record) -> Iterator[Share]:
    for stage in record.stages:
        round_id = record.round_of(stage)
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
                    count=transfer.share(category),
                )


def tally(items: Iterable[Share], by: Sequence[TallyKey]) -> dict[tuple[str | None, ...], Interval]:
    """Interval sums of shares grouped by the given keys, in first-seen order."""
    result: dict[tuple[str | None, ...], Interval] = {}
    for share in items:
        group = tuple(share.key(name) for name in by)
        result[group] = result.get(group, Interval.zero()) + share.count
    return result


def received_by(record: Record) -> dict[str, dict[Category, Interval]]:
    """What each party received, per category; every party and category appears, zero or not."""
    sums = tally(shares(record), ("to", "category"))
    codes = [p.code for p in record.parties] or sorted({str(k[0]) for k in sums})
    return {code: {c: sums.get((code, c), Interval.zero()) for c in CATEGORIES} for code in codes}


def total_received_by(record: Record) -> dict[str, Interval]:
    """All that each party received, every category together.

    Summed per transfer, not per category: a mixed transfer of 84 counts 84 here, while each of
    its categories alone may be anything from 0 to 84.
    """
    result: dict[str, Interval] = {p.code: Interval.zero() for p in record.parties}
    for stage in record.stages:
        for transfer in stage.transfers:
            before = result.get(transfer.to_party, Interval.zero())
            result[transfer.to_party] = before + transfer.count
    return result
