"""`parley keys new` and `parley ledger export | verify | head`, as a user types them."""

import json
import os
from collections.abc import Callable
from pathlib import Path

from typer.testing import Result

Run = Callable[..., Result]


def _keys(run: Run, folder: Path) -> None:
    run("scenario", "load", "istanbul-2025")
    for signer in ("RU", "UA", "mediator", "recorder"):
        result = run("keys", "new", "--signer", signer, "--out", str(folder / f"{signer}.key"))
        assert result.exit_code == 0, result.output


def test_keys_are_registered_and_the_log_verifies(run: Run, tmp_path: Path) -> None:
    _keys(run, tmp_path)
    assert oct(os.stat(tmp_path / "UA.key").st_mode & 0o777) == "0o600"
    verified = run("ledger", "verify")
    assert verified.exit_code == 0 and "4 signatures" in verified.output
    head = run("ledger", "head").output.strip()
    seq, digest = head.split(":")
    assert int(seq) > 4 and len(digest) == 64
    out = tmp_path / "e.jsonl"
    assert run("ledger", "export", "--out", str(out)).exit_code == 0
    assert run("ledger", "verify", "--from", str(out), "--head", head).exit_code == 0
    public = tmp_path / "p.jsonl"
    assert run("ledger", "export", "--out", str(public), "--public").exit_code == 0
    assert run("ledger", "verify", "--from", str(public)).exit_code == 0


def _exported(run: Run, tmp_path: Path) -> list[str]:
    """A log with the scenario and four keys, exported: its lines."""
    _keys(run, tmp_path)
    out = tmp_path / "e.jsonl"
    run("ledger", "export", "--out", str(out))
    return out.read_text("utf-8").splitlines()


def test_a_changed_byte_a_deleted_line_or_swapped_lines_fail_naming_the_seq(
    run: Run, tmp_path: Path
) -> None:
    lines = _exported(run, tmp_path)
    cases = {}
    changed = lines.copy()
    changed[9] = changed[9].replace('"payload":{', '"payload":{"x":0,', 1)
    cases["changed"] = (changed, 10)
    cases["deleted"] = (lines[:4] + lines[5:], 6)
    swapped = lines.copy()
    swapped[6], swapped[7] = swapped[7], swapped[6]
    cases["swapped"] = (swapped, 7)
    for name, (text, seq) in cases.items():
        path = tmp_path / f"{name}.jsonl"
        path.write_text("\n".join(text) + "\n", encoding="utf-8")
        result = run("ledger", "verify", "--from", str(path))
        assert result.exit_code == 1, name
        assert f"seq {seq}:" in result.output, (name, result.output)


def test_a_log_that_lost_the_published_head_fails(run: Run, tmp_path: Path) -> None:
    _keys(run, tmp_path)
    head = run("ledger", "head").output.strip()
    out = tmp_path / "e.jsonl"
    run("ledger", "export", "--out", str(out))
    lines = out.read_text("utf-8").splitlines()
    (tmp_path / "short.jsonl").write_text("\n".join(lines[:-1]) + "\n", encoding="utf-8")
    result = run("ledger", "verify", "--from", str(tmp_path / "short.jsonl"), "--head", head)
    assert result.exit_code == 1 and "head" in result.output
    assert run("ledger", "verify", "--head", "nonsense").exit_code == 2


def test_key_files_are_guarded(run: Run, tmp_path: Path) -> None:
    _keys(run, tmp_path)
    again = run("keys", "new", "--signer", "UA", "--out", str(tmp_path / "UA.key"))
    assert again.exit_code == 2 and "never overwritten" in again.output
    stranger = run("keys", "new", "--signer", "XX1", "--out", str(tmp_path / "x.key"))
    assert stranger.exit_code == 2 and not (tmp_path / "x.key").exists()


def test_a_line_that_is_not_an_entry_is_named(run: Run, tmp_path: Path) -> None:
    path = tmp_path / "bad.jsonl"
    path.write_text(json.dumps({"seq": 1}) + "\n", encoding="utf-8")
    result = run("ledger", "verify", "--from", str(path))
    assert result.exit_code == 1 and "seq 1: line 1" in result.output


