from datetime import date

import pytest

from parley.domain.claim_checks import check_claim
from parley.domain.claims import Claim, claimed_interval
from parley.domain.intervals import Interval
from parley.domain.parties import Party
from parley.domain.record import Record
from parley.domain.stages import Stage, Transfer
from parley.domain.tallies import Cell, Crossing
from parley.scenarios import load_scenario


def _record(*counts: Interval, covers_until: date = date(2025, 6, 30)) -> Record:
    stages = tuple(
        Stage(
            id=f"s{i}",
            date=date(2025, 6, i + 1),
            transfers=(Transfer(from_party="RU", to_party="UA", categories=("remains",), count=c),),
        )
        for i, c in enumerate(counts)
    )
    parties = (Party(code="RU", name="Russia"), Party(code="UA", name="Ukraine"))
    return Record(parties=parties, stages=stages, covers_until=covers_until)


def _claim(n: int, qualifier: str = "exact", **scope: object) -> Claim:
    return Claim.model_validate(
        {
            "id": "c",
            "speaker": "an official",
            "party": "UA",
            "category": "remains",
            "claimed": n,
            "qualifier": qualifier,
            "said_on": "2025-06-30",
            "scope": scope,
        }
    )


@pytest.mark.parametrize(
    ("qualifier", "expected"),
    [
        ("exact", Interval.exact(2300)),
        ("about", Interval(min=2070, max=2530)),
        ("at_least", Interval(min=2300, max=None)),
        ("at_most", Interval(min=0, max=2300)),
    ],
)
def test_claimed_interval_by_qualifier(qualifier: str, expected: Interval) -> None:
    assert claimed_interval(_claim(2300, qualifier)) == expected


def test_about_tolerance_is_configurable() -> None:
    assert claimed_interval(_claim(1000, "about"), 0.05) == Interval(min=950, max=1050)


def test_consistent_when_every_recorded_value_lies_in_the_claim() -> None:
    record = _record(Interval.exact(1000), Interval(min=50, max=90))
    check = check_claim(_claim(1100, "about"), record)
    assert check.status == "consistent"
    assert check.recorded.interval == Interval(min=1050, max=1090)
    assert check.stages == ("s0", "s1")


def test_inconsistent_when_no_recorded_value_lies_in_the_claim() -> None:
    check = check_claim(_claim(6060), _record(Interval.exact(4857)))
    assert check.status == "inconsistent"
    assert check.missing == ()


def test_undetermined_with_unknown_counts_and_they_are_named() -> None:
    check = check_claim(_claim(1200, "about"), _record(Interval.exact(1000), Interval.unknown()))
    assert check.status == "undetermined"
    assert check.recorded.interval == Interval(min=1000, max=None)
    assert any("s1" in m and "unknown" in m for m in check.missing)


def test_time_after_the_record_ends_leaves_the_figure_open() -> None:
    record = _record(Interval.exact(1000), covers_until=date(2025, 6, 10))
    claim = _claim(1000).model_copy(update={"said_on": date(2025, 12, 1)})
    check = check_claim(claim, record)
    assert check.recorded.interval == Interval(min=1000, max=None)
    assert check.status == "undetermined"
    assert any("after the record ends" in m for m in check.missing)


def test_scope_by_dates_selects_stages() -> None:
    record = _record(Interval.exact(10), Interval.exact(20), Interval.exact(30))
    claim = _claim(50, date_from=date(2025, 6, 2), date_to=date(2025, 6, 3))
    assert check_claim(claim, record).stages == ("s1", "s2")
    assert check_claim(claim, record).status == "consistent"


def test_a_claim_below_the_recorded_minimum_is_inconsistent_even_when_open() -> None:
    check = check_claim(_claim(200), _record(Interval.exact(500), Interval.unknown()))
    assert check.status == "inconsistent"


def test_istanbul_claims_statuses() -> None:
    record = load_scenario("istanbul-2025").record
    statuses = {c.id: check_claim(c, record).status for c in record.claims}
    assert len(statuses) == 7
    assert statuses["medinsky-june-remains"] == "inconsistent"
    assert statuses["galuzin-ru-servicemen"] == "undetermined"
    assert statuses["galuzin-ua-remains-total"] == "undetermined"


def test_confirmed_handovers_in_scope_count_with_the_reported_stages() -> None:
    record = _record(Interval.exact(1000))
    crossed = [
        Crossing("7", "RU", "UA", "remains", 100, date=date(2025, 6, 20)),
        Crossing("8", "RU", "UA", "remains", 50, date=date(2025, 7, 5)),  # after it was said
        Crossing("7", "RU", "UA", "serviceman", 9, date=date(2025, 6, 20)),  # another category
    ]
    check = check_claim(_claim(1100), record, crossings=crossed)
    assert check.recorded == Cell(confirmed=100, reported=Interval.exact(1000))
    assert check.status == "consistent"
    assert check.stages == ("s0", "7")


def test_a_handover_of_unknown_date_is_not_counted_in_a_dated_claim_but_allowed_for() -> None:
    record = _record(Interval.exact(1000))
    crossed = [Crossing("3", "RU", "UA", "remains", 100)]
    check = check_claim(_claim(1100), record, crossings=crossed)
    assert check.recorded == Cell(reported=Interval.exact(1000))
    assert check.status == "undetermined"
    assert any("date the ledger does not give: stage 3" in m for m in check.missing)


def test_a_claim_about_one_agreement_counts_only_its_handovers() -> None:
    record = load_scenario("istanbul-2025").record
    claim = Claim.model_validate(
        {"id": "c", "speaker": "s", "party": "UA", "category": "serviceman", "claimed": 1000,
         "scope": {"agreements": ["istanbul-1"]}}
    )  # fmt: skip
    crossed = [
        Crossing("1", "RU", "UA", "serviceman", 30, agreement="istanbul-1"),
        Crossing("2", "RU", "UA", "serviceman", 40, agreement="istanbul-3"),
    ]
    assert check_claim(claim, record, crossings=crossed).recorded.confirmed == 30
