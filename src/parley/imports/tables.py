"""Tables as files carry them: CSV (UTF-8, UTF-8 with BOM or cp1251; comma or semicolon) and XLSX.

This module knows nothing of persons: it turns a file into a header and numbered rows of text,
and rows of values back into a file. Row numbers are those a spreadsheet shows (header = 1).
"""

from __future__ import annotations

import csv
import io
from collections.abc import Iterable, Sequence
from dataclasses import dataclass
from datetime import date, datetime, time
from pathlib import Path

from parley.imports.errors import ImportRefused, RowError, refuse

SUFFIXES = (".csv", ".xlsx")
# A value written to a file: text, a date, or nothing.
Cell = str | date | None

# Excel's serial dates are wrong before 1900-03-01 (its 1900 leap-year bug) and undefined before
# 1900; such dates are written as ISO text instead so that they read back unchanged.
_FIRST_SAFE_EXCEL_DATE = date(1900, 3, 1)


@dataclass(frozen=True)
class Table:
    """`header` holds normalised column names (may be ""); `rows` skips rows with no values."""

    header: tuple[str, ...]
    rows: tuple[tuple[int, tuple[str, ...]], ...]


def header_name(text: str) -> str:
    """How a header cell is compared: BOM dropped, surrounding whitespace stripped, lower case."""
    return text.replace("\ufeff", "").strip().lower()


def read_table(path: Path) -> Table:
    """Read a .csv or .xlsx file; raise ImportRefused for a file that cannot be read as a table."""
    source = path.name
    suffix = path.suffix.lower()
    if suffix not in SUFFIXES:
        raise refuse(source, f"unsupported file type '{path.suffix}': use .csv or .xlsx")
    records = _csv_records(path) if suffix == ".csv" else _xlsx_records(path)
    if not records:
        raise refuse(source, "the file is empty: there is no header row")
    header = tuple(header_name(cell) for cell in records[0])
    if not any(header):
        raise refuse(source, "the header row is empty", row=1)
    rows = tuple(
        (number, cells)
        for number, cells in enumerate(records[1:], start=2)
        # A row with no values at all is layout (often trailing rows), not a record.
        if any(cells)
    )
    return Table(header, rows)


def read_columns(path: Path) -> tuple[tuple[str, ...], list[int], dict[str, list[str]]]:
    """The header, the file row of each record and each column's stripped cells, as
    `read_table` reads them, for files of a hundred thousand rows: a CSV without quotes whose
    rows are all whole is split at once (ten times faster); anything else goes through
    `read_table`. A row with more cells than the header is refused.
    """
    if path.suffix.lower() == ".csv":
        text, delimiter = decode_csv(path)
        text = text.replace("\r\n", "\n")  # how csv writers end lines; a lone \r is not plain
        lines = text.split("\n")
        if lines and lines[-1] == "":
            lines.pop()
        header = tuple(header_name(cell) for cell in lines[0].split(delimiter)) if lines else ()
        width = len(header)
        plain = '"' not in text and "\r" not in text and len(set(header)) == width > 0
        # Without quotes a row's cells are its delimiters plus one: no row may be longer.
        body = lines[1:]
        if plain and all(line.count(delimiter) == width - 1 for line in body):
            # Every row whole: one split of the whole body, each column a slice of it.
            cells = delimiter.join(body).split(delimiter) if body else []
            if " " in text or "\t" in text:
                cells = [cell.strip() for cell in cells]
            split = {name: cells[at::width] for at, name in enumerate(header)}
            rows = list(range(2, len(body) + 2))
            if "" in split[header[0]]:  # perhaps rows with no values at all: layout, dropped
                keep = [any(values) for values in zip(*split.values(), strict=True)]
                rows = [row for row, kept in zip(rows, keep, strict=True) if kept]
                split = {
                    n: [v for v, k in zip(c, keep, strict=True) if k] for n, c in split.items()
                }
            return header, rows, split
    table = read_table(path)
    width = len(table.header)
    long = [row for row, cells in table.rows if any(cells[width:])]
    if long:
        raise ImportRefused(
            path.name,
            [
                RowError(path.name, row, None, f"more cells than the {width} columns")
                for row in long
            ],
        )
    padded = [cells[:width] + ("",) * (width - len(cells)) for _, cells in table.rows]
    columns = {name: [row[at] for row in padded] for at, name in enumerate(table.header)}
    return table.header, [row for row, _ in table.rows], columns


def _read_bytes(path: Path) -> bytes:
    try:
        return path.read_bytes()
    except OSError as exc:
        raise refuse(path.name, f"cannot read the file: {exc.strerror or exc}") from None


