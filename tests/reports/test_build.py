"""The report's JSON is a contract: pin its shape on the istanbul-2025 record."""

import json
from datetime import UTC, datetime

from parley.domain.tallies import Crossing
from parley.reports.build import build_report
from parley.scenarios import load_scenario

WHEN = datetime(2026, 1, 1, tzinfo=UTC)
CELL = {"min", "max", "confirmed", "reported"}
# Handovers confirmed in Parley: stage 1 opened from a plan of istanbul-3, stage 2 from none.
CROSSED = (
    Crossing("1", "RU", "UA", "serviceman", 120, agreement="istanbul-3"),
    Crossing("1", "UA", "RU", "serviceman", 118, agreement="istanbul-3"),
    Crossing("2", "RU", "UA", "civilian", 7),
)


def _report(crossings: tuple[Crossing, ...] = ()) -> dict:  # type: ignore[type-arg]
    record = load_scenario("istanbul-2025").record
    return build_report(record, generated_at=WHEN, crossings=crossings)


def _cell(low: int, high: int | None, confirmed: int = 0, reported: tuple = ()) -> dict:  # type: ignore[type-arg]
    low_r, high_r = reported or (low - confirmed, None if high is None else high - confirmed)
    return {"min": low, "max": high, "confirmed": confirmed,
            "reported": {"min": low_r, "max": high_r}}  # fmt: skip


def test_top_level_fields() -> None:
    assert set(_report()) == {
        "parley_version",
        "generated_at",
        "scenario",
        "record",
        "parties",
        "mediators",
        "rounds",
        "agreements",
        "stages",
        "tallies",
        "fulfilment",
        "claims",
    }


def test_it_is_plain_json() -> None:
    report = _report()
    assert json.loads(json.dumps(report)) == report
    assert report["generated_at"] == "2026-01-01T00:00:00+00:00"


def test_stage_transfers_use_from_and_to() -> None:
    transfer = _report()["stages"][0]["transfers"][0]
    assert transfer == {
        "from": "RU",
        "to": "UA",
        "categories": ["serviceman"],
        "count": {"min": 270, "max": 270},
        "note": None,
    }


def test_tally_fields() -> None:
    tallies = _report()["tallies"]
    assert set(tallies) == {
        "received_by", "total_received_by", "by_round", "by_agreement", "by_stage"
    }  # fmt: skip
    for per in tallies["received_by"].values():
        assert set(per) == {"serviceman", "civilian", "remains"}
        assert all(set(cell) == CELL for cell in per.values())
    assert all(set(cell) == CELL for cell in tallies["total_received_by"].values())
    for key in ("round", "agreement", "stage"):
        for row in tallies[f"by_{key}"]:
            assert set(row) == {key, "to", "category"} | CELL
            assert set(row["reported"]) == {"min", "max"}


def test_breakdowns_name_their_group() -> None:
    tallies = _report()["tallies"]
    assert {"round": "round-1", "to": "UA", "category": "serviceman", **_cell(880, 880)} in (
        tallies["by_round"]
    )
    stage_rows = [r for r in tallies["by_stage"] if r["stage"] == "2025-08-14"]
    assert {"stage": "2025-08-14", "to": "RU", "category": "civilian", **_cell(0, 84)} in (
        stage_rows
    )
    assert tallies["total_received_by"]["UA"] == _cell(9292, None)


def test_confirmed_handovers_join_the_reported_figures_cell_by_cell() -> None:
    tallies = _report(CROSSED)["tallies"]
    assert tallies["received_by"]["UA"]["serviceman"] == _cell(1211 + 120, None, 120)
    assert tallies["received_by"]["UA"]["civilian"] == _cell(140 + 7, None, 7)
    assert tallies["total_received_by"]["RU"] == _cell(1517 + 118, None, 118)
    assert {"round": "round-3", "to": "UA", "category": "serviceman",
            **_cell(331 + 120, 415 + 120, 120)} in tallies["by_round"]  # fmt: skip
    assert {"agreement": None, "to": "UA", "category": "civilian", **_cell(7, 7, 7)} in (
        tallies["by_agreement"]
    )
    assert {"stage": "1", "to": "RU", "category": "serviceman", **_cell(118, 118, 118)} in (
        tallies["by_stage"]
    )


def test_fulfilment_rows() -> None:
    rows = _report()["fulfilment"]
    first = rows[0]
    assert set(first) == {"agreement", "clauses", "from", "to", "target", "delivered", "status"}
    assert first["delivered"] == _cell(1000, 1000)


def test_a_stage_opened_from_a_recorded_agreement_counts_towards_its_fulfilment() -> None:
    rows = [r for r in _report(CROSSED)["fulfilment"] if r["agreement"] == "istanbul-3"]
    ru = next(r for r in rows if r["from"] == "RU")
    assert ru["delivered"]["confirmed"] == 120
    assert ru["delivered"]["min"] == ru["delivered"]["reported"]["min"] + 120


def test_claims_carry_the_check() -> None:
    claims = {c["id"]: c for c in _report()["claims"]}
    medinsky = claims["medinsky-june-remains"]
    assert medinsky["recorded"] == _cell(4857, 4857)
    assert medinsky["status"] == "inconsistent"
    assert medinsky["stages"] == [
        "2025-06-11-remains",
        "2025-06-13-remains",
        "2025-06-15-remains",
        "2025-06-16-remains",
    ]
    assert claims["galuzin-ru-servicemen"]["claimed_interval"] == {"min": 2070, "max": 2530}
