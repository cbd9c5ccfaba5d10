"""Names a clerk wrote in the wrong columns, moved back to their own.

A patronymic carries its own mark (-ович, -івна, -евна, оглы): where it stands in the family
name's column while the patronymic's holds a plain name, the row was written round by one
column (Мельник Наталія Євгенівна as "Євгенівна | Мельник | Наталія", or "Наталія |
Євгенівна | Мельник"); a family and a given name in the family name's column with the
patronymic in the given name's ("Білоконь Василь | Володимирович |") were shifted by one; a
given name and a patronymic in one cell ("Назар Олегович", or their initials "Д.Д.") were run
together. Each is read as the clerk meant it. A family name that ends like a patronymic
(Петрович, Шкурович) stays where it is: a row is written round only where its patronymic's
column holds a given name (one the list's own given-name column holds, or the dictionaries
know) and nothing like a patronymic.
"""

from __future__ import annotations

import re
from collections.abc import Callable

import numpy as np
import pandas as pd

from parley.linkage.names import is_given_name
from parley.linkage.placeholders import filled

# A patronymic's ending, in Cyrillic and in Latin; Turkic patronymics end in a word of their own.
# (-вич and -вна, not -ович and -овна: a clerk's slip may fall on the vowel, Владимирлвич; a
# letter may be doubled, Евгеньевнна.)
_PATRONYMIC = re.compile(
    r"(?:в+и+ч|в+н+а|ь+и+ч|и+ч+н+а|v+y+c+h|v+i+c+h|vitch|v+n+a|ichna|"
    r"\s(?:оглы|огли|угли|кызы|кизи|oglu|ogly|ugli|kyzy))$"
)
# What may be a patronymic however mistyped or spelt (Ілліч, Никитич, Володымыровыч, Яковтч,
# Костянтинови, OLEKSANDROVYC):
# a cell ending so is never taken for the given name that stands in a patronymic's column.
_MAYBE_PATRONYMIC = re.compile(
    r"(?:ч|ch|cz|[вч]+н+а|v+n+a|chna)$|(?:о[вф]и|е[вф]и|о[вф]н|е[вф]н|івн|ov[iy]|ev[iy]|ovn|evn|ivn)\w{0,3}$"
)
# A given name's and a patronymic's initials in one cell ("Д.Д.", "О. В."): up to three
# letters each (Zh., Ye.), the second stop sometimes left off.
_TWO_INITIALS = re.compile(r"([^\W\d_]{1,3})\.\s*([^\W\d_]{1,3})\.?")
_TURKIC_WORD = re.compile(r"^(?:оглы|огли|угли|кызы|кизи|oglu|ogly|ugli|kyzy)$")
NAME_COLUMNS = ("family_name", "given_name", "patronymic")


def _is_patronymic(text: str) -> bool:
    return bool(_PATRONYMIC.search(text.casefold()))


def _given_name(text: str, given_names: frozenset[str]) -> bool:
    """One word that is a given name (the list's own given names, or the dictionaries') and no
    patronymic however mistyped: what a patronymic's column holds when a row was written round."""
    one_word = len(text) > 2 and " " not in text and "." not in text
    if not one_word or _MAYBE_PATRONYMIC.search(text.casefold()):
        return False
    return text.casefold() in given_names or is_given_name(text)


def reseat(
    family: str, given: str, patronymic: str, given_names: frozenset[str] = frozenset()
) -> tuple[str, str, str] | None:
    """The three names in their own columns, or None where they already are; `given_names`
    are the given names the list holds, casefolded."""
    plain_patronymic = " " not in patronymic and not _MAYBE_PATRONYMIC.search(patronymic.casefold())
    if _is_patronymic(family) and _given_name(patronymic, given_names) and " " not in given:
        return given, patronymic, family  # "Євгенівна | Мельник | Наталія"
    if (
        _is_patronymic(given)
        and _given_name(family, given_names)
        and patronymic
        and plain_patronymic
    ):
        return patronymic, family, given  # "Наталія | Євгенівна | Мельник"
    if patronymic:
        return None
    words = family.split()
    shifted = len(words) == 2 and _is_patronymic(given) and " " not in given
    if shifted and _given_name(words[1], given_names):
        return words[0], words[1], given  # "Білоконь Василь | Володимирович |"
    words = given.split()
    if len(words) >= 2 and _is_patronymic(given):
        cut = -2 if _TURKIC_WORD.match(words[-1].casefold()) and len(words) >= 3 else -1
        return family, " ".join(words[:cut]), " ".join(words[cut:])  # "Назар Олегович"
    if initials := _TWO_INITIALS.fullmatch(given):
        return family, f"{initials[1]}.", f"{initials[2]}."  # "Волков | Д.Д. |"
    return None


def _run_together(given: str) -> bool:
    return _is_patronymic(given) or _TWO_INITIALS.fullmatch(given) is not None


def _flagged(column: pd.Series, test: Callable[[str], bool]) -> np.ndarray:
    """Per row, `test` of the cell's text ("" for an empty cell or a placeholder), each distinct
    value tested once: patronymics and given names repeat through a list."""
    codes, values = pd.factorize(column)
    flags = [test(filled(value)) for value in values.tolist()]
    result: np.ndarray = np.array([*flags, test("")], dtype=bool)[codes]  # code -1: empty
    return result


def reseated(frame: pd.DataFrame) -> tuple[pd.DataFrame, np.ndarray]:
    """The list with each row's names in their own columns, and which rows were moved."""
    moved = np.zeros(len(frame), dtype=bool)
    if "patronymic" not in frame.columns or frame.empty:
        return frame, moved
    # A row written round holds a given name in its patronymic's column, or a patronymic in its
    # given name's: both columns repeat few values, so only those rows are read whole.
    given_names = frozenset(
        words[0].casefold() for value in frame["given_name"].unique().tolist()
        if (words := filled(value).split())
    )  # fmt: skip
    suspect = _flagged(frame["patronymic"], lambda text: _given_name(text, given_names))
    suspect |= _flagged(frame["given_name"], _run_together)
    rows = np.flatnonzero(suspect)
    cells = zip(*(frame[c].iloc[rows].tolist() for c in NAME_COLUMNS), strict=True)
    fixed = {}
    for row, written in zip(rows.tolist(), cells, strict=True):
        family, given, patronymic = (filled(cell) for cell in written)
        names = reseat(family, given, patronymic, given_names)
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
