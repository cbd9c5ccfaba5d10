import numpy as np
from hypothesis import given
from hypothesis import strategies as st

from parley.linkage.blocking import _Blocks

entries = st.lists(st.tuples(st.integers(-3, 3), st.integers(0, 20)), max_size=30)


def _sharing_a_key(
    a: tuple[np.ndarray, np.ndarray],
    b: tuple[np.ndarray, np.ndarray],
    largest: np.ndarray | None = None,
) -> tuple[np.ndarray, np.ndarray]:
    return _Blocks.of(a, b, largest).pairs()


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


def test_a_misspelt_family_name_beside_initials_is_still_compared() -> None:
    from datetime import date

    from test_link import P

    from parley.linkage.blocking import candidate_pairs
    from parley.linkage.prepare import frame_of, prepare

    born = date(1992, 1, 30)
    asked = prepare(frame_of([P("Q", "Михайлінчик", "Євген", "Віталійович", born)]))
    # The family name's first letter misspelt and the given name an initial: the first letters
    # and the date (IID) still meet.
    held = prepare(frame_of([P("R", "Михайлинчек", "Е.", "В.", born)]))
    assert len(candidate_pairs(asked, held)[0]) == 1
    # Both names misspelt, and no unit: nothing meets.
    held = prepare(frame_of([P("R", "Сихайлинчик", "Е.", "В.", born)]))
    assert len(candidate_pairs(asked, held)[0]) == 0


def test_both_names_misspelt_are_still_compared_by_unit_and_birth_date() -> None:
    from datetime import date

    from test_link import P

    from parley.linkage.blocking import candidate_pairs
    from parley.linkage.prepare import frame_of, prepare

    born = date(1990, 2, 27)
    asked = prepare(frame_of([P("Q", "Газин", "Василий", "Михайлович", born, unit="в/ч 47118")]))
    held = prepare(frame_of([P("R", "Назін", "В.", "М.", born, unit="в/ч 47118")]))
    assert len(candidate_pairs(asked, held)[0]) == 1


def test_a_block_of_more_pairs_than_the_cap_is_left_out(monkeypatch) -> None:  # type: ignore[no-untyped-def]
    import parley.linkage.blocking as blocking

    monkeypatch.setattr(blocking, "MAX_BLOCK_PAIRS", 6)
    a = _arrays([(1, 0), (1, 1), (2, 2)])
    b = _arrays([(1, 5), (1, 6), (1, 7), (2, 8), (2, 9)])
    ia, ib = _sharing_a_key(a, b)
    # Key 1 makes 2 x 3 = 6 pairs (kept), key 2 makes 1 x 2.
    assert len(ia) == 8
    monkeypatch.setattr(blocking, "MAX_BLOCK_PAIRS", 5)
    ia, ib = _sharing_a_key(a, b)
    assert sorted(zip(ia.tolist(), ib.tolist(), strict=True)) == [(2, 8), (2, 9)]


def test_each_rule_leaves_out_blocks_over_its_own_cap() -> None:
    a = _arrays([(1, 0), (1, 1), (2, 2)])
    b = _arrays([(1, 5), (1, 6), (1, 7), (2, 8), (2, 9)])
    # Key 1 (6 pairs) from a loose rule capped at 5, key 2 (2 pairs) from one capped at 2.
    ia, ib = _sharing_a_key(a, b, np.array([5, 5, 2]))
    assert sorted(zip(ia.tolist(), ib.tolist(), strict=True)) == [(2, 8), (2, 9)]
    ia, _ = _sharing_a_key(a, b, np.array([6, 6, 1]))
    assert sorted(ia.tolist()) == [0, 0, 0, 1, 1, 1]


