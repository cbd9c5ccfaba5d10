"""Comparing candidate pairs field by field, as levels of agreement the model weighs.

Each distinct pair of spellings is compared once: lists repeat names far more than they hold
distinct ones, so this is what keeps linking ninety thousand records quick.
"""

from __future__ import annotations

from dataclasses import dataclass

import numpy as np
from rapidfuzz.distance import JaroWinkler

from parley.linkage.prepare import NameTable, Prepared

MISSING = 5
EXACT = 4  # the highest name level: the same name, in any script or translation
# Name levels: 4 same name (in any script, or its translation), 3-1 ever looser spellings, 0 other.
NAME_THRESHOLDS = (0.94, 0.88, 0.80)
# How the keys met, for the reasons a clerk reads: identical text, same after transliteration,
# a translation (Олександр = Александр), or a near spelling.
IDENTICAL, TRANSLITERATED, TRANSLATED, SIMILAR = 3, 2, 1, 0
# Birth-date levels.
DATE_SAME, DATE_SWAPPED, DATE_YEAR, DATE_PART, DATE_OTHER = 4, 3, 2, 1, 0
FIELDS = ("family", "given", "patronymic", "birth", "unit", "sex")
LEVELS = {"family": 5, "given": 5, "patronymic": 5, "birth": 5, "unit": 2, "sex": 2}


@dataclass
class Comparison:
    """Levels per field for each pair, plus what the reasons need."""

    levels: dict[str, np.ndarray]
    how: dict[str, np.ndarray]  # per name field: IDENTICAL ... SIMILAR
    swapped: np.ndarray  # family and given names swapped between the lists


def _similarity(a: NameTable, x: int, b: NameTable, y: int) -> tuple[float, int]:
    if a.keys[x] & b.keys[y]:
        if a.text[x].casefold() == b.text[y].casefold():
            return 1.0, IDENTICAL
        if a.primary[x] == b.primary[y]:
            return 1.0, TRANSLITERATED
        return 1.0, TRANSLATED
    left, right = a.keys[x], b.keys[y]
    if len(left) == 1 and len(right) == 1:
        return JaroWinkler.similarity(next(iter(left)), next(iter(right))), SIMILAR
    return max(JaroWinkler.similarity(p, q) for p in left for q in right), SIMILAR


def _names(
    a: Prepared, column_a: str, ia: np.ndarray, b: Prepared, column_b: str, ib: np.ndarray
) -> tuple[np.ndarray, np.ndarray]:
    """Similarity (0-1, NaN when missing) and how the names met, for each pair."""
    pa = a.name_index[column_a][ia]
    pb = b.name_index[column_b][ib]
    present = (pa >= 0) & (pb >= 0)
    similarity = np.full(len(ia), np.nan)
    how = np.full(len(ia), SIMILAR, dtype=np.int8)
    if present.any():
        width = max(len(b.names[column_b].keys), 1)
        code = pa[present] * width + pb[present]
        unique, inverse = np.unique(code, return_inverse=True)
        table_a, table_b = a.names[column_a], b.names[column_b]
        results = [_similarity(table_a, int(c // width), table_b, int(c % width)) for c in unique]
        sims = np.array([r[0] for r in results])
        hows = np.array([r[1] for r in results], dtype=np.int8)
        similarity[present] = sims[inverse]
        how[present] = hows[inverse]
    return similarity, how


def name_level(similarity: np.ndarray) -> np.ndarray:
    level = np.zeros(len(similarity), dtype=np.int8)
    level[similarity >= NAME_THRESHOLDS[2]] = 1
    level[similarity >= NAME_THRESHOLDS[1]] = 2
    level[similarity >= NAME_THRESHOLDS[0]] = 3
    level[similarity >= 0.999999] = EXACT
    level[np.isnan(similarity)] = MISSING
    return level


def _birth(a: Prepared, ia: np.ndarray, b: Prepared, ib: np.ndarray) -> np.ndarray:
    ya, ma, da = a.year[ia], a.month[ia], a.day[ia]
    yb, mb, db = b.year[ib], b.month[ib], b.day[ib]
    level = np.full(len(ia), DATE_OTHER, dtype=np.int8)
    parts = (ya == yb).astype(int) + (ma == mb) + (da == db)
    level[parts == 2] = DATE_PART
    level[(ma == mb) & (da == db) & (np.abs(ya - yb) == 1)] = DATE_YEAR
    level[(ya == yb) & (ma == db) & (da == mb) & (ma != da)] = DATE_SWAPPED
    level[parts == 3] = DATE_SAME
    level[(ya < 0) | (yb < 0)] = MISSING
    return level


def _equal_codes(a: np.ndarray, ia: np.ndarray, b: np.ndarray, ib: np.ndarray) -> np.ndarray:
    left, right = a[ia], b[ib]
    level: np.ndarray = (left == right).astype(np.int8)
    level[(left == 0) | (right == 0)] = MISSING
    return level


def compare(a: Prepared, b: Prepared, ia: np.ndarray, ib: np.ndarray) -> Comparison:
    family, family_how = _names(a, "family_name", ia, b, "family_name", ib)
    given, given_how = _names(a, "given_name", ia, b, "given_name", ib)
    family_x, family_x_how = _names(a, "family_name", ia, b, "given_name~last", ib)
    given_x, given_x_how = _names(a, "given_name", ia, b, "family_name~first", ib)
    straight = np.nan_to_num(family) + np.nan_to_num(given)
    crossed = np.nan_to_num(family_x) + np.nan_to_num(given_x)
    # Only a clearly better fit counts as a swap: "Іван Петро" would otherwise flip at random.
    swapped = crossed > straight + 0.15
    family = np.where(swapped, family_x, family)
    given = np.where(swapped, given_x, given)
    family_how = np.where(swapped, family_x_how, family_how)
    given_how = np.where(swapped, given_x_how, given_how)
    patronymic, patronymic_how = _names(a, "patronymic", ia, b, "patronymic", ib)
    levels = {
        "family": name_level(family),
        "given": name_level(given),
        "patronymic": name_level(patronymic),
        "birth": _birth(a, ia, b, ib),
        "unit": _equal_codes(a.unit, ia, b.unit, ib),
        "sex": _equal_codes(a.sex, ia, b.sex, ib),
    }
    how = {"family": family_how, "given": given_how, "patronymic": patronymic_how}
    return Comparison(levels=levels, how=how, swapped=swapped)
