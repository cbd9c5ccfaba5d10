"""Plans made and kept by the service: the mediator plans an agreement's terms against the
stored registries and opens its stages; each party's office sees of a plan the persons it
hands over and the counts it receives, never the other party's ids.
"""

from __future__ import annotations

from collections import Counter
from datetime import UTC, datetime
from typing import Any

from parley.domain.events import Fact
from parley.ledger.entries import Entry
from parley.planning.files import require_sound
from parley.planning.plan import Plan, make_plan
from parley.planning.terms import PlanTerms
from parley.service.access import NotFound, Principal, require
from parley.service.access_log import record_read
from parley.service.custody import open_stages, recorded_agreement
from parley.service.plans import held_in_store
from parley.store import Store


def make_stored_plan(store: Store, principal: Principal, terms: PlanTerms) -> dict[str, Any]:
    """Plan `terms` against the stored registries, check every rule, keep the plan under the
    terms' id (a new plan of the same id corrects it, until its stages are opened).
    """
    require(principal, "plans.write")
    if _opened(store, terms.id):
        raise ValueError(f"the stages of plan {terms.id} are open: it can no longer change")
    table = held_in_store(store, terms.parties)
    plan = make_plan(terms, table)
    require_sound(terms, table, plan)  # PlanBroken before anything is kept
    data = {
        "id": terms.id,
        "terms": terms.model_dump(mode="json"),
        "plan": plan.to_json(),
        "made_by": principal.name,
        "at": datetime.now(UTC).isoformat(timespec="seconds"),
    }
    store.record_facts([Fact("plan", terms.id, data)])
    return summary(data)


def _stored(store: Store) -> dict[str, dict[str, Any]]:
    return {str(d["id"]): d for d in store.facts("plan")}


def _opened(store: Store, plan_id: str) -> bool:
    return any(e.payload.get("plan") == plan_id for e in store.entries(types=("stage.planned",)))


def summary(data: dict[str, Any]) -> dict[str, Any]:
    """What the mediator reads of a plan: totals, each stage's counts, each clause's outcome
    with its shortfall and reasons, how many were left out and why.
    """
    plan = data["plan"]
    stages = [
        {
            "number": s["number"],
            "counts": [
                {"from": a, "to": b, "clause": c, "count": n}
                for (a, b, c), n in sorted(
                    Counter((t["from"], t["to"], t["clause"]) for t in s["transfers"]).items()
                )
            ],
        }
        for s in plan["stages"]
    ]
    reasons = Counter(e["reason"] for e in plan["excluded"])
    return {
        "id": data["id"],
        "status": plan["status"],
        "problem": plan.get("problem"),
        "objective": plan["objective"],
        "stages": stages,
        "clauses": plan["clauses"],
        "excluded": {"total": len(plan["excluded"]), "reasons": dict(reasons.most_common())},
        "made_by": data["made_by"],
        "at": data["at"],
    }


def plans_list(store: Store, principal: Principal) -> list[dict[str, Any]]:
    require(principal, "plans.read", principal.party)
    return [
        {"id": d["id"], "status": d["plan"]["status"], "at": d["at"],
         "total_released": d["plan"]["objective"]["total_released"]}
        for d in _stored(store).values()
    ]  # fmt: skip


def plan_view(store: Store, principal: Principal, plan_id: str, path: str) -> dict[str, Any]:
    """The whole summary for the mediator; for a party, the persons it hands over and the
    counts it receives, stage by stage.
    """
    require(principal, "plans.read", principal.party)
    data = _stored(store).get(plan_id)
    if data is None:
        raise NotFound(f"no plan {plan_id!r}")
    if principal.role == "mediator":
        return summary(data)
    party = principal.party
    hands_over, receives = [], []
    for stage in data["plan"]["stages"]:
        mine = [t for t in stage["transfers"] if t["from"] == party]
        hands_over += [
            {"stage": stage["number"], "person_id": t["person_id"], "clause": t["clause"]}
            for t in mine
        ]
        incoming = Counter(t["clause"] for t in stage["transfers"] if t["to"] == party)
        receives += [
            {"stage": stage["number"], "clause": c, "count": n} for c, n in sorted(incoming.items())
        ]
    record_read(store, principal, "GET", path, len(hands_over), party)
    return {"id": plan_id, "party": party, "status": data["plan"]["status"],
            "hands_over": hands_over, "receives": receives}  # fmt: skip


def open_stored_plan(store: Store, principal: Principal, plan_id: str) -> list[Entry]:
    """Open the stages of a kept plan: each clause's category from its terms. Terms made from
    an agreement of the record carry its id: the stages then count towards it.
    """
    require(principal, "stages.open")
    data = _stored(store).get(plan_id)
    if data is None:
        raise NotFound(f"no plan {plan_id!r}")
    terms = PlanTerms.model_validate(data["terms"])
    plan = Plan.from_json(data["plan"])
    categories = {c.id: c.category for c in terms.clauses}
    agreement = terms.id if recorded_agreement(store, terms.id) else None
    return open_stages(store, plan, categories, plan_id, agreement)
