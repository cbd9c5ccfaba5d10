"""A person list made ready to link: names as keys, dates split, units read for what they name."""

from __future__ import annotations

import re
from collections.abc import Iterable
from dataclasses import dataclass, field
from datetime import date
from typing import TYPE_CHECKING, Any

import numpy as np
import pandas as pd

from parley.domain.columns import PERSON_FIELDS
from parley.linkage.annotations import without_annotations
from parley.linkage.declension import in_nominative
from parley.linkage.misplaced import reseated
from parley.linkage.names import (
    NameKind,
    masculine,
    name_keys,
    patronymic_stem,
    plain_spelling,
    skeleton,
)
from parley.linkage.placeholders import cell_text, filled, is_placeholder
from parley.linkage.units import UnitColumns, read_unit
from parley.parallel import in_halves

if TYPE_CHECKING:  # the model is for callers with Person objects; linking reads columns
    from parley.domain.people import Person

DAYS_IN_YEAR = 365.25
# A stand-in day: twice one day's share, and beyond chance by STAND_IN_SIGMAS standard
# deviations and STAND_IN_MORE records (0.6 % of a registry's dates written 01.01 is 2.4 times a
# day's share: a threshold of 3 missed it).
STAND_IN_EXCESS = 2.0
STAND_IN_SIGMAS = 6.0
STAND_IN_MORE = 10

# A birth date later than this many days before the capture is no birth date: detainees are
# not infants. It is a date of capture or registration written in the wrong column.
NO_BIRTH_WITHIN_DAYS = 365

# The person-list columns linking reads: the first eight of every list's columns, and the
# capture date, which tells a birth date that cannot be one (`not_births`).
LIST_COLUMNS = (*PERSON_FIELDS[: PERSON_FIELDS.index("category") + 1], "captured_on")
# (table, column, kind): each name column keyed as what it should hold. Where a list wrote the
# family and given names the wrong way round, the two tables are compared across.
NAME_FIELDS: tuple[tuple[str, str, NameKind], ...] = (
    ("family_name", "family_name", "last"),
    ("given_name", "given_name", "first"),
    ("patronymic", "patronymic", "patronymic"),
)


@dataclass(frozen=True)
class Commoners:
    """The names many records bear, key by key (each key once per name): what a rare spelling
    one slip from one of them is read as (`distinct`)."""

    keys: list[str]
    codes: np.ndarray  # each key's name, as its census code (`NameTable.name_code`)
    bearers: np.ndarray  # records bearing that name
    keys_of: dict[int, frozenset[str]]  # every key of each name, by its code
    names: np.ndarray  # the canonical form of each code


