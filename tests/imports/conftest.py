"""Helpers for the import tests: small files written into tmp_path."""

from __future__ import annotations

from collections.abc import Callable, Sequence
from pathlib import Path

import pytest
from openpyxl import Workbook

DATA = Path(__file__).parent.parent / "data" / "imports"


@pytest.fixture
def data_dir() -> Path:
    return DATA


@pytest.fixture
def make_csv(tmp_path: Path) -> Callable[..., Path]:
    """Write `text` as a CSV file named `name` in the given encoding."""

    def make(text: str, name: str = "list.csv", encoding: str = "utf-8") -> Path:
        path = tmp_path / name
        path.write_bytes(text.encode(encoding))
        return path

    return make


@pytest.fixture
def make_xlsx(tmp_path: Path) -> Callable[..., Path]:
    """Write rows of native values into the first worksheet of a new workbook."""

    def make(rows: Sequence[Sequence[object]], name: str = "list.xlsx") -> Path:
        workbook = Workbook()
        sheet = workbook.active
        for row in rows:
            sheet.append(list(row))
        path = tmp_path / name
        workbook.save(path)
        return path

    return make
