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
