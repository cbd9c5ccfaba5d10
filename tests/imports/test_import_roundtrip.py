"""Writing person lists, and the round trip write_person_file -> read_person_file."""

from __future__ import annotations

import csv
import tempfile
from datetime import date
from pathlib import Path

import pytest
from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st
from openpyxl import load_workbook

from parley.domain.columns import PERSON_FIELDS
from parley.domain.people import Person
from parley.imports import read_person_file, write_person_file

LATIN = "ABCDEFGHIJKLMNOPQRSTUVWXYZabcdefghijklmnopqrstuvwxyz"
CYRILLIC = "АБВГДЕЁЖЗИЙКЛМНОПРСТУФХЦЧШЩЪЫЬЭЮЯабвгдеёжзийклмнопрстуфхцчшщъыьэюяЇїІіЄєҐґ"


def _text(alphabet: str, max_size: int = 20) -> st.SearchStrategy[str]:
    """Text as an importer yields it: non-empty, no surrounding whitespace."""
    return st.text(alphabet=alphabet, min_size=1, max_size=max_size).map(str.strip).filter(bool)


names = _text(LATIN + CYRILLIC + " -'")
# Ids with leading zeros, signs and formula-like text must survive as text.
ids = _text(LATIN + "0123456789-=+/ ", max_size=8)
free_text = _text(LATIN + CYRILLIC + "0123456789 ,;\"'=.-/№")
extra_names = st.text(alphabet="abcxyzабвгд_", min_size=1, max_size=6).filter(
    lambda name: name not in PERSON_FIELDS
)
dates = st.one_of(st.none(), st.dates())

persons = st.builds(
    Person,
    id=ids,
    family_name=names,
    given_name=names,
    patronymic=st.one_of(st.none(), names),
    birth_date=dates,
    sex=st.sampled_from([None, "M", "F"]),
    military_unit=st.one_of(st.none(), free_text),
    category=st.sampled_from(["serviceman", "civilian"]),
    seriously_wounded=st.booleans(),
    seriously_ill=st.booleans(),
    consent=st.sampled_from(["yes", "no", "unknown"]),
    captured_on=dates,
    extra=st.dictionaries(extra_names, free_text, max_size=3),
)
person_lists = st.lists(persons, max_size=8, unique_by=lambda person: person.id)


@pytest.mark.parametrize("suffix", [".csv", ".xlsx"])
@settings(deadline=None, max_examples=60, suppress_health_check=[HealthCheck.too_slow])
@given(people=person_lists)
def test_write_then_read_gives_equal_persons(suffix: str, people: list[Person]) -> None:
    with tempfile.TemporaryDirectory() as folder:
        path = Path(folder) / f"list{suffix}"
        write_person_file(people, path)
        assert list(read_person_file(path).persons) == people


def test_csv_is_utf8_with_commas_and_fields_then_sorted_extras(tmp_path: Path) -> None:
    people = [
        Person(id="1", family_name="Иванов", given_name="Пётр", extra={"zone": "B"}),
        Person(
            id="2",
            family_name="Doe",
            given_name="Jane",
            birth_date=date(1990, 1, 31),
            seriously_ill=True,
            extra={"camp": "North, 3"},
        ),
    ]
    path = tmp_path / "out.csv"
    write_person_file(iter(people), path)
    raw = path.read_bytes()
    assert not raw.startswith(b"\xef\xbb\xbf")
    rows = list(csv.reader(raw.decode("utf-8").splitlines()))
    assert rows[0] == [*PERSON_FIELDS, "camp", "zone"]
    first = dict(zip(rows[0], rows[1], strict=True))
    second = dict(zip(rows[0], rows[2], strict=True))
    assert first["family_name"] == "Иванов" and first["zone"] == "B" and first["camp"] == ""
    assert second["birth_date"] == "1990-01-31" and second["seriously_ill"] == "true"
    assert second["camp"] == "North, 3" and second["category"] == "serviceman"
    assert read_person_file(path).warnings == (
        "out.csv: unknown columns kept with each record: camp, zone",
    )


def test_xlsx_has_native_dates_and_text_that_looks_like_formulas(tmp_path: Path) -> None:
    people = [
        Person(
            id="=1+1",
            family_name="Old",
            given_name="Timer",
            birth_date=date(1899, 5, 1),  # before Excel's reliable dates: written as text
            captured_on=date(2022, 3, 4),
        )
    ]
    path = tmp_path / "out.xlsx"
    write_person_file(people, path)
    sheet = load_workbook(path).worksheets[0]
    assert [cell.value for cell in sheet[1]] == list(PERSON_FIELDS)
    assert sheet["A2"].data_type == "s" and sheet["A2"].value == "=1+1"
    assert sheet["E2"].value == "1899-05-01"
    assert sheet["L2"].is_date
    assert list(read_person_file(path).persons) == people


def test_empty_list_round_trips(tmp_path: Path) -> None:
    for suffix in (".csv", ".xlsx"):
        path = tmp_path / f"empty{suffix}"
        write_person_file([], path)
        assert read_person_file(path).persons == ()


def test_writing_other_suffixes_is_refused(tmp_path: Path) -> None:
    with pytest.raises(ValueError, match=r"use a \.csv or \.xlsx"):
        write_person_file([], tmp_path / "out.xls")
    assert not (tmp_path / "out.xls").exists()


@pytest.mark.parametrize("name", ["id", "Rank", " rank", ""])
def test_extra_names_that_would_not_read_back_are_refused(tmp_path: Path, name: str) -> None:
    person = Person(id="1", family_name="A", given_name="B", extra={name: "x"})
    with pytest.raises(ValueError, match="extra column name"):
        write_person_file([person], tmp_path / "out.csv")
