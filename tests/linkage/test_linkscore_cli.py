"""`parley link-score` on small hand-made CSVs, through a Typer app built here."""

from __future__ import annotations

from pathlib import Path

import pytest
import typer
from typer.testing import CliRunner, Result

from parley.cli import linkscore


@pytest.fixture
def files(tmp_path: Path) -> dict[str, Path]:
    matches = tmp_path / "matches.csv"
    matches.write_text(
        "request_id,registry_id,score,decision,reason\n"
        "1,10,0.99,match,exact\n"
        "2,20,0.98,match,typo\n"
        "3,99,0.97,match,typo\n"
        "4,40,0.70,review,date\n",
        encoding="utf-8",
    )
    truth = tmp_path / "truth.csv"
    truth.write_text(
        "request_id,registry_id,distortions\n1,10,\n2,20,typo\n3,30,typo;swap\n4,40,date\n",
        encoding="utf-8",
    )
    negatives = tmp_path / "negatives.csv"
    negatives.write_text("request_id,registry_id,kind\n3,99,namesake\n", encoding="utf-8")
    return {"matches": matches, "truth": truth, "negatives": negatives}


def _run(*args: str) -> Result:
    app = typer.Typer()
    linkscore.register(app)

    @app.callback()
    def _root() -> None:  # a group, so that the command is named as users type it
        pass

    return CliRunner().invoke(app, list(args), env={"COLUMNS": "160"})


def test_prints_scores(files: dict[str, Path]) -> None:
    result = _run("link-score", str(files["matches"]), str(files["truth"]))
    assert result.exit_code == 0, result.output
    assert "precision" in result.output and "0.6667" in result.output
    assert "recall" in result.output and "0.5000" in result.output
    assert "review share" in result.output and "25.00%" in result.output
    assert "typo" in result.output and "swap" in result.output
    assert "Hard negatives" not in result.output


def test_hard_negatives_and_request_count(files: dict[str, Path]) -> None:
    result = _run(
        "link-score",
        str(files["matches"]),
        str(files["truth"]),
        "--hard-negatives",
        str(files["negatives"]),
        "--requests",
        "10",
    )
    assert result.exit_code == 0, result.output
    assert "namesake" in result.output
    assert "10.00%" in result.output  # one request in review out of 10


def test_missing_file(files: dict[str, Path], tmp_path: Path) -> None:
    result = _run("link-score", str(tmp_path / "nope.csv"), str(files["truth"]))
    assert result.exit_code != 0
