"""Birth dates read in Excel's other date system.

Excel counts days from 1900 or, in its other date system (Mac workbooks), from 1904: a date
written in one and read in the other is 1,462 days off, four years and a day. A list merged
from such workbooks holds whole runs of them. Two strangers' dates are that far apart as
often as they are any other number of days apart, so the lists tell which it is: pairs alike
in family and given name, far more of them exactly 1,462 days apart than a day or two either
side of it (six standard deviations beyond them), come from such a workbook, and their dates
are the same. Where the lists show no such excess, a date 1,462 days off is another date, as
before.
"""

from __future__ import annotations

from dataclasses import replace

import numpy as np

from parley.linkage.compare import DATE_SAME, EXACT, Comparison
from parley.linkage.prepare import Prepared

OTHER_DATE_SYSTEM_DAYS = 1462
# The days apart around it, whose pairs show how many strangers' dates a day's distance holds.
AROUND = (1460, 1461, 1463, 1464)
# At least this many pairs, and this many standard deviations beyond those a day's distance
# around it holds (as stand-in days are found: `prepare.STAND_IN_SIGMAS`).
FEWEST = 5
SIGMAS = 6.0


def days_apart(a: Prepared, ia: np.ndarray, b: Prepared, ib: np.ndarray) -> np.ndarray:
    """Days between the pairs' birth dates, -1 where either has none."""
    da, db = a.birth_day[ia], b.birth_day[ib]
    apart: np.ndarray = np.where((da >= 0) & (db >= 0), np.abs(da - db), -1)
    return apart


def read_across(
    comparison: Comparison, a: Prepared, ia: np.ndarray, b: Prepared, ib: np.ndarray
) -> tuple[Comparison, int]:
    """The comparison with the dates OTHER_DATE_SYSTEM_DAYS apart read as the same where the
    lists show such a workbook (see the module's text), and how many pairs were read so (0
    where they show none)."""
    levels = comparison.levels
    named = (levels["family"] == EXACT) & (levels["given"] == EXACT)
    apart = days_apart(a, ia, b, ib)
    shifted = apart == OTHER_DATE_SYSTEM_DAYS
    around = np.isin(apart[named], AROUND).sum() / len(AROUND)
    found = int((shifted & named).sum())
    if found < FEWEST or found <= around + SIGMAS * np.sqrt(around + 1):
        return comparison, 0
    # A day and month that stand for the year alone say nothing of the day, shifted or not.
    shifted &= ~(a.year_only[ia] | b.year_only[ib])
    birth = levels["birth"].copy()
    birth[shifted] = DATE_SAME
    return (
        replace(
            comparison,
            levels={**levels, "birth": birth},
            birth_far=comparison.birth_far & ~shifted,
            birth_doubtful=comparison.birth_doubtful & ~shifted,
        ),
        int(shifted.sum()),
    )