@dataclass
class NameTable:
    """The distinct spellings of one name field, each with its keys; rows point into it."""

    keys: list[frozenset[str]] = field(default_factory=list)
    key_list: list[tuple[str, ...]] = field(default_factory=list)  # the same, to iterate fast
    primary: list[str] = field(default_factory=list)
    canon: list[str] = field(default_factory=list)
    text: list[str] = field(default_factory=list)
    plain_text: list[str] = field(default_factory=list)  # names.plain_spelling of each text
    # Every entry's keys laid end to end, for comparing many pairs in native code.
    flat_keys: np.ndarray = field(default_factory=lambda: np.empty(0, dtype=object))
    key_start: np.ndarray = field(default_factory=lambda: np.empty(0, dtype=np.int64))
    key_count: np.ndarray = field(default_factory=lambda: np.empty(0, dtype=np.int64))
    # Derived from flat_keys when first asked (compare): stems without patronymic endings,
    # their lengths and whether an ending was taken off; the keys' lengths; the text as written.
    stems: tuple[np.ndarray, np.ndarray, np.ndarray] | None = None
    lengths: np.ndarray | None = None
    written: tuple[np.ndarray, np.ndarray] | None = None  # as_written
    canonical: tuple[np.ndarray, np.ndarray] | None = None  # canon_spelt
    plain: tuple[np.ndarray, np.ndarray, np.ndarray] | None = None  # plain_spelt
    initials: np.ndarray | None = None  # initials.initials: which entries are an initial only
    bearers: np.ndarray | None = None  # distinct.take_census: records bearing each name
    # distinct.take_census, on family-name tables: records bearing each entry's name as a
    # given name (a list that wrote the two the wrong way round is compared across).
    given_bearers: np.ndarray | None = None
    # distinct.take_census: canonical forms the two lists pair as one name, however unlike.
    paired: frozenset[frozenset[str]] = frozenset()
    # distinct.take_census, on given-name and patronymic tables: records bearing each entry's
    # canonical form (before a typo's are struck off), and the names many records bear.
    recorded: np.ndarray | None = None
    commoners: Commoners | None = None
    name_code: np.ndarray | None = None  # each entry's canonical form, coded alike in both lists
    spellings: dict[str, list[str]] | None = None  # distinct: each key's names, as written
    # diminutives.stands_for: the keys of the full names each entry may be a diminutive of.
    full_names: list[frozenset[str]] | None = None
    # distinct._slip_of: whether an entry is a slip of a name with these keys, as asked.
    slips_of: dict[tuple[int, frozenset[str]], bool] = field(default_factory=dict)

    def flat_stems(self) -> tuple[np.ndarray, np.ndarray, np.ndarray]:
        if self.stems is None:
            stems = np.array([patronymic_stem(k) for k in self.flat_keys], dtype=object)
            lengths = np.fromiter(map(len, stems), np.int64, len(stems))
            self.stems = (stems, lengths, stems != self.flat_keys)
        return self.stems

    def flat_lengths(self) -> np.ndarray:
        if self.lengths is None:
            self.lengths = np.fromiter(map(len, self.flat_keys), np.int64, len(self.flat_keys))
        return self.lengths

    def canon_spelt(self) -> tuple[np.ndarray, np.ndarray]:
        """Each entry's canonical form, and its hash (0 for none, past the last entry)."""
        if self.canonical is None:
            canon = np.array(self.canon, dtype=object)
            hashes = np.array([hash(c) for c in self.canon] + [0], dtype=np.int64)
            self.canonical = (canon, hashes)
        return self.canonical

    def as_written(self) -> tuple[np.ndarray, np.ndarray]:
        """Each entry's text casefolded, and its length."""
        if self.written is None:
            text = np.array([t.casefold() for t in self.text], dtype=object)
            length = np.fromiter(map(len, self.text), np.int64, len(self.text))
            self.written = (text, length)
        return self.written

    def plain_spelt(self) -> tuple[np.ndarray, np.ndarray, np.ndarray]:
        """Each entry's plain Latin spelling, its length and its first letter (as a code)."""
        if self.plain is None:
            text = np.array(self.plain_text, dtype=object)
            length = np.fromiter(map(len, text), np.int64, len(text))
            first = np.fromiter((ord(t[0]) if t else 0 for t in text), np.int64, len(text))
            self.plain = (text, length, first)
        return self.plain

    def lay_out(self) -> None:
        self.key_count = np.array([len(k) for k in self.key_list], dtype=np.int64)
        self.key_start = np.concatenate(([0], np.cumsum(self.key_count)[:-1])).astype(np.int64)
        self.flat_keys = np.array([k for keys in self.key_list for k in keys], dtype=object)


def key_pairs(
    a: NameTable, xs: np.ndarray, b: NameTable, ys: np.ndarray
) -> tuple[np.ndarray, np.ndarray, np.ndarray, np.ndarray]:
    """Every key pair of every entry pair (xs[n], ys[n]), laid out flat for native code:
    positions into a's and b's flat keys, where each entry pair's run of them starts, and
    the entry pair (n) each belongs to."""
    width = b.key_count[ys]
    sizes = a.key_count[xs] * width
    starts = np.concatenate(([0], np.cumsum(sizes)[:-1])).astype(np.int64)
    owner = np.repeat(np.arange(len(xs)), sizes)
    within = np.arange(int(sizes.sum())) - starts[owner]
    left = a.key_start[xs][owner] + within // width[owner]
    right = b.key_start[ys][owner] + within % width[owner]
    return left, right, starts, owner


@dataclass(frozen=True)
class Prepared:
    ids: list[str]
    names: dict[str, NameTable]  # per field
    name_index: dict[str, np.ndarray]  # per field: row -> index in names[field], -1 if missing
    year: np.ndarray
    month: np.ndarray
    day: np.ndarray
    unit: np.ndarray  # the unit's blocking key (`UnitColumns.blocking_key`); 0 where missing
    units: UnitColumns  # what each unit cell names, to compare
    sex: np.ndarray  # ord of M/F; 0 where missing
    category: np.ndarray  # a hash of the category (serviceman, civilian); 0 where missing
    # Dates whose day and month stand in for an unknown one (`stand_in_days`): the year alone.
    year_only: np.ndarray
    # Rows whose names the clerk wrote in the wrong columns, read back into their own (`misplaced`).
    reseated: np.ndarray
    # Rows whose names the list wrote declined, read in the nominative (`declension`).
    declined: np.ndarray
    # Rows whose birth date cannot be one and is read as unknown (`not_births`).
    not_birth: np.ndarray
    # The birth date as a day number (date.toordinal), -1 where none: to tell a date written
    # in Excel's other date system (`datesystems`).
    birth_day: np.ndarray

    def __len__(self) -> int:
        return len(self.ids)


