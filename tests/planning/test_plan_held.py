"""Held-persons files: read column by column, refused whole with file, row and column."""

from datetime import date
from pathlib import Path

import pytest

from parley.imports import ImportRefused
from parley.planning.held import HeldTable, check_apart, read_held
from parley.synth.held import synth_held, write_held

HEADER = "id,category,birth_date,seriously_wounded,seriously_ill,consent,captured_on,requested\n"


def write(tmp_path: Path, body: str, name: str = "held.csv") -> Path:
    path = tmp_path / name
    path.write_text(HEADER + body, encoding="utf-8")
    return path


def places(error: ImportRefused) -> list[tuple[int | None, str | None]]:
    return [(e.row, e.column) for e in error.errors]


def test_a_file_reads_into_persons(tmp_path: Path) -> None:
    path = write(
        tmp_path, "a1,serviceman,2001-02-03,true,false,yes,2023-05-06,false\nc2,civilian,,,,,,yes\n"
    )
    held = read_held(path, "RU")
    first, second = held.table.person(0), held.table.person(1)
    assert (
        first.birth_date == date(2001, 2, 3) and first.seriously_wounded and first.consent == "yes"
    )
    assert first.captured_on == date(2023, 5, 6) and first.holder == "RU"
    assert (
        second.category == "civilian" and second.birth_date is None and second.consent == "unknown"
    )
    assert second.requested and held.rows == (2, 3)


def test_files_round_trip(tmp_path: Path) -> None:
    persons = synth_held("UA", 200, seed=4)
    path = write_held(persons, tmp_path / "ua.csv")
    held = read_held(path, "UA")
    assert [held.table.person(i) for i in range(len(held.table))] == persons
    assert HeldTable.of(persons).ids == held.table.ids


@pytest.mark.parametrize(
    ("body", "place"),
    [
        ("a1,serviceman,31.02.2001,,,,,\n", (2, "birth_date")),
        ("a1,soldier,,,,,,\n", (2, "category")),
        ("a1,,,,,,,\n", (2, "category")),
        ("a1,serviceman,,maybe,,,,\n", (2, "seriously_wounded")),
        ("a1,serviceman,,,,perhaps,,\n", (2, "consent")),
        ("a1,serviceman,,,,,2023-13-01,\n", (2, "captured_on")),
        ("a1,serviceman,,,,,,\na1,serviceman,,,,,,\n", (3, "id")),
        (",serviceman,,,,,,\n", (2, "id")),
    ],
)
def test_bad_cells_are_refused_with_row_and_column(
    tmp_path: Path, body: str, place: tuple[int, str]
) -> None:
    with pytest.raises(ImportRefused) as caught:
        read_held(write(tmp_path, body), "RU")
    assert places(caught.value) == [place]
    assert "held.csv" in str(caught.value)


def test_a_missing_required_column_is_refused(tmp_path: Path) -> None:
    path = tmp_path / "held.csv"
    path.write_text("id,birth_date\na1,2001-01-01\n", encoding="utf-8")
    with pytest.raises(ImportRefused) as caught:
        read_held(path, "RU")
    assert places(caught.value) == [(1, "category")]


def test_a_person_held_by_both_parties_is_refused(tmp_path: Path) -> None:
    ru = read_held(write(tmp_path, "x1,serviceman,,,,,,\n", "ru.csv"), "RU")
    ua = read_held(write(tmp_path, "y1,serviceman,,,,,,\nx1,serviceman,,,,,,\n", "ua.csv"), "UA")
    with pytest.raises(ImportRefused) as caught:
        check_apart([ru, ua])
    error = caught.value.errors[0]
    assert (error.file, error.row, error.column) == ("ua.csv", 3, "id")
    assert "ru.csv, row 2" in error.message


def test_the_fast_and_the_careful_reader_agree(tmp_path: Path) -> None:
    body = (
        "a1,serviceman,2001-02-03,true,,yes,,\n\n"
        " b2 ,civilian, , , , no,2024-01-01,1\nc3,serviceman\n"
    )
    plain = read_held(write(tmp_path, body, "plain.csv"), "RU")
    quoted = read_held(write(tmp_path, body.replace("a1", '"a1"'), "quoted.csv"), "RU")
    assert plain.rows == quoted.rows == (2, 4, 5)
    assert [plain.table.person(i) for i in range(3)] == [quoted.table.person(i) for i in range(3)]
    assert plain.table.person(1).id == "b2" and plain.table.person(1).consent == "no"


def test_a_row_longer_than_the_header_is_refused(tmp_path: Path) -> None:
    with pytest.raises(ImportRefused) as caught:
        read_held(write(tmp_path, "a1,serviceman,,,,,,,extra\n"), "RU")
    assert places(caught.value) == [(2, None)]
