"""Held-persons CSV files read with numpy, cell positions and the usual spellings found in one
pass over the bytes: a hundred thousand rows a file, where splitting into Python strings and
looking each one up costs ten times as much.

Only a plain file is read here: UTF-8, no quotes, no spaces or tabs, every row whole (as many
delimiters as the header), lines ending in \\n or \\r\\n, no empty first cell. Anything else
returns None, for `parley.imports.tables` to read as every other list is read; then the two
readers give the same cells (tests/planning/test_plan_held_csv.py).
"""

from __future__ import annotations

import os
from dataclasses import dataclass
from pathlib import Path

import numpy as np

from parley.imports.tables import delimiter_of, header_name

_NEWLINE, _CR = ord("\n"), ord("\r")
_BOM = b"\xef\xbb\xbf"


@dataclass(frozen=True)
class PlainCsv:
    """A plain CSV file: the header, and where each cell starts and ends in the bytes."""

    header: tuple[str, ...]
    data: bytearray  # then zero bytes, so that 16 bytes from any cell's start can be read
    starts: np.ndarray  # rows × columns: offset of each cell in `data`
    ends: np.ndarray  # rows × columns: offset just past each cell

    def __len__(self) -> int:
        return len(self.starts)

    def texts(self, column: str, rows: np.ndarray) -> list[str]:
        """The cells of `column` on these rows (indices into the records), as text."""
        at = self.header.index(column)
        data, starts, ends = self.data, self.starts[rows, at], self.ends[rows, at]
        return [
            data[s:e].decode("utf-8") for s, e in zip(starts.tolist(), ends.tolist(), strict=True)
        ]

    def column(self, column: str) -> list[str]:
        """Every cell of `column`, as text: the cells joined with newlines, decoded and split
        once, rather than a hundred thousand slices decoded one by one.
        """
        at = self.header.index(column)
        starts, lengths = self.starts[:, at], self.ends[:, at] - self.starts[:, at]
        if not len(starts):
            return []
        widths = lengths + 1  # each cell and a newline after it
        ends = np.cumsum(widths)
        where = np.arange(ends[-1]) - np.repeat(ends - widths - starts, widths)
        joined = np.frombuffer(self.data, dtype=np.uint8)[where]
        joined[ends - 1] = _NEWLINE
        text: bytes = joined.tobytes()
        return text.decode("utf-8").split("\n")[:-1]

    def words(self, column: str, offset: int = 0) -> np.ndarray:
        """Per cell of `column`: the 8 bytes from its start + `offset` (at most 8) as one
        little-endian integer (past the cell's end, whatever follows it).
        """
        # An integer at every byte offset, as a view: a cell's 8 bytes are one gather.
        every = np.ndarray((len(self.data) - 7,), dtype="<u8", buffer=self.data, strides=(1,))
        words: np.ndarray = every[self.starts[:, self.header.index(column)] + offset]
        return words

    def lengths(self, column: str) -> np.ndarray:
        at = self.header.index(column)
        lengths: np.ndarray = self.ends[:, at] - self.starts[:, at]
        return lengths

    def matches(self, column: str, spellings: dict[bytes, int]) -> np.ndarray:
        """Per cell of `column`: the number its exact spelling maps to, -1 for any other
        (spellings of at most 16 bytes).
        """
        found = np.full(len(self), -1, dtype=np.int64)
        lengths = self.lengths(column)
        head, tail = self.words(column), self.words(column, 8)
        for spelling, value in spellings.items():
            alike = lengths == len(spelling)
            for word, part in ((head, spelling[:8]), (tail, spelling[8:])):
                if part:
                    mask = (1 << 8 * len(part)) - 1
                    alike &= (word & np.uint64(mask)) == int.from_bytes(part, "little")
            found[alike] = value
        return found


def _padded(path: Path) -> bytearray | None:
    """The file's bytes, ending in a newline, then 16 zero bytes: read into a buffer of that
    size, not copied into a longer one (7 MB copied costs 10 ms).
    """
    try:
        with path.open("rb") as stream:
            size = os.fstat(stream.fileno()).st_size
            data = bytearray(size + 18)
            if stream.readinto(data) != size:  # the file changed meanwhile
                return None
    except OSError:
        return None  # the careful reader says what is wrong
    if size and data[size - 1] != _NEWLINE:
        data[size] = _NEWLINE
        size += 1
    del data[size + 16 :]
    return data


