"""Which pairs to compare: records that share a blocking key. Each rule survives a different
kind of error, so together they keep nearly every true pair while comparing few others.

| rule | key                                     | survives                                 |
|------|-----------------------------------------|------------------------------------------|
| F    | family name + initial of the given name | most errors elsewhere                    |
| FP   | family name + patronymic's first letters| a wrong given name                       |
| FD   | family name + birth date                | wrong given name and patronymic          |
| FU   | family name + unit                      | the same, without a date                 |
| GD   | given name + birth date                 | a misspelt family name                   |
| GU   | given name + unit + family initial      | the same, without a date                 |
| GP   | given name + patronymic + family initial| family name and birth date both off      |
| PD   | patronymic + birth date                 | family and given names both off          |

Names are every key a name may be known by (its skeletons and their translations); birth
dates are taken with day and month unordered, so a swap still meets. The registry also offers
its family and given names the other way round. Keys are 64-bit hashes, worked out per table
column in numpy: a list of ninety thousand gives millions of keys.
"""

from __future__ import annotations

from collections.abc import Callable

import numpy as np
import pandas as pd

from parley.linkage.prepare import NameTable, Prepared

_PRIME = np.uint64(0x100000001B3)


def _mix(rule: str, *parts: np.ndarray) -> np.ndarray:
    """An FNV-style hash of the rule and the parts, row by row (wrapping on overflow)."""
    seed = np.uint64(abs(hash(rule)) % (1 << 63))
    value = np.full(len(parts[0]), seed, dtype=np.uint64)
    for part in parts:
        value = (value ^ part.astype(np.uint64)) * _PRIME
    return value.view(np.int64)


_PARTS: dict[str, Callable[[str], int]] = {
    "key": hash,
    "initial": lambda key: ord(key[0]),
    "prefix": lambda key: hash(key[:3]),
}


def _exploded(table: NameTable, of: str) -> pd.DataFrame:
    """(entry, hash) for every key, first letter or prefix of every name in a table."""
    entries = np.repeat(np.arange(len(table.key_count), dtype=np.int64), table.key_count)
    values = np.fromiter(map(_PARTS[of], table.flat_keys), dtype=np.int64, count=len(entries))
    frame = pd.DataFrame({"entry": entries, of: values})
    return frame if of == "key" else frame.drop_duplicates()


def _records(p: Prepared) -> pd.DataFrame:
    low = np.minimum(p.month, p.day)
    high = np.maximum(p.month, p.day)
    born = np.where(p.year >= 0, p.year * 10_000 + low * 100 + high, -1)
    return pd.DataFrame(
        {
            "row": np.arange(len(p), dtype=np.int64),
            "born": born,
            "year": p.year,
            "unit": p.unit,
        }
    )


def _join(records: pd.DataFrame, positions: np.ndarray, parts: pd.DataFrame) -> pd.DataFrame:
    """Each record with every part of the name its `positions` point to; none if missing."""
    frame = records.assign(entry=positions)
    return frame[frame["entry"] >= 0].merge(parts, on="entry").drop(columns="entry")


def _with_initial(
    frame: pd.DataFrame, positions: np.ndarray, initials: pd.DataFrame
) -> pd.DataFrame:
    """Add the initials of another name; a record without that name gets the initial 0."""
    frame = frame.assign(entry=positions[frame["row"].to_numpy()])
    missing = frame[frame["entry"] < 0].assign(initial=0)
    found = frame[frame["entry"] >= 0].merge(initials, on="entry")
    return pd.concat([found, missing], ignore_index=True).drop(columns="entry")


def _family_rules(
    records: pd.DataFrame,
    p: Prepared,
    family: str,
    given: str,
) -> list[pd.DataFrame]:
    keys = _join(records, p.name_index[family], _exploded(p.names[family], "key"))
    out = []
    with_initial = _with_initial(keys, p.name_index[given], _exploded(p.names[given], "initial"))
    out.append(_keyed("F", with_initial, "key", "initial"))
    prefixes = keys.assign(entry=p.name_index["patronymic"][keys["row"].to_numpy()])
    prefixes = prefixes[prefixes["entry"] >= 0].merge(
        _exploded(p.names["patronymic"], "prefix"), on="entry"
    )
    out.append(_keyed("FP", prefixes, "key", "prefix"))
    out.append(_keyed("FD", keys[keys["born"] >= 0], "key", "born"))
    out.append(_keyed("FU", keys[keys["unit"] != 0], "key", "unit"))
    return out


def _keyed(rule: str, frame: pd.DataFrame, *columns: str) -> pd.DataFrame:
    if frame.empty:
        return pd.DataFrame({"key": np.empty(0, np.int64), "row": np.empty(0, np.int64)})
    hashed = _mix(rule, *(frame[c].to_numpy(np.int64) for c in columns))
    return pd.DataFrame({"key": hashed, "row": frame["row"].to_numpy(np.int64)})


def _key_frame(p: Prepared, registry: bool) -> pd.DataFrame:
    records = _records(p)
    frames = _family_rules(records, p, "family_name", "given_name")
    if registry:  # family and given name written in each other's column
        frames += _family_rules(records, p, "given_name", "family_name")
    given = _join(records, p.name_index["given_name"], _exploded(p.names["given_name"], "key"))
    given = given.rename(columns={"key": "given"})
    frames.append(_keyed("GD", given[given["born"] >= 0], "given", "born"))
    family_initials = _exploded(p.names["family_name"], "initial")
    with_unit = _with_initial(
        given[given["unit"] != 0], p.name_index["family_name"], family_initials
    )
    frames.append(_keyed("GU", with_unit, "given", "unit", "initial"))
    patronymics = _exploded(p.names["patronymic"], "key").rename(columns={"key": "patronymic"})
    both = given.assign(entry=p.name_index["patronymic"][given["row"].to_numpy()])
    both = both[both["entry"] >= 0].merge(patronymics, on="entry").drop(columns="entry")
    with_initial = _with_initial(both, p.name_index["family_name"], family_initials)
    frames.append(_keyed("GP", with_initial, "given", "patronymic", "initial"))
    alone = _join(records, p.name_index["patronymic"], patronymics)
    frames.append(_keyed("PD", alone[alone["born"] >= 0], "patronymic", "born"))
    return pd.concat(frames, ignore_index=True).drop_duplicates()


def candidate_pairs(requests: Prepared, registry: Prepared) -> tuple[np.ndarray, np.ndarray]:
    """Indices (request, registry) of every pair sharing at least one key, each pair once."""
    if len(requests) == 0 or len(registry) == 0:
        return np.empty(0, dtype=np.int64), np.empty(0, dtype=np.int64)
    a = _key_frame(requests, registry=False).rename(columns={"row": "a"})
    b = _key_frame(registry, registry=True).rename(columns={"row": "b"})
    pairs = a.merge(b, on="key")[["a", "b"]].drop_duplicates()
    return pairs["a"].to_numpy(np.int64), pairs["b"].to_numpy(np.int64)
