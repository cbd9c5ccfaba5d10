"""Which pairs to compare: records that share a blocking key. Each rule survives a different
kind of error, so together they keep nearly every true pair while comparing few others.
"""

from __future__ import annotations

from collections.abc import Iterator

import numpy as np
import pandas as pd

from parley.linkage.prepare import Prepared


def _name_keys(p: Prepared, column: str, row: int) -> frozenset[str]:
    position = p.name_index[column][row]
    return p.names[column].keys[position] if position >= 0 else frozenset()


def _canon(p: Prepared, column: str, row: int) -> str:
    position = p.name_index[column][row]
    return p.names[column].canon[position] if position >= 0 else ""


def _date_key(p: Prepared, row: int) -> str:
    """The birth date with day and month unordered, so a swap still meets its original."""
    if p.year[row] < 0:
        return ""
    low, high = sorted((int(p.month[row]), int(p.day[row])))
    return f"{p.year[row]}-{low}-{high}"


def _keys(p: Prepared, row: int, both_orders: bool) -> Iterator[str]:
    family = _name_keys(p, "family_name", row)
    given = _name_keys(p, "given_name", row)
    given_canon = _canon(p, "given_name", row)
    patronymic = _canon(p, "patronymic", row)
    born = _date_key(p, row)
    orders = [(family, given)]
    if both_orders:  # family and given name written in each other's column
        orders.append(
            (_name_keys(p, "given_name~last", row), _name_keys(p, "family_name~first", row))
        )
    for surnames, forenames in orders:
        initials = {k[0] for k in forenames} or {"?"}
        for surname in surnames:
            for initial in initials:
                yield f"F|{surname}|{initial}"
            if patronymic:
                yield f"FP|{surname}|{patronymic[:3]}"
    if given_canon and born:
        yield f"GD|{given_canon}|{born}"
    if patronymic and born:
        yield f"PD|{patronymic}|{born}"
    if given_canon and patronymic:
        first = _canon(p, "family_name", row)[:1]
        yield f"GP|{given_canon}|{patronymic}|{first}"


def candidate_pairs(requests: Prepared, registry: Prepared) -> tuple[np.ndarray, np.ndarray]:
    """Indices (request, registry) of every pair sharing at least one key, each pair once."""
    left = [(key, i) for i in range(len(requests)) for key in _keys(requests, i, False)]
    right = [(key, j) for j in range(len(registry)) for key in _keys(registry, j, True)]
    if not left or not right:
        return np.empty(0, dtype=np.int64), np.empty(0, dtype=np.int64)
    a = pd.DataFrame(left, columns=["key", "a"]).drop_duplicates()
    b = pd.DataFrame(right, columns=["key", "b"]).drop_duplicates()
    pairs = a.merge(b, on="key")[["a", "b"]].drop_duplicates()
    return pairs["a"].to_numpy(np.int64), pairs["b"].to_numpy(np.int64)
