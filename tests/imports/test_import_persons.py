"""The person-list importer's contract for CSV files (formats, columns, values, refusals)."""

from __future__ import annotations

import ast
import pickle
import sys
from collections.abc import Callable
from datetime import date
from pathlib import Path

import pytest

from parley.imports import ImportedList, ImportRefused, RowError, read_person_file

MakeCsv = Callable[..., Path]
HEADER = "id,family_name,given_name"


def refused(path: Path, **kwargs: int) -> ImportRefused:
    with pytest.raises(ImportRefused) as caught:
        read_person_file(path, **kwargs)
    return caught.value


def places(error: ImportRefused) -> list[tuple[int | None, str | None]]:
    return [(e.row, e.column) for e in error.errors]


# --- shipped samples: the encodings and delimiters clerks really send -------------------------


def test_cp1251_semicolon_registry_with_cyrillic_names(data_dir: Path) -> None:
    result = read_person_file(data_dir / "ru_registry_cp1251.csv")
    assert result.source == "ru_registry_cp1251.csv"
    assert [p.id for p in result.persons] == ["R-001", "R-002", "R-003"]
    first, second, third = result.persons
    assert first.full_name == "Иванов Пётр Сергеевич"
    assert first.birth_date == date(1994, 7, 3)
    assert first.sex == "M"
    assert first.military_unit == "в/ч 12345"
    assert first.consent == "yes"
    assert first.extra == {"rank": "рядовой", "camp": "Лагерь 3"}
    assert second.sex == "F" and second.category == "civilian"
    assert second.patronymic is None and second.birth_date == date(1989, 11, 20)
    assert second.extra == {"camp": "Лагерь 1"}  # empty cells are not kept
    assert third.sex == "M" and third.seriously_wounded is True
    assert third.category == "serviceman" and third.consent == "unknown"
    assert third.extra == {"rank": "сержант"}
    assert result.warnings == (
        "ru_registry_cp1251.csv: unknown columns kept with each record: rank, camp",
    )


def test_utf8_bom_comma_request_list(data_dir: Path) -> None:
    result = read_person_file(data_dir / "ua_request_bom.csv")
    assert result.warnings == ()
    shevchenko, kovalenko = result.persons
    assert shevchenko.id == "U17"  # the BOM is not part of the first header name
    assert shevchenko.sex == "M"  # Ч
    assert shevchenko.military_unit == "бригада 24, рота 2"
    assert shevchenko.seriously_ill is True
    assert shevchenko.captured_on == date(2023, 5, 14)
    assert kovalenko.sex == "F" and kovalenko.seriously_ill is False
    assert kovalenko.birth_date is None and kovalenko.captured_on is None


def test_bad_birth_date_on_row_4_refuses_the_file(data_dir: Path) -> None:
    error = refused(data_dir / "bad_birth_date.csv")
    assert error.errors == [
        RowError(
            "bad_birth_date.csv",
            4,
            "birth_date",
            "'31.02.1990' is not a date (use YYYY-MM-DD or DD.MM.YYYY)",
        )
    ]
    assert error.total == 1
    assert str(error.errors[0]) == (
        "bad_birth_date.csv, row 4, column birth_date: "
        "'31.02.1990' is not a date (use YYYY-MM-DD or DD.MM.YYYY)"
    )
    assert str(error).splitlines() == [
        "bad_birth_date.csv: refused, 1 problem; nothing was imported",
        str(error.errors[0]),
    ]


# --- formats ----------------------------------------------------------------------------------


def test_utf8_semicolon_without_bom(make_csv: MakeCsv) -> None:
    path = make_csv("id;family_name;given_name\n1;Ёлкин;Иван\n")
    assert read_person_file(path).persons[0].family_name == "Ёлкин"


def test_cp1251_comma(make_csv: MakeCsv) -> None:
    path = make_csv(f"{HEADER}\n1,Петров,Иван\n", encoding="cp1251")
    assert read_person_file(path).persons[0].full_name == "Петров Иван"


def test_delimiter_is_decided_by_the_header(make_csv: MakeCsv) -> None:
    # Semicolons in the data (quoted) do not outvote the header's commas.
    path = make_csv(f'{HEADER},military_unit\n1,Li,Wei,"a; b; c; d"\n')
    assert read_person_file(path).persons[0].military_unit == "a; b; c; d"
    path = make_csv('id;family_name;given_name;military_unit\n1;Li;Wei;"1st, 2nd, 3rd"\n')
    assert read_person_file(path).persons[0].military_unit == "1st, 2nd, 3rd"


