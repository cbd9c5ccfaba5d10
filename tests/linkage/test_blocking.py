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


def test_a_feminine_family_name_written_as_the_given_name_is_still_compared() -> None:
    from datetime import date

    from test_link import P

    from parley.linkage.blocking import candidate_pairs
    from parley.linkage.prepare import frame_of, prepare

    asked = prepare(frame_of([P("Q", "Карпова", "Татьяна", "Анатольевна", date(1978, 12, 1))]))
    held = prepare(frame_of([P("R", "Тетяна", "Карпова", "", date(1979, 1, 12))]))
    ia, ib = candidate_pairs(asked, held)
    assert list(zip(ia.tolist(), ib.tolist(), strict=True)) == [(0, 0)]


def test_a_misspelt_family_name_with_the_year_off_is_still_compared() -> None:
    from datetime import date

    from test_link import P

    from parley.linkage.blocking import candidate_pairs
    from parley.linkage.prepare import frame_of, prepare

    asked = prepare(frame_of([P("Q", "Зінченко", "Артем", "Павлович", date(1976, 10, 4))]))
    held = prepare(frame_of([P("R", "Зинчеко", "Артем", "", date(1977, 10, 4))]))
    assert len(candidate_pairs(asked, held)[0]) == 1
