"""Diminutives a relative writes for a given name (Саша, Толя, Вова, Діма), read as that name.

A request written by a family may give the name the family calls him by; the registry has the
name in his papers. The dictionaries hold names and their translations, not what a mother
calls her son, so the table is Parley's own (`data/diminutives.csv`: each diminutive with the
full names it stands for, in either language; their translations and Latin spellings follow
from the full names' keys). A diminutive is not the name itself: its pair compares as a near
spelling (`compare.NAME_THRESHOLDS[0]`), and only one way, so that two full names a diminutive
shares (Слава: В'ячеслав, Ярослав) never become alike.
"""

from __future__ import annotations

from functools import cache

import numpy as np

from parley.linkage.names import name_keys, shipped_rows, skeleton
from parley.linkage.prepare import NameTable


@cache
def _full_keys() -> dict[str, frozenset[str]]:
    """The skeleton of each diminutive, with the keys of the full names it stands for."""
    table: dict[str, frozenset[str]] = {}
    for row in shipped_rows("diminutives.csv"):
        key = skeleton(row["diminutive"])
        table[key] = table.get(key, frozenset()) | name_keys(row["full"], "first")
    return table


def stands_for(table: NameTable) -> list[frozenset[str]]:
    """Per entry of a given-name table, the keys of the full names it may be a diminutive of
    (empty for a name that is none); kept on the table."""
    if table.full_names is None:
        full = _full_keys()
        table.full_names = [
            frozenset().union(*(full[k] for k in keys if k in full))
            if not keys.isdisjoint(full)
            else frozenset()
            for keys in table.keys
        ]
    return table.full_names


def is_diminutive_of(a: NameTable, x: int, b: NameTable, y: int) -> bool:
    """Whether entry x of a and entry y of b are a diminutive and the name it stands for."""
    return bool(stands_for(a)[x] & b.keys[y]) or bool(stands_for(b)[y] & a.keys[x])


def diminutive_pairs(a: NameTable, xs: np.ndarray, b: NameTable, ys: np.ndarray) -> np.ndarray:
    """Which entry pairs (xs[n], ys[n]) are a diminutive and the name it stands for, either way
    round."""
    has_a = np.array([bool(f) for f in stands_for(a)] + [False], dtype=bool)[xs]
    has_b = np.array([bool(f) for f in stands_for(b)] + [False], dtype=bool)[ys]
    result = np.zeros(len(xs), dtype=bool)
    for n in np.flatnonzero(has_a | has_b).tolist():
        result[n] = is_diminutive_of(a, int(xs[n]), b, int(ys[n]))
    return result