def decode_csv(path: Path) -> tuple[str, str]:
    """The text of a CSV file and its delimiter, as Parley reads every CSV it is sent."""
    data = _read_bytes(path)
    text: str | None = None
    # Strict UTF-8 first: cp1251 decodes almost any byte string, so it can only be the fallback.
    for encoding in ("utf-8-sig", "cp1251"):
        try:
            text = data.decode(encoding)
            break
        except UnicodeDecodeError:
            continue
    if text is None:
        raise refuse(path.name, "cannot decode the file: save it as UTF-8 or Windows-1251 text")
    return text, delimiter_of(text.partition("\n")[0])


def delimiter_of(header: str) -> str:
    """The delimiter of a CSV file with this first line. (csv.Sniffer guesses wrongly on short
    or uniform files; the header decides instead.)"""
    return ";" if header.count(";") > header.count(",") else ","


def _csv_records(path: Path) -> list[tuple[str, ...]]:
    text, delimiter = decode_csv(path)
    reader = csv.reader(io.StringIO(text, newline=""), delimiter=delimiter)
    records: list[tuple[str, ...]] = []
    try:
        for record in reader:
            records.append(tuple(cell.strip() for cell in record))
    except csv.Error as exc:
        raise refuse(path.name, f"malformed CSV: {exc}", row=len(records) + 1) from None
    return records


def _xlsx_records(path: Path) -> list[tuple[str, ...]]:
    from openpyxl import load_workbook  # here: openpyxl pulls in numpy, slow to start

    _read_bytes(path)  # so that a missing or unreadable file is named as such
    try:
        workbook = load_workbook(path, read_only=True, data_only=True)
    except Exception:  # openpyxl fails in many ways on damaged or non-XLSX content
        raise refuse(path.name, "not a readable .xlsx workbook") from None
    try:
        if not workbook.worksheets:
            raise refuse(path.name, "the workbook has no worksheet")
        sheet = workbook.worksheets[0]
        # Some writers record a wrong sheet size, which would cut rows short; ignore it.
        sheet.reset_dimensions()
        # values_only rows come one per spreadsheet row, gaps filled, so the count is the number.
        return [
            tuple(_cell_text(value) for value in row) for row in sheet.iter_rows(values_only=True)
        ]
    except ImportRefused:
        raise
    except Exception:  # damaged sheet XML surfaces only while iterating
        raise refuse(path.name, "not a readable .xlsx workbook") from None
    finally:
        workbook.close()


def _cell_text(value: object) -> str:
    """A native XLSX value as the text a CSV would carry."""
    if value is None:
        return ""
    if isinstance(value, bool):  # before int: bool is an int
        return "true" if value else "false"
    if isinstance(value, float) and value.is_integer():
        return str(int(value))  # an id typed as a number shows as 1234, not 1234.0
    if isinstance(value, datetime):
        if value.tzinfo is None and value.time() == time():
            return value.date().isoformat()
        return value.isoformat(sep=" ")
    if isinstance(value, date | time):
        return value.isoformat()
    return str(value).strip()


def write_table(path: Path, header: Sequence[str], rows: Iterable[Sequence[Cell]]) -> None:
    """Write a .csv (UTF-8, comma) or .xlsx file; the suffix decides."""
    suffix = path.suffix.lower()
    if suffix == ".csv":
        with path.open("w", encoding="utf-8", newline="") as stream:
            writer = csv.writer(stream)
            writer.writerow(header)
            for row in rows:
                writer.writerow(_csv_text(value) for value in row)
    elif suffix == ".xlsx":
        from openpyxl import Workbook

        workbook = Workbook(write_only=True)
        sheet = workbook.create_sheet()
        sheet.append([_xlsx_cell(sheet, name) for name in header])
        for row in rows:
            sheet.append([_xlsx_cell(sheet, value) for value in row])
        workbook.save(path)
    else:
        raise ValueError(f"cannot write '{path.name}': use a .csv or .xlsx file name")


def _csv_text(value: Cell) -> str:
    if value is None:
        return ""
    if isinstance(value, date):
        return value.isoformat()
    return value


def _xlsx_cell(sheet: object, value: Cell) -> object:
    if isinstance(value, date) and value < _FIRST_SAFE_EXCEL_DATE:
        value = value.isoformat()
    from openpyxl.cell import WriteOnlyCell

    cell = WriteOnlyCell(sheet, value=value)
    if isinstance(value, str):
        # openpyxl takes text starting with "=" for a formula; a name or note is never one.
        cell.data_type = "s"
    return cell
