"""What clerks write in a cell they could not fill, read as the empty cell it stands for.

"н/д" in the patronymics of two strangers is no father's name they share, nor is "невідомо" a
unit two prisoners served in: read as names, such words would be the commonest agreement in a
list. A cell is a placeholder when, casefolded and without spaces and punctuation, it is one of
the words below (Ukrainian, Russian, English); a single letter never is (it is an initial).
"""

from __future__ import annotations

import re
from typing import Any

import numpy as np
import pandas as pd

_PLACEHOLDERS = frozenset(
    {
        # Ukrainian: н/д, невідомо, немає (даних), відсутнє, не вказано, не встановлено
        "нд", "невідомо", "невідомий", "невідома", "невідоме", "немає", "нема", "немаєданих",
        "відсутнє", "відсутній", "відсутня", "невказано", "невстановлено", "безпобатькові",
        # Russian: н/д, неизвестно, нет (данных), отсутствует, не указано, б/о (без отчества)
        "неизвестно", "неизвестен", "неизвестна", "нет", "нетданных", "отсутствует",
        "неуказано", "неустановлено", "безотчества", "бо",
        # English and spreadsheet habits
        "na", "nd", "unknown", "unk", "none", "null", "nil", "nan", "notknown", "nodata",
        "notstated", "notavailable",
    }
)  # fmt: skip
_NOISE = re.compile(r"[\s.,;:/\\\-–—_?!*()\[\]'\"«»]+")


def is_placeholder(text: str) -> bool:
    """Whether a cell's text stands for no value at all."""
    if text.isalpha():  # nearly every name: no punctuation to take off
        return text.casefold() in _PLACEHOLDERS
    return _NOISE.sub("", text.casefold()) in _PLACEHOLDERS


def cell_text(value: Any) -> str:
    """A cell as stripped text; "" for an empty one (None, NaN, pd.NA)."""
    if type(value) is str:  # nearly every cell: the checks below cost more than the work
        return value.strip()
    if value is None or (isinstance(value, float) and np.isnan(value)) or value is pd.NA:
        return ""
    return str(value).strip()


def filled(value: Any) -> str:
    """A name's or unit's cell as text; "" where it is empty or a placeholder ("н/д")."""
    text = cell_text(value)
    return "" if is_placeholder(text) else text
