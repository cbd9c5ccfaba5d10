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


def _date_key(p: Prepared, row: int) -> str:
    """The birth date with day and month unordered, so a swap still meets its original."""
    if p.year[row] < 0:
        return ""
    low, high = sorted((int(p.month[row]), int(p.day[row])))
    return f"{p.year[row]}-{low}-{high}"


def _keys(p: Prepared, row: int, both_orders: bool) -> Iterator[str]:
    """Blocking keys of one record. The registry side (`both_orders`) also offers its names the
    other way round, and its birth year ±1, so a swap or an off-by-one year still meets.
    """
    family = _name_keys(p, "family_name", row)
    given = _name_keys(p, "given_name", row)
    patronymics = _name_keys(p, "patronymic", row)
    born = _date_key(p, row)
    orders = [(family, given)]
    if both_orders:  # family and given name written in each other's column
        swapped = (_name_keys(p, "given_name~last", row), _name_keys(p, "family_name~first", row))
        orders.append(swapped)
    unit = int(p.unit[row])
    for surnames, forenames in orders:
        initials = {k[0] for k in forenames} or {"?"}
        for surname in surnames:
            for initial in initials:
                yield f"F|{surname}|{initial}"
            for patronymic in patronymics:
                yield f"FP|{surname}|{patronymic[:3]}"
            if born:
                yield f"FD|{surname}|{born}"
            if unit:
                yield f"FU|{surname}|{unit}"
    initials = {k[0] for k in family} or {"?"}
    years = [int(p.year[row])] if p.year[row] >= 0 else []
    if years and both_orders:
        years = [years[0] - 1, years[0], years[0] + 1]
    for forename in given:
        if born:
            yield f"GD|{forename}|{born}"
        if unit:
            yield f"GU|{forename}|{unit}"
        for patronymic in patronymics:
            for initial in initials:
                yield f"GP|{forename}|{patronymic}|{initial}"
            for year in years:
                yield f"GPY|{forename}|{patronymic}|{year}"
    if born:
        for patronymic in patronymics:
            yield f"PD|{patronymic}|{born}"


def candidate_pairs(requests: Prepared, registry: Prepared) -> tuple[np.ndarray, np.ndarray]:
    """Indices (request, registry) of every pair sharing at least one key, each pair once."""
    a = _key_frame(requests, False, "a")
    b = _key_frame(registry, True, "b")
    if a.empty or b.empty:
        return np.empty(0, dtype=np.int64), np.empty(0, dtype=np.int64)
    pairs = a.merge(b, on="key")[["a", "b"]].drop_duplicates()
    return pairs["a"].to_numpy(np.int64), pairs["b"].to_numpy(np.int64)


def _key_frame(p: Prepared, both_orders: bool, name: str) -> pd.DataFrame:
    """Keys as 64-bit hashes, one row per (key, record): strings would cost ten times the memory
    on a list of ninety thousand; a rare hash collision only adds a pair to compare.
    """
    keys: list[int] = []
    rows: list[int] = []
    for row in range(len(p)):
        own = {hash(key) for key in _keys(p, row, both_orders)}
        keys.extend(own)
        rows.extend([row] * len(own))
    return pd.DataFrame(
        {"key": np.array(keys, dtype=np.int64), name: np.array(rows, dtype=np.int64)}
    )
