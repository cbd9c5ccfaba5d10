"""The HTML report: one self-contained page telling the whole story, safe with any text."""

from __future__ import annotations

import copy
import re
import shutil
import struct
import subprocess
import xml.etree.ElementTree as ET
from html.parser import HTMLParser
from pathlib import Path
from typing import Any

import pytest

from parley.reports import formatting as fmt
from parley.reports.html import render_html

SVG_NS = 'xmlns="http://www.w3.org/2000/svg"'


@pytest.fixture(scope="module")
def page(sample: dict[str, Any]) -> str:
    return render_html(sample)


class _Tags(HTMLParser):
    """Collects start tags with their attributes, and checks that elements close in order."""

    VOID = frozenset({"meta", "br", "link", "img", "input", "hr"})

    def __init__(self) -> None:
        super().__init__()
        self.starts: list[tuple[str, dict[str, str | None]]] = []
        self.stack: list[str] = []

    def handle_starttag(self, tag: str, attrs: list[tuple[str, str | None]]) -> None:
        self.starts.append((tag, dict(attrs)))
        if tag not in self.VOID:
            self.stack.append(tag)

    def handle_startendtag(self, tag: str, attrs: list[tuple[str, str | None]]) -> None:
        self.starts.append((tag, dict(attrs)))

    def handle_endtag(self, tag: str) -> None:
        assert self.stack and self.stack[-1] == tag, f"</{tag}> closes <{self.stack[-1:]}>"
        self.stack.pop()


def _parse(page: str) -> _Tags:
    tags = _Tags()
    tags.feed(page)
    tags.close()
    assert tags.stack == [], f"unclosed elements: {tags.stack}"
    return tags


def _svgs(page: str) -> list[str]:
    return re.findall(r"<svg\b.*?</svg>", page, flags=re.S)


def test_page_is_self_contained(page: str) -> None:
    tags = _parse(page)
    for tag, attrs in tags.starts:
        assert "src" not in attrs and "href" not in attrs, (tag, attrs)
        assert tag not in {"link", "img", "iframe", "object", "embed"}
        assert tag != "script", "the page must work without JavaScript"
    without_namespace = page.replace(SVG_NS, "")
    assert "http://" not in without_namespace and "https://" not in without_namespace
    assert "@import" not in page and "url(http" not in page and "@font-face" not in page


def test_sections_come_in_story_order(page: str) -> None:
    ids = ["timeline", "returns", "fulfilment", "claims", "rounds", "stages"]
    positions = [page.index(f'<section id="{name}"') for name in ids]
    assert positions == sorted(positions)
    assert page.index("<header") < positions[0]


def test_header_title_and_summary(page: str, sample: dict[str, Any]) -> None:
    assert "<title>Parley — Istanbul talks 2025</title>" in page
    assert "<h1>Parley — Istanbul talks 2025</h1>" in page
    assert "27 Nov 2026, 02:00 UTC" in page
    assert "Three rounds of talks between Russia and Ukraine" in page
    assert f"{fmt.count_of(len(sample['stages']), 'stage')} of exchange" in page
    assert "Russia received ≥ 1,211 servicemen, 148–232 civilians and ≥ 74 remains" in page


def test_each_round_date_and_venue_is_shown(page: str, sample: dict[str, Any]) -> None:
    for rnd in sample["rounds"]:
        assert fmt.fmt_date(rnd["date"]) in page
        assert (rnd["venue"] or "not named") in page
    for name in ("Vladimir Medinsky", "Mikhail Galuzin", "Rustem Umerov", "Türkiye"):
        assert name in page
    assert "rejects an unconditional ceasefire" in page
    assert "at most 2 h" in page and "about 40 min" in page


def test_each_claim_has_a_text_status_badge(page: str, sample: dict[str, Any]) -> None:
    claims_table = page[page.index('<table class="claims">') : page.index('<section id="rounds"')]
    tones = {"consistent": "ok", "inconsistent": "bad", "undetermined": "warn"}
    for status, tone in tones.items():
        expected = sum(c["status"] == status for c in sample["claims"])
        badges = re.findall(rf'<span class="badge {tone}">.*?</span> {status}</span>', claims_table)
        assert len(badges) == expected, status
    for claim in sample["claims"]:
        assert claim["speaker"] in claims_table
        assert fmt.fmt_claimed(claim["claimed"], claim["qualifier"]) in claims_table
        assert fmt.fmt_interval(claim["recorded"]) in claims_table
        for gap in claim["missing"]:
            assert gap in claims_table


