"""Tallies are derived from what crossed: the record's reported transfers (intervals) and the
handovers confirmed in Parley (exact counts), each cell keeping the two parts apart.
"""

from collections.abc import Sequence

from hypothesis import given, settings

from parley.domain.base import CATEGORIES
from parley.domain.intervals import Interval, total
from parley.domain.record import Record
from parley.domain.tallies import (
    Cell,
    Crossing,
    TallyKey,
    received_by,
    shares,
    tally,
    total_received_by,
)
from parley.scenarios import load_scenario

from strategies import records, records_and_crossings

KEYS: tuple[TallyKey, ...] = ("round", "agreement", "stage")


def _round_of_agreement(record: Record, agreement: str | None) -> str | None:
    found = [a.round for a in record.agreements if a.id == agreement]
    return found[0] if found else None


@settings(max_examples=80, deadline=None)
@given(records_and_crossings())
def test_every_cell_is_its_confirmed_handovers_plus_its_reported_interval(
    drawn: tuple[Record, Sequence[Crossing]],
) -> None:
    record, crossed = drawn
    for key in KEYS:
        cells = tally(shares(record, crossed), (key, "to", "category"))
        for (group, party, category), cell in cells.items():
            mine = [
                c
                for c in crossed
                if (c.receiver, c.category) == (party, category)
                and {
                    "round": _round_of_agreement(record, c.agreement),
                    "agreement": c.agreement,
                    "stage": c.stage,
                }[key]
                == group
            ]
            # Worked out from the stages themselves, not through reported_shares.
            expected = total(
                t.share(category)
                for s in record.stages
                if {"round": _round_of_agreement(record, s.agreement), "agreement": s.agreement,
                    "stage": s.id}[key] == group
                for t in s.transfers
                if t.to_party == party
            )  # fmt: skip
            assert cell.confirmed == sum(c.count for c in mine)
            assert cell.reported == expected
            assert cell.as_json()["reported"] == expected.as_json()


def test_a_cell_adds_its_confirmed_count_to_both_ends_of_its_reported_interval() -> None:
    cell = Cell(confirmed=7, reported=Interval(min=10, max=15))
    assert (cell.min, cell.max) == (17, 22)
    assert cell.as_json() == {
        "min": 17, "max": 22, "confirmed": 7, "reported": {"min": 10, "max": 15}
    }  # fmt: skip
    open_ended = Cell(confirmed=3, reported=Interval(min=5, max=None))
    assert (open_ended.min, open_ended.max) == (8, None)


@settings(max_examples=60, deadline=None)
@given(records_and_crossings())
def test_received_by_equals_confirmed_plus_reported_transfers(
    drawn: tuple[Record, Sequence[Crossing]],
) -> None:
    record, crossed = drawn
    tallies = received_by(record, crossed)
    for party in ("RU", "UA"):
        for category in CATEGORIES:
            reported = total(
                t.share(category) for s in record.stages for t in s.transfers if t.to_party == party
            )
            confirmed = sum(
                c.count for c in crossed if (c.receiver, c.category) == (party, category)
            )
            assert tallies[party][category] == Cell(confirmed=confirmed, reported=reported)


@settings(max_examples=60, deadline=None)
@given(records_and_crossings())
def test_totals_count_each_transfer_once(drawn: tuple[Record, Sequence[Crossing]]) -> None:
    record, crossed = drawn
    totals = total_received_by(record, crossed)
    for party in ("RU", "UA"):
        transfers = [t for s in record.stages for t in s.transfers if t.to_party == party]
        assert totals[party].reported == total(t.count for t in transfers)
        assert totals[party].confirmed == sum(c.count for c in crossed if c.receiver == party)


@settings(max_examples=60, deadline=None)
@given(records_and_crossings())
def test_breakdowns_add_up_to_the_whole(drawn: tuple[Record, Sequence[Crossing]]) -> None:
    record, crossed = drawn
    whole = tally(shares(record, crossed), ("to", "category"))
    for key in KEYS:
        parts = tally(shares(record, crossed), (key, "to", "category"))
        for (party, category), cell in whole.items():
            summed = sum((v for k, v in parts.items() if k[1:] == (party, category)), Cell())
            assert summed == cell


@settings(max_examples=30, deadline=None)
@given(records())
def test_a_record_alone_has_nothing_confirmed(record: Record) -> None:
    for per in received_by(record).values():
        assert all(cell.confirmed == 0 for cell in per.values())


def test_a_mixed_transfer_bounds_each_category_but_not_the_total() -> None:
    record = load_scenario("istanbul-2025").record
    mixed = tally((s for s in shares(record) if s.stage == "2025-08-14"), ("to", "category"))
    assert mixed[("UA", "serviceman")].interval == Interval(min=0, max=84)
    assert mixed[("UA", "civilian")].interval == Interval(min=0, max=84)


def test_istanbul_tallies_keep_unknown_counts_open() -> None:
    tallies = received_by(load_scenario("istanbul-2025").record)
    assert tallies["UA"]["remains"].interval == Interval.exact(7857)
    assert tallies["RU"]["remains"].interval == Interval(min=74, max=None)
    assert tallies["RU"]["serviceman"].interval == Interval(min=880 + 146 + 185, max=None)


def test_confirmed_handovers_add_to_the_public_record() -> None:
    record = load_scenario("istanbul-2025").record
    crossed = [Crossing("1", "RU", "UA", "serviceman", 120, agreement="istanbul-1")]
    tallies = received_by(record, crossed)
    cell = tallies["UA"]["serviceman"]
    assert cell.confirmed == 120
    assert cell.reported == received_by(record)["UA"]["serviceman"].reported
    assert str(cell) == f"≥ {1211 + 120:,}"
    by_round = tally(shares(record, crossed), ("round", "to", "category"))
    assert by_round[("round-1", "UA", "serviceman")] == Cell(
        confirmed=120, reported=Interval.exact(880)
    )


def test_a_handover_of_an_agreement_the_record_no_longer_holds_counts_under_no_round() -> None:
    record = load_scenario("istanbul-2025").record
    crossed = [Crossing("1", "RU", "UA", "serviceman", 7, agreement="not-recorded")]
    by_round = tally(shares(record, crossed), ("round", "to", "category"))
    assert by_round[(None, "UA", "serviceman")] == Cell(confirmed=7)


def test_parties_only_the_ledger_names_still_appear() -> None:
    crossed = [Crossing("1", "RU", "UA", "serviceman", 5)]
    assert set(received_by(Record(), crossed)) == {"RU", "UA"}
    assert total_received_by(Record(), crossed)["RU"] == Cell()
