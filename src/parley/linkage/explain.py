"""The fitted model as data: written beside the matches (`MATCHES.model.json`) and printed by
`parley link --explain-model`, so that anyone can see what the lists taught the weights.
"""

from __future__ import annotations

from typing import Any

import numpy as np

from parley.linkage.compare import FIELDS
from parley.linkage.frequency import NameFrequencies
from parley.linkage.model import M_DIFFERS_CEILING, M_DIFFERS_FLOOR, M_PRIORS, Model, held_share

# What each level of a field means, lowest first (compare.py).
NAME_LEVELS = ["differs", "loose spelling", "close spelling", "near spelling", "same"]
LEVEL_NAMES: dict[str, list[str]] = {
    "family": NAME_LEVELS,
    "given": NAME_LEVELS,
    "patronymic": NAME_LEVELS,
    "birth": ["differs", "one part differs", "a year apart", "day and month swapped", "same"],
    "unit": ["differs", "same"],
    "sex": ["differs", "same"],
    "category": ["differs", "same"],
    "initials": ["none fits", "one fits", "two fit"],
    "slips": ["a year apart only", "day and month swapped too"],
}


def model_summary(
    model: Model,
    frequencies: NameFrequencies,
    thresholds: tuple[float, float],
    requests: int,
    registry: int,
    candidates: int,
) -> dict[str, Any]:
    """Everything the model weighs with, as plain JSON-ready data."""
    fields = {}
    for field in FIELDS:
        m, u = model.m[field], model.u[field]
        fields[field] = [
            {
                "level": name,
                "m": round(float(m[k]), 6),
                "u": round(float(u[k]), 6),
                "weight_bits": round(float(np.log2(m[k] / u[k])), 3),
                "m_prior": M_PRIORS[field][k],
            }
            for k, name in enumerate(LEVEL_NAMES[field])
        ]
    return {
        "lists": {"requests": requests, "registry": registry, "candidate_pairs": candidates},
        "prior": model.prior,
        "expected_matches": round(model.prior * requests * registry, 1),
        "held_share": round(held_share(model, registry), 4),
        "thresholds": {"match": thresholds[0], "review": thresholds[1]},
        "m_differs_ceiling": M_DIFFERS_CEILING,
        "m_differs_floor": M_DIFFERS_FLOOR,
        "fields": fields,
        "birth_one_part_apart": (
            "a slip: weighed as the lists show, not a doubt by itself"
            if model.slipping
            else "a doubt: the pair is at most review"
        ),
        "birth_day_month_swapped": (
            f"m raised from EM's {model.swaps_fitted:.4%} to the share one person's records show"
            if model.swaps_fitted is not None
            else "m as EM fitted it"
        ),
        "term_frequency": {
            field: [{"name": text, "share": round(share, 5)} for text, share in top]
            for field, top in frequencies.most_common().items()
        },
    }
