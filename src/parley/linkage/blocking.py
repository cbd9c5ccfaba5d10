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
| GM   | given name + day and month + family initial | a misspelt family name, the year off  |
| GPU  | given name + patronymic + unit          | a misspelt first letter of the family    |
| FT   | family name but its first letter + given name | that first letter, nothing else known |
| IID  | initials of family and given names + date | a misspelt family name, И. as given name |
| UD   | unit + birth date                       | both names misspelt or initials          |

A key shared by more than MAX_BLOCK_PAIRS pairs says little: common names (Коваленко,
Олександр Олександрович) make blocks of hundreds on each side, whose pairs are nearly all
strangers and would be most of the work. Such a block is left out; the family-name rule F
therefore also keys on the whole given name (F2), so that a common family name with a rarer
given name still meets, and the date and unit rules keep the rest. (Whole-name variants of FP
and GP were measured too: they found no further true pair.) The two loosest rules, F and GP,
stop at smaller blocks (RULE_BLOCK_PAIRS): at scale 20 GP alone made 984,000 of 2.1 million
pairs, 911,000 of them its own, for 90 true pairs no other rule met; capped, the pairs fall by
a third and blocking keeps all but 14 of 80,322 true pairs (3 of 18,428 on the hard mix at
scale 10).

Names are every key a name may be known by (its skeletons and their translations); birth
dates are taken with day and month unordered, so a swap still meets. The registry also offers
its family and given names the other way round, to every rule that reads them (its given-name
column then keyed as a family name: Карпова and Карпов share a key). Keys are 64-bit hashes,
worked out per table column in numpy: a list of ninety thousand gives millions of keys.
"""

from __future__ import annotations

import itertools
from collections.abc import Callable
from dataclasses import dataclass

import numpy as np
import pandas as pd

from parley.linkage.names import masculine
from parley.linkage.prepare import NameTable, Prepared
from parley.parallel import each_in_two_threads, in_two_threads

_PRIME = np.uint64(0x100000001B3)
MAX_BLOCK_PAIRS = 5_000
RULE_BLOCK_PAIRS = {"F": 500, "GP": 250}
PAIRS_AT_ONCE = 2_000_000


def _mix(rule: str, *parts: np.ndarray) -> np.ndarray:
    """An FNV-style hash of the rule and the parts, row by row (wrapping on overflow)."""
    seed = np.uint64(abs(hash(rule)) % (1 << 63))
    value = np.full(len(parts[0]), seed, dtype=np.uint64)
    for part in parts:
        value = (value ^ part.astype(np.uint64)) * _PRIME
    return value.view(np.int64)


_PARTS: dict[str, Callable[[str], int]] = {
    "key": hash,
    "masculine": lambda key: hash(masculine(key)),
    "initial": lambda key: ord(key[0]),
    "prefix": lambda key: hash(key[:3]),
    "tail": lambda key: hash(key[1:]),
}


@dataclass(frozen=True)
class _Runs:
    """Values per table entry, laid end to end: entry e has values[start[e]:][: count[e]]."""

    start: np.ndarray
    count: np.ndarray
    values: np.ndarray


def _runs(table: NameTable, of: str) -> _Runs:
    """Every key, first letter or 3-letter prefix of every name in a table, once per name."""
    values = np.fromiter(map(_PARTS[of], table.flat_keys), np.int64, len(table.flat_keys))
    if of == "key":  # a name's keys are distinct already
        return _Runs(table.key_start, table.key_count, values)
    entries = np.repeat(np.arange(len(table.key_count), dtype=np.int64), table.key_count)
    order = np.lexsort((values, entries))
    entries, values = entries[order], values[order]
    first = np.ones(len(values), dtype=bool)
    first[1:] = (entries[1:] != entries[:-1]) | (values[1:] != values[:-1])
    entries, values = entries[first], values[first]
    count = np.bincount(entries, minlength=len(table.key_count)).astype(np.int64)
    return _Runs(np.cumsum(count) - count, count, values)


def _spread(counts: np.ndarray) -> tuple[np.ndarray, np.ndarray]:
    """For items with these counts: each item's index repeated count times, and 0..count-1."""
    items = np.repeat(np.arange(len(counts), dtype=np.int64), counts)
    offsets = np.arange(len(items), dtype=np.int64) - np.repeat(np.cumsum(counts) - counts, counts)
    return items, offsets