def frame_of(persons: Iterable[Person]) -> pd.DataFrame:
    rows = [{c: getattr(p, c) for c in LIST_COLUMNS} for p in persons]
    return pd.DataFrame(rows, columns=list(LIST_COLUMNS))


def _date(value: Any, column: str = "birth_date") -> date | None:
    if isinstance(value, date):
        return value
    text = cell_text(value)
    if not text:
        return None
    if match := re.fullmatch(r"(\d{4})-(\d{1,2})-(\d{1,2})", text):
        y, m, d = (int(g) for g in match.groups())
    elif match := re.fullmatch(r"(\d{1,2})\.(\d{1,2})\.(\d{4})", text):
        d, m, y = (int(g) for g in match.groups())
    else:
        raise ValueError(f"{column} {text!r} is not a date (use YYYY-MM-DD or DD.MM.YYYY)")
    return date(y, m, d)


def _ordinals(frame: pd.DataFrame, column: str) -> np.ndarray:
    """Each row's date in `column` as a day number, -1 where there is none."""
    codes, values = _column(frame, column)
    days = [d.toordinal() if (d := _date(v, column)) else -1 for v in values]
    result: np.ndarray = np.array([*days, -1], dtype=np.int64)[codes]
    return result


def not_births(birth: np.ndarray, captured: np.ndarray) -> np.ndarray:
    """The birth dates (day numbers, -1 for none) that cannot be one: later than
    NO_BIRTH_WITHIN_DAYS before the capture, the row's own or, where it has none, the earliest
    the list holds (the war began before it). A clerk wrote the date of capture or of
    registration in the birth date's column; compared as a birth date, it would tell the
    person from himself.
    """
    known = captured[captured >= 0]
    earliest = int(known.min()) if len(known) else -1
    capture = np.where(captured >= 0, captured, earliest)
    found: np.ndarray = (birth >= 0) & (capture >= 0) & (birth > capture - NO_BIRTH_WITHIN_DAYS)
    return found


def _column(frame: pd.DataFrame, column: str) -> tuple[np.ndarray, list[Any]]:
    """Codes into the column's distinct values (-1 where empty), and those values: each distinct
    value is worked on once, however often the list repeats it.
    """
    if column not in frame.columns:
        return np.full(len(frame), -1, dtype=np.int64), []
    codes, uniques = pd.factorize(frame[column], use_na_sentinel=True)
    return codes.astype(np.int64), uniques.tolist()


# A name as linking knows it: its keys, sorted (the first is the canonical one), the skeleton
# of the name as written, and its plain Latin spelling (for counting slips).
NameEntry = tuple[tuple[str, ...], str, str]


def _entries(names: list[tuple[str, NameKind]]) -> list[NameEntry]:
    entries = []
    for text, kind in names:
        primary = skeleton(text)
        entries.append(
            (
                tuple(sorted(name_keys(text, kind))),
                masculine(primary) if kind == "last" else primary,
                plain_spelling(text),
            )
        )
    return entries


def known_names(frames: Iterable[pd.DataFrame]) -> dict[tuple[str, NameKind], NameEntry]:
    """The entries of every distinct name in the lists, worked out once for all of them, in
    two processes when there are many: this is most of the cost of preparing a list.
    """
    names: dict[tuple[str, NameKind], None] = {}
    for frame in frames:
        for _, column, kind in NAME_FIELDS:
            if column in frame.columns:
                for value in frame[column].unique().tolist():
                    if text := filled(value):
                        names[(text, kind)] = None
    distinct = list(names)
    return dict(zip(distinct, in_halves(_entries, distinct), strict=True))


