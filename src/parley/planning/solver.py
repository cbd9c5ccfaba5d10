"""The aggregate model solved with HiGHS, objective by objective.

Variables: y[g, c] ≥ 0, integer — persons of group g released under clause c. Rows: a group
releases at most its size; a clause at most its quantity per direction; a 1:1 clause as many
each way; a direction at most stages × capacity. Objectives, each solved with the ones before
it held at their optimum: (1) most seriously wounded or ill released, (2) most released,
(3) each under the first clause they meet.

Stages are not variables: any such totals fit into the stages (see `stages.spread`), so the
solver need not choose among the many equivalent ways to spread them.
"""

from __future__ import annotations

import os
import sys
import time
from collections.abc import Callable
from dataclasses import dataclass, field
from typing import Any, Literal

import highspy
import numpy as np

from parley.planning.aggregate import Group
from parley.planning.terms import PlanTerms

Status = Literal["optimal", "infeasible", "time_limit"]
Variable = tuple[int, int]  # group, clause
# Told (phase, objective found so far, bound) while the solver works.
Progress = Callable[[str, float | None, float | None], None]
PHASES = ("priority released", "total released", "first clause")


@dataclass
class Solution:
    status: Status
    released: dict[Variable, int] = field(default_factory=dict)
    priority_released: int = 0
    total_released: int = 0
    seconds: float = 0.0
    failed_phase: str | None = None


@dataclass
class _Rows:
    lower: list[float] = field(default_factory=list)
    upper: list[float] = field(default_factory=list)
    starts: list[int] = field(default_factory=list)
    indices: list[int] = field(default_factory=list)
    values: list[float] = field(default_factory=list)

    def add(self, columns: list[int], coefficients: list[float], low: float, high: float) -> None:
        self.starts.append(len(self.indices))
        self.indices.extend(columns)
        self.values.extend(coefficients)
        self.lower.append(low)
        self.upper.append(high)


def _variables(terms: PlanTerms, groups: tuple[Group, ...]) -> list[Variable]:
    return [
        (g, c)
        for g, group in enumerate(groups)
        for c in group.clauses
        if terms.clauses[c].limit(terms.directions[group.direction]) != 0
    ]


def _rows(terms: PlanTerms, groups: tuple[Group, ...], variables: list[Variable]) -> _Rows:
    rows = _Rows()
    by_group: dict[int, list[int]] = {}
    by_clause_direction: dict[tuple[int, int], list[int]] = {}
    by_clause: dict[int, list[int]] = {}
    by_direction: dict[int, list[int]] = {}
    for column, (g, c) in enumerate(variables):
        d = groups[g].direction
        by_group.setdefault(g, []).append(column)
        by_clause_direction.setdefault((c, d), []).append(column)
        by_clause.setdefault(c, []).append(column)
        by_direction.setdefault(d, []).append(column)
    for g, columns in by_group.items():
        rows.add(columns, [1.0] * len(columns), 0, groups[g].size)
    for (c, d), columns in by_clause_direction.items():
        limit = terms.clauses[c].limit(terms.directions[d])
        if limit is not None:
            rows.add(columns, [1.0] * len(columns), 0, limit)
    for c, columns in by_clause.items():
        if terms.clauses[c].ratio == "1:1":
            signs = [1.0 if groups[variables[k][0]].direction == 0 else -1.0 for k in columns]
            rows.add(columns, signs, 0, 0)
    for columns in by_direction.values():
        rows.add(columns, [1.0] * len(columns), 0, terms.stages * terms.capacity)
    return rows


def _objectives(
    terms: PlanTerms, groups: tuple[Group, ...], variables: list[Variable]
) -> list[np.ndarray]:
    priority = np.array([float(groups[g].priority) for g, _ in variables])
    total = np.ones(len(variables))
    # Each person under the first clause they meet: the wounded under "wounded", not under a
    # general quota that others could use.
    first = np.array([float(c) for _, c in variables])
    return [priority, total, first]


