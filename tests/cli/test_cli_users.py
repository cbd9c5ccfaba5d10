"""`parley users` and the access log of reads made at the database itself."""

from __future__ import annotations

from collections.abc import Callable
from pathlib import Path

from typer.testing import CliRunner, Result

from parley.cli import app
from parley.service.access import Principal
from parley.service.access_log import read_log
from parley.store import Store

Run = Callable[..., Result]


def _users(db_url: str, *args: str, password: str = "") -> Result:
    return CliRunner().invoke(app, ["users", *args, "--db", db_url], input=password)


def test_add_list_disable(db_url: str) -> None:
    added = _users(db_url, "add", "ua-lead", "--role", "lead", "--party", "ua",
                   "--password-stdin", password="long-password\n")  # fmt: skip
    assert added.exit_code == 0, added.output
    assert "ua-lead added: lead for UA" in added.output
    listed = _users(db_url, "list")
    assert "ua-lead" in listed.output and "active" in listed.output
    assert _users(db_url, "disable", "ua-lead").exit_code == 0
    assert "disabled" in _users(db_url, "list").output


def test_bad_users_get_a_clear_error_and_no_traceback(db_url: str) -> None:
    short = _users(db_url, "add", "x", "--role", "clerk", "--party", "UA", "--password-stdin",
                   password="short\n")  # fmt: skip
    assert short.exit_code == 2 and "at least 8 characters" in short.output
    assert "Traceback" not in short.output
    assert "give --password-stdin" in _users(db_url, "add", "x", "--role", "clerk").output
    missing = _users(db_url, "disable", "nobody")
    assert missing.exit_code == 2 and "no user 'nobody'" in missing.output


def test_reads_at_the_database_are_in_the_access_log(run: Run, db_url: str, tmp_path: Path) -> None:
    rows = "id,family_name,given_name\nR1,Коваленко,Олександр\nR2,Шевченко,Андрій\n"
    (tmp_path / "ru.csv").write_text(rows, encoding="utf-8")
    run("registry", "import", "--holder", "RU", str(tmp_path / "ru.csv"))
    run("registry", "list", "--holder", "RU")
    run("ledger", "export", "--out", str(tmp_path / "e.jsonl"))
    run("ledger", "export", "--public", "--out", str(tmp_path / "p.jsonl"))
    log = read_log(Store(db_url), Principal("m", "mediator"), 10, 0)["entries"]
    # newest first: the private export (every event, both parties'), then the list; the
    # public export reads no personal data and is not logged
    assert [(e["role"], e["data_of"]) for e in log] == [("local", None), ("local", "RU")]
    assert log[1]["records"] == 2 and log[0]["path"].startswith("parley ledger export")
    assert all(e["user"].startswith("local:") for e in log)