# Rows so far and their values per column: what a rule's key is made of.
Keyed = tuple[np.ndarray, list[np.ndarray]]


def _with(keyed: Keyed, runs: _Runs, positions: np.ndarray, missing: int | None) -> Keyed:
    """Each row's values times the values of another name of the row (its `positions` into a
    table): every combination. A row without that name keeps one value `missing`, or is
    dropped when `missing` is None.
    """
    rows, columns = keyed
    at = positions[rows]
    has = at >= 0
    named = runs.count[np.maximum(at, 0)] if len(runs.count) else np.zeros(len(at), np.int64)
    count = np.where(has, named, 0 if missing is None else 1)
    item, offset = _spread(count)
    entry = at[item]
    found = entry >= 0
    value = np.full(len(item), missing if missing is not None else 0, dtype=np.int64)
    value[found] = runs.values[runs.start[entry[found]] + offset[found]]
    return rows[item], [*(c[item] for c in columns), value]


def _where(keyed: Keyed, per_row: np.ndarray, keep: np.ndarray) -> Keyed:
    """Add a per-row value (birth date, unit) to each row, keeping the rows where `keep`."""
    rows, columns = keyed
    chosen = keep[rows]
    return rows[chosen], [*(c[chosen] for c in columns), per_row[rows[chosen]]]


# A rule's keys, their rows, and the largest block it keeps.
KeyFrame = tuple[np.ndarray, np.ndarray, int]


def _keyed(rule: str, keyed: Keyed) -> KeyFrame:
    rows, columns = keyed
    largest = RULE_BLOCK_PAIRS.get(rule, MAX_BLOCK_PAIRS)
    if len(rows) == 0:
        return np.empty(0, np.int64), rows, largest
    return _mix(rule, *columns), rows, largest


