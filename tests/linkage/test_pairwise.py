"""Scores pair by pair, a slice at a time: the same as in one call."""

from __future__ import annotations

import numpy as np
import pytest
from rapidfuzz import process
from rapidfuzz.distance import OSA, JaroWinkler

from parley.linkage import pairwise as module
from parley.linkage.pairwise import pairwise

NAMES = np.array(["Олександр", "Oleksandr", "Александр", "Ivan", "Іван", "", "Коваленко"], object)


@pytest.mark.parametrize("scorer", [JaroWinkler.normalized_similarity, OSA.distance])
def test_slices_score_as_one_call(monkeypatch: pytest.MonkeyPatch, scorer: object) -> None:
    rng = np.random.default_rng(3)
    left, right = NAMES[rng.integers(0, len(NAMES), 50)], NAMES[rng.integers(0, len(NAMES), 50)]
    whole = process.cpdist(left.tolist(), right.tolist(), scorer=scorer)
    monkeypatch.setattr(module, "SLICE", 7)  # 50 pairs: seven slices and a short one
    sliced = pairwise(left, right, scorer)
    assert sliced.dtype == whole.dtype
    assert np.array_equal(sliced, whole)


def test_options_reach_the_scorer() -> None:
    left, right = np.array(["Коваленко"], object), np.array(["Кравченко"], object)
    assert pairwise(left, right, OSA.distance)[0] == 3
    assert pairwise(left, right, OSA.distance, score_cutoff=1)[0] == 2  # cut off: cutoff + 1


def test_no_pairs_no_scores() -> None:
    assert len(pairwise(np.array([], object), np.array([], object), OSA.distance)) == 0
