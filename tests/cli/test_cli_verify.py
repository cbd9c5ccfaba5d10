"""Stored verification: verify, then review; every decision kept with who and when."""

from collections.abc import Callable
from pathlib import Path

from typer.testing import CliRunner, Result

from parley.cli import app

Run = Callable[..., Result]

REQUESTS = """id,family_name,given_name,patronymic,birth_date
U1,Коваленко,Олександр,Петрович,1990-03-04
U2,Коваленко,Олександр,Олександрович,
U3,Ткачук,Василь,Степанович,1988-05-05
"""
# R2 and R3 are namesakes (their units differ): which one U2 is, a person must decide.
REGISTRY = """id,family_name,given_name,patronymic,birth_date,military_unit
R1,Коваленко,Александр,Петрович,04.03.1990,
R2,Коваленко,Александр,Александрович,,в/ч 1111
R3,Коваленко,Александр,Александрович,,в/ч 2222
R9,Сидоренко,Дмитрий,Павлович,09.09.1991,
"""


def _setup(run: Run, tmp_path: Path) -> None:
    (tmp_path / "req.csv").write_text(REQUESTS, "utf-8")
    (tmp_path / "reg.csv").write_text(REGISTRY, "utf-8")
    run("scenario", "load", "istanbul-2025")
    run("requests", "import", "--by", "UA", str(tmp_path / "req.csv"))
    run("registry", "import", "--holder", "RU", str(tmp_path / "reg.csv"))


def test_verify_then_review(run: Run, tmp_path: Path, db_url: str) -> None:
    _setup(run, tmp_path)
    result = run("requests", "verify", "--by", "UA", "--against", "RU")
    assert result.exit_code == 0, result.output
    assert "3 new" in result.output
    status = run("requests", "status", "--by", "UA").output
    assert "under review" in status
    from parley.service.records import open_store
    from parley.service.verification import status_counts
    from parley.settings import Settings

    store = open_store(Settings(db_url=db_url))
    # U1 found, U2 between two namesakes, U3 not held.
    assert status_counts(store, "UA") == {"matched": 1, "under review": 1, "not found": 1}
    store.close()
    again = run("requests", "verify", "--by", "UA", "--against", "RU")
    assert "0 new, 0 changed, 3 unchanged" in again.output
    queue = run("review", "--list").output
    assert "U2" in queue
    # Accept the first candidate for U2 with a note, as a reviewer named on the command line.
    runner = CliRunner()
    decided = runner.invoke(
        app,
        ["--db", db_url, "review", "--by", "UA", "--reviewer", "olena"],
        input="a\nsame unit roll\nq\n",
        env={"COLUMNS": "160"},
    )
    assert decided.exit_code == 0, decided.output
    assert "recorded: accept by olena" in decided.output
    assert "U2" not in run("review", "--list").output
    store = open_store(Settings(db_url=db_url))
    reviews = store.facts("review")
    store.close()
    assert reviews[0]["reviewer"] == "olena"
    assert reviews[0]["note"] == "same unit roll"
    assert reviews[0]["at"]


def test_verify_needs_a_request_list(run: Run) -> None:
    run("scenario", "load", "istanbul-2025")
    result = run("requests", "verify", "--by", "UA", "--against", "RU")
    assert result.exit_code != 0
    assert "no request list of UA" in result.output
