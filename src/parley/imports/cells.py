"""The cells of a person list, read: dates, yes/no, and the few words a column allows. Apart
from the Person model, so that a reader of plain columns (the planner's) needs no more.
"""

from __future__ import annotations

import re
from collections.abc import Callable
from datetime import date


class BadValue(Exception):
    """A cell's text is not a value of its column; the message says what to write instead."""


_ISO_DATE = re.compile(r"([0-9]{4})-([0-9]{2})-([0-9]{2})")
_DOTTED_DATE = re.compile(r"([0-9]{1,2})\.([0-9]{1,2})\.([0-9]{4})")


def _parse_date(text: str) -> date:
    # Regexes rather than date.fromisoformat, which also takes forms no clerk means (20240131).
    parts: tuple[str, str, str] | None = None
    if match := _ISO_DATE.fullmatch(text):
        parts = (match[1], match[2], match[3])
    elif match := _DOTTED_DATE.fullmatch(text):
        parts = (match[3], match[2], match[1])
    try:
        if parts is not None:
            return date(int(parts[0]), int(parts[1]), int(parts[2]))
    except ValueError:  # 31.02.1990 matches the form but is no day
        pass
    raise BadValue(f"'{text}' is not a date (use YYYY-MM-DD or DD.MM.YYYY)")


def _choice(table: dict[str, str], what: str) -> Callable[[str], str]:
    def parse(text: str) -> str:
        try:
            return table[text.lower()]
        except KeyError:
            raise BadValue(f"'{text}' is not {what}") from None

    return parse


BOOLEANS = {"true": True, "yes": True, "1": True, "false": False, "no": False, "0": False}


def _parse_bool(text: str) -> bool:
    try:
        return BOOLEANS[text.lower()]
    except KeyError:
        raise BadValue(f"'{text}' is not yes or no (use true/false, yes/no or 1/0)") from None


PARSERS: dict[str, Callable[[str], object]] = {
    "patronymic": str,
    "military_unit": str,
    "birth_date": _parse_date,
    "captured_on": _parse_date,
    "seriously_wounded": _parse_bool,
    "seriously_ill": _parse_bool,
    # М (мужчина), Ч (чоловік), Ж (женщина, жінка): the letters Russian and Ukrainian lists use.
    "sex": _choice(
        {"m": "M", "male": "M", "м": "M", "ч": "M", "f": "F", "female": "F", "ж": "F"},
        "a sex (use M or F)",
    ),
    "category": _choice(
        {"serviceman": "serviceman", "civilian": "civilian"},
        "a category (use serviceman or civilian)",
    ),
    "consent": _choice(
        {"yes": "yes", "no": "no", "unknown": "unknown"},
        "a consent answer (use yes, no or unknown)",
    ),
}


def parse_cell(column: str, text: str) -> object:
    """The value of one non-empty cell of a known optional column, as the importer reads it;
    ValueError, saying what to write instead, when it is not one.
    """
    try:
        return PARSERS[column](text)
    except BadValue as error:
        raise ValueError(str(error)) from None


OPTIONAL_COLUMNS: tuple[str, ...] = tuple(PARSERS)
