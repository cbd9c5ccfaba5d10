"""What clerks add to a name cell that is no part of the name: a rank before it ("СТ. СОЛДАТ
БОНДАРЕНКО", "капитан Романюк"), a call sign ("Іван «Зубр»", "БОРИСОВ (ПОЗЫВНОЙ «БОРОДА»)"),
a note in brackets ("Петров (повторно)", "Лисенко (2)"), a mark of doubt ("Коваленко?",
"Колесник *"). Each is struck before the name is read; a cell of nothing else is left as
it was.
"""

from __future__ import annotations

import re

import numpy as np
import pandas as pd

from parley.linkage.misplaced import NAME_COLUMNS
from parley.linkage.placeholders import filled

# Ranks, Ukrainian and Russian, and the words and abbreviations before them (ст. солдат,
# мол. сержант, старший лейтенант); casefolded, without the full stop.
_RANKS = frozenset(
    {
        "ряд", "рядовий", "рядовой", "солдат", "ст", "старший", "старша", "мол", "мл",
        "молодший", "младший", "сержант", "сержанта", "лейтенант", "капітан", "капитан",
        "майор", "підполковник", "подполковник", "полковник", "прапорщик", "матрос",
        "старшина", "єфрейтор", "ефрейтор", "мічман", "мичман", "курсант", "генерал",
        "головний", "главный", "штаб", "сер", "лейт", "кап", "пор", "підпор", "підп",
    }
)  # fmt: skip
# A bracketed note or call sign, a quoted call sign, a mark of doubt.
_NOTE = re.compile(r"\([^)]*\)?|«[^»]*»?|\"[^\"]*\"|[*?]+")
_SEPARATOR = "\x00"
# A bracket, a quote, a mark, or a space (between two words, or round one: a superset).
_MAY_HOLD = re.compile(r"[(«\"*?\s]")


def strip_annotations(text: str) -> str:
    """The name in a cell without a rank before it, call signs, notes and marks of doubt."""
    bare = " ".join(_NOTE.sub(" ", text).split())
    words = bare.split()
    while len(words) > 1 and words[0].casefold().rstrip(".") in _RANKS:
        words = words[1:]
    return " ".join(words) if words else text


def _may_hold(values: list[object]) -> list[int]:
    """The positions of the values with a bracket, a quote, a mark or a space: only these may
    hold an annotation. Searched in one pass over them all, joined: most lists have few.
    """
    # A separator within a value stands in for a character no pattern matches, of one length:
    # the value's own marks and spaces are found where they are.
    texts = [v.replace(_SEPARATOR, "\x01") if isinstance(v, str) else "" for v in values]
    ends = np.cumsum([len(t) + 1 for t in texts])
    joined = _SEPARATOR.join(texts)
    found = np.searchsorted(ends, [m.start() for m in _MAY_HOLD.finditer(joined)], side="right")
    return sorted(set(found.tolist()))


def without_annotations(frame: pd.DataFrame) -> pd.DataFrame:
    """The list with its name cells' annotations struck (the caller's frame is kept)."""
    changed: dict[str, np.ndarray] = {}
    for column in NAME_COLUMNS:
        if column not in frame.columns:
            continue
        codes, values = pd.factorize(frame[column])
        written = values.tolist()
        read = {
            k: stripped
            for k in _may_hold(written)
            if (stripped := strip_annotations(filled(value := written[k]) or value))
            != value.strip()
        }
        if not read:
            continue
        kept = np.array([*written, None], dtype=object)
        kept[list(read)] = list(read.values())
        changed[column] = np.where(codes >= 0, kept[codes], frame[column].to_numpy(dtype=object))
    if not changed:
        return frame
    frame = frame.copy()
    for column, values in changed.items():
        frame[column] = values
    return frame
