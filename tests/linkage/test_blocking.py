import numpy as np
from hypothesis import given
from hypothesis import strategies as st

from parley.linkage.blocking import _sharing_a_key

entries = st.lists(st.tuples(st.integers(-3, 3), st.integers(0, 20)), max_size=30)


def _arrays(pairs: list[tuple[int, int]]) -> tuple[np.ndarray, np.ndarray]:
    keys = np.array([k for k, _ in pairs], dtype=np.int64)
    rows = np.array([r for _, r in pairs], dtype=np.int64)
    return keys, rows


@given(entries, entries)
def test_the_sorted_join_finds_every_pair_sharing_a_key(
    a: list[tuple[int, int]], b: list[tuple[int, int]]
) -> None:
    ia, ib = _sharing_a_key(_arrays(a), _arrays(b))
    expected = sorted((ra, rb) for ka, ra in a for kb, rb in b if ka == kb)
    assert sorted(zip(ia.tolist(), ib.tolist(), strict=True)) == expected