def read_plain(path: Path) -> PlainCsv | None:
    """The file's cells, if it is plain; None for the careful reader to read (or to refuse)."""
    data = _padded(path)
    if data is None:
        return None
    if not data.isascii():
        try:
            data.decode("utf-8")
        except UnicodeDecodeError:
            return None
    if b'"' in data or b" " in data or b"\t" in data:
        return None
    head = len(_BOM) if data.startswith(_BOM) else 0
    body = data.index(b"\n") + 1
    first_line = data[head:body].decode("utf-8").rstrip("\r\n")
    delimiter = delimiter_of(first_line)
    header = tuple(header_name(cell) for cell in first_line.split(delimiter))
    width = len(header)
    if not all(header) or len(set(header)) < width:
        return None
    buffer = np.frombuffer(data, dtype=np.uint8)
    returns = np.flatnonzero(buffer == _CR)
    if (buffer[returns + 1] != _NEWLINE).any():  # a \r not ending a line
        return None
    lines = buffer == _NEWLINE
    found = np.flatnonzero(lines | (buffer == ord(delimiter)))
    found = found[found >= body]
    rows = int(np.count_nonzero(lines)) - 1
    if rows == 0 or len(found) != rows * width:
        return None
    after = np.empty_like(found)  # each cell starts after the one before it ends
    after[0], after[1:] = body, found[:-1] + 1
    starts, ends = after.reshape(rows, width), found.reshape(rows, width)
    if not lines[ends[:, -1]].all() or lines[ends[:, :-1]].any():
        return None  # a row with fewer or more cells than the header
    # A \r before the newline ends the line, not the last cell.
    ends[:, -1] -= buffer[ends[:, -1] - 1] == _CR
    if (ends[:, 0] == starts[:, 0]).any():  # perhaps a row with no values: layout
        return None
    return PlainCsv(header, data, starts, ends)


_EPOCH = 719163  # date(1970, 1, 1).toordinal(): numpy counts days from there


def iso_ordinals(plain: PlainCsv, column: str) -> tuple[np.ndarray, np.ndarray]:
    """Each cell of `column` as a day (date.toordinal) where it is a YYYY-MM-DD date, and
    which cells are: 1 such a date, 0 empty, -1 anything else (left to the careful reader,
    which also reads DD.MM.YYYY and says what is wrong).
    """
    # The ten bytes of each cell, YYYY-MM-DD, as a rows × 10 matrix.
    head = plain.words(column).view(np.uint8).reshape(-1, 8)
    tail = plain.words(column, 8).view(np.uint8).reshape(-1, 8)[:, :2]
    chars = np.concatenate([head, tail], axis=1)
    digits = (chars - ord("0")).astype(np.int64)  # a byte below "0" wraps round, above 9
    lengths = plain.lengths(column)
    shaped = lengths == 10
    shaped &= (chars[:, 4] == ord("-")) & (chars[:, 7] == ord("-"))
    shaped &= (digits[:, [0, 1, 2, 3, 5, 6, 8, 9]] <= 9).all(axis=1)
    year = digits[:, :4] @ np.array([1000, 100, 10, 1])
    month, day = digits[:, 5] * 10 + digits[:, 6], digits[:, 8] * 10 + digits[:, 9]
    shaped &= (year >= 1) & (month >= 1) & (month <= 12) & (day >= 1)
    # Months from 1970 for numpy's calendar (proleptic Gregorian, as `date`); the month's
    # length from the next one's first day.
    months = np.where(shaped, (year - 1970) * 12 + month - 1, 0)
    first = months.astype("datetime64[M]").astype("datetime64[D]").astype(np.int64)
    following = (months + 1).astype("datetime64[M]").astype("datetime64[D]").astype(np.int64)
    valid = shaped & (day <= following - first)
    known = np.where(valid, 1, np.where(lengths == 0, 0, -1)).astype(np.int8)
    return np.where(valid, first + day - 1 + _EPOCH, 0), known
