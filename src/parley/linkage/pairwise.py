"""rapidfuzz's scores of strings pair by pair, a slice of pairs at a time.

rapidfuzz copies every string of a call into its own buffers before scoring any: for the
million key pairs of one call on lists of ninety thousand, over a hundred megabytes at once, in
each of the two threads comparing. A slice at a time bounds that, and is no slower (at scale
20, a little faster).
"""

from __future__ import annotations

from typing import Any

import numpy as np
from rapidfuzz import process

SLICE = 200_000  # pairs a call; measured at scale 20: 100,000 to 400,000 are alike


def pairwise(left: np.ndarray, right: np.ndarray, scorer: Any, **options: Any) -> np.ndarray:
    """`scorer(left[n], right[n], **options)` for every n, as rapidfuzz's `cpdist` gives it,
    run on all CPUs."""
    if len(left) <= SLICE:
        return _scores(left, right, scorer, options)
    return np.concatenate(
        [
            _scores(left[low : low + SLICE], right[low : low + SLICE], scorer, options)
            for low in range(0, len(left), SLICE)
        ]
    )


def _scores(
    left: np.ndarray, right: np.ndarray, scorer: Any, options: dict[str, Any]
) -> np.ndarray:
    scores: np.ndarray = process.cpdist(
        left.tolist(), right.tolist(), scorer=scorer, workers=-1, **options
    )
    return scores
