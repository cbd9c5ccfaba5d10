"""Every candidate pair of a linking run with what the linker saw of it, as a table.

`link` keeps its evidence to one line of reasons per pair it lists. Whoever studies the linker
(an auditor asking why a pair scored as it did, `benchmarks/linkage_ceiling.py` asking how
much a classifier taught by the truth gets out of these comparisons) needs the pairs it left
out too, with each field's level, the rules' verdicts, the weights and where each pair stands
among its request's and its record's other candidates.
"""

from __future__ import annotations

from collections.abc import Sequence
from typing import TYPE_CHECKING

import numpy as np
import pandas as pd

from parley.linkage.compare import FIELDS
from parley.linkage.frequency import TF_FIELDS
from parley.linkage.link import (
    DEFAULT_MATCH,
    DEFAULT_MAX_FALSE_SHARE,
    DEFAULT_REVIEW,
    Weighed,
    check_thresholds,
    linked,
    weigh,
)
from parley.linkage.names import forget_spellings
from parley.nogc import without_cycle_collection

if TYPE_CHECKING:
    from parley.domain.people import Person

# Below this probability on its own evidence a pair is a stranger's; leaving such pairs out
# keeps the table to a few per request (a list of 45,000 compares a million pairs).
MIN_PROBABILITY = 1e-4
# A pair's name frequencies are tiny shares: their log10, floored, reads better.
FREQUENCY_FLOOR = 1e-9
LEVEL_PREFIX, FREQUENCY_PREFIX = "level_", "frequency_"
# Flags of the comparison and the rules, each a boolean column.
FLAGS = ("swapped", "birth_far", "birth_doubtful", "patronymic_slips", "another", "capped")
# Where a pair stands among its request's ("request_") and its record's ("record_") other
# candidates: how many there are, its rank by weight (1 is the best), its weight above the
# best other one (negative: below the best; NaN when it has none), and how many are likelier
# than not.
STANDING = ("candidates", "rank", "margin", "likely")
COLUMNS = [
    "request_id",
    "registry_id",
    *(LEVEL_PREFIX + field for field in FIELDS),
    *FLAGS,
    "weight",
    "probability",
    *(FREQUENCY_PREFIX + field for field in TF_FIELDS),
    *(side + column for side in ("request_", "record_") for column in STANDING),
]


def pair_table(
    requests: pd.DataFrame | Sequence[Person],
    registry: pd.DataFrame | Sequence[Person],
    min_probability: float = MIN_PROBABILITY,
) -> pd.DataFrame:
    """One row per candidate pair whose probability on its own evidence is above
    `min_probability`, in COLUMNS: request_id, registry_id, a `level_<field>` column per
    compared field (`compare.FIELDS`; `compare.MISSING` where a side lacks it), the FLAGS,
    `weight` (log2 of m/u summed over the fields), `probability` (on the pair's own evidence,
    before its rivals are weighed), `frequency_<name field>` (log10 of the larger of the two
    names' shares of the lists, or of the family's bearers where that is larger and the
    family names agree: the chance that two strangers bear it, which the model weighs where
    the names are the same) and the STANDING columns for `request_` and `record_`.
    """
    try:
        with without_cycle_collection():
            return _table(weigh(requests, registry), min_probability)
    finally:
        forget_spellings()


def link_with_pairs(
    requests: pd.DataFrame | Sequence[Person],
    registry: pd.DataFrame | Sequence[Person],
    *,
    threshold_match: float = DEFAULT_MATCH,
    threshold_review: float = DEFAULT_REVIEW,
    max_false_share: float = DEFAULT_MAX_FALSE_SHARE,
    min_probability: float = MIN_PROBABILITY,
    guard_namesakes: bool = False,
) -> tuple[pd.DataFrame, pd.DataFrame]:
    """`link(...)` and `pair_table(...)` of the same lists, which are weighed once for both."""
    check_thresholds(threshold_match, threshold_review, max_false_share)
    try:
        with without_cycle_collection():
            weighed = weigh(requests, registry, guard_namesakes)
            table = _table(weighed, min_probability)
            return linked(weighed, threshold_match, threshold_review, max_false_share), table
    finally:
        forget_spellings()


def _table(weighed: Weighed | None, min_probability: float) -> pd.DataFrame:
    if weighed is None:
        return pd.DataFrame(columns=COLUMNS)
    kept = np.flatnonzero(weighed.probability > min_probability)
    ia, ib = weighed.ia[kept], weighed.ib[kept]
    comparison = weighed.comparison
    table = pd.DataFrame(
        {
            "request_id": np.asarray(weighed.a.ids, dtype=object)[ia],
            "registry_id": np.asarray(weighed.b.ids, dtype=object)[ib],
        }
    )
    for field in FIELDS:
        table[LEVEL_PREFIX + field] = comparison.levels[field][kept].astype(np.int8)
    flags = {
        "swapped": comparison.swapped,
        "birth_far": comparison.birth_far,
        "birth_doubtful": comparison.birth_doubtful,
        "patronymic_slips": comparison.patronymic_slips,
        "another": weighed.another,
        "capped": weighed.capped,
    }
    for flag in FLAGS:
        table[flag] = flags[flag][kept]
    table["weight"] = weighed.weights[kept]
    table["probability"] = weighed.probability[kept]
    shares = weighed.frequencies.exact_u(ia, ib)
    for field in TF_FIELDS:
        table[FREQUENCY_PREFIX + field] = np.log10(np.maximum(shares[field], FREQUENCY_FLOOR))
    for side, rows in (("request_", ia), ("record_", ib)):
        for column, values in _standing(rows, weighed.weights[kept], weighed.probability[kept]):
            table[side + column] = values
    return table


def _standing(
    rows: np.ndarray, weight: np.ndarray, probability: np.ndarray
) -> list[tuple[str, np.ndarray]]:
    """The STANDING columns of each pair among the pairs of the same row (`rows`)."""
    if not len(rows):
        return [(name, np.zeros(0)) for name in STANDING]
    order = np.lexsort((-weight, rows))
    ranked_rows, ranked = rows[order], weight[order]
    starts = np.flatnonzero(np.r_[True, ranked_rows[1:] != ranked_rows[:-1]])
    sizes = np.diff(np.r_[starts, len(order)])
    group = np.repeat(np.arange(len(starts)), sizes)
    best = ranked[starts]
    second = np.where(sizes > 1, ranked[np.minimum(starts + 1, len(order) - 1)], -np.inf)
    rank = np.arange(len(order)) - starts[group] + 1
    # The best other pair: the second best for the row's best pair, the best for the rest.
    other = np.where(rank == 1, second[group], best[group])
    margin = np.where(np.isfinite(other), ranked - other, np.nan)
    likely = np.add.reduceat((probability[order] > 0.5).astype(np.int64), starts)
    columns = {
        "candidates": sizes[group],
        "rank": rank,
        "margin": margin,
        "likely": likely[group],
    }
    back = np.empty_like(order)
    back[order] = np.arange(len(order))
    return [(name, columns[name][back]) for name in STANDING]
