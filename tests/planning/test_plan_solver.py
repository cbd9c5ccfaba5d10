"""The solver's phases, its progress reports and a time limit."""

import highspy
import pytest

from parley.planning import solver
from parley.planning.held import HeldTable
from parley.planning.plan import make_plan
from parley.planning.rules import check_plan
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


def test_a_solver_stopped_by_its_time_limit_gives_the_best_plan_found_and_says_so(
    monkeypatch: pytest.MonkeyPatch,
) -> None:
    # HiGHS finishes models this small before any limit: a solver that reports running out
    # of time after its first objective stands in for a long solve.
    real = solver._highs

    class Stopped:
        def __init__(self) -> None:
            self.highs = real()

        def __getattr__(self, name: str) -> object:
            return getattr(self.highs, name)

        def getModelStatus(self) -> object:
            return highspy.HighsModelStatus.kTimeLimit

    monkeypatch.setattr(solver, "_highs", Stopped)
    t = terms([clause("wounded", "unilateral", seriously_wounded=True), clause("general")])
    persons = [person("a", seriously_wounded=True), person("b"), person("c", holder="UA")]
    plan = make_plan(t, persons, time_limit=5.0)
    assert plan.status == "time_limit" and plan.to_json()["status"] == "time_limit"
    # The first objective's best point is kept: the wounded go, and no rule breaks.
    assert plan.priority_released == 1
    assert check_plan(t, HeldTable.of(persons), plan) == []
