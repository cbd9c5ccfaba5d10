"""Birth dates read in Excel's other date system (four years and a day off) are the same date
where the lists show a workbook written so, and another date where they do not."""

import random
from datetime import timedelta

import pandas as pd
from test_namesakes import _drawn, _person

from parley.domain.people import Person
from parley.linkage import link
from parley.linkage.datesystems import OTHER_DATE_SYSTEM_DAYS


def _lists(shifted: int) -> tuple[list[Person], list[Person]]:
    """Two hundred requests, all held; the registry wrote the first `shifted` birth dates in
    Excel's other date system."""
    rng = random.Random(11)
    requests, registry = [], []
    for k in range(200):
        names, born = _drawn(rng)
        requests.append(_person(f"Q-{k}", names, born))
        written = born - timedelta(days=OTHER_DATE_SYSTEM_DAYS) if k < shifted else born
        registry.append(_person(f"R-{k}", names, written))
    return requests, registry


def _decisions(result: pd.DataFrame, shifted: int) -> list[str]:
    rows = result[result["request_id"].isin([f"Q-{k}" for k in range(shifted)])]
    return rows["decision"].tolist()


def test_a_workbook_s_dates_four_years_and_a_day_off_are_the_same_dates() -> None:
    result = link(*_lists(shifted=20))
    assert result.attrs["model"]["other_date_system"] == 20
    assert _decisions(result, 20) == ["match"] * 20
    reason = result.loc[result["request_id"] == "Q-0", "reason"].item()
    assert "birth date: same in Excel's other date system" in reason


def test_one_date_four_years_and_a_day_off_is_another_date() -> None:
    result = link(*_lists(shifted=1))
    assert result.attrs["model"]["other_date_system"] == 0
    assert _decisions(result, 1) != ["match"]
