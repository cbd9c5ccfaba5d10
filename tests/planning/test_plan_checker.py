"""The rule checker catches a plan that breaks any rule: each rule broken on purpose."""

from dataclasses import replace
from datetime import date

import pytest

from parley.planning import rules
from parley.planning.held import HeldTable
from parley.planning.plan import Plan, StagePlan, Transfer, make_plan
from parley.planning.rules import check_plan

from planning_helpers import clause, person, terms

T = terms(
    [
        clause("wounded", "unilateral", seriously_wounded=True),
        clause("general", quantity={"RU->UA": 2, "UA->RU": 2}),
    ],
    stages=2,
    capacity=2,
)
PERSONS = [
    person("w", seriously_wounded=True),
    person("old", birth_date=date(1960, 1, 1)),
    person("young", birth_date=date(2000, 1, 1)),
    person("no", consent="no"),
    person("u1", holder="UA"),
    person("u2", holder="UA"),
]
TABLE = HeldTable.of(PERSONS)


def good() -> Plan:
    plan = make_plan(T, PERSONS)
    assert check_plan(T, TABLE, plan) == []
    return plan


def with_stages(plan: Plan, *stages: list[Transfer]) -> Plan:
    placed = {t.person_id for s in stages for t in s}
    excluded = [e for e in plan.excluded if e.person_id not in placed]
    return replace(
        plan,
        stages=tuple(StagePlan(n + 1, tuple(s)) for n, s in enumerate(stages)),
        excluded=tuple(excluded),
    )


def broken(plan: Plan) -> list[str]:
    return [p.split(":")[0] for p in check_plan(T, TABLE, plan)]


def go(person_id: str, clause_id: str, sender: str = "RU") -> Transfer:
    return Transfer(person_id, sender, "UA" if sender == "RU" else "RU", clause_id)


def test_the_planner_keeps_every_rule_here() -> None:
    plan = good()
    assert plan.priority_released == 1 and plan.total_released == 5


def test_rule_1_a_person_twice_or_under_a_clause_they_do_not_meet() -> None:
    twice = with_stages(good(), [go("w", "wounded")], [go("w", "wounded")])
    assert "rule 1" in broken(twice)
    unmet = with_stages(good(), [go("old", "wounded")])
    assert "rule 1" in broken(unmet)


def test_rule_2_nobody_against_their_will() -> None:
    assert "rule 2" in broken(with_stages(good(), [go("no", "general"), go("u1", "general", "UA")]))


def test_rule_3_a_quantity_exceeded() -> None:
    plan = with_stages(
        good(),
        [
            go("old", "general"),
            go("young", "general"),
            go("u1", "general", "UA"),
            go("u2", "general", "UA"),
        ],
        [go("w", "general"), go("x", "general", "UA")],
    )
    assert "rule 3" in broken(plan)


def test_rule_4_parity_in_a_stage() -> None:
    plan = with_stages(good(), [go("old", "general")], [go("u1", "general", "UA")])
    assert "rule 4" in broken(plan)


def test_rule_5_capacity() -> None:
    plan = with_stages(
        good(),
        [go("w", "wounded"), go("old", "general"), go("young", "general"),
         go("u1", "general", "UA"), go("u2", "general", "UA")],
    )  # fmt: skip
    assert "rule 5" in broken(plan)


def test_rule_6_the_younger_left_out_for_the_older() -> None:
    plan = with_stages(
        good(), [go("w", "wounded"), go("old", "general"), go("u1", "general", "UA")]
    )
    assert "rule 6" in broken(plan)


def test_rule_7_a_lower_rank_in_an_earlier_stage() -> None:
    plan = with_stages(
        good(),
        [go("old", "general"), go("u1", "general", "UA")],
        [go("young", "general"), go("u2", "general", "UA"), go("w", "wounded")],
    )
    assert "rule 7" in broken(plan)


def test_everyone_must_be_planned_or_excluded() -> None:
    plan = replace(good(), excluded=())
    assert any("neither planned nor excluded" in p for p in check_plan(T, TABLE, plan))


def test_the_array_check_and_the_loop_find_the_same(monkeypatch: pytest.MonkeyPatch) -> None:
    plans = [
        good(),
        with_stages(good(), [go("old", "general")], [go("u1", "general", "UA")]),
        with_stages(good(), [go("w", "wounded"), go("old", "general"), go("young", "general"),
                             go("u1", "general", "UA"), go("u2", "general", "UA")]),
        with_stages(good(), [go("old", "general"), go("u1", "general", "UA")],
                    [go("young", "general"), go("u2", "general", "UA"), go("w", "wounded")]),
    ]  # fmt: skip
    found = [check_plan(T, TABLE, plan) for plan in plans]
    monkeypatch.setattr(rules, "_transfers_hold", lambda *_: None)  # the loop, always
    assert [check_plan(T, TABLE, plan) for plan in plans] == found
    assert [bool(f) for f in found] == [False, True, True, True]