def test_statuses_are_never_colour_only(page: str) -> None:
    for badge in re.findall(r'<span class="badge \w+">(.*?)</span>\s*([^<]*)</span>', page):
        assert badge[1].strip(), "every badge carries a word"


def test_charts_are_inline_svg_with_titles(page: str, sample: dict[str, Any]) -> None:
    svgs = _svgs(page)
    n_charts = 3 + len(sample["fulfilment"]) + len(sample["claims"])
    assert len(svgs) == n_charts
    for svg in svgs:
        root = ET.fromstring(svg)  # well-formed XML, so any SVG viewer can read it too
        title = root.find("{http://www.w3.org/2000/svg}title")
        assert title is not None and title.text
        assert root.get("role") == "img"
    timeline = next(s for s in svgs if 'aria-labelledby="tl-t"' in s)
    assert timeline.count("l7,7 l-7,7 l-7,-7 z") == len(sample["rounds"])  # one diamond each
    assert 'stroke-dasharray="3 2"' in timeline  # unknown counts are dashed boxes
    assert "Remains" in timeline and "Living persons" in timeline
    ids = re.findall(r'\bid="([^"]+)"', page)
    assert len(ids) == len(set(ids)), "ids (patterns, titles) must be unique on the page"


def test_uncertainty_is_drawn_in_the_bars(page: str) -> None:
    living = next(s for s in _svgs(page) if 'aria-labelledby="rl-t"' in s)
    assert "<pattern" in living  # 148–232 civilians: a hatched range
    assert "<linearGradient" in living  # ≥ 1,211 servicemen: an open-ended fade
    assert "≥ 1,211" in living and "148–232" in living
    remains = next(s for s in _svgs(page) if 'aria-labelledby="rr-t"' in s)
    assert "7,857" in remains and "≥ 74" in remains


def test_fulfilment_per_agreement(page: str, sample: dict[str, Any]) -> None:
    section = page[page.index('<section id="fulfilment"') : page.index('<section id="claims"')]
    for agreement in sample["agreements"]:
        assert agreement["title"] in section
    assert section.count("<tr") - section.count("<thead><tr") == len(sample["fulfilment"])
    assert "✓</span> met" in section and "✗</span> short" in section
    assert "Russia → Ukraine" in section


def test_stages_table_lists_every_stage(page: str, sample: dict[str, Any]) -> None:
    section = page[page.index('<section id="stages"') :]
    for stage in sample["stages"]:
        assert fmt.fmt_date(stage["date"]) in section
    assert "United Arab Emirates" in section
    assert (
        'Russia ⇄ Ukraine</span> <span class="num count-exact">307</span> servicemen each way'
        in section
    )
    assert 'Ukraine → Russia</span> <span class="num count-exact">8</span> civilians' in section
    assert section.count('class="tag">remains') == 7


def _empty_report() -> dict[str, Any]:
    return {
        "parley_version": "0.1.0",
        "generated_at": "2026-11-27T02:00:00+00:00",
        "scenario": None,
        "record": {"covers_until": None, "verified": False},
        "parties": [],
        "mediators": [],
        "rounds": [],
        "agreements": [],
        "stages": [],
        "tallies": {
            "received_by": {},
            "total_received_by": {},
            "by_round": [],
            "by_agreement": [],
            "by_stage": [],
        },
        "fulfilment": [],
        "claims": [],
    }


@pytest.mark.parametrize("report", [_empty_report(), {}], ids=["empty lists", "no fields"])
def test_renders_an_empty_report(report: dict[str, Any]) -> None:
    page = render_html(report)
    _parse(page)
    assert "<title>Parley — exchange report</title>" in page
    for empty in ("No rounds", "No claims", "No stages", "No agreements"):
        assert f"{empty} in this report." in page
    assert "No dated rounds or stages in this report." in page


def test_renders_with_every_nullable_field_null(sample: dict[str, Any]) -> None:
    report = copy.deepcopy(sample)
    report["scenario"] = None
    report["record"]["covers_until"] = None
    for rnd in report["rounds"]:
        rnd.update(venue=None, mediator=None, duration_minutes=None, duration_qualifier=None)
        rnd["delegations"][0]["members"] = []
    for stage in report["stages"]:
        stage.update(agreement=None, mediator=None, note=None)
    for f in report["fulfilment"]:
        f["target"] = None
        f["delivered"] = {"min": 0, "max": None}
    for claim in report["claims"]:
        claim.update(said_on=None, claimed=None, qualifier=None, claimed_interval=None)
        claim["recorded"] = {"min": 3, "max": None}
    page = render_html(report)
    _parse(page)
    assert "venue not named" in page and "no number" in page and "none recorded" in page
    for svg in _svgs(page):
        ET.fromstring(svg)


