"""Reading the lists to link and writing the matches, in the formats clerks send (CSV, XLSX).

Linking reads lists of ninety thousand: a fast path checks the whole file column by column and
works on each distinct value once. Anything it would refuse is read again by the importer, which
names every bad file, row and column; so both paths accept and refuse exactly the same files.
"""

from __future__ import annotations

from pathlib import Path

import pandas as pd

from parley.imports import read_person_file
from parley.imports.persons import OPTIONAL_COLUMNS, parse_cell
from parley.imports.tables import read_table
from parley.linkage.prepare import LIST_COLUMNS, frame_of

REQUIRED = ("id", "family_name", "given_name")


def read_list(path: Path) -> pd.DataFrame:
    """A request list or registry as a frame; a bad file is refused (ImportRefused) whole."""
    frame = _fast(path)
    if frame is None:
        frame = frame_of(read_person_file(path).persons)
    return frame


def _fast(path: Path) -> pd.DataFrame | None:
    """The list, or None when anything in it needs the importer's word."""
    table = read_table(path)
    header = list(table.header)
    if len(set(header)) != len(header) or not set(REQUIRED) <= set(header) or "" in header:
        return None
    cells = [cells for _, cells in table.rows]
    if any(len(row) > len(header) for row in cells):
        return None
    frame = pd.DataFrame([row + ("",) * (len(header) - len(row)) for row in cells], columns=header)
    if frame.empty:
        return pd.DataFrame(columns=list(LIST_COLUMNS))
    for column in REQUIRED:
        if (frame[column] == "").any():
            return None
    if frame["id"].duplicated().any():
        return None
    result = pd.DataFrame({c: frame[c] for c in REQUIRED})
    for column in LIST_COLUMNS:
        if column in REQUIRED:
            continue
        if column not in frame.columns:
            result[column] = None
            continue
        values: dict[str, object] = {"": None}
        for text in frame[column].unique():
            if text:
                try:
                    values[text] = parse_cell(column, text)
                except ValueError:
                    return None
        result[column] = frame[column].map(values)
    # Columns linking does not use are still checked, so the fast path refuses nothing less.
    for column in OPTIONAL_COLUMNS:
        if column in frame.columns and column not in LIST_COLUMNS:
            for text in frame[column].unique():
                if text:
                    try:
                        parse_cell(column, text)
                    except ValueError:
                        return None
    return result


def write_matches(matches: pd.DataFrame, path: Path) -> None:
    suffix = path.suffix.lower()
    if suffix == ".xlsx":
        matches.to_excel(path, index=False)
    elif suffix == ".csv":
        matches.to_csv(path, index=False, encoding="utf-8")
    else:
        raise ValueError(f"cannot write '{path.name}': use a .csv or .xlsx file name")
