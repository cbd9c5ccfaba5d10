"""Numbers, intervals, dates and labels read the same in every output."""

from __future__ import annotations

from typing import Any

import pytest

from parley.reports import formatting as fmt


@pytest.mark.parametrize(
    ("interval", "expected"),
    [
        ({"min": 390, "max": 390}, "390"),
        ({"min": 880, "max": 964}, "880–964"),
        ({"min": 1211, "max": None}, "≥ 1,211"),
        ({"min": 0, "max": None}, "unknown"),
        ({"min": 0, "max": 0}, "0"),
        ({"min": 0, "max": 84}, "0–84"),
        ({"min": 1234567, "max": 1234567}, "1,234,567"),
        (None, "unknown"),
        ({}, "unknown"),
    ],
)
def test_intervals_read_as_exact_range_or_at_least(interval: object, expected: str) -> None:
    assert fmt.fmt_interval(interval) == expected  # type: ignore[arg-type]


@pytest.mark.parametrize(
    ("interval", "kind"),
    [
        ({"min": 5, "max": 5}, "exact"),
        ({"min": 5, "max": 9}, "range"),
        ({"min": 5, "max": None}, "at_least"),
        ({"min": 0, "max": None}, "unknown"),
        (None, "unknown"),
    ],
)
def test_interval_kind_tells_charts_how_to_draw(interval: object, kind: str) -> None:
    assert fmt.interval_kind(interval) == kind  # type: ignore[arg-type]


def test_thousands_separators() -> None:
    assert fmt.fmt_int(2300) == "2,300"
    assert fmt.fmt_int(0) == "0"
    assert fmt.fmt_int(None) == "unknown"


@pytest.mark.parametrize(
    ("claimed", "qualifier", "expected"),
    [
        (2300, "about", "about 2,300"),
        (200, "exact", "200"),
        (1200, "at_least", "at least 1,200"),
        (78, "at_most", "at most 78"),
        (170, None, "170"),
        (None, "about", "unknown"),
    ],
)
def test_claimed_figure_keeps_its_qualifier(
    claimed: int | None, qualifier: str | None, expected: str
) -> None:
    assert fmt.fmt_claimed(claimed, qualifier) == expected


def test_targets() -> None:
    assert fmt.fmt_target(1000) == "1,000"
    assert fmt.fmt_target("all") == "all"
    assert fmt.fmt_target(None) == "no number"


def test_dates_and_times() -> None:
    assert fmt.fmt_date("2025-05-16") == "16 May 2025"
    assert fmt.fmt_date(None) == "date unknown"
    assert fmt.fmt_date("sometime in June") == "sometime in June"
    assert fmt.fmt_short_date("2025-07-23") == "23 Jul"
    assert fmt.fmt_datetime("2026-11-27T02:00:00+00:00") == "27 Nov 2026, 02:00 UTC"
    assert fmt.fmt_datetime("2026-11-27T02:00:00+03:00") == "27 Nov 2026, 02:00 UTC+03:00"
    assert fmt.fmt_datetime("2026-11-27T02:00:00") == "27 Nov 2026, 02:00"
    assert fmt.fmt_datetime(None) == "unknown"


@pytest.mark.parametrize(
    ("minutes", "qualifier", "expected"),
    [
        (120, "at_most", "at most 2 h"),
        (40, "about", "about 40 min"),
        (90, "exact", "1 h 30 min"),
        (60, None, "1 h"),
        (None, "about", "unknown"),
    ],
)
def test_durations(minutes: int | None, qualifier: str | None, expected: str) -> None:
    assert fmt.fmt_duration(minutes, qualifier) == expected


def test_labels_and_names() -> None:
    assert fmt.category_label("serviceman") == "servicemen"
    assert fmt.category_label(None) == "unknown"
    assert fmt.status_label("no_target") == "no target"
    parties = fmt.names([{"code": "RU", "name": "Russia"}, {"code": "UA", "name": None}])
    assert parties == {"RU": "Russia", "UA": "UA"}
    assert fmt.direction(parties, "RU", "UA") == "Russia → UA"
    assert fmt.direction(parties, None, "XX") == "? → XX"


def test_eligibility_in_words() -> None:
    eligibility = {"seriously_wounded": True, "seriously_ill": True, "min_age": 18, "under_age": 25}
    assert (
        fmt.eligibility_text(eligibility) == "seriously wounded, seriously ill, aged 18 to under 25"
    )
    assert fmt.eligibility_text({"under_age": 25, "requested": True}) == "under 25, on request"
    assert fmt.eligibility_text(None) == ""


def test_summary_sentence_counts_rounds_stages_and_sides() -> None:
    report = {
        "parties": [{"code": "RU", "name": "Russia"}, {"code": "UA", "name": "Ukraine"}],
        "rounds": [{"date": "2025-05-16"}, {"date": "2025-06-02"}, {"date": "2025-07-23"}],
        "stages": [{"id": "a"}, {"id": "b"}],
        "tallies": {
            "received_by": {"RU": {"serviceman": {"min": 1211, "max": None}}},
            "total_received_by": {"RU": {"min": 1517, "max": None}},
        },
    }
    text = fmt.summary_sentence(report)
    assert text.startswith("Three rounds of talks between Russia and Ukraine, 16 May 2025")
    assert "two stages of exchange" in text
    assert "Russia received ≥ 1,211 servicemen, unknown civilians and unknown remains" in text
    assert "(≥ 1,517 in all)" in text
    assert fmt.summary_sentence({}).startswith("No rounds of talks between the parties")


def test_sources_name_what_is_confirmed_in_parley_and_what_is_reported() -> None:
    confirmed = {"min": 237, "max": 237, "confirmed": 237, "reported": {"min": 0, "max": 0}}
    reported = {"min": 1211, "max": None, "confirmed": 0, "reported": {"min": 1211, "max": None}}
    both = {"min": 1331, "max": None, "confirmed": 120, "reported": {"min": 1211, "max": None}}
    zero = {"min": 0, "max": 0, "confirmed": 0, "reported": {"min": 0, "max": 0}}
    assert fmt.fmt_sources(confirmed) == "confirmed in Parley"
    assert fmt.fmt_sources(reported) == "from the public record"
    assert fmt.fmt_sources(both) == "120 confirmed in Parley + ≥ 1,211 from the public record"
    assert fmt.fmt_sources(zero) == ""
    assert fmt.fmt_sources({"min": 3, "max": 3}) == ""  # a plain interval does not say
    assert fmt.marked(confirmed) == "237 (confirmed in Parley)"
    assert fmt.marked(reported) == "≥ 1,211"


def test_the_headline_counts_what_was_confirmed_in_parley(parley_only: dict[str, Any]) -> None:
    sentence = fmt.summary_sentence(parley_only)
    assert "no stages of exchange in the record, two stages carried out in Parley" in sentence
    assert (
        "Russia received 237 servicemen, 0 civilians and 0 remains (237 in all, confirmed in "
        "Parley); Ukraine received 231 servicemen" in sentence
    )
    assert "A further 111 handed over await confirmation and are not counted." in sentence
