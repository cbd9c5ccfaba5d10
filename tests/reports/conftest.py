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
