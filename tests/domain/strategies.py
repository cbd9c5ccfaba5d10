"""Hypothesis strategies that generate whole records: any parties, stages, transfers, counts."""

from __future__ import annotations

from datetime import date, timedelta

from hypothesis import strategies as st

from parley.domain.agreements import Agreement, Clause
from parley.domain.base import CATEGORIES
from parley.domain.intervals import Interval
from parley.domain.parties import Party
from parley.domain.record import Record
from parley.domain.stages import Stage, Transfer
from parley.domain.talks import Round
from parley.domain.tallies import Crossing

PARTIES = (Party(code="RU", name="Russia"), Party(code="UA", name="Ukraine"))


@st.composite
def intervals(draw: st.DrawFn) -> Interval:
    low = draw(st.integers(min_value=0, max_value=5_000))
    kind = draw(st.sampled_from(["exact", "range", "unbounded"]))
    if kind == "exact":
        return Interval.exact(low)
    if kind == "range":
        return Interval(min=low, max=low + draw(st.integers(min_value=1, max_value=500)))
    return Interval(min=low, max=None)


@st.composite
def transfers(draw: st.DrawFn) -> Transfer:
    sender, receiver = draw(st.permutations(["RU", "UA"]))
    categories = draw(st.lists(st.sampled_from(CATEGORIES), min_size=1, max_size=3, unique=True))
    return Transfer(
        from_party=sender, to_party=receiver, categories=tuple(categories), count=draw(intervals())
    )


@st.composite
def records(draw: st.DrawFn) -> Record:
    n_rounds = draw(st.integers(min_value=1, max_value=3))
    start = date(2025, 5, 1)
    rounds = tuple(
        Round(id=f"round-{i}", number=i, date=start + timedelta(days=30 * i))
        for i in range(1, n_rounds + 1)
    )
    agreements = tuple(
        Agreement(
            id=f"a-{r.number}",
            round=r.id,
            title=f"terms of round {r.number}",
            clauses=(
                Clause(
                    id="main",
                    title="main",
                    categories=CATEGORIES,
                    quantity={"RU->UA": draw(st.integers(0, 3000)), "UA->RU": "all"},
                ),
            ),
        )
        for r in rounds
    )
    n_stages = draw(st.integers(min_value=0, max_value=8))
    stages = tuple(
        Stage(
            id=f"stage-{i}",
            date=start + timedelta(days=draw(st.integers(0, 200))),
            agreement=draw(st.sampled_from([None, *(a.id for a in agreements)])),
            transfers=tuple(draw(st.lists(transfers(), max_size=4))),
        )
        for i in range(n_stages)
    )
    return Record(parties=PARTIES, rounds=rounds, agreements=agreements, stages=stages)


@st.composite
def crossings(draw: st.DrawFn, record: Record) -> list[Crossing]:
    """Confirmed handovers of Parley stages, some opened from the record's agreements, some
    sharing a stage id with a reported stage.
    """
    stage_ids = [f"{n}" for n in range(1, 5)] + [s.id for s in record.stages][:2]
    agreement_ids = [None, *(a.id for a in record.agreements), "not-recorded"]
    out = []
    for _ in range(draw(st.integers(min_value=0, max_value=8))):
        sender, receiver = draw(st.permutations(["RU", "UA"]))
        out.append(
            Crossing(
                stage=draw(st.sampled_from(stage_ids)),
                sender=sender,
                receiver=receiver,
                category=draw(st.sampled_from(CATEGORIES)),
                count=draw(st.integers(min_value=0, max_value=500)),
                agreement=draw(st.sampled_from(agreement_ids)),
                date=draw(st.none() | st.dates(date(2025, 5, 1), date(2025, 12, 31))),
            )
        )
    return out


@st.composite
def records_and_crossings(draw: st.DrawFn) -> tuple[Record, list[Crossing]]:
    record = draw(records())
    return record, draw(crossings(record))