def _name_table(
    frame: pd.DataFrame,
    column: str,
    kind: NameKind,
    known: dict[tuple[str, NameKind], NameEntry],
) -> tuple[NameTable, np.ndarray]:
    codes, values = _column(frame, column)
    table = NameTable()
    entry = np.full(len(values), -1, dtype=np.int64)
    for k, value in enumerate(values):
        text = cell_text(value)
        # Names in `known` are no placeholders (`known_names` left them out).
        known_entry = known.get((text, kind))
        if not text or (known_entry is None and is_placeholder(text)):
            continue
        keys, primary, plain = known_entry or _entries([(text, kind)])[0]
        if not keys:
            continue
        entry[k] = len(table.keys)
        table.keys.append(frozenset(keys))
        table.key_list.append(keys)
        table.primary.append(primary)
        table.canon.append(keys[0])
        table.text.append(text)
        table.plain_text.append(plain)
    positions = np.where(codes >= 0, entry[np.maximum(codes, 0)], -1) if len(values) else codes
    table.lay_out()
    return table, positions


def prepare(
    frame: pd.DataFrame, known: dict[tuple[str, NameKind], NameEntry] | None = None
) -> Prepared:
    """Make a list ready to link; `known` holds names already worked out (`known_names`)."""
    for column in ("id", "family_name", "given_name"):
        if column not in frame.columns:
            raise ValueError(f"the list has no column {column!r}")
    frame = without_annotations(frame)
    frame, declined_rows = in_nominative(frame)
    frame, reseated_rows = reseated(frame)
    names: dict[str, NameTable] = {}
    index: dict[str, np.ndarray] = {}
    for name, column, kind in NAME_FIELDS:
        names[name], index[name] = _name_table(frame, column, kind, known or {})
    codes, values = _column(frame, "birth_date")
    parsed = [_date(v) for v in values]
    lookup = np.array(
        [(b.year, b.month, b.day) if b else (-1, -1, -1) for b in parsed] + [(-1, -1, -1)],
        dtype=np.int64,
    )
    births = lookup[codes]  # code -1 takes the last row: no date
    ordinals = np.array([b.toordinal() if b else -1 for b in parsed] + [-1], dtype=np.int64)
    not_birth = not_births(ordinals[codes], _ordinals(frame, "captured_on"))
    births[not_birth] = -1
    birth_day = np.where(not_birth, -1, ordinals[codes])
    year, month, day = births[:, 0], births[:, 1], births[:, 2]
    year_only = stand_in_days(month, day)
    codes, values = _column(frame, "military_unit")
    units = UnitColumns.of([read_unit(cell_text(v)) for v in values], codes)
    codes, values = _column(frame, "sex")
    sex_letters = [ord(x[0]) if (x := cell_text(v).upper()) else 0 for v in values]
    sex_codes = np.array([*sex_letters, 0], dtype=np.int64)[codes]
    codes, values = _column(frame, "category")
    category_hashes = [(hash(c) or 1) if (c := cell_text(v).lower()) else 0 for v in values]
    category_codes = np.array([*category_hashes, 0], dtype=np.int64)[codes]
    return Prepared(
        ids=[cell_text(v) for v in frame["id"].tolist()],
        names=names,
        name_index=index,
        year=year,
        month=month,
        day=day,
        unit=units.blocking_key(),
        units=units,
        sex=sex_codes,
        category=category_codes,
        year_only=year_only,
        reseated=reseated_rows,
        declined=declined_rows,
        not_birth=not_birth,
        birth_day=birth_day,
    )


def stand_ins(p: Prepared) -> dict[str, int]:
    """The stand-in days of a list ("01.01") and how many of its dates each one is."""
    at = np.flatnonzero(p.year_only)
    days, counts = np.unique(p.month[at] * 100 + p.day[at], return_counts=True)
    return {f"{d % 100:02d}.{d // 100:02d}": int(n) for d, n in zip(days, counts, strict=True)}


def stand_in_days(month: np.ndarray, day: np.ndarray) -> np.ndarray:
    """The dates whose day and month a list's clerks write for a day they do not know (01.01
    for a birth year alone): a day and month borne by at least STAND_IN_EXCESS times the share
    one day of the year has, by STAND_IN_MORE records more than that share, and beyond what
    chance lends one day (STAND_IN_SIGMAS standard deviations). Of real birthdays no day is
    that common, in a list long enough to tell; a list that does not do this has none."""
    dated = month >= 0
    if not dated.any():
        return np.zeros(len(month), dtype=bool)
    code = np.where(dated, month * 100 + day, 0)
    days, counts = np.unique(code[dated], return_counts=True)
    expected = dated.sum() / DAYS_IN_YEAR
    excess = counts - expected
    stand_in = days[
        (counts >= STAND_IN_EXCESS * expected)
        & (excess >= STAND_IN_MORE)
        & (excess >= STAND_IN_SIGMAS * np.sqrt(expected))
    ]
    found: np.ndarray = dated & np.isin(code, stand_in)
    return found
