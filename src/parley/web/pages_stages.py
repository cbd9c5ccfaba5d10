"""The stages: what each stage planned, the handovers recorded, who has confirmed them and who
must still; for a lead or the mediator, the signing panel.

Signing happens in the browser (static/sign.js): the key file the user picks is read there and
never sent; the page only calls the API's prepare and commit with the session's CSRF token.
"""

from __future__ import annotations

from typing import Any

from fastapi import Request
from fastapi.responses import HTMLResponse, Response

from parley.ledger.custody import Handover, handovers
from parley.ledger.verify import MEDIATOR
from parley.service.access import Principal, allowed, require
from parley.service.records import LedgerNotVerified
from parley.service.verified import verified
from parley.web.auth import CallerDep, StoreDep
from parley.web.pages_base import page_router, render

router = page_router()


def signer_of(who: Principal) -> str | None:
    """Whose signature this user gives here, if their role may sign at all."""
    return who.signer if allowed(who, "ledger.sign", who.party) else None


def _stage(
    name: str, planned: list[dict[str, Any]], found: list[Handover], signer: str | None
) -> dict[str, Any]:
    waiting = sorted({s for h in found for s in h.waiting_for})
    owes = signer is not None and any(
        signer in (h.sender, h.receiver, MEDIATOR) and signer not in h.confirmed_by for h in found
    )
    sends = any(t["from"] == signer for t in planned)
    handed = any(h.sender == signer for h in found)
    return {
        "name": name,
        "planned": planned,
        "handovers": [
            {
                "seq": h.seq,
                "from": h.sender,
                "to": h.receiver,
                "category": h.category,
                "count": h.count,
                "confirmed": h.confirmed,
                "confirmed_by": sorted(h.confirmed_by),
                "waiting_for": list(h.waiting_for),
            }
            for h in found
        ],
        "waiting_for": waiting,
        "done": bool(found) and not waiting,
        "may_confirm": owes,
        "may_hand_over": signer not in (None, MEDIATOR) and sends and not handed,
    }


@router.get("/stages", response_class=HTMLResponse)
def stages(request: Request, store: StoreDep, who: CallerDep) -> Response:
    require(who.principal, "stages.read")
    checked = verified(store)
    if not checked.ok:
        raise LedgerNotVerified(str(checked))
    by_stage: dict[str, list[Handover]] = {}
    for h in handovers(checked):
        by_stage.setdefault(h.stage, []).append(h)
    planned = {
        str(e.payload["stage"]): list(e.payload.get("transfers", []))
        for e in store.entries(types=("stage.planned",))
    }
    names = list(planned) + [s for s in by_stage if s not in planned]
    signer = signer_of(who.principal)
    shown = [_stage(n, planned.get(n, []), by_stage.get(n, []), signer) for n in names]
    return render(request, who, "stages.html", title="Stages", stages=shown, signer=signer)
