"""Tallies are derived from transfers and equal their interval sums, for any record."""

from hypothesis import given, settings

from parley.domain.base import CATEGORIES
from parley.domain.intervals import Interval, total
from parley.domain.record import Record
from parley.domain.tallies import received_by, shares, tally, total_received_by
from parley.scenarios import load_scenario

from strategies import records


@settings(max_examples=60, deadline=None)
@given(records())
def test_received_by_equals_the_interval_sum_of_transfers(record: Record) -> None:
    tallies = received_by(record)
    for party in ("RU", "UA"):
        for category in CATEGORIES:
            expected = total(
                t.share(category) for s in record.stages for t in s.transfers if t.to_party == party
            )
            assert tallies[party][category] == expected


@settings(max_examples=60, deadline=None)
@given(records())
def test_totals_count_each_transfer_once(record: Record) -> None:
    totals = total_received_by(record)
    for party in ("RU", "UA"):
        transfers = [t for s in record.stages for t in s.transfers if t.to_party == party]
        assert totals[party] == total(t.count for t in transfers)


@settings(max_examples=60, deadline=None)
@given(records())
def test_breakdowns_add_up_to_the_whole(record: Record) -> None:
    whole = tally(shares(record), ("to", "category"))
    for key in ("round", "agreement", "stage"):
        parts = tally(shares(record), (key, "to", "category"))  # type: ignore[arg-type]
        for (party, category), interval in whole.items():
            summed = total(v for k, v in parts.items() if k[1:] == (party, category))
            assert summed == interval


def test_a_mixed_transfer_bounds_each_category_but_not_the_total() -> None:
    record = load_scenario("istanbul-2025").record
    mixed = tally((s for s in shares(record) if s.stage == "2025-08-14"), ("to", "category"))
    assert mixed[("UA", "serviceman")] == Interval(min=0, max=84)
    assert mixed[("UA", "civilian")] == Interval(min=0, max=84)


def test_istanbul_tallies_keep_unknown_counts_open() -> None:
    tallies = received_by(load_scenario("istanbul-2025").record)
    assert tallies["UA"]["remains"] == Interval.exact(7857)
    assert tallies["RU"]["remains"] == Interval(min=74, max=None)
    assert tallies["RU"]["serviceman"] == Interval(min=880 + 146 + 185, max=None)
