"""SVG charts: well-formed, one drawing per kind of uncertainty, nothing drawn as a false zero."""

from __future__ import annotations

import xml.etree.ElementTree as ET
from typing import Any

from parley.reports import charts

NS = "{http://www.w3.org/2000/svg}"
PARTIES = [{"code": "RU", "name": "Russia"}, {"code": "UA", "name": "Ukraine"}]


def _stage(day: str, to_ua: Any, to_ru: Any, category: str = "serviceman") -> dict[str, Any]:
    return {
        "id": day,
        "date": day,
        "transfers": [
            {"from": "RU", "to": "UA", "categories": [category], "count": to_ua},
            {"from": "UA", "to": "RU", "categories": [category], "count": to_ru},
        ],
    }


def _parse(svg: str) -> ET.Element:
    return ET.fromstring(svg)


def test_bar_draws_each_kind_of_interval_differently() -> None:
    defs = charts._Defs("t")
    exact, end = charts._bar({"min": 10, "max": 10}, 2.0, 10, "#000", defs)
    assert end == 20 and "url(#" not in exact and 'width="20"' in exact
    ranged, end = charts._bar({"min": 10, "max": 15}, 2.0, 10, "#000", defs)
    assert end == 30 and "url(#t-d0)" in ranged  # hatched from 20 to 30
    open_ended, end = charts._bar({"min": 10, "max": None}, 2.0, 10, "#000", defs)
    assert end == 20 + charts.FADE and "url(#t-d1)" in open_ended and "<path" in open_ended
    unknown, end = charts._bar({"min": 0, "max": None}, 2.0, 10, "#000", defs)
    assert end == charts.UNKNOWN_LEN and 'fill="#fff"' in unknown and "stroke-dasharray" in unknown
    assert "<pattern" in defs.render() and "<linearGradient" in defs.render()


def test_timeline_marks_rounds_and_separates_remains() -> None:
    report = {
        "parties": PARTIES,
        "record": {"covers_until": "2025-10-23"},
        "rounds": [{"number": 1, "date": "2025-05-16", "venue": "Dolmabahçe Palace"}],
        "stages": [
            _stage("2025-05-23", {"min": 390, "max": 390}, {"min": 390, "max": 390}),
            _stage("2025-06-09", {"min": 0, "max": None}, {"min": 0, "max": None}),
            _stage("2025-06-20", {"min": 300, "max": 400}, {"min": 200, "max": None}),
            _stage("2025-07-17", {"min": 1000, "max": 1000}, {"min": 19, "max": 19}, "remains"),
        ],
    }
    svg = charts.timeline_svg(report)
    root = _parse(svg)
    texts = [t.text for t in root.iter(f"{NS}text")]
    assert "Round 1 · 16 May" in texts and "Dolmabahçe Palace" in texts
    assert "May 2025" in texts and "Oct" in texts and "record ends" in texts
    assert "390" in texts  # same count each way: one dark column, one label
    assert "300–400" in texts and "≥ 200" in texts  # a range and an open upper end
    assert "1,000" in texts and "19" in texts
    titles = [t.text or "" for t in root.iter(f"{NS}title")]
    assert any("remains to Ukraine: 1,000" in t for t in titles)
    assert any("living persons each way: unknown" in t for t in titles)
    remains = [g for g in root.iter(f"{NS}g") if "rotate(90)" in g.get("transform", "")]
    living = [g for g in root.iter(f"{NS}g") if "rotate(-90)" in g.get("transform", "")]
    assert len(remains) == 2 and len(living) == 4


def test_timeline_without_dates_says_so() -> None:
    svg = charts.timeline_svg({"rounds": [{"date": None}], "stages": []})
    assert "No dated rounds or stages" in svg
    _parse(svg)


def test_returns_chart_labels_every_side_and_category() -> None:
    report = {
        "parties": PARTIES,
        "tallies": {
            "received_by": {
                "RU": {
                    "serviceman": {"min": 1211, "max": None},
                    "civilian": {"min": 148, "max": 232},
                },
                "UA": {"serviceman": {"min": 880, "max": 964}},
            }
        },
    }
    svg = charts.returns_svg(report, ("serviceman", "civilian"), "Living", "x")
    texts = [t.text for t in _parse(svg).iter(f"{NS}text")]
    for label in ("Russia", "Ukraine", "servicemen", "civilians", "≥ 1,211", "148–232", "880–964"):
        assert label in texts
    assert "unknown" in texts  # Ukraine's civilians are missing: not drawn as zero
    assert "No parties" in charts.returns_svg({}, ("remains",), "Remains", "y")


def test_progress_marks_the_target_or_an_open_track() -> None:
    met = charts.progress_svg(1000, {"min": 1000, "max": 1000}, "#000", "p1")
    assert 'stroke-width="2"' in met  # the target tick
    open_track = charts.progress_svg("all", {"min": 0, "max": None}, "#000", "p2")
    assert 'stroke-dasharray="3 3"' in open_track and 'stroke-width="2"' not in open_track
    for svg in (met, open_track, charts.progress_svg(None, None, "#000", "p3")):
        _parse(svg)


def test_claim_chart_shows_claimed_bracket_and_recorded_bar() -> None:
    claim = {
        "claimed": 2300,
        "claimed_interval": {"min": 2070, "max": 2530},
        "recorded": {"min": 1211, "max": None},
    }
    root = _parse(charts.claim_svg(claim, "#000", "c1"))
    titles = [t.text for t in root.iter(f"{NS}title")]
    assert "recorded ≥ 1,211" in titles and "claimed 2,070–2,530" in titles
    assert root.find(f"{NS}circle") is not None  # the figure said
    _parse(charts.claim_svg({}, "#000", "c2"))


def test_the_part_confirmed_in_parley_is_underlined(parley_only: dict[str, Any]) -> None:
    svg = charts.returns_svg(parley_only, ("serviceman",), "t", "rt")
    ET.fromstring(svg)
    assert svg.count('height="3" fill="#1f2933"') == 2
    assert "Russia received servicemen: 237 (confirmed in Parley)" in svg


def test_a_public_record_alone_has_nothing_underlined(sample: dict[str, Any]) -> None:
    svg = charts.returns_svg(sample, ("serviceman", "civilian"), "t", "rt")
    assert 'height="3" fill="#1f2933"' not in svg and "✓" not in svg
