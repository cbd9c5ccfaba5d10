import json
from datetime import date
from importlib import resources
from pathlib import Path

import pytest

from parley.scenarios import SCHEMA_FILE, ScenarioError, available, load_scenario, scenario_schema


def test_istanbul_is_built_in() -> None:
    assert "istanbul-2025" in available()


def test_istanbul_holds_the_three_rounds_of_the_article() -> None:
    record = load_scenario("istanbul-2025").record
    assert [r.date for r in record.rounds] == [
        date(2025, 5, 16),
        date(2025, 6, 2),
        date(2025, 7, 23),
    ]
    venues = [r.venue or "" for r in record.rounds]
    assert "Dolmabahçe" in venues[0]
    assert venues[1] == ""  # the article does not name it, and Parley does not guess
    assert "Çırağan" in venues[2]
    assert all(r.mediator == "TR" for r in record.rounds)


def test_istanbul_holds_every_stage_of_the_record() -> None:
    record = load_scenario("istanbul-2025").record
    living = [s for s in record.stages if not s.id.endswith("remains")]
    remains = [s for s in record.stages if s.id.endswith("remains")]
    assert len(living) == 15
    assert len(remains) == 7
    assert all(s.source for s in record.stages)


def test_istanbul_holds_seven_claims() -> None:
    claims = load_scenario("istanbul-2025").record.claims
    assert len(claims) == 7
    assert {c.claimed for c in claims} == {2300, 170, 200, 2400, 6060, 12000}


def test_shipped_schema_matches_the_model() -> None:
    shipped = resources.files("parley.scenarios") / SCHEMA_FILE
    assert json.loads(shipped.read_text("utf-8")) == scenario_schema()


def test_a_scenario_that_breaks_the_schema_is_refused_naming_the_line(tmp_path: Path) -> None:
    source = resources.files("parley.scenarios") / "istanbul-2025.yaml"
    text = source.read_text("utf-8").replace("count: 307}", "count: lots}", 1)
    bad = tmp_path / "bad.yaml"
    bad.write_text(text, encoding="utf-8")
    line = next(i for i, row in enumerate(text.splitlines(), 1) if "count: lots" in row)
    with pytest.raises(ScenarioError) as error:
        load_scenario(bad)
    message = str(error.value)
    assert "bad.yaml" in message
    assert f"line {line}" in message
    assert "transfers[0].count" in message


def test_unknown_fields_and_missing_files_are_refused(tmp_path: Path) -> None:
    bad = tmp_path / "extra.yaml"
    bad.write_text(
        "format: parley-scenario/1\nscenario: {id: x, title: x, version: '1'}\nspin: 1\n"
    )
    with pytest.raises(ScenarioError, match="spin"):
        load_scenario(bad)
    with pytest.raises(ScenarioError, match="no such scenario"):
        load_scenario(tmp_path / "absent.yaml")


def test_a_dangling_reference_is_refused(tmp_path: Path) -> None:
    source = resources.files("parley.scenarios") / "istanbul-2025.yaml"
    text = source.read_text("utf-8").replace("agreement: istanbul-3", "agreement: istanbul-9", 1)
    bad = tmp_path / "dangling.yaml"
    bad.write_text(text, encoding="utf-8")
    with pytest.raises(ScenarioError, match="unknown agreement 'istanbul-9'"):
        load_scenario(bad)
