"""Names a clerk wrote in the wrong columns, moved back to their own.

A patronymic carries its own mark (-ович, -івна, -евна, оглы): where it stands in the family
name's column while the patronymic's holds a plain name, the row was written round by one
column (Мельник Наталія Євгенівна as "Євгенівна | Мельник | Наталія", or "Наталія |
Євгенівна | Мельник"); a family and a given name in the family name's column with the
patronymic in the given name's ("Білоконь Василь | Володимирович |") were shifted by one; a
given name and a patronymic in one cell ("Назар Олегович") were run together. Each is read as
the clerk meant it. A family name that ends like a patronymic (Петрович, Шкурович) stays where
it is: a row is moved only where its patronymic's column does not hold one.
"""

from __future__ import annotations

import re

import numpy as np
import pandas as pd

from parley.linkage.placeholders import is_placeholder

# A patronymic's ending, in Cyrillic and in Latin; Turkic patronymics end in a word of their own.
# (-вич and -вна, not -ович and -овна: a clerk's slip may fall on the vowel, Владимирлвич; a
# letter may be doubled, Евгеньевнна.)
_PATRONYMIC = re.compile(
    r"(?:в+и+ч|в+н+а|ь+и+ч|и+ч+н+а|v+y+c+h|v+i+c+h|vitch|v+n+a|ichna|"
    r"\s(?:оглы|огли|угли|кызы|кизи|oglu|ogly|ugli|kyzy))$"
)
# What may be a patronymic however mistyped or spelt (Ілліч, Никитич, Володымыровыч, Яковтч):
# a cell ending so is never taken for the given name that stands in a patronymic's column.
_MAYBE_PATRONYMIC = re.compile(r"(?:ч|ch|cz|[вч]+н+а|v+n+a|chna)$")
_TURKIC_WORD = re.compile(r"^(?:оглы|огли|угли|кызы|кизи|oglu|ogly|ugli|kyzy)$")
NAME_COLUMNS = ("family_name", "given_name", "patronymic")


def _text(value: object) -> str:
    """A name cell's text; "" for an empty cell or a placeholder (н/д, N/A)."""
    text = value.strip() if isinstance(value, str) else ""
    return "" if is_placeholder(text) else text


def _is_patronymic(text: str) -> bool:
    return bool(_PATRONYMIC.search(text.casefold()))


def _plain_name(text: str) -> bool:
    """One word of three letters or more that is no patronymic: a given or family name."""
    plain = len(text) > 2 and " " not in text and "." not in text
    return plain and not _MAYBE_PATRONYMIC.search(text.casefold())


def reseat(family: str, given: str, patronymic: str) -> tuple[str, str, str] | None:
    """The three names in their own columns, or None where they already are."""
    if _is_patronymic(family) and _plain_name(patronymic) and _plain_name(given):
        return given, patronymic, family  # "Євгенівна | Мельник | Наталія"
    if _is_patronymic(given) and _plain_name(patronymic) and _plain_name(family):
        return patronymic, family, given  # "Наталія | Євгенівна | Мельник"
    if patronymic:
        return None
    words = family.split()
    if len(words) == 2 and _is_patronymic(given) and " " not in given:
        return words[0], words[1], given  # "Білоконь Василь | Володимирович |"
    words = given.split()
    if len(words) >= 2 and _is_patronymic(given):
        cut = -2 if _TURKIC_WORD.match(words[-1].casefold()) and len(words) >= 3 else -1
        return family, " ".join(words[:cut]), " ".join(words[cut:])  # "Назар Олегович"
    return None


def reseated(frame: pd.DataFrame) -> tuple[pd.DataFrame, np.ndarray]:
    """The list with each row's names in their own columns, and which rows were moved."""
    moved = np.zeros(len(frame), dtype=bool)
    if "patronymic" not in frame.columns or frame.empty:
        return frame, moved
    # Only rows with a patronymic's ending in the family or given name's column can have been
    # written round: the rest are left unread.
    suspect = np.zeros(len(frame), dtype=bool)
    for column in NAME_COLUMNS[:2]:
        ending = frame[column].astype("string").str.strip().str.casefold().str.contains(_PATRONYMIC)
        suspect |= ending.fillna(False).to_numpy(dtype=bool)
    rows = np.flatnonzero(suspect)
    columns = [frame[c].to_numpy(dtype=object) for c in NAME_COLUMNS]
    fixed = {}
    for row in rows.tolist():
        names = reseat(*(_text(column[row]) for column in columns))
        if names is not None:
            fixed[row] = names
    if not fixed:
        return frame, moved
    frame = frame.copy()
    at = np.fromiter(fixed, dtype=np.int64)
    for k, column in enumerate(NAME_COLUMNS):
        values = frame[column].to_numpy(dtype=object, copy=True)
        values[at] = [names[k] for names in fixed.values()]
        frame[column] = values
    moved[at] = True
    return frame, moved
