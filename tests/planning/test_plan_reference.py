"""benchmarks/planning_reference.py, the plain design `make bench-planning` measures Parley
against, writes the plan Parley writes: otherwise the comparison would not be fair.
"""

from __future__ import annotations

import importlib
import json
import re
from pathlib import Path
from types import ModuleType

import pytest

from parley.planning.files import checked_plan_json, plan_from_files
from parley.synth.held import synth_held, write_held

ROOT = Path(__file__).resolve().parents[2]
TERMS = {
    "benchmark": ROOT / "benchmarks" / "planning_agreement.yaml",
    "example": ROOT / "src" / "parley" / "planning" / "examples" / "june-terms.yaml",
}
TIGHT = """id: tight
parties: [UA, RU]
plan_date: 2024-02-29
stages: 3
capacity: 40
clauses:
  - {id: wounded, category: serviceman, eligible: {seriously_wounded: true},
     quantity: {RU->UA: 30}, ratio: unilateral}
  - {id: mid, category: serviceman, eligible: {min_age: 30, under_age: 40}, quantity: all,
     ratio: "1:1"}
  - {id: req, category: serviceman, eligible: {requested: true, seriously_ill: false},
     quantity: {RU->UA: 25, UA->RU: 60}, ratio: "1:1"}
  - {id: old, category: serviceman, eligible: {min_age: 50}, quantity: {UA->RU: 20},
     ratio: unilateral}
"""


@pytest.fixture
def reference(monkeypatch: pytest.MonkeyPatch) -> ModuleType:
    monkeypatch.syspath_prepend(str(ROOT))
    return importlib.import_module("benchmarks.planning_reference")


def _without_time(text: str) -> str:
    return re.sub(r'"solve_seconds":[0-9.e-]+', '"solve_seconds":0', text)


@pytest.mark.parametrize(
    ("terms", "per_side", "seed"), [("benchmark", 1500, 1), ("example", 800, 2), ("tight", 800, 3)]
)
def test_the_reference_writes_parleys_plan(
    reference: ModuleType, tmp_path: Path, terms: str, per_side: int, seed: int
) -> None:
    agreement = TERMS.get(terms) or tmp_path / "tight.yaml"
    if terms == "tight":  # parties the other way round, both age bounds, a leap-day plan date
        agreement.write_text(TIGHT, encoding="utf-8")
    held = {
        p: write_held(synth_held(p, per_side, seed), tmp_path / f"{p}.csv") for p in ("RU", "UA")
    }
    out = tmp_path / "reference.json"
    argv = [str(agreement), *(f"{p}={path}" for p, path in held.items()), str(out)]
    assert reference.main(argv) == 0
    parley = checked_plan_json(*plan_from_files(agreement, held)).decode("utf-8")
    assert _without_time(out.read_text("utf-8")) == _without_time(parley)
    data = json.loads(parley)
    assert data["objective"]["total_released"] > 0 and data["excluded"]
