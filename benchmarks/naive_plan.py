"""The naive model the planning benchmark compares with: one binary variable per person,
clause and stage, solved by the same HiGHS, with the same two objectives (most priority
persons, then most persons). Only the objective values are compared: this model has no
fairness or stage-order pass.
"""

from __future__ import annotations

import time

import highspy
import numpy as np

from parley.planning.eligibility import eligibility
from parley.planning.held import CONSENTS, HeldTable
from parley.planning.solver import _highs
from parley.planning.terms import PlanTerms


def naive_plan(terms: PlanTerms, table: HeldTable, time_limit: float) -> dict[str, object]:
    start = time.perf_counter()
    meets = eligibility(table, terms) & (table.consent != CONSENTS.index("no"))[:, None]
    sender = np.array([terms.parties.index(h) for h in table.holder])
    people, clauses = np.nonzero(meets)
    stages = terms.stages
    # Variable k*stages + s: pair k (person, clause) in stage s.
    n = len(people) * stages
    h = _highs()
    h.setOptionValue("mip_rel_gap", 0.0)
    h.setOptionValue("time_limit", time_limit)
    h.addVars(n, np.zeros(n), np.ones(n))
    h.changeColsIntegrality(
        n, np.arange(n, dtype=np.int32), np.full(n, highspy.HighsVarType.kInteger)
    )
    lower: list[float] = []
    upper: list[float] = []
    starts: list[int] = []
    index: list[int] = []
    value: list[float] = []

    def row(columns: np.ndarray, coefficients: np.ndarray, low: float, high: float) -> None:
        starts.append(len(index))
        index.extend(columns.tolist())
        value.extend(coefficients.tolist())
        lower.append(low)
        upper.append(high)

    pair_columns = np.arange(len(people))[:, None] * stages + np.arange(stages)[None, :]
    for person in np.unique(people):  # once per person
        columns = pair_columns[people == person].ravel()
        row(columns, np.ones(len(columns)), 0, 1)
    for c, clause in enumerate(terms.clauses):
        for d, direction in enumerate(terms.directions):
            limit = clause.limit(direction)
            mine = (clauses == c) & (sender[people] == d)
            if limit is not None and mine.any():
                columns = pair_columns[mine].ravel()
                row(columns, np.ones(len(columns)), 0, limit)
        if clause.ratio == "1:1":
            for s in range(stages):
                here = pair_columns[(clauses == c), s]
                signs = np.where(sender[people[clauses == c]] == 0, 1.0, -1.0)
                if len(here):
                    row(here, signs, 0, 0)
    for d in range(2):
        for s in range(stages):
            columns = pair_columns[sender[people] == d, s]
            if len(columns):
                row(columns, np.ones(len(columns)), 0, terms.capacity)
    starts_array = np.array(starts, dtype=np.int32)
    index_array = np.array(index, dtype=np.int32)
    bounds = np.array(lower), np.array(upper)
    h.addRows(len(lower), *bounds, len(index), starts_array, index_array, np.array(value))
    priority = np.repeat(table.priority[people].astype(float), stages)
    h.changeColsCost(n, np.arange(n, dtype=np.int32), priority)
    h.changeObjectiveSense(highspy.ObjSense.kMaximize)
    h.run()
    status = h.getModelStatus()
    best_priority = h.getInfo().objective_function_value
    if status == highspy.HighsModelStatus.kOptimal:
        nonzero = np.nonzero(priority)[0].astype(np.int32)
        h.addRow(
            float(np.round(best_priority)),
            highspy.kHighsInf,
            len(nonzero),
            nonzero,
            priority[nonzero],
        )
        h.changeColsCost(n, np.arange(n, dtype=np.int32), np.ones(n))
        h.setOptionValue("time_limit", max(time_limit - (time.perf_counter() - start), 0.01))
        h.run()
        status = h.getModelStatus()
    total = h.getInfo().objective_function_value
    return {
        "status": "optimal" if status == highspy.HighsModelStatus.kOptimal else str(status),
        "priority_released": round(best_priority),
        "total_released": round(total),
        "variables": n,
        "seconds": time.perf_counter() - start,
    }
