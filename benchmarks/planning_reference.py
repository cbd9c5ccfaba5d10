"""The reference design the planning benchmark measures Parley against (issue 12).

    .venv/bin/python -m benchmarks.planning_reference AGREEMENT RU=ru_held.csv UA=ua_held.csv OUT

A plain implementation of the same planner, written as one would without tuning, and sharing
no code with `parley.planning` so that it stays a fixed yardstick:

- the agreement read with `yaml.safe_load`; both held files with `pandas.read_csv` (all cells
  as text, the way `parley synth held` writes them: ISO dates, true/false, yes/no/unknown);
- eligibility and rank with numpy; persons alike for the terms (direction, clauses met,
  priority) grouped with `DataFrame.groupby`;
- the same aggregate MILP on HiGHS (`highspy`): one integer per group and clause, the same
  rows in the same order, the same three objectives one after another;
- totals spread over the stages from the first; individuals taken by rank within their group,
  then swapped until nobody left out ranks above someone released under a clause they meet
  (rule 6), the best-ranked in the earliest stages (rule 7);
- outcomes and a reason for everyone left out, per person (reasons memoised on what they
  depend on), and plan.json written with `json.dumps`.

It checks no rule. Its plan.json has the content of Parley's (tests/planning/
test_plan_reference.py); it takes no time limit and assumes well-formed files.
"""

from __future__ import annotations

import heapq
import json
import sys
import time
from datetime import date
from pathlib import Path
from typing import Any

import highspy
import numpy as np
import pandas as pd
import yaml

NO_DATE = -1
UNIX_EPOCH_ORDINAL = date(1970, 1, 1).toordinal()


def read_held(path: Path, holder: str) -> pd.DataFrame:
    frame = pd.read_csv(path, dtype=str, keep_default_na=False)
    out = pd.DataFrame({"id": frame["id"], "holder": holder})
    out["civilian"] = frame["category"] == "civilian"
    for column in ("birth_date", "captured_on"):
        days = pd.to_datetime(frame[column], format="%Y-%m-%d", errors="coerce")
        ordinal = days.to_numpy().astype("datetime64[D]").astype(np.int64) + UNIX_EPOCH_ORDINAL
        out[column] = np.where(days.isna().to_numpy(), NO_DATE, ordinal)
    for column in ("seriously_wounded", "seriously_ill", "requested"):
        out[column] = frame[column] == "true"
    out["refused"] = frame["consent"] == "no"
    return out


def born_after(plan_date: date, years: int) -> int:
    """Under `years` on plan_date: born after this day (ordinal)."""
    try:
        return plan_date.replace(year=plan_date.year - years).toordinal()
    except ValueError:  # 29 February
        return date(plan_date.year - years, 2, 28).toordinal()


def limit(clause: dict[str, Any], sender: str, receiver: str) -> int | None:
    if clause["quantity"] == "all":
        return None
    return int(clause["quantity"].get(f"{sender}->{receiver}", 0))


def eligibility(people: pd.DataFrame, terms: dict[str, Any]) -> np.ndarray:
    birth = people["birth_date"].to_numpy()
    matrix = np.zeros((len(people), len(terms["clauses"])), dtype=bool)
    for c, clause in enumerate(terms["clauses"]):
        ok = people["civilian"].to_numpy() == (clause["category"] == "civilian")
        wants = clause.get("eligible") or {}
        for flag in ("seriously_wounded", "seriously_ill", "requested"):
            if wants.get(flag) is not None:
                ok &= people[flag].to_numpy() == wants[flag]
        if wants.get("under_age") is not None:
            ok &= (birth != NO_DATE) & (birth > born_after(terms["plan_date"], wants["under_age"]))
        if wants.get("min_age") is not None:
            ok &= (birth != NO_DATE) & (birth <= born_after(terms["plan_date"], wants["min_age"]))
        matrix[:, c] = ok
    return matrix


