"""The plain-text report: the same story and numbers as the HTML page, for terminals and pipes."""

from __future__ import annotations

from typing import Any

import pytest

from parley.reports.text import render_text


@pytest.fixture(scope="module")
def text(sample: dict[str, Any]) -> str:
    return render_text(sample)


def test_header_and_summary(text: str) -> None:
    lines = text.splitlines()
    assert lines[0] == "Parley — Istanbul talks 2025"
    assert lines[1] == "=" * len(lines[0])
    assert "record covers until 23 Oct 2025 (verified)" in lines[2]
    assert "Three rounds of talks between Russia and Ukraine" in text


def test_rounds_with_venue_delegations_and_outcomes(text: str) -> None:
    assert "Round 1 · 16 May 2025 · Dolmabahçe Palace · mediator Türkiye · at most 2 h" in text
    assert "Round 2 · 2 Jun 2025 · venue not named" in text
    assert "Rustem Umerov (head of delegation, Defence Minister)" in text
    assert "Stalled: Russia rejects an unconditional ceasefire" in text


def test_tallies_per_side_and_category_as_intervals(text: str) -> None:
    rows = {line.split()[0]: line.split() for line in text.splitlines() if line.startswith("  R")}
    assert " ".join(rows["Russia"][1:]) == "≥ 1,211 148–232 ≥ 74 ≥ 1,517"
    ukraine = next(line for line in text.splitlines() if line.startswith("  Ukraine  "))
    assert ukraine.split()[1:] == ["≥", "1,211", "140–224", "7,857", "≥", "9,292"]


def test_fulfilment_and_claims_spell_out_status(text: str, sample: dict[str, Any]) -> None:
    assert "1,000-for-1,000 (Round 1, 16 May 2025)" in text
    assert "[met]" in text and "[short]" in text and "[open]" in text and "[no target]" in text
    for status in ("consistent", "inconsistent", "undetermined"):
        n = sum(c["status"] == status for c in sample["claims"])
        assert text.count(f"[{status}] ") == n
    assert "claimed about 2,300 (read as 2,070–2,530), recorded ≥ 1,211" in text
    assert "claimed 6,060, recorded 4,857" in text
    assert "missing: time after the record ends (2025-10-23)" in text


def test_lines_fit_a_terminal_and_never_split_at_least(text: str) -> None:
    for line in text.splitlines():
        assert not line.endswith("≥"), line
    prose = [line for line in text.splitlines() if not line.startswith("    ")]
    assert all(len(line) <= 100 for line in prose)
    assert "\x1b[" not in text  # no colour codes in a pipe


def test_empty_report() -> None:
    text = render_text({})
    assert text.startswith("Parley — exchange report\n")
    for empty in ("No rounds", "No parties", "No fulfilment", "No claims", "No stages"):
        assert f"{empty} in this report." in text
    assert text.endswith("\n")


def test_entries_missing_their_optional_keys_still_render(sparse_report: dict[str, Any]) -> None:
    report = sparse_report
    text = render_text(report)
    assert "None" not in text
    assert "[unknown] unknown speaker" in text


def test_received_per_side_splits_confirmed_and_reported(parley_only: dict[str, Any]) -> None:
    text = render_text(parley_only)
    section = text.split("RECEIVED PER SIDE")[1].split("FULFILMENT")[0]
    lines = [line.split() for line in section.splitlines()]
    assert ["Russia", "237", "0", "0", "237"] in lines
    assert ["confirmed", "in", "Parley", "237", "0", "0", "237"] in lines
    assert ["public", "record", "0", "0", "0", "0"] in lines
    assert "pending, not counted: Russia → Ukraine 111 handed over, waiting for mediator" in section
    assert "(237 in all, confirmed in Parley)" in text.replace("\n", " ")


def test_a_public_record_alone_shows_no_confirmed_rows(text: str) -> None:
    assert "confirmed in Parley" not in text
