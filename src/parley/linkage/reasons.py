"""One line a clerk understands, for every pair Parley proposes."""

from __future__ import annotations

from functools import lru_cache

import numpy as np

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
from parley.linkage.datesystems import OTHER_DATE_SYSTEM_DAYS, days_apart
from parley.linkage.diminutives import is_diminutive_of
from parley.linkage.names import is_cyrillic
from parley.linkage.prepare import Prepared
from parley.linkage.units import slipped_numbers

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


def _text(p: Prepared, column: str, position: int) -> str:
    return p.names[column].text[position] if position >= 0 else ""


def _phrase(
    field: str,
    level: int,
    a: Prepared,
    column_a: str,
    x_at: int,
    b: Prepared,
    column_b: str,
    y_at: int,
) -> str:
    label = LABELS[field]
    x, y = _text(a, column_a, x_at), _text(b, column_b, y_at)
    if level == MISSING:
        # Both written and still counted neither way: an initial that may be the other name.
        if x and y:
            return f"{label}: {x} / {y} (an initial that may be this name)"
        return f"{label}: missing on one side"
    if level == 4:
        how = how_names_met(a.names[column_a], x_at, b.names[column_b], y_at)
        if how == IDENTICAL:
            return f"{label}: same"
        if how == TRANSLITERATED:
            return f"{label}: same after transliteration ({x} = {y})"
        if how == TRANSLATED:
            return f"{label}: {x} = {y} ({_language(x, field)}→{_language(y, field)})"
    if level >= 1:
        if column_a == column_b == "given_name" and is_diminutive_of(
            a.names[column_a], x_at, b.names[column_b], y_at
        ):
            return f"{label}: {x} ≈ {y} (a diminutive)"
        return f"{label}: {x} ≈ {y} (close spelling)"
    return f"{label} differs: {x} / {y}"


NOT_A_BIRTH = "birth date: one side's is a date of capture or registration (read as unknown)"
OTHER_SYSTEM = " in Excel's other date system (1,462 days apart)"


def _birth(level: int, year_only: bool) -> str:
    if year_only:  # a day and month the list writes for one it does not know (`stand_in_days`)
        year = "the same year" if level == MISSING else "another year"
        return f"birth date: {year}; one side knows the year alone"
    return {
        DATE_SAME: "birth date: same",
        DATE_SWAPPED: "birth date: day and month swapped",
        DATE_YEAR: "birth date: one year apart",
        DATE_PART: "birth date: one part differs",
        MISSING: "birth date: missing on one side",
    }.get(level, "birth date differs")


class Reasons:
    """Reasons for the pairs of one linking run. Given names and patronymics recur across
    pairs (Олександр = Александр thousands of times): each phrase is worked out once.
    """

    def __init__(self, a: Prepared, b: Prepared, comparison: Comparison) -> None:
        self.a, self.b, self.comparison = a, b, comparison
        self._phrases: dict[tuple[str, int, bool, int, int], str] = {}

    def for_pairs(self, i: np.ndarray, j: np.ndarray, k: np.ndarray) -> list[str]:
        """The reason for each request i[n] and registry record j[n], compared as pair k[n]."""
        c = self.comparison
        swapped = c.swapped[k]
        fields = ("given", "family", "patronymic")
        names = [self._names(field, i, j, k, swapped) for field in fields]
        a, b = self.a, self.b
        year_only = (a.year_only[i] | b.year_only[j]) & (a.year[i] >= 0) & (b.year[j] >= 0)
        shifted_dates = days_apart(a, i, b, j) == OTHER_DATE_SYSTEM_DAYS
        births = [
            (NOT_A_BIRTH if not_birth else _birth(level, vague))
            + (", day and month swapped too" if slip == 1 else "")
            + (OTHER_SYSTEM if shifted else "")
            for level, slip, vague, not_birth, shifted in zip(
                c.levels["birth"][k].tolist(),
                c.levels["slips"][k].tolist(),
                year_only.tolist(),
                (a.not_birth[i] | b.not_birth[j]).tolist(),
                (shifted_dates & (c.levels["birth"][k] == DATE_SAME)).tolist(),
                strict=True,
            )
        ]
        moved = (a.reseated[i] | b.reseated[j]).tolist()
        declined = (a.declined[i] | b.declined[j]).tolist()
        units = c.levels["unit"][k].tolist()
        slipped_units = slipped_numbers(a.units, i, b.units, j).tolist()
        categories = c.levels["category"][k].tolist()
        reasons = []
        for n, (given, family, patronymic) in enumerate(zip(*names, strict=True)):
            parts = [given, family, patronymic, births[n]]
            if swapped[n]:
                parts.insert(0, "family and given names swapped")
            if moved[n]:
                parts.insert(0, "names read from the columns they were written in by mistake")
            if declined[n]:
                parts.insert(0, "names read in the nominative (the list wrote them declined)")
            if units[n] != MISSING:
                parts.append("unit: same" if units[n] == 1 else "unit differs")
            elif slipped_units[n]:
                parts.append("unit numbers one typing slip apart (not weighed)")
            if categories[n] == 0:
                parts.append("category differs")
            reasons.append("; ".join(parts))
        return reasons

    def _names(
        self, field: str, i: np.ndarray, j: np.ndarray, k: np.ndarray, swapped: np.ndarray
    ) -> list[str]:
        column = COLUMNS[field]
        x_at = self.a.name_index[column][i]
        y_at = self.b.name_index[column][j]
        if field in ("family", "given"):
            other = "given_name" if field == "family" else "family_name"
            y_at = np.where(swapped, self.b.name_index[other][j], y_at)
        levels = self.comparison.levels[field][k]
        phrases = []
        for level, swap, x, y in zip(
            levels.tolist(), swapped.tolist(), x_at.tolist(), y_at.tolist(), strict=True
        ):
            memo = (field, level, swap, x, y)
            if (phrase := self._phrases.get(memo)) is None:
                column_b = other if swap and field in ("family", "given") else column
                phrase = _phrase(field, level, self.a, column, x, self.b, column_b, y)
                self._phrases[memo] = phrase
            phrases.append(phrase)
        return phrases
