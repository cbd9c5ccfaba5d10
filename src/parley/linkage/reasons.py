"""One line a clerk understands, for every pair Parley proposes."""

from __future__ import annotations

from functools import lru_cache

from parley.linkage.compare import (
    DATE_PART,
    DATE_SAME,
    DATE_SWAPPED,
    DATE_YEAR,
    IDENTICAL,
    MISSING,
    TRANSLATED,
    TRANSLITERATED,
    Comparison,
    how_names_met,
)
from parley.linkage.names import is_cyrillic
from parley.linkage.prepare import Prepared

UKRAINIAN_ONLY = set("іїєґІЇЄҐ")
LABELS = {"family": "family name", "given": "given name", "patronymic": "patronymic"}
COLUMNS = {"family": "family_name", "given": "given_name", "patronymic": "patronymic"}


RUSSIAN_ONLY = set("ыэъёЫЭЪЁ")
KINDS = {"family": "last", "given": "first", "patronymic": "patronymic"}


@lru_cache(maxsize=100_000)
def _language(text: str, field: str) -> str:
    if not is_cyrillic(text):
        return "latin"
    letters = set(text)
    if UKRAINIAN_ONLY & letters:
        return "uk"
    if RUSSIAN_ONLY & letters:
        return "ru"
    # Олександр has no letter only Ukrainian has: ask the dictionary whether it is a
    # Ukrainian name with a different Russian form.
    from names_translator.dicts import default_dicts, normalize_key

    key = normalize_key(text)
    translations = default_dicts().lookup_key(key, KINDS[field]) or []
    return "uk" if any(normalize_key(t) != key for t in translations) else "ru"


def _text(p: Prepared, column: str, row: int) -> str:
    position = p.name_index[column][row]
    return p.names[column].text[position] if position >= 0 else ""


def _name(field: str, a: Prepared, i: int, b: Prepared, j: int, c: Comparison, k: int) -> str:
    label = LABELS[field]
    level = int(c.levels[field][k])
    column_a = COLUMNS[field]
    column_b = COLUMNS[field]
    if c.swapped[k] and field in ("family", "given"):
        column_b = "given_name" if field == "family" else "family_name"
    x, y = _text(a, column_a, i), _text(b, column_b, j)
    if level == MISSING:
        return f"{label}: missing on one side"
    if level == 4:
        how = how_names_met(
            a.names[column_a],
            a.name_index[column_a][i],
            b.names[column_b],
            b.name_index[column_b][j],
        )
        if how == IDENTICAL:
            return f"{label}: same"
        if how == TRANSLITERATED:
            return f"{label}: same after transliteration ({x} = {y})"
        if how == TRANSLATED:
            return f"{label}: {x} = {y} ({_language(x, field)}→{_language(y, field)})"
    if level >= 1:
        return f"{label}: {x} ≈ {y} (close spelling)"
    return f"{label} differs: {x} / {y}"


def _birth(level: int) -> str:
    return {
        DATE_SAME: "birth date: same",
        DATE_SWAPPED: "birth date: day and month swapped",
        DATE_YEAR: "birth date: one year apart",
        DATE_PART: "birth date: one part differs",
        MISSING: "birth date: missing on one side",
    }.get(level, "birth date differs")


def reason(a: Prepared, i: int, b: Prepared, j: int, c: Comparison, k: int) -> str:
    parts = [_name(f, a, i, b, j, c, k) for f in ("given", "family", "patronymic")]
    if c.swapped[k]:
        parts.insert(0, "family and given names swapped")
    parts.append(_birth(int(c.levels["birth"][k])))
    unit = int(c.levels["unit"][k])
    if unit != MISSING:
        parts.append("unit: same" if unit == 1 else "unit differs")
    return "; ".join(parts)