def _highs() -> highspy.Highs:
    """A silent solver. HiGHS prints a banner on stdout when the first one is made, which
    would mix into the output of a command: it goes to /dev/null instead.
    """
    sys.stdout.flush()
    saved = os.dup(1)
    try:
        with open(os.devnull, "w") as sink:
            os.dup2(sink.fileno(), 1)
            h = highspy.Highs()  # type: ignore[no-untyped-call]
    finally:
        os.dup2(saved, 1)
        os.close(saved)
    h.setOptionValue("output_flag", False)
    return h


def _report_while_solving(h: highspy.Highs, phase: Callable[[], str], progress: Progress) -> None:
    """Tell `progress` the incumbent and the bound about twice a second during a long solve."""
    last = [0.0]

    def report(event: Any) -> None:
        out = event.data_out
        if out.running_time - last[0] >= 0.5:
            last[0] = out.running_time
            progress(phase(), out.mip_primal_bound, out.mip_dual_bound)

    h.cbMipInterrupt.subscribe(report)


def solve(
    terms: PlanTerms,
    groups: tuple[Group, ...],
    time_limit: float | None = None,
    progress: Progress | None = None,
) -> Solution:
    start = time.perf_counter()
    variables = _variables(terms, groups)
    if not variables:
        return Solution("optimal", seconds=time.perf_counter() - start)
    upper = [float(groups[g].size) for g, _ in variables]
    h = _highs()
    h.setOptionValue("mip_rel_gap", 0.0)
    h.setOptionValue("mip_abs_gap", 0.5)  # objectives 1 and 2 are integers: exact optimum
    h.setOptionValue("threads", 1)
    n = len(variables)
    h.addVars(n, np.zeros(n), np.array(upper))
    h.changeColsIntegrality(n, np.arange(n), np.full(n, highspy.HighsVarType.kInteger))
    rows = _rows(terms, groups, variables)
    h.addRows(
        len(rows.lower),
        np.array(rows.lower),
        np.array(rows.upper),
        len(rows.indices),
        np.array(rows.starts, dtype=np.int32),
        np.array(rows.indices, dtype=np.int32),
        np.array(rows.values),
    )
    maximize, minimize = highspy.ObjSense.kMaximize, highspy.ObjSense.kMinimize
    senses = (maximize, maximize, minimize)
    values = np.zeros(n)  # releasing nobody always keeps every rule
    status: Status = "optimal"
    columns = np.arange(n, dtype=np.int32)
    current = [0]
    if progress:
        _report_while_solving(h, lambda: PHASES[current[0]], progress)
    for phase, costs in enumerate(_objectives(terms, groups, variables)):
        current[0] = phase
        if time_limit is not None:
            h.setOptionValue("time_limit", max(time_limit - (time.perf_counter() - start), 0.01))
        h.changeColsCost(n, columns, costs)
        h.changeObjectiveSense(senses[phase])
        if progress:
            progress(PHASES[phase], None, None)
        h.run()
        model_status = h.getModelStatus()
        if model_status == highspy.HighsModelStatus.kInfeasible:
            return Solution(
                "infeasible", seconds=time.perf_counter() - start, failed_phase=PHASES[phase]
            )
        solved = model_status == highspy.HighsModelStatus.kOptimal
        if solved or h.getInfo().primal_solution_status == 2:  # 2: a feasible point was found
            values = np.array(h.getSolution().col_value)
        if progress:
            progress(PHASES[phase], float(costs @ values), None)
        if not solved:
            # The clause order only breaks ties: objectives 1 and 2 stay optimal.
            status = "optimal" if phase >= 2 else "time_limit"
            break
        if phase < len(PHASES) - 1:  # hold this objective at its optimum for the next ones
            nonzero = np.nonzero(costs)[0].astype(np.int32)
            best = float(np.round(costs @ values))
            low, high = (
                (best, highspy.kHighsInf)
                if senses[phase] == maximize
                else (-highspy.kHighsInf, best)
            )
            h.addRow(low, high, len(nonzero), nonzero, costs[nonzero])
    counts = np.rint(values).astype(int)
    released = {v: int(k) for v, k in zip(variables, counts, strict=True) if k > 0}
    return Solution(
        status,
        released,
        priority_released=sum(k for (g, _), k in released.items() if groups[g].priority),
        total_released=sum(released.values()),
        seconds=time.perf_counter() - start,
    )
