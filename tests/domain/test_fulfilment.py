from parley.domain.fulfilment import fulfilment
from parley.domain.intervals import Interval
from parley.scenarios import load_scenario


def _rows() -> dict[tuple[str, tuple[str, ...], str], object]:
    record = load_scenario("istanbul-2025").record
    return {(f.agreement, f.clauses, f.sender): f for f in fulfilment(record)}


def test_thousand_for_thousand_was_met_both_ways() -> None:
    rows = _rows()
    for sender in ("RU", "UA"):
        row = rows[("istanbul-1", ("thousand",), sender)]
        assert row.delivered == Interval.exact(1000)  # type: ignore[attr-defined]
        assert row.status == "met"  # type: ignore[attr-defined]


def test_clauses_without_a_figure_have_no_target() -> None:
    row = _rows()[("istanbul-2", ("wounded", "ill", "young"), "RU")]
    assert row.target == "all"  # type: ignore[attr-defined]
    assert row.status == "no_target"  # type: ignore[attr-defined]


def test_open_when_the_record_cannot_tell() -> None:
    row = _rows()[("istanbul-2", ("remains",), "UA")]
    assert row.delivered == Interval(min=74, max=None)  # type: ignore[attr-defined]
    assert row.status == "open"  # type: ignore[attr-defined]


def test_short_when_even_the_maximum_falls_below_the_target() -> None:
    row = _rows()[("istanbul-3", ("further",), "RU")]
    assert row.target == 1200  # type: ignore[attr-defined]
    assert row.status == "short"  # type: ignore[attr-defined]
