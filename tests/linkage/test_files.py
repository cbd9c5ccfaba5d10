"""Reading lists to link: a cell the clerk left empty stays unknown on either reading path."""

from pathlib import Path

import pandas as pd
import pytest

from parley.linkage import files
from parley.linkage.files import read_list

HEADER = "id,family_name,given_name,category\n"


def _both_paths(path: Path, monkeypatch: pytest.MonkeyPatch) -> list[list[object]]:
    fast = read_list(path)["category"]
    monkeypatch.setattr(files, "_fast", lambda _path: None)  # what the importer reads
    slow = read_list(path)["category"]
    return [[None if pd.isna(v) else v for v in column] for column in (fast, slow)]


def test_an_empty_category_is_unknown_not_the_importers_default(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    path = tmp_path / "list.csv"
    path.write_text(HEADER + "Q1,Коваленко,Іван,civilian\nQ2,Шевчук,Петро,\n", encoding="utf-8")
    assert _both_paths(path, monkeypatch) == [["civilian", None]] * 2


def test_a_list_without_the_column_has_no_category(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    path = tmp_path / "list.csv"
    path.write_text("id,family_name,given_name\nQ1,Коваленко,Іван\n", encoding="utf-8")
    assert _both_paths(path, monkeypatch) == [[None]] * 2