def ranks(people: pd.DataFrame) -> tuple[np.ndarray, np.ndarray]:
    """Everyone best first (stable: equal ranks in file order) and each one's dense level."""
    birth, held = people["birth_date"].to_numpy(), people["captured_on"].to_numpy()
    keys = (
        np.where(held == NO_DATE, np.iinfo(np.int64).max, held),  # longest held first
        np.where(birth == NO_DATE, np.iinfo(np.int64).max, -birth),  # youngest first
        ~people["seriously_ill"].to_numpy(),
        ~people["seriously_wounded"].to_numpy(),
    )
    order = np.lexsort(keys)
    stacked = np.stack([k[order].astype(np.int64) for k in keys])
    new = np.concatenate([[0], (np.diff(stacked, axis=1) != 0).any(axis=0).astype(np.int64)])
    level = np.empty(len(order), dtype=np.int64)
    level[order] = np.cumsum(new)
    return order, level


def solve(terms: dict[str, Any], groups: list[dict[str, Any]]) -> tuple[dict[Any, int], float]:
    start = time.perf_counter()
    parties, clauses = terms["parties"], terms["clauses"]
    variables = [
        (g, c)
        for g, group in enumerate(groups)
        for c in group["clauses"]
        if limit(clauses[c], parties[group["d"]], parties[1 - group["d"]]) != 0
    ]
    if not variables:
        return {}, time.perf_counter() - start
    h = highspy.Highs()  # type: ignore[no-untyped-call]
    h.setOptionValue("output_flag", False)
    h.setOptionValue("mip_rel_gap", 0.0)
    h.setOptionValue("mip_abs_gap", 0.5)
    h.setOptionValue("threads", 1)
    n = len(variables)
    h.addVars(n, np.zeros(n), np.array([float(groups[g]["size"]) for g, _ in variables]))
    h.changeColsIntegrality(n, np.arange(n), np.full(n, highspy.HighsVarType.kInteger))
    by: dict[str, dict[Any, list[int]]] = {"g": {}, "cd": {}, "c": {}, "d": {}}
    for k, (g, c) in enumerate(variables):
        d = groups[g]["d"]
        for name, key in (("g", g), ("cd", (c, d)), ("c", c), ("d", d)):
            by[name].setdefault(key, []).append(k)

    def row(columns: list[int], values: list[float], low: float, high: float) -> None:
        h.addRow(low, high, len(columns), np.array(columns, dtype=np.int32), np.array(values))

    for g, columns in by["g"].items():
        row(columns, [1.0] * len(columns), 0, groups[g]["size"])
    for (c, d), columns in by["cd"].items():
        most = limit(clauses[c], parties[d], parties[1 - d])
        if most is not None:
            row(columns, [1.0] * len(columns), 0, most)
    for c, columns in by["c"].items():
        if clauses[c]["ratio"] == "1:1":
            signs = [1.0 if groups[variables[k][0]]["d"] == 0 else -1.0 for k in columns]
            row(columns, signs, 0, 0)
    for columns in by["d"].values():
        row(columns, [1.0] * len(columns), 0, terms["stages"] * terms["capacity"])
    objectives = [
        (np.array([float(groups[g]["priority"]) for g, _ in variables]), True),
        (np.ones(n), True),
        (np.array([float(c) for _, c in variables]), False),  # the first clause they meet
    ]
    values = np.zeros(n)
    for phase, (costs, most) in enumerate(objectives):
        h.changeColsCost(n, np.arange(n, dtype=np.int32), costs)
        h.changeObjectiveSense(highspy.ObjSense.kMaximize if most else highspy.ObjSense.kMinimize)
        h.run()
        values = np.array(h.getSolution().col_value)
        if phase < 2:
            best = float(np.round(costs @ values))
            nonzero = np.nonzero(costs)[0].astype(np.int32)
            low, high = (best, highspy.kHighsInf) if most else (-highspy.kHighsInf, best)
            h.addRow(low, high, len(nonzero), nonzero, costs[nonzero])
    released = {
        v: int(k) for v, k in zip(variables, np.rint(values).astype(int), strict=True) if k > 0
    }
    return released, time.perf_counter() - start


