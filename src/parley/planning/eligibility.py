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
    # Without a birth date nobody can say the person is under age.
    return condition.under_age is None or (
        person.birth_date is not None and age_on(person.birth_date, plan_date) < condition.under_age
    )


def _born_after(plan_date: date, years: int) -> int:
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
                table.birth > _born_after(terms.plan_date, condition.under_age)
            )
        matrix[:, c] = ok
    return matrix


def rank_levels(table: HeldTable) -> np.ndarray:
    """Dense rank of each person, 0 the highest: seriously wounded, then seriously ill, then the
    youngest, then the longest held; a missing date after every known one. Equal persons
    share a level (neither ranks below the other).
    """
    if len(table) == 0:
        return np.empty(0, dtype=np.int64)
    # Keys where smaller ranks higher, the least significant first (as lexsort takes them).
    columns = [
        np.where(table.captured == NO_DATE, np.iinfo(np.int64).max, table.captured),  # held longest
        (table.captured == NO_DATE).astype(np.int64),
        np.where(table.birth == NO_DATE, 0, -table.birth),  # youngest: latest birth first
        (table.birth == NO_DATE).astype(np.int64),
        (~table.ill).astype(np.int64),
        (~table.wounded).astype(np.int64),
    ]
    order = np.lexsort(columns)  # the last column is the primary key
    stacked = np.stack(columns, axis=1)[order]
    new_level = np.ones(len(order), dtype=bool)
    new_level[1:] = (stacked[1:] != stacked[:-1]).any(axis=1)
    levels = np.empty(len(order), dtype=np.int64)
    levels[order] = np.cumsum(new_level) - 1
    return levels


def describe_rank(person: HeldPerson, plan_date: date) -> str:
    parts = []
    if person.seriously_wounded:
        parts.append("seriously wounded")
    if person.seriously_ill:
        parts.append("seriously ill")
    age = age_on(person.birth_date, plan_date) if person.birth_date else None
    parts.append(f"aged {age}" if age is not None else "age unknown")
    parts.append(f"held since {person.captured_on}" if person.captured_on else "capture unknown")
    return ", ".join(parts)