def test_undecodable_file_is_refused_by_name(make_csv: MakeCsv) -> None:
    path = make_csv("", name="garbled.csv")
    path.write_bytes(b"id,family_name,given_name\n1,\x98\xff,x\n")  # 0x98 is no cp1251 char
    error = refused(path)
    assert error.errors[0].file == "garbled.csv"
    assert "cannot decode" in str(error)


@pytest.mark.parametrize("name", ["list.xls", "list.txt", "list.ods", "list"])
def test_other_suffixes_are_refused(tmp_path: Path, name: str) -> None:
    path = tmp_path / name
    path.write_text(f"{HEADER}\n1,A,B\n")
    error = refused(path)
    assert error.errors[0].row is None
    assert "use .csv or .xlsx" in error.errors[0].message


def test_upper_case_suffix_is_accepted(make_csv: MakeCsv) -> None:
    assert len(read_person_file(make_csv(f"{HEADER}\n1,A,B\n", name="LIST.CSV")).persons) == 1


def test_missing_file_is_refused(tmp_path: Path) -> None:
    error = refused(tmp_path / "absent.csv")
    assert "cannot read the file" in str(error)


def test_zero_byte_file_is_refused(make_csv: MakeCsv) -> None:
    error = refused(make_csv("", name="empty.csv"))
    assert str(error.errors[0]) == "empty.csv: the file is empty: there is no header row"


def test_blank_header_row_is_refused(make_csv: MakeCsv) -> None:
    assert places(refused(make_csv(",,\n1,A,B\n"))) == [(1, None)]


def test_header_only_gives_an_empty_list(make_csv: MakeCsv) -> None:
    assert read_person_file(make_csv(f"{HEADER}\n")) == ImportedList((), (), "list.csv")
    assert read_person_file(make_csv(HEADER)).persons == ()


def test_malformed_csv_is_refused_not_raised(make_csv: MakeCsv) -> None:
    path = make_csv(f"{HEADER},military_unit\n1,A,B,{'x' * 200_000}\n")
    error = refused(path)
    assert "malformed CSV" in error.errors[0].message


# --- header -----------------------------------------------------------------------------------


def test_header_names_are_stripped_and_lower_cased(make_csv: MakeCsv) -> None:
    path = make_csv(" ID , Family_Name ,GIVEN_NAME, Rank \n1,A,B,major\n")
    person = read_person_file(path).persons[0]
    assert (person.id, person.extra) == ("1", {"rank": "major"})


def test_missing_required_column_is_one_error_on_the_header(make_csv: MakeCsv) -> None:
    error = refused(make_csv("id,given_name,birth_date\n1,A,x\n2,B,y\n"))
    assert error.errors == [
        RowError("list.csv", 1, "family_name", "required column 'family_name' is missing")
    ]


def test_duplicate_header_names_are_an_error(make_csv: MakeCsv) -> None:
    error = refused(make_csv(f"{HEADER},ID\n1,A,B,2\n"))
    assert places(error) == [(1, "id")]
    assert "appears twice" in error.errors[0].message


def test_unknown_columns_are_warned_once_and_kept(make_csv: MakeCsv) -> None:
    path = make_csv(f"{HEADER},camp,rank\n1,A,B,North,\n2,C,D,,captain\n3,E,F,,\n")
    result = read_person_file(path)
    assert [p.extra for p in result.persons] == [{"camp": "North"}, {"rank": "captain"}, {}]
    assert result.warnings == ("list.csv: unknown columns kept with each record: camp, rank",)


def test_unnamed_columns_may_only_be_empty(make_csv: MakeCsv) -> None:
    # Trailing separators are common and harmless; a value under no header is not.
    assert len(read_person_file(make_csv(f"{HEADER},,\n1,A,B,,\n")).persons) == 1
    error = refused(make_csv(f"{HEADER},\n1,A,B,\n2,C,D,lost\n3,E,F,,,x\n"))
    assert places(error) == [(3, None), (4, None)]
    assert error.errors[0].message == "value 'lost' in column 4, which has no header"


# --- values -----------------------------------------------------------------------------------


