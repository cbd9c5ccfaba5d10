from hypothesis import given
from hypothesis import strategies as st

from parley.domain.intervals import Interval, parse_count, total

from strategies import intervals


def test_unknown_count_is_zero_to_unbounded() -> None:
    assert parse_count("unknown") == Interval(min=0, max=None)
    assert parse_count(None) == Interval.unknown()


def test_counts_parse_from_number_range_and_open_range() -> None:
    assert parse_count(390) == Interval.exact(390)
    assert parse_count({"min": 0, "max": 84}) == Interval(min=0, max=84)
    assert parse_count({"min": 100}) == Interval(min=100, max=None)


def test_bad_counts_are_refused() -> None:
    for bad in (True, "many", -1, {"min": 5, "max": 2}):
        try:
            parse_count(bad)
        except ValueError:
            continue
        raise AssertionError(f"{bad!r} was accepted")


def test_unbounded_absorbs_in_a_sum() -> None:
    assert Interval.exact(880) + Interval.unknown() == Interval(min=880, max=None)


def test_text_forms() -> None:
    assert str(Interval.exact(2300)) == "2,300"
    assert str(Interval(min=880, max=964)) == "880–964"
    assert str(Interval(min=1211, max=None)) == "≥ 1,211"


@given(st.lists(intervals(), max_size=12))
def test_total_is_the_sum_of_bounds(parts: list[Interval]) -> None:
    summed = total(parts)
    assert summed.min == sum(p.min for p in parts)
    if any(p.max is None for p in parts):
        assert summed.max is None
    else:
        assert summed.max == sum(p.max or 0 for p in parts)


@given(intervals(), intervals())
def test_within_implies_overlap(a: Interval, b: Interval) -> None:
    if a.within(b):
        assert a.overlaps(b)
    assert a.overlaps(b) == b.overlaps(a)