def spread(terms: dict[str, Any], totals: dict[tuple[int, int], int]) -> dict[Any, int]:
    """(clause, direction, stage) -> persons: unilateral clauses first, then 1:1 ones in the
    room both sides share, each from the first stage.
    """
    room = [[terms["capacity"]] * terms["stages"] for _ in range(2)]
    counts: dict[tuple[int, int, int], int] = {}
    for c, clause in enumerate(terms["clauses"]):
        if clause["ratio"] == "unilateral":
            for d in (0, 1):
                left = totals.get((c, d), 0)
                for s in range(terms["stages"]):
                    take = min(left, room[d][s])
                    if take:
                        counts[(c, d, s)] = take
                        room[d][s] -= take
                        left -= take
    for c, clause in enumerate(terms["clauses"]):
        if clause["ratio"] == "1:1":
            left = totals.get((c, 0), 0)
            for s in range(terms["stages"]):
                take = min(left, room[0][s], room[1][s])
                if take:
                    counts[(c, 0, s)] = counts[(c, 1, s)] = take
                    room[0][s] -= take
                    room[1][s] -= take
                    left -= take
    return counts


def make_fair(
    eligible: np.ndarray, plannable: np.ndarray, direction: np.ndarray, level: np.ndarray,
    order: np.ndarray, clause: np.ndarray,
) -> None:  # fmt: skip
    """Swap a left-out person with someone ranked strictly below them released under a clause
    they meet, in their direction, until there is none.
    """
    lanes = {(d, c) for d in (0, 1) for c in range(eligible.shape[1])}
    # Waiting persons by rank; among equal ranks those left out from the start (in file order)
    # before those who lost their place later.
    waiting: dict[tuple[int, int], list[tuple[int, int, int]]] = {}
    worst: dict[tuple[int, int], list[tuple[int, int]]] = {}
    out = order[(clause[order] == -1) & plannable[order]]
    for d, c in lanes:
        mine = out[(direction[out] == d) & eligible[out, c]]
        # Already a heap: sorted by rank, ties in file order.
        waiting[(d, c)] = [
            (k, 0, i) for k, i in zip(level[mine].tolist(), mine.tolist(), strict=True)
        ]
        worst[(d, c)] = [
            (-int(level[i]), i) for i in np.nonzero((clause == c) & (direction == d))[0].tolist()
        ]
        heapq.heapify(worst[(d, c)])
    pending = {lane for lane in lanes if worst[lane]}
    while pending:
        d, c = lane = pending.pop()
        released, left = worst[lane], waiting[lane]
        while released:
            q = released[0][1]
            if clause[q] != c:
                heapq.heappop(released)
                continue
            while left and clause[left[0][2]] != -1:
                heapq.heappop(left)
            if not left or left[0][0] >= level[q]:
                break
            p = heapq.heappop(left)[2]
            heapq.heapreplace(released, (-int(level[p]), p))
            clause[p], clause[q] = c, -1
            for other in np.nonzero(eligible[q])[0].tolist():
                heapq.heappush(waiting[(d, other)], (int(level[q]), 1, q))
                if worst[(d, other)]:
                    pending.add((d, other))


