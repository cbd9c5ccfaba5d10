"""Small builders for planning tests."""

from datetime import date
from typing import Any

from parley.planning.held import HeldPerson
from parley.planning.terms import PlanTerms

PLAN_DATE = date(2025, 6, 9)


def terms(clauses: list[dict[str, Any]], stages: int = 2, capacity: int = 10) -> PlanTerms:
    return PlanTerms.model_validate(
        {
            "id": "t",
            "parties": ["RU", "UA"],
            "plan_date": PLAN_DATE,
            "stages": stages,
            "capacity": capacity,
            "clauses": clauses,
        }
    )


def person(person_id: str, holder: str = "RU", **fields: Any) -> HeldPerson:
    fields.setdefault("category", "serviceman")
    fields.setdefault("consent", "yes")
    return HeldPerson(id=person_id, holder=holder, **fields)


def clause(
    clause_id: str, ratio: str = "1:1", quantity: Any = "all", **eligible: Any
) -> dict[str, Any]:
    return {
        "id": clause_id,
        "category": eligible.pop("category", "serviceman"),
        "eligible": eligible,
        "quantity": quantity,
        "ratio": ratio,
    }