@pytest.mark.parametrize(
    ("text", "expected"),
    [("1990-01-31", date(1990, 1, 31)), ("31.01.1990", date(1990, 1, 31)), ("", None)],
)
def test_dates(make_csv: MakeCsv, text: str, expected: date | None) -> None:
    path = make_csv(f"{HEADER},birth_date,captured_on\n1,A,B,{text},{text}\n")
    person = read_person_file(path).persons[0]
    assert (person.birth_date, person.captured_on) == (expected, expected)


@pytest.mark.parametrize(
    "text", ["1990/01/31", "19900131", "31-01-1990", "1990-02-30", "yesterday", "01.13.1990"]
)
def test_bad_dates(make_csv: MakeCsv, text: str) -> None:
    error = refused(make_csv(f"{HEADER},captured_on\n1,A,B,{text}\n"))
    assert error.errors == [
        RowError(
            "list.csv", 2, "captured_on", f"'{text}' is not a date (use YYYY-MM-DD or DD.MM.YYYY)"
        )
    ]


@pytest.mark.parametrize(
    ("text", "expected"),
    [
        ("serviceman", "serviceman"),
        ("CIVILIAN", "civilian"),
        ("Civilian", "civilian"),
        ("", "serviceman"),
    ],
)
def test_category(make_csv: MakeCsv, text: str, expected: str) -> None:
    path = make_csv(f"{HEADER},category\n1,A,B,{text}\n")
    assert read_person_file(path).persons[0].category == expected


@pytest.mark.parametrize(
    ("text", "expected"),
    [
        ("true", True),
        ("YES", True),
        ("1", True),
        ("False", False),
        ("no", False),
        ("0", False),
        ("", False),
    ],
)
def test_booleans(make_csv: MakeCsv, text: str, expected: bool) -> None:
    path = make_csv(f"{HEADER},seriously_wounded,seriously_ill\n1,A,B,{text},{text}\n")
    person = read_person_file(path).persons[0]
    assert (person.seriously_wounded, person.seriously_ill) == (expected, expected)


@pytest.mark.parametrize(
    ("text", "expected"), [("yes", "yes"), ("No", "no"), ("UNKNOWN", "unknown"), ("", "unknown")]
)
def test_consent(make_csv: MakeCsv, text: str, expected: str) -> None:
    path = make_csv(f"{HEADER},consent\n1,A,B,{text}\n")
    assert read_person_file(path).persons[0].consent == expected


@pytest.mark.parametrize(
    ("text", "expected"),
    [
        ("M", "M"),
        ("m", "M"),
        ("male", "M"),
        ("Male", "M"),
        ("М", "M"),
        ("м", "M"),
        ("Ч", "M"),
        ("ч", "M"),
        ("F", "F"),
        ("f", "F"),
        ("female", "F"),
        ("Ж", "F"),
        ("ж", "F"),
        ("", None),
    ],
)
def test_sex(make_csv: MakeCsv, text: str, expected: str | None) -> None:
    path = make_csv(f"{HEADER},sex\n1,A,B,{text}\n")
    assert read_person_file(path).persons[0].sex == expected


@pytest.mark.parametrize(
    ("column", "text", "hint"),
    [
        ("category", "remains", "is not a category (use serviceman or civilian)"),
        ("seriously_ill", "maybe", "is not yes or no (use true/false, yes/no or 1/0)"),
        ("consent", "y", "is not a consent answer (use yes, no or unknown)"),
        ("sex", "x", "is not a sex (use M or F)"),
    ],
)
def test_bad_choices(make_csv: MakeCsv, column: str, text: str, hint: str) -> None:
    error = refused(make_csv(f"{HEADER},{column}\n1,A,B,{text}\n"))
    assert error.errors == [RowError("list.csv", 2, column, f"'{text}' {hint}")]


def test_whitespace_is_stripped_and_blank_cells_are_missing(make_csv: MakeCsv) -> None:
    path = make_csv(
        f"{HEADER},patronymic,sex,military_unit\n  7 , Li ,\u00a0Wei\u00a0,   , f ,\t\n"
    )
    person = read_person_file(path).persons[0]
    assert (person.id, person.family_name, person.given_name) == ("7", "Li", "Wei")
    assert person.patronymic is None and person.military_unit is None and person.sex == "F"


def test_each_missing_required_cell_is_an_error(make_csv: MakeCsv) -> None:
    error = refused(make_csv(f"{HEADER}\n1,A,B\n,C,\n3,  ,D\n"))
    assert places(error) == [(3, "id"), (3, "given_name"), (4, "family_name")]
    assert error.errors[0].message == "id is missing (required)"