def outcomes(
    terms: dict[str, Any], people: pd.DataFrame, eligible: np.ndarray, direction: np.ndarray,
    clause: np.ndarray, stage: np.ndarray,
) -> list[dict[str, Any]]:  # fmt: skip
    parties, stages, capacity = terms["parties"], terms["stages"], terms["capacity"]
    refused = people["refused"].to_numpy()
    placed = clause != -1
    full = [
        bool((np.bincount(stage[placed & (direction == d)], minlength=stages) >= capacity).all())
        for d in (0, 1)
    ]
    tally = {}
    for c in range(len(terms["clauses"])):
        for d in (0, 1):
            meets = eligible[:, c] & (direction == d)
            tally[(c, d)] = {
                "eligible": int(meets.sum()),
                "refused": int((meets & refused).sum()),
                "released": int((meets & (clause == c)).sum()),
                "elsewhere": int((meets & placed & (clause != c)).sum()),
                "waiting": int((meets & ~placed & ~refused).sum()),
            }
    result = []
    for c, terms_clause in enumerate(terms["clauses"]):
        for d in (0, 1):
            mine, other = tally[(c, d)], tally[(c, 1 - d)]
            sender, receiver = parties[d], parties[1 - d]
            most = limit(terms_clause, sender, receiver)
            target = most if most is not None else mine["eligible"] - mine["elsewhere"]
            shortfall = max(target - mine["released"], 0)
            reasons = []
            if shortfall:
                willing = mine["released"] + mine["waiting"]
                if mine["refused"] and (most is None or willing < most):
                    reasons.append(f"consent refused: {mine['refused']}")
                if most is not None and willing < most:
                    reasons.append(f"{sender} holds only {willing} eligible")
                if mine["waiting"]:
                    why = []
                    if full[d]:
                        why.append(f"capacity: {stages} stages × {capacity}")
                    if terms_clause["ratio"] == "1:1":
                        there = other["released"] + other["waiting"]
                        if there <= mine["released"]:
                            why.append(f"parity: {receiver} holds only {there} eligible")
                        elif full[1 - d]:
                            why.append(
                                f"parity: {receiver}'s side is at capacity "
                                f"({stages} stages × {capacity})"
                            )
                    reasons += why or [
                        "stage places went to other clauses: more persons home in all"
                    ]
            if mine["elsewhere"]:
                reasons.append(f"released under other clauses: {mine['elsewhere']}")
            result.append({
                "clause": terms_clause["id"], "from": sender, "to": receiver,
                "eligible": mine["eligible"], "released": mine["released"], "target": target,
                "shortfall": shortfall, "reasons": reasons,
            })  # fmt: skip
    return result


def meets_no_clause(terms: dict[str, Any], person: dict[str, Any]) -> str:
    category = "civilian" if person["civilian"] else "serviceman"
    same = [c for c in terms["clauses"] if c["category"] == category]
    if not same:
        return f"no clause covers {category}s"
    missing = []
    labels = {
        "seriously_wounded": "seriously wounded",
        "seriously_ill": "seriously ill",
        "requested": "requested",
    }
    for clause in same:
        wants = clause.get("eligible") or {}
        unmet = [f for f in labels if wants.get(f) is not None and person[f] != wants[f]]
        if unmet:
            flag = unmet[0]
            missing.append(f"{clause['id']}: {'not ' if wants[flag] else ''}{labels[flag]}")
            continue
        under, least = wants.get("under_age"), wants.get("min_age")
        if under is None and least is None:
            continue
        if person["birth_date"] == NO_DATE:
            missing.append(f"{clause['id']}: birth date unknown, so the age cannot be shown")
        elif under is not None and least is not None:
            missing.append(f"{clause['id']}: not aged {least} to {under - 1}")
        elif under is not None:
            missing.append(f"{clause['id']}: not under {under}")
        else:
            missing.append(f"{clause['id']}: under {least}")
    return "meets no clause — " + "; ".join(missing)


def left_out(
    terms: dict[str, Any], person: dict[str, Any], meets: list[int], lane: dict[Any, Any]
) -> str:
    why = []
    receiver = {terms["parties"][0]: terms["parties"][1], terms["parties"][1]: terms["parties"][0]}
    for c in meets:
        clause = terms["clauses"][c]
        outcome = lane[(clause["id"], person["holder"])]
        most = limit(clause, person["holder"], receiver[person["holder"]])
        if most is not None and outcome["released"] >= most:
            why.append(f"{clause['id']}: its {most:,} places are taken")
        else:
            found = [
                r for r in outcome["reasons"] if not r.startswith(("released under", "consent"))
            ]
            why.append(f"{clause['id']}: {found[0] if found else 'no place left'}")
    return "left out for higher-ranked persons — " + " | ".join(why)


