from datetime import date, timedelta

import numpy as np
import pandas as pd
import pytest

import parley.linkage.prepare as prepare_module
from parley.linkage import link
from parley.linkage.prepare import stand_in_days
from parley.synth import synth_lists


def _days(dates: list[date]) -> np.ndarray:
    month = np.array([d.month for d in dates], dtype=np.int64)
    day = np.array([d.day for d in dates], dtype=np.int64)
    return stand_in_days(month, day)


def _spread(n: int) -> list[date]:
    """Birthdays spread over the year, as real ones are."""
    return [date(1980, 1, 1) + timedelta(days=(k * 7919) % 3650) for k in range(n)]


def test_a_day_the_clerks_write_for_an_unknown_one_stands_in() -> None:
    dates = _spread(2_000) + [date(1970 + k % 30, 1, 1) for k in range(120)]
    found = _days(dates)
    assert found[2_000:].all()
    # Real birthdays on 1 January are read as the year alone too: the list cannot tell them.
    assert {(d.month, d.day) for d, f in zip(dates, found, strict=True) if f} == {(1, 1)}


def test_a_day_written_for_few_unknown_ones_stands_in_when_beyond_chance() -> None:
    """0.45 % of 9,000 dates written 01.01: 2.6 times one day's share, and far beyond chance."""
    dates = _spread(9_000) + [date(1970 + k % 30, 1, 1) for k in range(40)]
    assert _days(dates)[9_000:].all()


def test_a_day_a_little_commoner_by_chance_or_season_does_not_stand_in() -> None:
    """A day 1.7 times as common as the rest (a season's excess), or 2.4 times on few dates."""
    seasonal = _spread(9_000) + [date(1975 + k % 20, 11, 3) for k in range(16)]
    assert not _days(seasonal).any()
    few = _spread(1_000) + [date(1970 + k % 30, 1, 1) for k in range(4)]
    assert not _days(few).any()


def test_real_birthdays_have_no_stand_in() -> None:
    assert not _days(_spread(20_000)).any()
    assert not _days([date(1990, 1, 1)] * 9).any()  # too few to tell from chance


def test_undated_records_are_never_year_only() -> None:
    month, day = np.array([-1, -1, 1], dtype=np.int64), np.array([-1, -1, 1], dtype=np.int64)
    assert not stand_in_days(month, day).any()


def _matches(result: pd.DataFrame) -> set[tuple[str, str]]:
    rows = result[result["decision"] == "match"]
    return set(zip(rows["request_id"], rows["registry_id"], strict=True))


def test_a_registry_writing_01_01_for_the_year_alone_still_finds_its_people(
    monkeypatch: pytest.MonkeyPatch,
) -> None:
    lists = synth_lists(7, 0.2).ua
    # A fifth of the registry's clerks knew the year alone, and wrote 01.01 for the rest.
    held = [
        p.model_copy(update={"birth_date": p.birth_date.replace(month=1, day=1)})
        if k % 5 == 0 and p.birth_date is not None
        else p
        for k, p in enumerate(record.person for record in lists.registry)
    ]
    moved = {p.id for p in held[::5] if p.birth_date is not None}
    truth = {(t.request_id, t.registry_id) for t in lists.truth}
    asked = {t for t in truth if t[1] in moved}
    read = link(lists.requests, held)
    monkeypatch.setattr(prepare_module, "STAND_IN_EXCESS", float("inf"))
    taken_as_days = link(lists.requests, held)
    found, found_before = _matches(read), _matches(taken_as_days)
    # Read as days, 01.01 parts a man from his own record (dates years apart: review at most).
    assert len(asked & found_before) < 0.5 * len(asked)
    assert len(asked & found) > 0.8 * len(asked)
    assert len(found - truth) <= len(found_before - truth)
    # The model file tells which days the lists write for unknown ones, and how often.
    stand_ins = read.attrs["model"]["stand_in_dates"]
    assert stand_ins["requests"] == {}
    assert list(stand_ins["registry"]) == ["01.01"]
    assert stand_ins["registry"]["01.01"] >= len(moved)
    reasons = read.set_index(["request_id", "registry_id"])["reason"]
    assert any("one side knows the year alone" in reasons[pair] for pair in asked & found)
