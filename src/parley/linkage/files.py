"""Reading the lists to link and writing the matches, in the formats clerks send (CSV, XLSX).

Linking reads lists of ninety thousand: a fast path checks the whole file column by column and
works on each distinct value once. Anything it would refuse is read again by the importer, which
names every bad file, row and column; so both paths accept and refuse exactly the same files.
"""

from __future__ import annotations

import csv
import io
from pathlib import Path

import pandas as pd

from parley.imports.cells import OPTIONAL_COLUMNS, parse_cell
from parley.imports.errors import ImportRefused
from parley.imports.tables import Table, decode_csv, header_name, read_table
from parley.linkage.prepare import LIST_COLUMNS, frame_of
from parley.nogc import without_cycle_collection
from parley.parallel import side_by_side

REQUIRED = ("id", "family_name", "given_name")


def read_list(path: Path) -> pd.DataFrame:
    """A request list or registry as a frame; a bad file is refused (ImportRefused) whole."""
    with without_cycle_collection():
        frame = _fast(path)
    if frame is None:
        from parley.imports.persons import persons_of_table  # the Person model, only here

        table = read_table(path)
        frame = frame_of(persons_of_table(table, path.name).persons)
        frame["category"] = _empty_as_unknown(table, "category", frame["category"])
    return frame


def _empty_as_unknown(table: Table, column: str, values: pd.Series) -> pd.Series:
    """The importer's values with its default taken back where the file left the cell empty:
    a category the clerk left empty is unknown, not a serviceman."""
    if column not in table.header:
        return pd.Series([None] * len(values), index=values.index, dtype=object)
    at = table.header.index(column)
    written = [at < len(cells) and bool(cells[at].strip()) for _, cells in table.rows]
    return values.where(pd.Series(written, index=values.index), None)


def read_lists(requests: Path, registry: Path) -> tuple[pd.DataFrame, pd.DataFrame]:
    """Both lists of a linking run, the request list read by a helper process meanwhile when
    the machine has a second CPU (the shorter list: its frame comes back pickled); a bad file
    is refused as `read_list` refuses it, the request list's first when both are bad.
    """
    try:
        held, asked = side_by_side(lambda: read_list(registry), lambda: read_list(requests))
    except ImportRefused:
        read_list(requests)  # when both are bad, the request list's refusal is the one told
        raise
    return asked, held


def _table(path: Path) -> pd.DataFrame | None:
    """All cells as stripped text under the importer's header names; None where pandas' CSV
    reader and the importer's might differ (then the importer reads the file).
    """
    if path.suffix.lower() != ".csv":
        table = read_table(path)
        header = list(table.header)
        cells = [cells for _, cells in table.rows]
        if any(len(row) > len(header) for row in cells):
            return None
        rows = [row + ("",) * (len(header) - len(row)) for row in cells]
        return pd.DataFrame(rows, columns=header)
    text, delimiter = decode_csv(path)
    raw_header = next(csv.reader(io.StringIO(text.partition("\n")[0]), delimiter=delimiter), [])
    names = [header_name(cell) for cell in raw_header]
    if len(set(names)) != len(names):  # pandas would rename the second one: let the importer say
        return None
    try:
        # Arrow's reader: a third of the C reader's time on a registry of ninety thousand; a
        # file it cannot parse (a row longer or shorter than the header) is the importer's.
        frame = pd.read_csv(
            io.BytesIO(text.encode("utf-8")),
            sep=delimiter,
            dtype=str,
            keep_default_na=False,
            engine="pyarrow",
        )
    except (ValueError, pd.errors.ParserError):
        return None
    frame.columns = [header_name(str(c)) for c in frame.columns]
    frame = frame.apply(lambda column: column.str.strip())
    # A row with no values at all is layout, not a record, as the importer reads it.
    return frame[(frame != "").any(axis=1)].reset_index(drop=True)


def _fast(path: Path) -> pd.DataFrame | None:
    """The list, or None when anything in it needs the importer's word."""
    frame = _table(path)
    if frame is None:
        return None
    header = list(frame.columns)
    if len(set(header)) != len(header) or not set(REQUIRED) <= set(header) or "" in header:
        return None
    if any(h.startswith("unnamed:") for h in header):
        return None
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


WRITABLE = (".csv", ".xlsx")


def check_writable(path: Path) -> None:
    """ValueError unless `write_matches` can write a file of that name."""
    if path.suffix.lower() not in WRITABLE:
        raise ValueError(f"cannot write '{path.name}': use a .csv or .xlsx file name")


def write_matches(matches: pd.DataFrame, path: Path) -> None:
    """A table (the matches, or any other of linking's) as CSV or XLSX, by the file name."""
    check_writable(path)
    if path.suffix.lower() == ".xlsx":
        matches.to_excel(path, index=False)
    else:
        matches.to_csv(path, index=False, encoding="utf-8")
