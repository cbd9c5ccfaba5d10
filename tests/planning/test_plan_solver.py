"""The solver's phases, its progress reports and a time limit."""

from parley.planning.plan import make_plan
from parley.planning.solver import PHASES

from planning_helpers import clause, person, terms


def test_progress_hears_every_phase() -> None:
    heard: list[tuple[str, float | None]] = []
    t = terms([clause("wounded", "unilateral", seriously_wounded=True), clause("general")])
    persons = [person("a", seriously_wounded=True), person("b"), person("c", holder="UA")]
    plan = make_plan(t, persons, progress=lambda phase, found, bound: heard.append((phase, found)))
    assert [p for p, _ in heard if _ is not None] == list(PHASES)
    assert heard[1] == ("priority released", 1.0) and heard[3] == ("total released", 3.0)
    assert plan.status == "optimal"


def test_a_time_limit_that_stops_the_solver_says_so() -> None:
    t = terms([clause("general")])
    plan = make_plan(t, [person("a"), person("b", holder="UA")], time_limit=0.0)
    assert plan.status in ("time_limit", "optimal")  # HiGHS may finish a tiny model at once
    if plan.status == "time_limit":
        assert plan.to_json()["status"] == "time_limit"
