"""What crossed, from the verified log: handovers, who confirmed them, and the tallies that
count only what the sender, the receiver and the mediator have all confirmed.
"""

from __future__ import annotations

from collections import Counter
from dataclasses import dataclass
from typing import Any

from parley.domain.base import CATEGORIES, Category
from parley.domain.tallies import Crossing
from parley.ledger.verify import MEDIATOR, Verification

ABSENCE_REASONS = ("refused", "unfit", "died", "not_found", "substituted")


@dataclass(frozen=True)
class Handover:
    seq: int
    stage: str
    sender: str
    receiver: str
    category: str
    count: int
    confirmed_by: frozenset[str]

    @property
    def waiting_for(self) -> tuple[str, ...]:
        """Who has not yet confirmed: sender, receiver, mediator."""
        needed = (self.sender, self.receiver, MEDIATOR)
        return tuple(s for s in needed if s not in self.confirmed_by)

    @property
    def confirmed(self) -> bool:
        return not self.waiting_for


def handovers(verified: Verification) -> list[Handover]:
    """Every current handover of a verified log (a corrected one gives way to its
    correction), with who has confirmed it.
    """
    if not verified.ok:
        raise ValueError("handovers are read from a verified log only")
    return [
        Handover(
            seq,
            str(p["stage"]),
            str(p["from"]),
            str(p["to"]),
            str(p["category"]),
            int(p["count"]),
            frozenset(verified.confirmed_by.get(seq, set())),
        )
        for seq, p in sorted(verified.handovers.items())
        if seq not in verified.superseded
    ]


def crossings(verified: Verification) -> list[Crossing]:
    """The confirmed handovers as the tallies count them, each with the recorded agreement its
    stage was opened under; the log gives no date. Pending ones are left out: they never count.
    """
    by_name: dict[str, Category] = {c: c for c in CATEGORIES}
    return [
        Crossing(
            stage=h.stage,
            sender=h.sender,
            receiver=h.receiver,
            category=by_name[h.category],
            count=h.count,
            agreement=verified.agreements.get(h.stage),
        )
        for h in handovers(verified)
        # A correction to nothing ("none", count 0) is a handover with nothing to count.
        if h.confirmed and h.category in by_name
    ]


def confirmed_tallies(verified: Verification) -> dict[str, Any]:
    """Confirmed counts by direction and category, and by stage; pending handovers apart."""
    by_way: Counter[tuple[str, str, str]] = Counter()
    by_stage: Counter[tuple[str, str, str]] = Counter()
    pending = []
    for h in handovers(verified):
        if h.confirmed:
            by_way[(h.sender, h.receiver, h.category)] += h.count
            by_stage[(h.stage, h.sender, h.receiver)] += h.count
        else:
            pending.append(
                {"seq": h.seq, "stage": h.stage, "from": h.sender, "to": h.receiver,
                 "category": h.category, "count": h.count, "waiting_for": list(h.waiting_for)}
            )  # fmt: skip
    return {
        "confirmed": [
            {"from": a, "to": b, "category": c, "count": n}
            for (a, b, c), n in sorted(by_way.items())
        ],
        "by_stage": [
            {"stage": s, "from": a, "to": b, "count": n}
            for (s, a, b), n in sorted(by_stage.items())
        ],
        "total_confirmed": sum(by_way.values()),
        "pending": pending,
    }
