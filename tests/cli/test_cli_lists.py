import hashlib
import os
import subprocess
import sys
from collections.abc import Callable
from pathlib import Path

from typer.testing import Result

Run = Callable[..., Result]

HEADER = "id,family_name,given_name,patronymic,birth_date,category,rank\n"
ROWS = [
    "R1,Коваленко,Олександр,Петрович,04.03.1990,serviceman,sergeant\n",
    "R2,Шевченко,Андрій,Іванович,1988-11-02,serviceman,\n",
    "R3,Бондаренко,Ірина,Олегівна,1979-01-30,civilian,\n",
]


def _write(path: Path, rows: list[str]) -> Path:
    path.write_text(HEADER + "".join(rows), encoding="utf-8")
    return path


def _digest(path: Path) -> str:
    return hashlib.sha256(path.read_bytes()).hexdigest()


def test_import_then_reimport_writes_nothing(run: Run, tmp_path: Path) -> None:
    run("scenario", "load", "istanbul-2025")
    registry = _write(tmp_path / "ru.csv", ROWS)
    first = run("registry", "import", "--holder", "RU", str(registry))
    assert first.exit_code == 0, first.output
    assert "3 new, 0 changed" in first.output
    assert "rank" in first.output  # the unknown column is named, and kept
    db = tmp_path / "parley.db"
    before = _digest(db)
    again = run("registry", "import", "--holder", "RU", str(registry))
    assert "0 new, 0 changed, 3 unchanged" in again.output
    assert _digest(db) == before
    listed = run("registry", "list", "--holder", "RU")
    assert "Коваленко Олександр Петрович" in listed.output
    assert "1990-03-04" in listed.output


def test_a_changed_row_is_recorded_as_a_correction(run: Run, tmp_path: Path) -> None:
    run("scenario", "load", "istanbul-2025")
    run("requests", "import", "--by", "UA", str(_write(tmp_path / "ua.csv", ROWS)))
    fixed = [ROWS[0].replace("04.03.1990", "03.04.1990"), *ROWS[1:]]
    result = run("requests", "import", "--by", "UA", str(_write(tmp_path / "ua2.csv", fixed)))
    assert "0 new, 1 changed, 2 unchanged" in result.output
    assert "correction: person request/UA/R1" in result.output


def test_a_bad_date_on_the_third_data_row_refuses_the_file(run: Run, tmp_path: Path) -> None:
    run("scenario", "load", "istanbul-2025")
    db = tmp_path / "parley.db"
    before = _digest(db)
    rows = [*ROWS[:2], ROWS[2].replace("1979-01-30", "31.02.1979")]
    bad = _write(tmp_path / "bad.csv", rows)
    result = run("registry", "import", "--holder", "RU", str(bad))
    assert result.exit_code != 0
    assert "bad.csv" in result.output
    assert "row 4" in result.output
    assert "birth_date" in result.output
    assert "Traceback" not in result.output
    assert _digest(db) == before


def test_an_unknown_party_is_refused(run: Run, tmp_path: Path) -> None:
    run("scenario", "load", "istanbul-2025")
    result = run("registry", "import", "--holder", "XX", str(_write(tmp_path / "x.csv", ROWS)))
    assert result.exit_code == 1
    assert "unknown party code 'XX'" in result.output


def test_the_installed_command_never_shows_a_traceback(tmp_path: Path) -> None:
    bad = _write(tmp_path / "bad.csv", ["R1,,Олександр,,notadate,soldier,\n"])
    env = {**os.environ, "PARLEY_DB": f"sqlite:///{tmp_path / 'cli.db'}"}
    command = [sys.executable, "-m", "parley", "registry", "import", "--holder", "RU", str(bad)]
    result = subprocess.run(command, capture_output=True, text=True, env=env, check=False)
    assert result.returncode == 1
    assert "Traceback" not in result.stderr
    assert "row 2, column family_name" in result.stderr
    assert "row 2, column birth_date" in result.stderr
    assert "row 2, column category" in result.stderr


def test_a_party_column_must_name_the_lists_party(run: Run, tmp_path: Path) -> None:
    run("scenario", "load", "istanbul-2025")
    merged = tmp_path / "merged.csv"
    merged.write_text(
        "id,family_name,given_name,party\n"
        "R1,Коваленко,Олександр,RU\n"
        "R2,Шевченко,Андрій,UA\n"
        "R3,Бондаренко,Ірина,ZZ\n",
        encoding="utf-8",
    )
    result = run("registry", "import", "--holder", "RU", str(merged))
    assert result.exit_code == 1
    assert "row 3, column party: party 'UA' does not match the list's party RU" in result.output
    assert "row 4, column party: 'ZZ' is not a known party code" in result.output
    good = tmp_path / "good.csv"
    good.write_text("id,family_name,given_name,party\nR1,Коваленко,Олександр,ru\n", "utf-8")
    accepted = run("registry", "import", "--holder", "RU", str(good))
    assert "1 new" in accepted.output
    assert "unknown columns" not in accepted.output