def test_a_byte_that_breaks_the_json_is_named_by_the_seq_it_should_have(
    run: Run, tmp_path: Path
) -> None:
    lines = _exported(run, tmp_path)
    lines[7] = lines[7].replace('"payload":{', '"payload":[', 1)
    (tmp_path / "b.jsonl").write_text("\n".join(lines) + "\n", encoding="utf-8")
    result = run("ledger", "verify", "--from", str(tmp_path / "b.jsonl"))
    assert result.exit_code == 1 and "seq 8:" in result.output


def test_reported_stages_enter_the_ledger_signed_by_the_recorder(run: Run, tmp_path: Path) -> None:
    run("scenario", "load", "istanbul-2025")
    key = tmp_path / "recorder.key"
    assert run("keys", "new", "--signer", "recorder", "--out", str(key)).exit_code == 0
    first = run("scenario", "load", "istanbul-2025", "--recorder-key", str(key))
    assert first.exit_code == 0 and "49 reported stage transfers" in first.output
    again = run("scenario", "load", "istanbul-2025", "--recorder-key", str(key))
    assert "0 reported stage transfers" in again.output
    out = tmp_path / "e.jsonl"
    run("ledger", "export", "--out", str(out))
    reported = [json.loads(line) for line in out.read_text("utf-8").splitlines()]
    reported = [e for e in reported if e["type"] == "stage.reported"]
    assert all(e["signatures"][0]["signer"] == "recorder" for e in reported)
    ranged = [e["payload"] for e in reported if "count_min" in e["payload"]]
    assert ranged and all("count" not in p for p in ranged)
    assert all(p["source"] for p in (e["payload"] for e in reported))
    wrong = tmp_path / "ua.key"
    run("keys", "new", "--signer", "UA", "--out", str(wrong))
    refused = run("scenario", "load", "istanbul-2025", "--recorder-key", str(wrong))
    assert refused.exit_code == 2 and "recorder" in refused.output


def test_the_public_log_holds_no_name_and_private_data_is_bound_by_its_digest(
    run: Run, tmp_path: Path
) -> None:
    run("scenario", "load", "istanbul-2025")
    registry = tmp_path / "reg.csv"
    registry.write_text("id,family_name,given_name\nR-77,Коваленко,Олександр\n", encoding="utf-8")
    assert run("registry", "import", "--holder", "RU", str(registry)).exit_code == 0
    public, private = tmp_path / "p.jsonl", tmp_path / "e.jsonl"
    run("ledger", "export", "--out", str(public), "--public")
    run("ledger", "export", "--out", str(private))
    assert "Коваленко" not in public.read_text("utf-8") and "R-77" not in public.read_text("utf-8")
    assert "Коваленко" in private.read_text("utf-8")
    assert run("ledger", "verify", "--from", str(public)).exit_code == 0
    tampered = private.read_text("utf-8").replace("Коваленко", "Коваленка")
    (tmp_path / "t.jsonl").write_text(tampered, encoding="utf-8")
    result = run("ledger", "verify", "--from", str(tmp_path / "t.jsonl"))
    assert result.exit_code == 1 and "digest" in result.output


def test_tampering_in_the_database_is_found(run: Run, tmp_path: Path, db_url: str) -> None:
    import sqlalchemy as sa

    _keys(run, tmp_path)
    engine = sa.create_engine(db_url)
    with engine.connect() as connection:
        original = connection.execute(sa.text("SELECT * FROM events")).mappings().all()
        first_key = connection.execute(
            sa.text("SELECT min(seq) FROM events WHERE type = 'key.registered'")
        ).scalar_one()
    statements = {
        "payload": 'UPDATE events SET payload = \'{"kind": "x"}\' WHERE seq = 5',
        "deleted": "DELETE FROM events WHERE seq = 6",
        "signature": f"UPDATE events SET signatures = '[]' WHERE seq = {first_key}",
    }
    for name, statement in statements.items():
        with engine.begin() as connection:
            connection.execute(sa.text(statement))
        result = run("ledger", "verify")
        assert result.exit_code == 1, name
        if name == "signature":  # an unsigned registration: found at its seq
            assert f"seq {first_key}:" in result.output
        else:
            assert f"seq {5 if name == 'payload' else 7}:" in result.output, (name, result.output)
        with engine.begin() as connection:  # put the log back as it was
            connection.execute(sa.text("DELETE FROM events"))
            connection.execute(
                sa.insert(sa.table("events", *(sa.column(c) for c in original[0]))),
                [dict(r) for r in original],
            )
    engine.dispose()
    assert run("ledger", "verify").exit_code == 0
