"""What clerks write in a cell they could not fill, read as the empty cell it stands for.

"н/д" in the patronymics of two strangers is no father's name they share, nor is "невідомо" a
unit two prisoners served in: read as names, such words would be the commonest agreement in a
list. A cell is a placeholder when, casefolded and without spaces and punctuation, it is one of
the words below (Ukrainian, Russian, English); a single letter never is (it is an initial).
"""

from __future__ import annotations

import re

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