def test_a_common_family_name_still_meets_its_own_given_name(monkeypatch) -> None:  # type: ignore[no-untyped-def]
    """Hundreds of Коваленко with given names of one initial make a block too large to keep;
    the record with the asked person's own given name is still compared."""
    from test_link import P

    import parley.linkage.blocking as blocking
    from parley.linkage.blocking import candidate_pairs
    from parley.linkage.prepare import frame_of, prepare

    monkeypatch.setattr(blocking, "MAX_BLOCK_PAIRS", 50)
    asked = [P(f"Q{k}", "Коваленко", name, "", None) for k, name in
             enumerate(["Олександр", "Олег", "Олексій", "Остап"] * 10)]  # fmt: skip
    held = [P(f"R{k}", "Коваленко", name, "", None) for k, name in
            enumerate(["Олег", "Олексій", "Остап", "Орест"] * 10)]  # fmt: skip
    held.append(P("R-own", "Kovalenko", "Oleksandr", "", None))
    ia, ib = candidate_pairs(prepare(frame_of(asked)), prepare(frame_of(held)))
    compared = set(zip(ia.tolist(), ib.tolist(), strict=True))
    assert (0, len(held) - 1) in compared
    assert len(compared) < 40 * 41


def test_a_registry_that_swapped_the_names_meets_the_given_name_rules() -> None:
    # A typo in the family name, no patronymic, and the registry's columns swapped: only the
    # given name (in the registry's family-name column) and the birth date meet.
    from datetime import date

    from parley.domain.people import Person
    from parley.linkage.blocking import candidate_pairs
    from parley.linkage.prepare import frame_of, prepare

    born = date(1983, 9, 15)
    asked = [Person(id="Q", family_name="Зыков", given_name="Сергей", birth_date=born)]
    held = [Person(id="H", family_name="Сергій", given_name="Зикав", birth_date=born)]
    ia, ib = candidate_pairs(prepare(frame_of(asked)), prepare(frame_of(held)))
    assert list(zip(ia.tolist(), ib.tolist(), strict=True)) == [(0, 0)]


def test_a_family_name_misspelt_in_its_first_letter_meets_by_the_rest() -> None:
    from parley.domain.people import Person
    from parley.linkage.blocking import candidate_pairs
    from parley.linkage.prepare import frame_of, prepare

    asked = [Person(id="Q", family_name="Никулочкин", given_name="Александр")]
    held = [Person(id="H", family_name="Еикулочкин", given_name="Александр")]
    ia, _ = candidate_pairs(prepare(frame_of(asked)), prepare(frame_of(held)))
    assert len(ia) == 1


def test_pairs_come_by_request_and_registry_row_whatever_the_hash_seed() -> None:
    from parley.linkage.blocking import candidate_pairs
    from parley.linkage.prepare import frame_of, prepare
    from parley.synth import synth_lists

    lists = synth_lists(5, 0.1).ua
    held = [record.person for record in lists.registry]
    ia, ib = candidate_pairs(prepare(frame_of(lists.requests)), prepare(frame_of(held)))
    codes = ia * (int(ib.max()) + 1) + ib
    assert len(codes) > 100 and (np.diff(codes) > 0).all()


def test_pairs_are_the_same_found_in_runs_of_requests(monkeypatch) -> None:  # type: ignore[no-untyped-def]
    import parley.linkage.blocking as blocking
    from parley.linkage.blocking import candidate_pairs
    from parley.linkage.prepare import frame_of, prepare
    from parley.synth import synth_lists

    lists = synth_lists(5, 0.1).ua
    asked = prepare(frame_of(lists.requests))
    held = prepare(frame_of([record.person for record in lists.registry]))
    whole = candidate_pairs(asked, held)
    monkeypatch.setattr(blocking, "PAIRS_AT_ONCE", 50)  # dozens of runs, in two threads
    in_runs = candidate_pairs(asked, held)
    assert len(whole[0]) > 100
    assert all(np.array_equal(x, y) for x, y in zip(whole, in_runs, strict=True))


def test_runs_of_requests_hold_about_so_many_pairs_each() -> None:
    from parley.linkage.blocking import _runs_of

    assert _runs_of(np.array([1, 1, 1, 1, 1]), 2) == [(0, 2), (2, 4), (4, 5)]
    assert _runs_of(np.array([5, 0, 0, 1]), 2) == [(0, 1), (1, 4)]  # a large one alone
    assert _runs_of(np.array([0, 0]), 2) == [(0, 2)]
