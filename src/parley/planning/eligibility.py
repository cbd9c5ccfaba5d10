"""Who may go under which clause, and who comes first."""

from __future__ import annotations

from datetime import date

import numpy as np

from parley.planning.held import CATEGORIES, NO_DATE, HeldPerson, HeldTable
from parley.planning.terms import PlanClause, PlanTerms


def age_on(birth: date, day: date) -> int:
    """Completed years on `day`."""
    return day.year - birth.year - ((day.month, day.day) < (birth.month, birth.day))


def meets(person: HeldPerson, clause: PlanClause, plan_date: date) -> bool:
    """Whether a person meets a clause's category and every one of its conditions."""
    if person.category != clause.category:
        return False
    condition = clause.eligible
    for flag in ("seriously_wounded", "seriously_ill", "requested"):
        wanted = getattr(condition, flag)
        if wanted is not None and getattr(person, flag) != wanted:
            return False
    # Without a birth date nobody can say how old the person is.
    age = age_on(person.birth_date, plan_date) if person.birth_date else None
    if condition.under_age is not None and (age is None or age >= condition.under_age):
        return False
    return condition.min_age is None or (age is not None and age >= condition.min_age)


def born_after(plan_date: date, years: int) -> int:
    """A person is under `years` on `plan_date` exactly when born after this day (ordinal)."""
    try:
        anniversary = plan_date.replace(year=plan_date.year - years)
    except ValueError:  # plan on 29 February: whoever was born on 28 February is of age
        anniversary = date(plan_date.year - years, 2, 28)
    return anniversary.toordinal()


def eligibility(table: HeldTable, terms: PlanTerms) -> np.ndarray:
    """meets() for every person and clause at once: a (persons × clauses) boolean matrix."""
    matrix = np.zeros((len(table), len(terms.clauses)), dtype=bool)
    for c, clause in enumerate(terms.clauses):
        ok = table.category == CATEGORIES.index(clause.category)
        condition = clause.eligible
        for wanted, column in (
            (condition.seriously_wounded, table.wounded),
            (condition.seriously_ill, table.ill),
            (condition.requested, table.requested),
        ):
            if wanted is not None:
                ok &= column == wanted
        if condition.under_age is not None:
            ok &= (table.birth != NO_DATE) & (
                table.birth > born_after(terms.plan_date, condition.under_age)
            )
        if condition.min_age is not None:  # of age N: born on or before the N-th birthday
            ok &= (table.birth != NO_DATE) & (
                table.birth <= born_after(terms.plan_date, condition.min_age)
            )
        matrix[:, c] = ok
    return matrix


def rank_levels(table: HeldTable) -> np.ndarray:
    """Dense rank of each person, 0 the highest: seriously wounded, then seriously ill, then the
    youngest, then the longest held; a missing date after every known one. Equal persons
    share a level (neither ranks below the other).
    """
    return ranked(table)[1]


def ranked(table: HeldTable) -> tuple[np.ndarray, np.ndarray]:
    """All persons best first (equal ranks in the order the files list them), and each one's
    rank_levels: from one sort.
    """
    if len(table) == 0:
        return np.empty(0, dtype=np.int64), np.empty(0, dtype=np.int64)
    # One integer per person, smaller ranking higher: the criteria as bit fields, most
    # significant first (day ordinals fit in 22 bits until the year 11,000).
    days = 1 << 22
    birth = np.where(table.birth == NO_DATE, days - 1, days - 2 - table.birth)  # youngest first
    held = np.where(table.captured == NO_DATE, days - 1, table.captured)  # longest held first
    key = (~table.wounded).astype(np.int64)
    key = key * 2 + (~table.ill)
    key = (key * days + birth) * days + held
    order = np.argsort(key, kind="stable")
    sorted_key = key[order]
    levels = np.empty(len(key), dtype=np.int64)
    levels[order] = np.concatenate(([0], np.cumsum(sorted_key[1:] != sorted_key[:-1])))
    return order, levels
