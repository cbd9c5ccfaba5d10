"""How far each agreement has been carried out, per clause and direction.

Stages that name several clauses at once (the record rarely splits them) are judged together
against the sum of those clauses' quantities. Handovers confirmed in Parley count towards the
agreement whose plan opened their stage, against all its clauses together (a handover is per
category, not per clause), and add to the same cells as the reported stages.
"""

from __future__ import annotations

from collections.abc import Sequence
from typing import Literal

from parley.domain.agreements import Agreement, Quantity
from parley.domain.base import Model
from parley.domain.record import Record
from parley.domain.tallies import Cell, Crossing

FulfilmentStatus = Literal["met", "short", "open", "no_target"]


class Fulfilment(Model):
    agreement: str
    clauses: tuple[str, ...]
    sender: str
    receiver: str
    target: Quantity
    delivered: Cell
    status: FulfilmentStatus


def _combined_target(agreement: Agreement, clause_ids: tuple[str, ...], key: str) -> Quantity:
    amounts = [agreement.clause(c).quantity.get(key) for c in clause_ids]
    if any(a == "all" for a in amounts):
        return "all"
    numbers = [a for a in amounts if isinstance(a, int)]
    if not numbers or len(numbers) < len(amounts):
        return None
    return sum(numbers)


def _status(target: Quantity, delivered: Cell) -> FulfilmentStatus:
    if not isinstance(target, int):
        return "no_target"
    if delivered.min >= target:
        return "met"
    if delivered.max is not None and delivered.max < target:
        return "short"
    return "open"


def _directions(record: Record, agreement: Agreement) -> list[tuple[str, str]]:
    keys: list[tuple[str, str]] = []
    for clause in agreement.clauses:
        for key in clause.quantity:
            sender, _, receiver = key.partition("->")
            if (sender, receiver) not in keys:
                keys.append((sender, receiver))
    if not keys and len(record.parties) == 2:
        a, b = (p.code for p in record.parties)
        keys = [(a, b), (b, a)]
    return keys


def fulfilment(record: Record, crossings: Sequence[Crossing] = ()) -> list[Fulfilment]:
    rows: list[Fulfilment] = []
    for agreement in record.agreements:
        every = tuple(c.id for c in agreement.clauses)
        stages = [s for s in record.stages if s.agreement == agreement.id]
        crossed = [c for c in crossings if c.agreement == agreement.id]
        groups: list[tuple[str, ...]] = []
        # Confirmed handovers count towards the agreement as a whole, not one clause.
        for group in [s.clauses or every for s in stages] + ([every] if crossed else []):
            if group not in groups:
                groups.append(group)
        covered = {c for g in groups for c in g}
        groups += [(c.id,) for c in agreement.clauses if c.id not in covered]
        for group in groups:
            categories = {cat for c in group for cat in agreement.clause(c).categories}
            for sender, receiver in _directions(record, agreement):
                delivered = Cell()
                for stage in stages:
                    if (stage.clauses or every) != group:
                        continue
                    for transfer in stage.transfers:
                        if transfer.from_party != sender or transfer.to_party != receiver:
                            continue
                        if categories.issuperset(transfer.categories):
                            delivered += Cell(reported=transfer.count)
                        else:
                            for category in categories & set(transfer.categories):
                                delivered += Cell(reported=transfer.share(category))
                if group == every:
                    delivered += Cell(
                        confirmed=sum(
                            c.count
                            for c in crossed
                            if (c.sender, c.receiver) == (sender, receiver)
                            and c.category in categories
                        )
                    )
                target = _combined_target(agreement, group, f"{sender}->{receiver}")
                rows.append(
                    Fulfilment(
                        agreement=agreement.id,
                        clauses=group,
                        sender=sender,
                        receiver=receiver,
                        target=target,
                        delivered=delivered,
                        status=_status(target, delivered),
                    )
                )
    return rows
