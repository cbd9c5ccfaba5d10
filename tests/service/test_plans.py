"""A recorded agreement as the planner's terms: what carries over and what is noted instead."""

from datetime import date

import pytest

from parley.domain.agreements import Agreement
from parley.service.plans import parties_of, terms_of


def agreement(*clauses: dict[str, object]) -> Agreement:
    return Agreement.model_validate({"id": "a", "round": "r", "title": "t", "clauses": clauses})


def clause(clause_id: str, **fields: object) -> dict[str, object]:
    every = {"RU->UA": "all", "UA->RU": "all"}
    base = {"id": clause_id, "title": clause_id, "categories": ["serviceman"]}
    return base | {"quantity": every, "ratio": "unilateral"} | fields


def test_plannable_clauses_carry_over() -> None:
    a = agreement(
        clause("wounded", eligibility={"seriously_wounded": True}),
        clause("general", quantity={"RU->UA": 10, "UA->RU": 10}, ratio="1:1"),
    )
    terms, notes = terms_of(a, parties_of(a), date(2025, 6, 9), 2, 50)
    assert notes == [] and [c.id for c in terms.clauses] == ["wounded", "general"]
    assert terms.clauses[0].eligible.seriously_wounded and terms.clauses[1].quantity == {
        "RU->UA": 10,
        "UA->RU": 10,
    }


def test_what_the_planner_cannot_plan_is_noted() -> None:
    a = agreement(
        clause("ok"),
        clause("both", categories=["serviceman", "civilian"]),
        clause("bodies", categories=["remains"]),
        clause("unknown", quantity={"RU->UA": None, "UA->RU": None}),
        clause("mixed", quantity={"RU->UA": "all", "UA->RU": 5}),
        clause("named", eligibility={"named_list": "list-7"}),
    )
    terms, notes = terms_of(a, ("RU", "UA"), date(2025, 6, 9), 1, 10)
    assert [c.id for c in terms.clauses] == ["ok"]
    assert [n.split(":")[0] for n in notes] == ["both", "bodies", "unknown", "mixed", "named"]


def test_an_agreement_with_nothing_to_plan_is_refused() -> None:
    with pytest.raises(ValueError, match="no clause the planner can plan"):
        terms_of(
            agreement(clause("bodies", categories=["remains"])),
            ("RU", "UA"),
            date(2025, 1, 1),
            1,
            1,
        )
