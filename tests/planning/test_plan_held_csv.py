"""The numpy reader of plain held files reads what the careful reader reads, cell for cell,
and leaves every other file to it.
"""

from pathlib import Path
from typing import Any

import numpy as np
import pytest
from hypothesis import given, settings
from hypothesis import strategies as st

from parley.imports import ImportRefused
from parley.planning import held
from parley.planning.held import HeldList, read_held
from parley.planning.held_csv import read_plain
from parley.synth.held import synth_held, write_held

HEADER = "id,category,birth_date,seriously_wounded,seriously_ill,consent,captured_on,requested"


def careful(path: Path, monkeypatch: pytest.MonkeyPatch) -> HeldList:
    with monkeypatch.context() as patch:
        patch.setattr(held, "read_plain", lambda _: None)
        return read_held(path, "RU")


def same(a: HeldList, b: HeldList) -> bool:
    columns = ("category", "birth", "wounded", "ill", "consent", "captured", "requested")
    return (a.rows, a.table.ids, a.table.holder) == (b.rows, b.table.ids, b.table.holder) and all(
        getattr(a.table, c).dtype == getattr(b.table, c).dtype
        and np.array_equal(getattr(a.table, c), getattr(b.table, c))
        for c in columns
    )


PLAIN = [
    # Odd spellings and dates go to the careful reader cell by cell, in a plain file.
    f"{HEADER}\na1,serviceman,2001-02-03,TRUE,yes,unknown,03.02.2001,1\n"
    "b2,civilian,,no,0,No,2024-02-29,false\nв3,serviceman,1999-12-31,,,,,\n",
    f"{HEADER}\r\na1,serviceman,1900-02-28,true,false,yes,2023-05-06,false\r\n",  # CRLF
    "\ufeff" + f"{HEADER.replace(',', ';')}\na1;civilian;2000-01-01;true;;no;;\n",  # BOM, ;
    "category,id\nserviceman,x\ncivilian,y",  # columns reordered or missing, no last newline
]


@pytest.mark.parametrize("text", PLAIN)
def test_plain_files_are_read_alike(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch, text: str
) -> None:
    path = tmp_path / "held.csv"
    path.write_bytes(text.encode("utf-8"))
    assert read_plain(path) is not None
    assert same(read_held(path, "RU"), careful(path, monkeypatch))


def test_a_generated_file_is_read_alike(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    path = write_held(synth_held("UA", 3000, seed=2), tmp_path / "ua.csv")
    assert read_plain(path) is not None
    assert same(read_held(path, "RU"), careful(path, monkeypatch))


@pytest.mark.parametrize(
    "body",
    [
        'a1,"serviceman",,,,,,\n',  # quotes
        "a1, serviceman,,,,,,\n",  # spaces to strip
        "a1,serviceman,,,,,,\n\n",  # an empty row
        ",,,,,,,\na1,serviceman,,,,,,\n",  # a row with no values
        "a1,serviceman,,,,,\n",  # a short row
        "a1,serviceman,,,,,,\rb2,civilian,,,,,,\n",  # a lone \r
    ],
)
def test_other_files_are_left_to_the_careful_reader(tmp_path: Path, body: str) -> None:
    path = tmp_path / "held.csv"
    path.write_text(f"{HEADER}\n{body}", encoding="utf-8")
    assert read_plain(path) is None


@pytest.mark.parametrize(
    ("cell", "column"),
    [
        ("2001-02-29", "birth_date"),
        ("0000-01-01", "birth_date"),
        ("2001-1-01", "birth_date"),
        ("2001-00-10", "captured_on"),
        ("2001-04-31", "captured_on"),
    ],
)
def test_impossible_dates_are_refused_with_row_and_column(
    tmp_path: Path, cell: str, column: str
) -> None:
    row = {"birth_date": f"a1,serviceman,{cell},,,,,", "captured_on": f"a1,serviceman,,,,,{cell},"}
    path = tmp_path / "held.csv"
    path.write_text(f"{HEADER}\nz0,civilian,,,,,,\n{row[column]}\n", encoding="utf-8")
    with pytest.raises(ImportRefused) as caught:
        read_held(path, "RU")
    assert [(e.row, e.column) for e in caught.value.errors] == [(3, column)]


@settings(max_examples=40, deadline=None)
@given(
    st.lists(
        st.from_regex(r"[0-9]{4}-[0-9]{2}-[0-9]{2}|[0-9.-]{1,10}", fullmatch=True),
        min_size=1,
        max_size=12,
    )
)
def test_any_date_cells_are_read_or_refused_alike(tmp_path_factory: Any, cells: list[str]) -> None:
    path = tmp_path_factory.mktemp("dates") / "held.csv"
    rows = "".join(f"p{n},serviceman,{cell},,,,{cell},\n" for n, cell in enumerate(cells))
    path.write_text(f"{HEADER}\n{rows}", encoding="utf-8")
    assert read_plain(path) is not None

    def outcome() -> object:
        try:
            table = read_held(path, "RU").table
        except ImportRefused as refused:
            return [(e.row, e.column, e.message) for e in refused.errors]
        return (table.birth.tolist(), table.captured.tolist())

    fast = outcome()
    with pytest.MonkeyPatch.context() as patch:
        patch.setattr(held, "read_plain", lambda _: None)
        assert outcome() == fast
