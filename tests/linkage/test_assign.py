"""The cap on the share of matches expected to be wrong (assign.false_share_cutoff)."""

import numpy as np
from hypothesis import given
from hypothesis import strategies as st

from parley.linkage.assign import NEVER_CUT_FROM, false_share_cutoff

scores = st.lists(st.floats(min_value=0.9, max_value=1.0), min_size=1, max_size=300)
shares = st.sampled_from([0.0005, 0.001, 0.01])


@given(scores, shares)
def test_the_matches_kept_are_expected_to_hold_at_most_the_share_of_errors(
    found: list[float], share: float
) -> None:
    p = np.array(found)
    cutoff = false_share_cutoff(p, share)
    kept = p[p >= cutoff]
    # Within the share, or only where matches that likely are kept whatever the rest.
    assert cutoff == NEVER_CUT_FROM or (1 - kept).mean() <= share + 1e-12


@given(scores, shares)
def test_no_match_is_cut_that_the_share_could_have_kept(found: list[float], share: float) -> None:
    p = np.array(found)
    cutoff = false_share_cutoff(p, share)
    below = p[p < cutoff]
    if len(below):
        # The next score down, with every match of that score: equal scores go together.
        with_next = np.append(p[p >= cutoff], below[below == below.max()])
        assert (1 - with_next).mean() > share


def test_near_certain_matches_are_all_kept_and_a_weak_one_among_few_is_not() -> None:
    assert false_share_cutoff(np.array([1.0, 0.9999, 0.9995]), 0.001) == 0.0
    assert false_share_cutoff(np.array([1.0] * 20 + [0.93]), 0.001) == NEVER_CUT_FROM
    # Among thousands of certain matches, a few at 0.95 stay.
    many = np.array([1.0] * 5000 + [0.95] * 10 + [0.91] * 200)
    cutoff = false_share_cutoff(many, 0.001)
    assert 0.91 < cutoff <= 0.95
    assert false_share_cutoff(np.array([]), 0.001) == 0.0


def test_equal_scores_are_kept_or_cut_together() -> None:
    assert false_share_cutoff(np.array([1.0, 1.0, 0.999, 0.999]), 0.001) == 0.0
    cutoff = false_share_cutoff(np.array([1.0] * 3 + [0.96875] * 2), 0.01)
    assert cutoff == NEVER_CUT_FROM
