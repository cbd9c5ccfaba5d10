"""Who each party holds, as the planner needs to know them: a held-persons file.

    id, category, birth_date, seriously_wounded, seriously_ill, consent, captured_on, requested

`category` is serviceman|civilian; booleans true/false (yes/no, 1/0 also read); `consent` is
yes|no|unknown (empty: unknown); dates ISO (DD.MM.YYYY also read); an empty birth or capture
date is unknown. Lists run to a hundred thousand: the planner keeps them as columns.
"""

from __future__ import annotations

from collections.abc import Callable, Sequence
from contextlib import suppress
from dataclasses import dataclass
from datetime import date
from pathlib import Path
from typing import Literal

import numpy as np

from parley.imports.cells import BOOLEANS, parse_cell
from parley.imports.errors import ErrorLog, ImportRefused, RowError
from parley.imports.tables import read_columns
from parley.planning.held_csv import PlainCsv, iso_ordinals, read_plain

Consent = Literal["yes", "no", "unknown"]
CONSENTS: tuple[Consent, ...] = ("yes", "unknown", "no")
CATEGORIES = ("serviceman", "civilian")
HELD_COLUMNS = (
    "id",
    "category",
    "birth_date",
    "seriously_wounded",
    "seriously_ill",
    "consent",
    "captured_on",
    "requested",
)
REQUIRED_COLUMNS = ("id", "category")
MAX_ERRORS = 50
NO_DATE = -1


@dataclass(frozen=True)
class HeldPerson:
    id: str
    holder: str  # the party that holds the person and would release them
    category: Literal["serviceman", "civilian"]
    birth_date: date | None = None
    seriously_wounded: bool = False
    seriously_ill: bool = False
    consent: Consent = "unknown"
    captured_on: date | None = None
    requested: bool = False

    @property
    def priority(self) -> bool:
        """Counted first by the planner: the seriously wounded and the seriously ill."""
        return self.seriously_wounded or self.seriously_ill


def _ordinal(day: date | None) -> int:
    return day.toordinal() if day else NO_DATE


_ARRAYS = ("category", "birth", "wounded", "ill", "consent", "captured", "requested")


@dataclass(frozen=True)
class HeldTable:
    """Persons held, column by column (dates as ordinals, NO_DATE where unknown)."""

    ids: tuple[str, ...]
    holder: tuple[str, ...]
    category: np.ndarray  # index into CATEGORIES
    birth: np.ndarray
    wounded: np.ndarray
    ill: np.ndarray
    consent: np.ndarray  # index into CONSENTS
    captured: np.ndarray
    requested: np.ndarray

    def __len__(self) -> int:
        return len(self.ids)

    @classmethod
    def of(cls, persons: Sequence[HeldPerson]) -> HeldTable:
        return cls(
            ids=tuple(p.id for p in persons),
            holder=tuple(p.holder for p in persons),
            category=np.array([CATEGORIES.index(p.category) for p in persons], dtype=np.int8),
            birth=np.array([_ordinal(p.birth_date) for p in persons], dtype=np.int64),
            wounded=np.array([p.seriously_wounded for p in persons], dtype=bool),
            ill=np.array([p.seriously_ill for p in persons], dtype=bool),
            consent=np.array([CONSENTS.index(p.consent) for p in persons], dtype=np.int8),
            captured=np.array([_ordinal(p.captured_on) for p in persons], dtype=np.int64),
            requested=np.array([p.requested for p in persons], dtype=bool),
        )

    @classmethod
    def joined(cls, tables: Sequence[HeldTable]) -> HeldTable:
        return cls(
            ids=tuple(i for t in tables for i in t.ids),
            holder=tuple(h for t in tables for h in t.holder),
            **{
                name: np.concatenate([getattr(t, name) for t in tables])
                if tables
                else np.empty(0, dtype=np.int64)
                for name in _ARRAYS
            },
        )

    def person(self, i: int) -> HeldPerson:
        def day(ordinal: int) -> date | None:
            return date.fromordinal(ordinal) if ordinal != NO_DATE else None

        return HeldPerson(
            id=self.ids[i],
            holder=self.holder[i],
            category=CATEGORIES[self.category[i]],  # type: ignore[arg-type]
            birth_date=day(int(self.birth[i])),
            seriously_wounded=bool(self.wounded[i]),
            seriously_ill=bool(self.ill[i]),
            consent=CONSENTS[self.consent[i]],
            captured_on=day(int(self.captured[i])),
            requested=bool(self.requested[i]),
        )

    @property
    def priority(self) -> np.ndarray:
        either: np.ndarray = self.wounded | self.ill
        return either


@dataclass(frozen=True)
class HeldList:
    source: str  # the file's name, for messages
    holder: str
    table: HeldTable
    rows: tuple[int, ...]  # per person, its row in the file (the header is row 1)


def _boolean(text: str) -> bool:
    return bool(parse_cell("seriously_wounded", text))  # the importer's reading of yes/no


def _date(column: str) -> Callable[[str], int]:
    def parse(text: str) -> int:
        value = parse_cell(column, text)
        assert isinstance(value, date)
        return value.toordinal()

    return parse


# column -> (reader of a non-empty cell, value of an empty one)
_COLUMNS: dict[str, tuple[Callable[[str], object], object]] = {
    "category": (lambda text: CATEGORIES.index(str(parse_cell("category", text))), None),
    "birth_date": (_date("birth_date"), NO_DATE),
    "seriously_wounded": (_boolean, False),
    "seriously_ill": (_boolean, False),
    "consent": (lambda text: CONSENTS.index(str(parse_cell("consent", text))), 1),
    "captured_on": (_date("captured_on"), NO_DATE),
    "requested": (_boolean, False),
}