def test_duplicate_id_names_the_first_row(make_csv: MakeCsv) -> None:
    error = refused(make_csv(f"{HEADER},birth_date\nA1,X,Y,\nA17,A,B,bad\nA17,C,D,\nA17,E,F,\n"))
    assert [str(e) for e in error.errors] == [
        "list.csv, row 3, column birth_date: 'bad' is not a date (use YYYY-MM-DD or DD.MM.YYYY)",
        "list.csv, row 4, column id: duplicate id 'A17' (first on row 3)",
        "list.csv, row 5, column id: duplicate id 'A17' (first on row 3)",
    ]


def test_blank_rows_are_skipped_but_still_counted(make_csv: MakeCsv) -> None:
    text = f"{HEADER},birth_date\n1,A,B,\n,,,\n\n  ,\t,,\n2,C,D,never\n,,,\n\n"
    error = refused(make_csv(text))
    assert places(error) == [(6, "birth_date")]
    assert len(read_person_file(make_csv(f"{HEADER}\n1,A,B\n,,\n\n2,C,D\n,,\n")).persons) == 2


def test_persons_come_in_file_order(make_csv: MakeCsv) -> None:
    path = make_csv(f"{HEADER}\n9,A,B\n1,C,D\n5,E,F\n")
    assert [p.id for p in read_person_file(path).persons] == ["9", "1", "5"]


# --- refusal: every bad row, capped ------------------------------------------------------------


def test_every_bad_row_is_reported_after_scanning_all_rows(make_csv: MakeCsv) -> None:
    rows = "".join(f"{n},A,B,{'bad' if n % 2 else '2000-01-01'}\n" for n in range(1, 11))
    error = refused(make_csv(f"{HEADER},birth_date\n{rows}"))
    assert error.total == 5
    assert [e.row for e in error.errors] == [2, 4, 6, 8, 10]


def test_errors_are_capped_and_counted(make_csv: MakeCsv) -> None:
    rows = "".join(f"{n},A,B,bad\n" for n in range(1, 121))
    error = refused(make_csv(f"{HEADER},sex\n{rows}"))
    assert (len(error.errors), error.total) == (50, 120)
    lines = str(error).splitlines()
    assert lines[0] == "list.csv: refused, 120 problems; nothing was imported"
    assert lines[-1] == "… and 70 more"
    assert len(lines) == 52
    small = refused(make_csv(f"{HEADER},sex\n{rows}"), max_errors=3)
    assert (len(small.errors), small.total) == (3, 120)
    assert str(small).splitlines()[-1] == "… and 117 more"


def test_negative_max_errors_is_a_programming_error(make_csv: MakeCsv) -> None:
    with pytest.raises(ValueError):
        read_person_file(make_csv(f"{HEADER}\n"), max_errors=-1)


def test_refusal_survives_pickling(make_csv: MakeCsv) -> None:
    error = refused(make_csv(f"{HEADER},sex\n1,A,B,x\n2,C,D,y\n"), max_errors=1)
    copy = pickle.loads(pickle.dumps(error))
    assert (copy.errors, copy.total, str(copy)) == (error.errors, 2, str(error))


def test_row_error_text_without_row_or_column() -> None:
    assert str(RowError("a.csv", None, None, "broken")) == "a.csv: broken"
    assert str(RowError("a.csv", 3, None, "broken")) == "a.csv, row 3: broken"


# --- layering ---------------------------------------------------------------------------------


def test_imports_package_depends_only_on_domain_stdlib_and_openpyxl() -> None:
    import parley.imports

    allowed_roots = {"openpyxl", "parley", "__future__"}
    package = Path(parley.imports.__file__).parent
    for module in package.glob("*.py"):
        tree = ast.parse(module.read_text(encoding="utf-8"))
        for node in ast.walk(tree):
            names: list[str] = []
            if isinstance(node, ast.Import):
                names = [alias.name for alias in node.names]
            elif isinstance(node, ast.ImportFrom) and node.module:
                names = [node.module]
            for name in names:
                root = name.split(".")[0]
                assert root in allowed_roots or root in sys.stdlib_module_names, (module, name)
                if root == "parley":
                    assert name.startswith(("parley.domain", "parley.imports")), (module, name)
