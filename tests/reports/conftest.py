import json
from pathlib import Path
from typing import Any

import pytest

SAMPLE = Path(__file__).parents[1] / "data" / "report-sample.json"


@pytest.fixture(scope="session")
def sample() -> dict[str, Any]:
    """A report as `parley.reports.build` makes it, written by hand from the Istanbul record."""
    return dict(json.loads(SAMPLE.read_text(encoding="utf-8")))


@pytest.fixture
def sparse_report() -> dict[str, Any]:
    """A report whose entries lack every optional key: renderers must still cope."""
    return {
        "parties": [{"code": "RU"}],
        "rounds": [{"delegations": [{"head": {}, "members": [{}]}], "stalled": [{}]}],
        "agreements": [{"clauses": [{}]}],
        "stages": [{"transfers": [{}]}],
        "fulfilment": [{}],
        "claims": [{}],
        "tallies": {"received_by": {"RU": {}}},
    }


@pytest.fixture(scope="session")
def parley_only() -> dict[str, Any]:
    """A report of an exchange run in Parley alone: nothing reported, two directions confirmed,
    one handover still waiting for the mediator.
    """
    from parley.domain.parties import Party
    from parley.domain.record import Record
    from parley.domain.tallies import Crossing
    from parley.reports.build import build_report

    parties = (Party(code="RU", name="Russia"), Party(code="UA", name="Ukraine"))
    crossed = [
        Crossing("1", "RU", "UA", "serviceman", 231),
        Crossing("1", "UA", "RU", "serviceman", 237),
    ]
    report = build_report(Record(parties=parties), crossings=crossed)
    report["ledger"] = {
        "verified": True,
        "problem": None,
        "head": {"seq": 9, "hash": "ab" * 32},
        "confirmed": [
            {"from": "RU", "to": "UA", "category": "serviceman", "count": 231},
            {"from": "UA", "to": "RU", "category": "serviceman", "count": 237},
        ],
        "by_stage": [
            {"stage": "1", "from": "RU", "to": "UA", "count": 231},
            {"stage": "1", "from": "UA", "to": "RU", "count": 237},
        ],
        "total_confirmed": 468,
        "pending": [
            {"seq": 8, "stage": "2", "from": "RU", "to": "UA", "category": "serviceman",
             "count": 111, "waiting_for": ["mediator"]},
        ],
    }  # fmt: skip
    return report
