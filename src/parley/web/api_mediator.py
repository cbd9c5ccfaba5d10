"""What only the mediator does: verification, the review queue, plans, opening stages,
disclosure to a party, the users."""

from __future__ import annotations

from pathlib import PurePath
from typing import Annotated, Any, Literal

from fastapi import APIRouter, Depends, Query, Request, UploadFile
from pydantic import BaseModel, Field
from starlette.concurrency import run_in_threadpool

from parley.planning.terms import parse_terms
from parley.service import offices, plan_office, review_desk, users
from parley.service.access import require
from parley.service.verification import verify_requests
from parley.settings import LINK_THRESHOLD_MATCH, LINK_THRESHOLD_REVIEW
from parley.web.auth import PrincipalDep, StoreDep, needs
from parley.web.errors import responses

router = APIRouter(tags=["mediator"])
MEDIATOR = responses(401, 403)
WITH_BODY = responses(400, 401, 403)  # 400: a body that cannot be parsed


class VerifyAsk(BaseModel):
    by: str = Field(pattern=r"^[A-Z]{2,3}$", description="the requesting party")
    against: str = Field(pattern=r"^[A-Z]{2,3}$", description="the party holding its people")


class Decision(BaseModel):
    requester: str
    request_id: str
    registry_id: str
    verdict: Literal["accept", "reject", "skip"]
    note: str = ""


class DiscloseAsk(BaseModel):
    request_ids: list[str] | None = Field(
        default=None, description="only these requests; all matched ones when left out"
    )


@router.post(
    "/api/v1/verification", responses=WITH_BODY, dependencies=[Depends(needs("verification.run"))]
)
async def verification(ask: VerifyAsk, store: StoreDep, who: PrincipalDep) -> dict[str, Any]:
    """Verify `by`'s stored request list against `against`'s stored registry."""
    require(who, "verification.run")
    changes, counts = await run_in_threadpool(
        verify_requests, store, ask.by, ask.against, LINK_THRESHOLD_MATCH, LINK_THRESHOLD_REVIEW
    )
    return {"by": ask.by, "against": ask.against, "new": changes.new,
            "changed": changes.changed, "counts": counts}  # fmt: skip


@router.get("/api/v1/review", responses=MEDIATOR, dependencies=[Depends(needs("review.read"))])
def review_queue(
    request: Request, store: StoreDep, who: PrincipalDep,
    by: Annotated[str | None, Query(pattern=r"^[A-Z]{2,3}$")] = None,
    limit: Annotated[int, Query(ge=1, le=offices.MAX_PAGE)] = 50,
) -> dict[str, Any]:  # fmt: skip
    """Candidate pairs waiting for a person, best first: request and candidate side by side."""
    return review_desk.queue_page(store, who, by, limit, request.url.path)


@router.post(
    "/api/v1/review",
    responses=responses(400, 401, 403, 404),
    dependencies=[Depends(needs("review.decide"))],
)
def review_decide(decision: Decision, store: StoreDep, who: PrincipalDep) -> dict[str, Any]:
    """Accept, reject or skip one candidate, with a note; who and when are recorded."""
    return review_desk.decide(
        store, who, decision.requester, decision.request_id, decision.registry_id,
        decision.verdict, decision.note,
    )  # fmt: skip


@router.post(
    "/api/v1/disclosures/{party}",
    responses=responses(400, 401, 403, 404),
    dependencies=[Depends(needs("disclosures.write", "party"))],
)
def disclose(
    party: str, store: StoreDep, who: PrincipalDep, ask: DiscloseAsk | None = None
) -> dict[str, Any]:
    """Disclose to `party` the registry records matched to its requests (a ledger fact)."""
    count, _ = offices.disclose(store, who, party, ask.request_ids if ask else None)
    return {"party": party, "disclosed": count}


@router.post("/api/v1/plans", responses=WITH_BODY, dependencies=[Depends(needs("plans.write"))])
async def make_plan(file: UploadFile, store: StoreDep, who: PrincipalDep) -> dict[str, Any]:
    """Plan an agreement's terms (YAML or JSON, multipart field `file`) against the stored
    registries; the plan is kept under the terms' id.
    """
    require(who, "plans.write")
    name = PurePath(file.filename or "terms.yaml").name
    try:
        text = (await file.read()).decode("utf-8")
    except UnicodeDecodeError:
        raise ValueError(f"{name}: not UTF-8 text") from None
    terms = parse_terms(text, name)
    return await run_in_threadpool(plan_office.make_stored_plan, store, who, terms)


@router.post(
    "/api/v1/plans/{plan_id}/open",
    responses=responses(401, 403, 404),
    dependencies=[Depends(needs("stages.open"))],
)
def open_plan(plan_id: str, store: StoreDep, who: PrincipalDep) -> dict[str, Any]:
    """Open the stages of a kept plan: counts public, planned ids in the private part."""
    entries = plan_office.open_stored_plan(store, who, plan_id)
    return {
        "opened": [
            {"stage": e.payload["stage"], "seq": e.seq, "transfers": e.payload["transfers"]}
            for e in entries
        ]
    }


@router.get("/api/v1/users", responses=MEDIATOR, dependencies=[Depends(needs("users.read"))])
def user_list(store: StoreDep, who: PrincipalDep) -> dict[str, Any]:
    """The service's users: name, role, party, disabled."""
    require(who, "users.read")
    return {
        "users": [
            {"name": u.name, "role": u.role, "party": u.party, "disabled": u.disabled}
            for u in users.list_users(store)
        ]
    }
