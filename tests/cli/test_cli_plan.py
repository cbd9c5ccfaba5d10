"""`parley synth held`, `parley plan` and `parley plan explain` as a user types them."""

import json
from collections.abc import Callable
from pathlib import Path

from typer.testing import Result

from parley.planning.files import read_plan
from parley.planning.held import HeldTable, read_held
from parley.planning.rules import check_plan
from parley.planning.terms import load_terms

Run = Callable[..., Result]


def _synth(run: Run, out: Path, per_side: int = 400) -> None:
    result = run("synth", "held", "--per-side", str(per_side), "--seed", "1", "--out", str(out))
    assert result.exit_code == 0, result.output


def test_the_example_agreement_gives_an_optimal_plan_that_keeps_every_rule(
    run: Run, tmp_path: Path
) -> None:
    d, plan_path = tmp_path / "d", tmp_path / "plan.json"
    _synth(run, d)
    result = run(
        "plan", str(d / "agreement.yaml"), "--held", f"RU={d / 'ru_held.csv'}",
        "--held", f"UA={d / 'ua_held.csv'}", "--out", str(plan_path),
    )  # fmt: skip
    assert result.exit_code == 0, result.output
    data = json.loads(plan_path.read_text("utf-8"))
    assert data["status"] == "optimal"
    plan = read_plan(plan_path)
    table = HeldTable.joined(
        [read_held(d / "ru_held.csv", "RU").table, read_held(d / "ua_held.csv", "UA").table]
    )
    assert check_plan(load_terms(d / "agreement.yaml"), table, plan) == []
    assert plan.total_released > 0 and len(plan.stages) == 4

    summary = run("plan", "explain", str(plan_path))
    assert summary.exit_code == 0 and "Clauses:" in summary.output and "stage 1:" in summary.output
    goes = plan.stages[0].transfers[0].person_id
    said = run("plan", "explain", str(plan_path), "--person", goes)
    assert f"{goes} goes home" in said.output and "stage 1 of 4" in said.output
    stays = plan.excluded[0].person_id
    assert "is not in the plan" in run("plan", "explain", str(plan_path), "--person", stays).output
    unknown = run("plan", "explain", str(plan_path), "--person", "nobody")
    assert unknown.exit_code == 1 and "no person nobody" in unknown.output


def test_a_bad_held_file_writes_no_plan(run: Run, tmp_path: Path) -> None:
    d, plan_path = tmp_path / "d", tmp_path / "plan.json"
    _synth(run, d, per_side=20)
    ua = d / "ua_held.csv"
    lines = ua.read_text("utf-8").splitlines()
    lines[3] = lines[3].replace("serviceman", "sailor").replace("civilian", "sailor")
    ua.write_text("\n".join(lines) + "\n", encoding="utf-8")
    result = run(
        "plan", str(d / "agreement.yaml"), "--held", f"RU={d / 'ru_held.csv'}",
        "--held", f"UA={ua}", "--out", str(plan_path),
    )  # fmt: skip
    assert result.exit_code == 1
    assert "ua_held.csv, row 4, column category" in result.output
    assert not plan_path.exists()


def test_a_party_not_in_the_agreement_is_refused(run: Run, tmp_path: Path) -> None:
    d = tmp_path / "d"
    _synth(run, d, per_side=5)
    result = run("plan", str(d / "agreement.yaml"), "--held", f"BY={d / 'ru_held.csv'}")
    assert result.exit_code == 2 and "not a party" in result.output


def test_a_malformed_held_option_is_refused(run: Run, tmp_path: Path) -> None:
    result = run("plan", "agreement.yaml", "--held", "ru_held.csv")
    assert result.exit_code == 2 and "PARTY=FILE" in result.output


def test_explain_refuses_what_is_not_a_plan(run: Run, tmp_path: Path) -> None:
    path = tmp_path / "x.json"
    path.write_text('{"status": "optimal"}', encoding="utf-8")
    result = run("plan", "explain", str(path))
    assert result.exit_code == 2 and "not a Parley plan" in result.output