def _key_frame(p: Prepared, registry: bool) -> tuple[np.ndarray, np.ndarray, np.ndarray]:
    """(key, row, largest block) for every blocking key of every record of a list; a
    registry's largest blocks are the requests' to say (empty)."""
    low, high = np.minimum(p.month, p.day), np.maximum(p.month, p.day)
    # A date standing for its year alone (01.01) keys no rule: it would meet every namesake
    # whose clerk wrote the same stand-in, and no one's true birthday.
    whole = ~p.year_only
    born = np.where((p.year >= 0) & whole, p.year * 10_000 + low * 100 + high, -1)
    day_month = np.where((p.month >= 0) & whole, low * 100 + high, -1)
    dated, united = born >= 0, p.unit != 0
    everyone: Keyed = (np.arange(len(p), dtype=np.int64), [])
    runs = {
        (column, of): _runs(p.names[column], of)
        for column in ("family_name", "given_name", "patronymic")
        for of in ("key", "initial", "prefix")
    }
    runs[("given_name", "masculine")] = _runs(p.names["given_name"], "masculine")
    # The given-name column's tail only for a registry, which offers it as a family name.
    for column in ("family_name", "given_name") if registry else ("family_name",):
        runs[(column, "tail")] = _runs(p.names[column], "tail")
    index = p.name_index
    out = []
    # A registry also offers its names the other way round: its given-name column as the
    # family name, its family-name column as the given name.
    orders = [("family_name", "given_name")] + ([("given_name", "family_name")] if registry else [])
    for as_family, as_given in orders:
        # The given-name column offered as the family name is keyed as one (Карпова -> Карпов).
        family_keys = runs[(as_family, "key" if as_family == "family_name" else "masculine")]
        keys = _with(everyone, family_keys, index[as_family], None)
        out.append(_keyed("F", _with(keys, runs[(as_given, "initial")], index[as_given], 0)))
        given_keys = runs[(as_given, "key")]
        out.append(_keyed("F2", _with(keys, given_keys, index[as_given], None)))
        patronymic = runs[("patronymic", "prefix")]
        out.append(_keyed("FP", _with(keys, patronymic, index["patronymic"], None)))
        out.append(_keyed("FD", _where(keys, born, dated)))
        out.append(_keyed("FU", _where(keys, p.unit, united)))
        # A family name misspelt in its first letter, with little else to go on: all but that
        # letter, with the whole given name. (Its first three letters were measured too: a
        # quarter more pairs for few true ones.)
        tail = _with(everyone, runs[(as_family, "tail")], index[as_family], None)
        out.append(_keyed("FT", _with(tail, given_keys, index[as_given], None)))
        out.extend(_given_rules(p, runs, as_family, as_given, born, day_month))
        # A given name written as its initial meets no rule keyed on the whole given name, and
        # a misspelt family name none keyed on the family name: the two first letters and the
        # date (initials mix, scale 1: 60 more pairs of 9,000 for 19 of the 27 true pairs lost).
        initials = _with(everyone, runs[(as_family, "initial")], index[as_family], None)
        initials = _with(initials, runs[(as_given, "initial")], index[as_given], None)
        out.append(_keyed("IID", _where(initials, born, dated)))
    # Both names misspelt or written as initials (Газин for Назін В. М.): unit and date.
    out.append(_keyed("UD", _where(_where(everyone, p.unit, united), born, dated)))
    alone = _with(everyone, runs[("patronymic", "key")], index["patronymic"], None)
    out.append(_keyed("PD", _where(alone, born, dated)))
    keys, rows, largest = zip(*out, strict=True)
    caps = np.empty(0, np.int64) if registry else np.repeat(largest, [len(k) for k in keys])
    return np.concatenate(keys), np.concatenate(rows), caps


def _given_rules(
    p: Prepared,
    runs: dict[tuple[str, str], _Runs],
    as_family: str,
    as_given: str,
    born: np.ndarray,
    day_month: np.ndarray,
) -> list[KeyFrame]:
    """The rules led by the given name (for a misspelt family name), with the columns in the
    order given: a registry that swapped them offers its family-name column as the given name.
    """
    index = p.name_index
    everyone: Keyed = (np.arange(len(p), dtype=np.int64), [])
    given = _with(everyone, runs[(as_given, "key")], index[as_given], None)
    family_initials = runs[(as_family, "initial")]
    out = [_keyed("GD", _where(given, born, born >= 0))]
    with_unit = _where(given, p.unit, p.unit != 0)
    out.append(_keyed("GU", _with(with_unit, family_initials, index[as_family], 0)))
    both = _with(given, runs[("patronymic", "key")], index["patronymic"], None)
    out.append(_keyed("GP", _with(both, family_initials, index[as_family], 0)))
    by_day = _where(given, day_month, day_month >= 0)
    out.append(_keyed("GM", _with(by_day, family_initials, index[as_family], 0)))
    out.append(_keyed("GPU", _where(both, p.unit, p.unit != 0)))
    return out


def candidate_pairs(requests: Prepared, registry: Prepared) -> tuple[np.ndarray, np.ndarray]:
    """Indices (request, registry) of every pair sharing at least one key, each pair once."""
    if len(requests) == 0 or len(registry) == 0:
        return np.empty(0, dtype=np.int64), np.empty(0, dtype=np.int64)
    # The two lists' keys are built side by side: much of the work is numpy's.
    (keys, rows, largest), (registry_keys, registry_rows, _) = in_two_threads(
        lambda: _key_frame(requests, registry=False), lambda: _key_frame(registry, True)
    )
    blocks = _Blocks.of((keys, rows), (registry_keys, registry_rows), largest)
    width = len(registry)

    def pairs(requests_from_to: tuple[int, int]) -> np.ndarray:
        """The pairs of a run of requests, each once, by request and registry row: the keys
        are string hashes, seeded anew in every process, so the order they were met in would
        change the order of ties run to run."""
        ia, ib = blocks.pairs(*requests_from_to)
        return np.sort(pd.unique(ia * width + ib))

    # Runs of requests that meet a bounded number of records (a pair met by several rules
    # counts each time) are paired in two threads: the memory they take stays bounded.
    met = np.bincount(blocks.a_rows, weights=blocks.count, minlength=len(requests))
    codes = np.concatenate(each_in_two_threads(pairs, _runs_of(met, PAIRS_AT_ONCE)))
    return codes // width, codes % width


