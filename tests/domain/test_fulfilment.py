from parley.domain.fulfilment import fulfilment
from parley.domain.intervals import Interval
from parley.domain.tallies import Crossing
from parley.scenarios import load_scenario


def _rows() -> dict[tuple[str, tuple[str, ...], str], object]:
    record = load_scenario("istanbul-2025").record
    return {(f.agreement, f.clauses, f.sender): f for f in fulfilment(record)}


def test_thousand_for_thousand_was_met_both_ways() -> None:
    rows = _rows()
    for sender in ("RU", "UA"):
        row = rows[("istanbul-1", ("thousand",), sender)]
        assert row.delivered.interval == Interval.exact(1000)  # type: ignore[attr-defined]
        assert row.status == "met"  # type: ignore[attr-defined]


def test_clauses_without_a_figure_have_no_target() -> None:
    row = _rows()[("istanbul-2", ("wounded", "ill", "young"), "RU")]
    assert row.target == "all"  # type: ignore[attr-defined]
    assert row.status == "no_target"  # type: ignore[attr-defined]


def test_open_when_the_record_cannot_tell() -> None:
    row = _rows()[("istanbul-2", ("remains",), "UA")]
    assert row.delivered.interval == Interval(min=74, max=None)  # type: ignore[attr-defined]
    assert row.status == "open"  # type: ignore[attr-defined]


def test_short_when_even_the_maximum_falls_below_the_target() -> None:
    row = _rows()[("istanbul-3", ("further",), "RU")]
    assert row.target == 1200  # type: ignore[attr-defined]
    assert row.status == "short"  # type: ignore[attr-defined]


def test_confirmed_handovers_count_towards_the_agreement_whose_plan_opened_them() -> None:
    record = load_scenario("istanbul-2025").record
    crossed = [
        Crossing("1", "RU", "UA", "serviceman", 150, agreement="istanbul-3"),
        Crossing("1", "RU", "UA", "civilian", 5, agreement="istanbul-3"),
        Crossing("2", "RU", "UA", "serviceman", 40),  # opened from no recorded agreement
    ]
    before = {(f.agreement, f.clauses, f.sender): f for f in fulfilment(record)}
    after = {(f.agreement, f.clauses, f.sender): f for f in fulfilment(record, crossed)}
    every = tuple(c.id for c in record.agreement("istanbul-3").clauses)
    row = after[("istanbul-3", every, "RU")]
    assert row.delivered.confirmed == 155
    assert row.delivered.reported == before[("istanbul-3", every, "RU")].delivered.reported
    assert after[("istanbul-3", every, "UA")].delivered.confirmed == 0
    others = [f for key, f in after.items() if key[0] != "istanbul-3" or key[1] != every]
    assert all(f.delivered.confirmed == 0 for f in others)


def test_an_agreement_met_by_what_was_confirmed_in_parley() -> None:
    record = load_scenario("istanbul-2025").record
    crossed = [Crossing("1", "UA", "RU", "serviceman", 2000, agreement="istanbul-3")]
    rows = [f for f in fulfilment(record, crossed) if f.agreement == "istanbul-3"]
    assert any(f.sender == "UA" and f.status == "met" for f in rows if f.delivered.confirmed)
