"""The cap on the share of matches expected to be wrong (assign.false_share_cutoff)."""

import numpy as np
from hypothesis import given
from hypothesis import strategies as st

from parley.linkage.assign import CAP_DEVIATIONS, NEVER_CUT_FROM, false_share_cutoff

scores = st.lists(st.floats(min_value=0.7, max_value=1.0), min_size=1, max_size=300)
shares = st.sampled_from([0.0005, 0.001, 0.01])


def within(kept: np.ndarray, share: float) -> bool:
    """The expected false matches, CAP_DEVIATIONS standard deviations more, within the share."""
    expected = (1 - kept).sum()
    spread = np.sqrt((kept * (1 - kept)).sum())
    return bool(expected + CAP_DEVIATIONS * spread <= share * len(kept) * (1 + 1e-9))


@given(scores, shares)
def test_the_matches_kept_are_expected_to_hold_at_most_the_share_of_errors(
    found: list[float], share: float
) -> None:
    p = np.array(found)
    cutoff = false_share_cutoff(p, share)
    kept = p[p >= cutoff]
    # Within the share with its margin, or only where matches that likely are kept whatever.
    assert cutoff == NEVER_CUT_FROM or within(kept, share)
    assert cutoff == NEVER_CUT_FROM or (1 - kept).mean() <= share + 1e-12


@given(scores, shares)
def test_no_match_is_cut_that_the_share_could_have_kept(found: list[float], share: float) -> None:
    p = np.array(found)
    cutoff = false_share_cutoff(p, share)
    below = p[p < cutoff]
    if len(below):
        # The next score down, with every match of that score: equal scores go together.
        with_next = np.append(p[p >= cutoff], below[below == below.max()])
        assert not within(with_next, share)


def test_near_certain_matches_are_all_kept_and_a_weak_one_among_few_is_not() -> None:
    assert false_share_cutoff(np.array([1.0] * 100 + [0.9999, 0.9998]), 0.001) == 0.0
    few = np.array([1.0, 0.9999, 0.9995])
    assert (few >= false_share_cutoff(few, 0.001)).all()
    assert false_share_cutoff(np.array([1.0] * 20 + [0.93]), 0.001) == NEVER_CUT_FROM
    # Among thousands of certain matches, a few at 0.95 stay.
    many = np.array([1.0] * 5000 + [0.95] * 10 + [0.91] * 200)
    cutoff = false_share_cutoff(many, 0.001)
    assert 0.91 < cutoff <= 0.95
    assert false_share_cutoff(np.array([]), 0.001) == 0.0


def test_equal_scores_are_kept_or_cut_together() -> None:
    assert false_share_cutoff(np.array([1.0] * 1000 + [0.9999] * 2), 0.001) == 0.0
    cutoff = false_share_cutoff(np.array([1.0] * 3 + [0.96875] * 2), 0.01)
    assert cutoff == NEVER_CUT_FROM


def test_a_short_list_keeps_a_margin_that_a_long_one_barely_needs() -> None:
    # 1,800 matches allow 1.8 false ones: expected 1.5 is too near, one error more passes.
    short = np.array([1.0] * 1790 + [0.85] * 10)
    assert false_share_cutoff(short, 0.001) > 0.85
    # 180,000 allow 180: expected 150 with a spread of about 12 fits.
    long = np.array([1.0] * 179_000 + [0.85] * 1000)
    assert false_share_cutoff(long, 0.001) == 0.0


pairs = st.lists(
    st.tuples(st.integers(0, 8), st.integers(0, 8), st.floats(0, 1), st.booleans()),
    max_size=40,
    unique_by=lambda pair: (pair[0], pair[1]),
)


@given(pairs)
def test_decisions_are_one_to_one_and_every_plausible_request_has_one(
    found: list[tuple[int, int, float, bool]],
) -> None:
    from parley.linkage.assign import decide

    ia = np.array([a for a, _, _, _ in found], dtype=np.int64)
    ib = np.array([b for _, b, _, _ in found], dtype=np.int64)
    p = np.array([q for _, _, q, _ in found])
    capped = np.array([c for _, _, _, c in found], dtype=bool)
    decisions = decide(ia, ib, p, {}, 0.7, 0.4, capped)
    matches = [d for d in decisions if d.decision == "match"]
    assert len({d.request for d in matches}) == len(matches)
    assert len({d.registry for d in matches}) == len(matches)
    flags = {(a, b): (q, c) for a, b, q, c in found}
    for d in matches:
        q, c = flags[(d.request, d.registry)]
        assert q >= 0.7 and not c and not d.competing
    assert {d.request for d in decisions} == {a for a, _, q, _ in found if q >= 0.4}
    # A pair that competes with none is decided by its own score and flag alone.
    for a, b, q, c in found:
        alone = sum(x == a and r >= 0.4 for x, _, r, _ in found) == 1 and (
            sum(y == b and r >= 0.4 for _, y, r, _ in found) == 1
        )
        if alone and q >= 0.4:
            (mine,) = [d for d in decisions if (d.request, d.registry) == (a, b)]
            assert mine.decision == ("match" if q >= 0.7 and not c else "review")
