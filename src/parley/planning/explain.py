"""A plan in words: the whole plan, or why one person is or is not in it."""

from __future__ import annotations

from collections import Counter

from parley.planning.plan import Plan


def headline(plan: Plan) -> list[str]:
    """The first lines of `explain_plan`: what `parley plan` prints once it has written a plan
    (the rest would count every transfer and exclusion again).
    """
    if plan.status == "infeasible":
        return [f"No plan: the terms cannot all hold — {plan.problem or 'infeasible'}."]
    return [
        f"Status: {plan.status}"
        + (
            " (the solver's time ran out: the best plan found so far)"
            if plan.status == "time_limit"
            else ""
        )
        + ".",
        f"{plan.total_released:,} persons go home, {plan.priority_released:,} of them seriously "
        f"wounded or seriously ill, in {len(plan.stages)} stages.",
    ]


def explain_plan(plan: Plan) -> list[str]:
    lines = headline(plan)
    if plan.status == "infeasible":
        return lines
    for stage in plan.stages:
        ways = Counter(f"{t.sender}→{t.receiver}" for t in stage.transfers)
        carried = ", ".join(f"{n:,} {way}" for way, n in sorted(ways.items())) or "nobody"
        lines.append(f"  stage {stage.number}: {carried}")
    lines.append("Clauses:")
    for o in plan.clauses:
        line = (
            f"  {o.clause} {o.sender}→{o.receiver}: {o.released:,} released of {o.eligible:,} "
            f"eligible (target {o.target:,}"
            + (f", short by {o.shortfall:,}" if o.shortfall else "")
            + ")"
        )
        if o.reasons:
            line += " — " + "; ".join(o.reasons)
        lines.append(line)
    if plan.excluded:
        lines.append(f"Not in the plan: {len(plan.excluded):,}")
        kinds = Counter(e.reason.split(" — ")[0] for e in plan.excluded)
        for kind, n in kinds.most_common():
            lines.append(f"  {n:,}: {kind}")
    return lines


def explain_person(plan: Plan, person_id: str) -> str:
    """Why one person is or is not in the plan; KeyError if the plan does not know them."""
    for stage in plan.stages:
        for t in stage.transfers:
            if t.person_id == person_id:
                outcome = next(
                    (o for o in plan.clauses if o.clause == t.clause and o.sender == t.sender),
                    None,
                )
                share = (
                    f", one of {outcome.released:,} released under it from {t.sender}"
                    if outcome
                    else ""
                )
                return (
                    f"{person_id} goes home from {t.sender} to {t.receiver} in stage "
                    f"{stage.number} of {len(plan.stages)}, under clause '{t.clause}'{share}."
                )
    for e in plan.excluded:
        if e.person_id == person_id:
            return f"{person_id} is not in the plan: {e.reason}."
    raise KeyError(person_id)