_DTYPES: dict[str, type] = {
    "category": np.int8,
    "birth_date": np.int64,
    "seriously_wounded": bool,
    "seriously_ill": bool,
    "consent": np.int8,
    "captured_on": np.int64,
    "requested": bool,
}


def read_held(path: Path, holder: str) -> HeldList:
    """The persons `holder` holds; ImportRefused naming file, row and column for any bad cell,
    a missing column or a duplicate id (the file is refused whole).
    """
    source = path.name
    plain = read_plain(path) if path.suffix.lower() == ".csv" else None
    if plain is not None:
        header, rows = plain.header, list(range(2, len(plain) + 2))
        columns: dict[str, list[str]] = {"id": plain.column("id")} if "id" in header else {}
    else:
        header, rows, columns = read_columns(path)
    log = ErrorLog(source, MAX_ERRORS)
    for column in REQUIRED_COLUMNS:
        if column not in header:
            log.add(1, column, f"the required column '{column}' is missing")
    for at, name in enumerate(header):
        if name and name in header[:at]:
            log.add(1, name, f"the column '{name}' appears twice")
    log.raise_if_any()
    ids = columns.get("id", [])
    if "" in ids or len(set(ids)) < len(ids):  # rare: say where, row by row
        first: dict[str, int] = {}
        for row, person_id in zip(rows, ids, strict=True):
            if not person_id:
                log.add(row, "id", "the id is empty")
            elif person_id in first:
                log.add(
                    row, "id", f"id '{person_id}' is used again (first on row {first[person_id]})"
                )
            else:
                first[person_id] = row
    values: dict[str, np.ndarray] = {}
    for name in _COLUMNS:
        if plain is not None and name in header:
            values[name], odd = _usual(plain, name)
            texts = plain.texts(name, odd)
            values[name][odd] = _read_texts(name, texts, [rows[i] for i in odd.tolist()], log)
        else:
            texts = columns.get(name) or [""] * len(rows)
            parsed = _read_texts(name, texts, rows, log)
            # fromiter with the dtype known: np.array would first guess it, item by item.
            values[name] = np.fromiter(parsed, dtype=_DTYPES[name], count=len(parsed))
    log.raise_if_any()
    held = HeldTable(
        ids=tuple(ids),
        holder=(holder,) * len(ids),
        category=values["category"],
        birth=values["birth_date"],
        wounded=values["seriously_wounded"],
        ill=values["seriously_ill"],
        consent=values["consent"],
        captured=values["captured_on"],
        requested=values["requested"],
    )
    return HeldList(source, holder, held, tuple(rows))


def _read_texts(name: str, texts: list[str], rows: list[int], log: ErrorLog) -> list[object]:
    """The values of these cells of column `name`, each bad one logged (and read as 0)."""
    read, empty = _COLUMNS[name]
    # Each distinct text is read once: a hundred thousand rows hold a few thousand dates.
    known: dict[str, object] = {"": empty}
    for text in set(texts) - {""}:
        with suppress(ValueError):  # the loop below says what is wrong, row by row
            known[text] = read(text)
    if name == "category":
        known.pop("")
    parsed: list[object] = list(map(known.get, texts))  # None: could not be read
    if None in parsed:
        for row, text, value in zip(rows, texts, parsed, strict=True):
            if value is not None:
                continue
            if not text:
                log.add(row, name, "the category is empty (use serviceman or civilian)")
                continue
            try:
                read(text)
            except ValueError as error:
                log.add(row, name, str(error))
        parsed = [0 if value is None else value for value in parsed]
    return parsed


# The spellings files use, read as `_COLUMNS` reads them; other cells are read one by one.
_SPELLINGS: dict[str, tuple[str, ...]] = {
    "category": CATEGORIES,
    "consent": ("", *CONSENTS),
    **{name: ("", *BOOLEANS) for name in ("seriously_wounded", "seriously_ill", "requested")},
}


def _usual(plain: PlainCsv, name: str) -> tuple[np.ndarray, np.ndarray]:
    """Column `name` with its usual cells read at once (ISO dates, the spellings above), and
    the records whose cell is anything else, left for `_read_texts`.
    """
    dtype = _DTYPES[name]
    if name in ("birth_date", "captured_on"):
        days, known = iso_ordinals(plain, name)
        days[known == 0] = NO_DATE  # empty cells
        return days.astype(dtype), np.flatnonzero(known < 0)
    read, empty = _COLUMNS[name]
    value = {s: read(s) if s else empty for s in _SPELLINGS[name]}  # an int or a bool
    spellings = {s.encode(): int(v) for s, v in value.items() if isinstance(v, int)}
    found = plain.matches(name, spellings)
    odd = np.flatnonzero(found < 0)
    return np.where(found < 0, 0, found).astype(dtype), odd


def check_apart(lists: Sequence[HeldList]) -> None:
    """Refuse a person listed as held by two parties: one of the files is wrong."""
    if len(set().union(*(held.table.ids for held in lists))) == sum(len(h.table) for h in lists):
        return
    seen: dict[str, tuple[HeldList, int]] = {}
    errors: list[RowError] = []
    for held in lists:
        for person_id, row in zip(held.table.ids, held.rows, strict=True):
            other, other_row = seen.setdefault(person_id, (held, row))
            if other is not held:
                message = (
                    f"'{person_id}' is also listed as held by {other.holder} "
                    f"({other.source}, row {other_row})"
                )
                errors.append(RowError(held.source, row, "id", message))
    if errors:
        raise ImportRefused(errors[0].file, errors[:MAX_ERRORS], len(errors))
