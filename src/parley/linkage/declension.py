"""Names a list wrote declined, read back in the nominative.

A request written from a letter keeps the letter's grammar: "прошу розшукати Петренка
Олександра Івановича" gives the row "Петренка | Олександра | Івановича" (the genitive; the
accusative of a man is the same), "Коваль | Марину | Григорівну" (a woman, accusative).
The patronymic marks such a row beyond doubt (-овича, -івни, -івну, -овны, -ичны); nothing
else in a nominative row ends so. Its given name is read back to the form the dictionaries
know (Олександра → Олександр, Андрія → Андрій, Миколи → Микола, Петра → Петро), its family
name by the endings of the two languages' declensions (Гладкого → Гладкий, Бойка → Бойко,
Поліщука → Поліщук, Коваля → Коваль, Іванової → Іванова). Ukrainian and Russian decline
alike enough for one set of rules.
"""

from __future__ import annotations

import re

import numpy as np
import pandas as pd

from parley.linkage.misplaced import NAME_COLUMNS
from parley.linkage.names import is_given_name
from parley.linkage.placeholders import filled

# A declined patronymic: a man's genitive or accusative (-овича), dative (-овичу); a woman's
# genitive (-івни, -овны), accusative (-івну), dative (-івні). Cyrillic only.
_MAN = re.compile(r"(?<=[иі]ч)[ау]$")
_WOMAN = re.compile(r"(?<=[вч]н)[иіуы]$")
_VOWELS = set("аеєиіїоуюяыэё")


def _as_written(reading: str, text: str) -> str:
    """A lower-case reading in the letter case of the text it was read from."""
    if text.isupper():
        return reading.upper()
    return reading[:1].upper() + reading[1:] if text[:1].isupper() else reading


def _patronymic(text: str) -> tuple[str, str] | None:
    """The nominative of a declined patronymic, and "m" or "f"; None if it is not declined."""
    lower = text.casefold()
    if _MAN.search(lower):
        return text[:-1], "m"
    if _WOMAN.search(lower):
        return _as_written(lower[:-1] + "а", text), "f"
    return None


def _given(text: str, sex: str, given_names: frozenset[str]) -> str:
    """The nominative of a declined given name: the first reading the list's own given names
    (casefolded) or the dictionaries know, else the first by the declension's rule."""
    lower = text.casefold()
    stem, last = lower[:-1], lower[-1:]
    soft = stem[-1:] in _VOWELS
    if sex == "m":
        readings = {
            "а": [stem, stem + "о"],  # Олександра; Петра → Петро
            "у": [stem, stem + "о"],  # the dative: Олександру
            "я": [stem + "й"] if soft else [stem + "ь", stem],  # Андрія; Василя, Ігоря
            "ю": [stem + "й"] if soft else [stem + "ь", stem],
            "и": [stem + "а"],  # Миколи
            "і": [stem + "я", stem + "а"],  # Іллі, Миколі
        }.get(last, [])
    else:
        readings = {
            "у": [stem + "а"], "ю": [stem + "я"], "и": [stem + "а"], "ы": [stem + "а"],
            "ї": [stem + "я"], "і": [stem + "а", stem + "я"], "е": [stem + "а"],
        }.get(last, [])  # fmt: skip
    known = [r for r in readings if r in given_names or is_given_name(r)]
    read = known[0] if known else readings[0] if readings else lower
    return _as_written(read, text)


def _family(text: str, sex: str) -> str:
    """The nominative of a declined family name, by the endings of its declension."""
    lower = text.casefold()
    if len(lower) < 4:
        return text
    if sex == "f":
        if lower.endswith(("ої", "ой")):  # Гладкої, Іванової; Ивановой
            read = lower[:-2] + "а"
        elif lower.endswith(("ську", "ову", "еву", "ину", "іну")):  # Ковальську, Іванову
            read = lower[:-1] + "а"
        else:
            read = lower  # Коваль, Бойко, Шевчук: a woman's family name is not declined
        return _as_written(read, text)
    last, before, third = lower[-1], lower[-2], lower[-3]
    if lower.endswith(("ого", "его", "ому", "ему")):  # Гладкого, Ковальського; Гладкому
        read = lower[:-3] + "ий"
    elif before == "к" and last in "ау" and third not in _VOWELS:
        read = lower[:-1] + "о"  # Бойка, Ткаченка, Грицька (Бойко); the dative Бойку
    elif last in "ау" and before not in _VOWELS and before not in "йь":
        read = lower[:-1]  # Поліщука, Когана, Іванова, Мельника; the dative Мельнику
    elif last in "яю" and before in _VOWELS:
        read = lower[:-1] + "й"  # Гая
    elif last in "яю" and before == "р":
        read = lower[:-1]  # Бондаря
    elif last in "яю":
        read = lower[:-1] + "ь"  # Коваля
    else:
        read = lower
    return _as_written(read, text)


def nominative(
    family: str, given: str, patronymic: str, given_names: frozenset[str] = frozenset()
) -> tuple[str, str, str] | None:
    """The three names in the nominative, or None where the patronymic is not declined;
    `given_names` are the given names the list holds, casefolded."""
    read = _patronymic(patronymic)
    if read is None:
        return None
    patronymic_read, sex = read
    return _family(family, sex), _given(given, sex, given_names), patronymic_read


def in_nominative(frame: pd.DataFrame) -> tuple[pd.DataFrame, np.ndarray]:
    """The list with its declined rows read in the nominative, and which rows were."""
    read = np.zeros(len(frame), dtype=bool)
    if "patronymic" not in frame.columns or frame.empty:
        return frame, read
    codes, values = pd.factorize(frame["patronymic"])
    declined = np.array(
        [_patronymic(filled(v)) is not None for v in values.tolist()] + [False], dtype=bool
    )[codes]
    rows = np.flatnonzero(declined)
    if not len(rows):
        return frame, read
    given_names = frozenset(filled(v).casefold() for v in frame["given_name"].unique().tolist())
    cells = zip(*(frame[c].iloc[rows].tolist() for c in NAME_COLUMNS), strict=True)
    fixed = [
        nominative(filled(family), filled(given), filled(patronymic), given_names)
        for family, given, patronymic in cells
    ]
    frame = frame.copy()
    for k, column in enumerate(NAME_COLUMNS):
        names = frame[column].to_numpy(dtype=object, copy=True)
        names[rows] = [
            nominatives[k] if nominatives else name
            for nominatives, name in zip(fixed, names[rows].tolist(), strict=True)
        ]
        frame[column] = names
    read[rows] = True
    return frame, read