def _runs_of(sizes: np.ndarray, most: int) -> list[tuple[int, int]]:
    """Consecutive runs (from, to) of the items, each of sizes adding up to about `most` (an
    item larger by itself is a run alone)."""
    total = np.cumsum(sizes)
    ends = np.searchsorted(total, np.arange(most, total[-1] if len(total) else 0, most)) + 1
    bounds = np.unique(np.r_[0, ends, len(sizes)]).tolist()
    return list(itertools.pairwise(bounds))


@dataclass(frozen=True)
class _Blocks:
    """For each key entry of a (sorted by key): its row, and where its block's entries of b
    start among b's rows and how many there are (0 for a block left out). An inner join by
    sorting, cheaper than a general hash join for keys that are plain integers; a key shared by
    more pairs than `largest` (per entry of a; MAX_BLOCK_PAIRS if not given) is left out."""

    a_rows: np.ndarray
    first: np.ndarray
    count: np.ndarray
    b_rows: np.ndarray

    @classmethod
    def of(
        cls,
        a: tuple[np.ndarray, np.ndarray],
        b: tuple[np.ndarray, np.ndarray],
        largest: np.ndarray | None = None,
    ) -> _Blocks:
        (a_keys, a_rows), (b_keys, b_rows) = a, b
        # Most of a registry's keys meet no request: a hash lookup drops them for a quarter of
        # the cost of sorting them. Both sides sorted: the searches then walk memory in order
        # instead of jumping about. The stable sort: measured a third faster than quicksort on
        # these keys. The lookup and the first sort let go of the interpreter: side by side.
        met, order = in_two_threads(
            lambda: pd.Series(b_keys, copy=False).isin(a_keys).to_numpy(),
            lambda: np.argsort(a_keys, kind="stable"),
        )
        b_keys, b_rows = b_keys[met], b_rows[met]
        a_keys, a_rows = a_keys[order], a_rows[order]
        largest = np.full(len(a_keys), MAX_BLOCK_PAIRS) if largest is None else largest[order]
        order = np.argsort(b_keys, kind="stable")
        b_keys, b_rows = b_keys[order], b_rows[order]
        first = np.searchsorted(b_keys, a_keys, side="left")
        count = np.searchsorted(b_keys, a_keys, side="right") - first
        # Entries of a with the same key, for the size of each block; oversized ones left out.
        starts = np.flatnonzero(np.r_[True, a_keys[1:] != a_keys[:-1]])
        same_key = np.diff(np.r_[starts, len(a_keys)])
        count[np.repeat(same_key, same_key) * count > largest] = 0
        return cls(a_rows, first, count, b_rows)

    def pairs(self, low: int = 0, high: int | None = None) -> tuple[np.ndarray, np.ndarray]:
        """Rows (a, b) of every two entries with equal keys, for the rows of a in low..high-1."""
        mine = self.a_rows >= low
        if high is not None:
            mine &= self.a_rows < high
        a_rows, first, count = self.a_rows[mine], self.first[mine], self.count[mine]
        # For each a entry, the run b_rows[first : first + count], laid end to end.
        offsets = np.arange(int(count.sum()), dtype=np.int64)
        offsets -= np.repeat(np.cumsum(count) - count, count)
        return np.repeat(a_rows, count), self.b_rows[np.repeat(first, count) + offsets]