def test_claim_dates_are_shown_when_known(sample: dict[str, Any]) -> None:
    report = copy.deepcopy(sample)
    report["claims"][0]["said_on"] = "2025-11-02"
    assert "Mikhail Galuzin</strong>, 2 Nov 2025" in render_html(report)


def test_hostile_text_is_escaped_everywhere(sample: dict[str, Any]) -> None:
    evil = '<script>alert("x")</script><img src=x onerror=alert(1)>'
    report = copy.deepcopy(sample)
    report["claims"][0]["speaker"] = evil
    report["claims"][0]["quote"] = evil
    report["rounds"][0]["venue"] = evil  # also drawn inside the timeline SVG
    report["parties"][0]["name"] = evil  # also drawn inside the bar charts
    report["scenario"]["title"] = evil
    page = render_html(report)
    assert "<script" not in page and "<img" not in page
    assert "&lt;script&gt;alert(&#34;x&#34;)&lt;/script&gt;" in page  # by Jinja
    assert "&lt;script&gt;alert(&quot;x&quot;)&lt;/script&gt;" in page  # inside the SVGs
    tags = _parse(page)
    assert all("onerror" not in attrs for _, attrs in tags.starts)
    for svg in _svgs(page):
        ET.fromstring(svg)


def test_print_styles_are_inline(page: str) -> None:
    assert "@media print" in page
    assert "break-inside: avoid" in page


def _chromium() -> str | None:
    return (
        shutil.which("chromium")
        or shutil.which("chromium-browser")
        or ("/usr/bin/chromium" if Path("/usr/bin/chromium").exists() else None)
    )


@pytest.mark.browser
@pytest.mark.skipif(
    _chromium() is None, reason="Chromium is not installed (apt-get install chromium)"
)
def test_headless_chromium_renders_a_screenshot(page: str, tmp_path: Path) -> None:
    html_file = tmp_path / "report.html"
    html_file.write_text(page, encoding="utf-8")
    shot = tmp_path / "shot.png"
    command = [
        str(_chromium()),
        "--headless",
        "--no-sandbox",
        "--disable-gpu",
        "--disable-background-networking",
        "--disable-component-update",
        "--disable-sync",
        "--no-first-run",
        f"--user-data-dir={tmp_path / 'profile'}",
        f"--screenshot={shot}",
        "--window-size=1280,4000",
        html_file.as_uri(),
    ]
    subprocess.run(command, capture_output=True, timeout=180, check=False)
    assert shot.exists(), "Chromium wrote no screenshot"
    data = shot.read_bytes()
    assert data[:8] == b"\x89PNG\r\n\x1a\n"
    width, height = struct.unpack(">II", data[16:24])
    assert (width, height) == (1280, 4000)
    assert len(data) > 100_000, "a page with charts and tables compresses to far more than this"


def test_entries_missing_their_optional_keys_still_render(sparse_report: dict[str, Any]) -> None:
    report = sparse_report
    page = render_html(report)
    _parse(page)
    assert "None" not in page
    assert "untitled agreement" in page and "unknown speaker" in page


def test_the_page_marks_what_was_confirmed_in_parley(parley_only: dict[str, Any]) -> None:
    page = render_html(parley_only)
    head = page.split("<main>")[0]
    assert head.count('class="side-source small"><span class="badge ok">') == 2
    assert '<span class="num">237</span> <span class="unit">in all</span>' in head
    assert 'id="pending"' in head and "Russia → Ukraine 111 (waiting for mediator)" in head
    returns = page.split('id="returns"')[1].split('id="fulfilment"')[0]
    assert "237 ✓" in returns and "231 ✓" in returns


def test_the_timeline_says_where_the_undated_parley_handovers_are(
    parley_only: dict[str, Any], sample: dict[str, Any]
) -> None:
    # The ledger orders handovers but gives them no date: the timeline says so, rather than
    # leaving a reader to think nothing happened.
    timeline = render_html(parley_only).split('id="h-timeline"')[1].split('id="h-returns"')[0]
    assert "not on this line" in timeline and 'href="#h-returns"' in timeline
    assert "not on this line" not in render_html(sample)
