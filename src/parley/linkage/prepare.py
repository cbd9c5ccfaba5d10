"""A person list made ready to link: names as keys, dates split, units reduced to their number."""

from __future__ import annotations

import re
from collections.abc import Iterable, Sequence
from dataclasses import dataclass, field
from datetime import date
from typing import Any

import numpy as np
import pandas as pd

from parley.domain.people import Person
from parley.linkage.names import NameKind, canonical, masculine, name_keys, skeleton

LIST_COLUMNS = (
    "id",
    "family_name",
    "given_name",
    "patronymic",
    "birth_date",
    "sex",
    "military_unit",
)
# (table, column, kind): each name column keyed as what it should hold, and the family and
# given columns also as each other, for lists where the two were written the wrong way round.
NAME_FIELDS: tuple[tuple[str, str, NameKind], ...] = (
    ("family_name", "family_name", "last"),
    ("given_name", "given_name", "first"),
    ("patronymic", "patronymic", "patronymic"),
    ("family_name~first", "family_name", "first"),
    ("given_name~last", "given_name", "last"),
)


@dataclass(frozen=True)
class NameTable:
    """The distinct spellings of one name field, each with its keys; rows point into it."""

    keys: list[frozenset[str]] = field(default_factory=list)
    primary: list[str] = field(default_factory=list)
    canon: list[str] = field(default_factory=list)
    text: list[str] = field(default_factory=list)


@dataclass(frozen=True)
class Prepared:
    ids: list[str]
    names: dict[str, NameTable]  # per field
    name_index: dict[str, np.ndarray]  # per field: row -> index in names[field], -1 if missing
    year: np.ndarray
    month: np.ndarray
    day: np.ndarray
    unit: np.ndarray  # a hash of the reduced unit; 0 where missing
    sex: np.ndarray  # ord of M/F; 0 where missing

    def __len__(self) -> int:
        return len(self.ids)


def frame_of(persons: Iterable[Person]) -> pd.DataFrame:
    rows = [{c: getattr(p, c) for c in LIST_COLUMNS} for p in persons]
    return pd.DataFrame(rows, columns=list(LIST_COLUMNS))


def _text(value: Any) -> str:
    if value is None or (isinstance(value, float) and np.isnan(value)) or value is pd.NA:
        return ""
    return str(value).strip()


def _date(value: Any) -> date | None:
    if isinstance(value, date):
        return value
    text = _text(value)
    if not text:
        return None
    if match := re.fullmatch(r"(\d{4})-(\d{1,2})-(\d{1,2})", text):
        y, m, d = (int(g) for g in match.groups())
    elif match := re.fullmatch(r"(\d{1,2})\.(\d{1,2})\.(\d{4})", text):
        d, m, y = (int(g) for g in match.groups())
    else:
        raise ValueError(f"birth_date {text!r} is not a date (use YYYY-MM-DD or DD.MM.YYYY)")
    return date(y, m, d)


def _unit(value: Any) -> str:
    """ "в/ч А1234", "A1234" and "military unit 1234" are one unit: compare the number."""
    text = _text(value)
    digits = "".join(ch for ch in text if ch.isdigit())
    return digits or skeleton(text)


def prepare(frame: pd.DataFrame) -> Prepared:
    for column in ("id", "family_name", "given_name"):
        if column not in frame.columns:
            raise ValueError(f"the list has no column {column!r}")
    n = len(frame)
    names: dict[str, NameTable] = {}
    index: dict[str, np.ndarray] = {}
    for name, column, kind in NAME_FIELDS:
        table = NameTable()
        seen: dict[str, int] = {}
        positions = np.full(n, -1, dtype=np.int64)
        values: Sequence[Any] = frame[column].tolist() if column in frame.columns else [None] * n
        for row, value in enumerate(values):
            text = _text(value)
            if not text:
                continue
            if text not in seen:
                keys = name_keys(text, kind)
                if not keys:
                    continue
                seen[text] = len(table.keys)
                table.keys.append(keys)
                primary = masculine(skeleton(text)) if kind == "last" else skeleton(text)
                table.primary.append(primary)
                table.canon.append(canonical(keys))
                table.text.append(text)
            positions[row] = seen[text]
        names[name] = table
        index[name] = positions
    births = [_date(v) for v in frame["birth_date"].tolist()] if "birth_date" in frame else []
    births = births or [None] * n
    year = np.array([b.year if b else -1 for b in births], dtype=np.int64)
    month = np.array([b.month if b else -1 for b in births], dtype=np.int64)
    day = np.array([b.day if b else -1 for b in births], dtype=np.int64)
    units = [_unit(v) for v in frame["military_unit"]] if "military_unit" in frame else [""] * n
    sexes = [_text(v).upper()[:1] for v in frame["sex"]] if "sex" in frame else [""] * n
    # Hashes are compared, never stored: equal text, equal hash within one run.
    unit_codes = np.array([(hash(u) or 1) if u else 0 for u in units], dtype=np.int64)
    sex_codes = np.array([ord(x) if x else 0 for x in sexes], dtype=np.int64)
    return Prepared(
        ids=[_text(v) for v in frame["id"].tolist()],
        names=names,
        name_index=index,
        year=year,
        month=month,
        day=day,
        unit=unit_codes,
        sex=sex_codes,
    )