def plan(terms: dict[str, Any], people: pd.DataFrame) -> dict[str, Any]:
    parties, clauses = terms["parties"], terms["clauses"]
    eligible = eligibility(people, terms)
    order, level = ranks(people)
    direction = (people["holder"] == parties[1]).to_numpy().astype(np.int64)
    priority = (people["seriously_wounded"] | people["seriously_ill"]).to_numpy()
    plannable = eligible.any(axis=1) & ~people["refused"].to_numpy()
    # Groups: persons alike for the terms, members best first.
    bits = (eligible.astype(np.int64) << np.arange(len(clauses))).sum(axis=1)
    ranked = order[plannable[order]]
    frame = pd.DataFrame(
        {"bits": bits[ranked], "priority": priority[ranked], "d": direction[ranked], "i": ranked}
    )
    groups, members = [], []
    for (mask, first, d), rows in frame.groupby(["bits", "priority", "d"], sort=True):
        cs = [c for c in range(len(clauses)) if int(mask) >> c & 1]
        groups.append({"clauses": cs, "priority": bool(first), "d": int(d), "size": len(rows)})
        members.append(rows["i"].to_numpy())
    released, seconds = solve(terms, groups)
    totals: dict[tuple[int, int], int] = {}
    for (g, c), k in released.items():
        totals[(c, groups[g]["d"])] = totals.get((c, groups[g]["d"]), 0) + k
    # Individuals by rank within their group, then made fair.
    clause = np.full(len(people), -1, dtype=np.int64)
    stage = np.full(len(people), -1, dtype=np.int64)
    taken = [0] * len(groups)
    for (g, c), k in sorted(released.items()):
        clause[members[g][taken[g] : taken[g] + k]] = c
        taken[g] += k
    make_fair(eligible, plannable, direction, level, order, clause)
    placed = order[clause[order] != -1]
    lanes: dict[tuple[int, int], list[int]] = {}
    for (c, d, s), k in sorted(spread(terms, totals).items()):
        lanes.setdefault((c, d), []).extend([s] * k)
    for (c, d), lane_stages in lanes.items():
        stage[placed[(direction[placed] == d) & (clause[placed] == c)]] = lane_stages
    ids, holders = people["id"].tolist(), people["holder"].tolist()
    stage_list: list[dict[str, Any]] = [
        {"number": n + 1, "transfers": []} for n in range(terms["stages"])
    ]
    for i in sorted(placed.tolist(), key=lambda i: (stage[i], clause[i])):
        stage_list[stage[i]]["transfers"].append({
            "person_id": ids[i], "from": holders[i], "to": parties[1 - direction[i]],
            "clause": clauses[clause[i]]["id"],
        })  # fmt: skip
    clause_list = outcomes(terms, people, eligible, direction, clause, stage)
    lane = {(o["clause"], o["from"]): o for o in clause_list}
    # A reason depends only on these facts: worked out once for each combination of them.
    facts = ["refused", "holder", "civilian", "seriously_wounded", "seriously_ill", "requested"]
    keys = zip(*(people[f].tolist() for f in facts), bits.tolist(),
               (people["birth_date"] == NO_DATE).tolist(), strict=True)  # fmt: skip
    excluded, known = [], {}
    for i, key in enumerate(keys):
        if clause[i] != -1:
            continue
        if key not in known:
            person = dict(zip(facts, key[: len(facts)], strict=True))
            person["birth_date"] = NO_DATE if key[-1] else 0
            meets = [c for c in range(len(clauses)) if key[-2] >> c & 1]
            if person["refused"]:
                known[key] = "consent refused: no repatriation against the person's will"
            elif not meets:
                known[key] = meets_no_clause(terms, person)
            else:
                known[key] = left_out(terms, person, meets, lane)
        excluded.append({"person_id": ids[i], "reason": known[key]})
    return {
        "status": "optimal",
        "objective": {
            "priority_released": int(priority[clause != -1].sum()),
            "total_released": len(placed),
        },
        "stages": stage_list,
        "clauses": clause_list,
        "excluded": excluded,
        "solve_seconds": round(seconds, 3),
    }


def main(argv: list[str]) -> int:
    agreement, *held, out = argv
    terms = yaml.safe_load(Path(agreement).read_text("utf-8"))
    # Persons in the order of the files given, as Parley lists them.
    files = [h.split("=", 1) for h in held]
    people = pd.concat([read_held(Path(path), party) for party, path in files], ignore_index=True)
    data = plan(terms, people)
    Path(out).write_text(
        json.dumps(data, ensure_ascii=False, separators=(",", ":")) + "\n", encoding="utf-8"
    )
    print(json.dumps({"solve_seconds": data["solve_seconds"], **data["objective"]}))
    return 0


if __name__ == "__main__":
    sys.exit(main(sys.argv[1:]))
