"""The report's JSON is a contract: pin its shape on the istanbul-2025 record."""

import json
from datetime import UTC, datetime

from parley.reports.build import build_report
from parley.scenarios import load_scenario

WHEN = datetime(2026, 1, 1, tzinfo=UTC)


def _report() -> dict:  # type: ignore[type-arg]
    return build_report(load_scenario("istanbul-2025").record, generated_at=WHEN)


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


def test_breakdowns_name_their_group() -> None:
    tallies = _report()["tallies"]
    assert {"round": "round-1", "to": "UA", "category": "serviceman", "min": 880, "max": 880} in (
        tallies["by_round"]
    )
    stage_rows = [r for r in tallies["by_stage"] if r["stage"] == "2025-08-14"]
    assert {"stage": "2025-08-14", "to": "RU", "category": "civilian", "min": 0, "max": 84} in (
        stage_rows
    )
    assert tallies["total_received_by"]["UA"] == {"min": 9292, "max": None}


def test_fulfilment_rows() -> None:
    rows = _report()["fulfilment"]
    first = rows[0]
    assert set(first) == {"agreement", "clauses", "from", "to", "target", "delivered", "status"}
    assert first["delivered"] == {"min": 1000, "max": 1000}


def test_claims_carry_the_check() -> None:
    claims = {c["id"]: c for c in _report()["claims"]}
    medinsky = claims["medinsky-june-remains"]
    assert medinsky["recorded"] == {"min": 4857, "max": 4857}
    assert medinsky["status"] == "inconsistent"
    assert medinsky["stages"] == [
        "2025-06-11-remains",
        "2025-06-13-remains",
        "2025-06-15-remains",
        "2025-06-16-remains",
    ]
    assert claims["galuzin-ru-servicemen"]["claimed_interval"] == {"min": 2070, "max": 2530}
