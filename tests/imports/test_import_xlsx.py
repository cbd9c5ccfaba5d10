"""The person-list importer's contract for XLSX files: native cell values and the first sheet."""

from __future__ import annotations

from collections.abc import Callable
from datetime import date, datetime
from pathlib import Path

import pytest
from openpyxl import Workbook

from parley.imports import ImportRefused, RowError, read_person_file

MakeXlsx = Callable[..., Path]
HEADER = ["id", "family_name", "given_name"]


def test_native_values_become_field_values(make_xlsx: MakeXlsx) -> None:
    path = make_xlsx(
        [
            [
                " ID ",
                "Family_Name",
                "given_name",
                "birth_date",
                "captured_on",
                "seriously_ill",
                "sex",
                "rank",
            ],
            [1234.0, "Петренко", "Іван", date(1990, 5, 17), datetime(2023, 1, 2), True, "Ч", 3],
            [1235, "Doe", "Jane", "17.05.1991", None, 0, "f", 2.5],
        ]
    )
    result = read_person_file(path)
    first, second = result.persons
    assert first.id == "1234"  # not "1234.0"
    assert first.birth_date == date(1990, 5, 17)
    assert first.captured_on == date(2023, 1, 2)
    assert first.seriously_ill is True and first.sex == "M"
    assert first.extra == {"rank": "3"}
    assert second.id == "1235" and second.birth_date == date(1991, 5, 17)
    assert second.seriously_ill is False and second.extra == {"rank": "2.5"}
    assert result.source == "list.xlsx"
    assert result.warnings == ("list.xlsx: unknown columns kept with each record: rank",)


def test_bad_birth_date_on_row_4_refuses_the_workbook(make_xlsx: MakeXlsx) -> None:
    path = make_xlsx(
        [
            [*HEADER, "birth_date"],
            ["A1", "Smith", "John", date(1990, 1, 1)],
            ["A2", "Brown", "Mary", "02.03.1985"],
            ["A3", "Green", "Paul", "31.02.1990"],
        ],
        name="registry.xlsx",
    )
    with pytest.raises(ImportRefused) as caught:
        read_person_file(path)
    assert caught.value.errors == [
        RowError(
            "registry.xlsx",
            4,
            "birth_date",
            "'31.02.1990' is not a date (use YYYY-MM-DD or DD.MM.YYYY)",
        )
    ]


def test_a_datetime_with_a_time_is_not_a_date(make_xlsx: MakeXlsx) -> None:
    path = make_xlsx([[*HEADER, "captured_on"], ["1", "A", "B", datetime(2023, 1, 2, 14, 30)]])
    with pytest.raises(ImportRefused) as caught:
        read_person_file(path)
    assert caught.value.errors[0].message.startswith("'2023-01-02 14:30:00' is not a date")


def test_a_number_is_not_a_date(make_xlsx: MakeXlsx) -> None:
    path = make_xlsx([[*HEADER, "birth_date"], ["1", "A", "B", 33000]])
    with pytest.raises(ImportRefused) as caught:
        read_person_file(path)
    assert [(e.row, e.column) for e in caught.value.errors] == [(2, "birth_date")]


def test_blank_rows_are_ignored_and_rows_numbered_as_shown(tmp_path: Path) -> None:
    workbook = Workbook()
    sheet = workbook.active
    sheet.append(HEADER)
    sheet.append(["1", "A", "B"])
    sheet["A4"] = "   "  # whitespace only: a blank row
    sheet["A6"] = "6"  # row 6: missing names; rows 3 and 5 have no cells at all
    sheet["C9"] = None
    path = tmp_path / "gaps.xlsx"
    workbook.save(path)
    with pytest.raises(ImportRefused) as caught:
        read_person_file(path)
    assert [(e.row, e.column) for e in caught.value.errors] == [
        (6, "family_name"),
        (6, "given_name"),
    ]


def test_only_the_first_worksheet_is_read(tmp_path: Path) -> None:
    workbook = Workbook()
    workbook.active.append(HEADER)
    workbook.active.append(["1", "First", "Sheet"])
    other = workbook.create_sheet("Other")
    other.append(["not", "a", "list"])
    path = tmp_path / "two.xlsx"
    workbook.save(path)
    assert [p.family_name for p in read_person_file(path).persons] == ["First"]


def test_header_only_workbook_gives_an_empty_list(make_xlsx: MakeXlsx) -> None:
    assert read_person_file(make_xlsx([HEADER])).persons == ()


def test_empty_workbook_is_refused(make_xlsx: MakeXlsx) -> None:
    with pytest.raises(ImportRefused) as caught:
        read_person_file(make_xlsx([]))
    assert "no header row" in str(caught.value)


def test_damaged_workbook_is_refused(tmp_path: Path) -> None:
    path = tmp_path / "broken.xlsx"
    path.write_text("id,family_name,given_name\n1,A,B\n")  # a CSV in disguise
    with pytest.raises(ImportRefused) as caught:
        read_person_file(path)
    assert str(caught.value.errors[0]) == "broken.xlsx: not a readable .xlsx workbook"
