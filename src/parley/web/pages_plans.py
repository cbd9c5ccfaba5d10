"""Plans: the mediator uploads an agreement's terms and reads the plan (each clause's
shortfall with its reasons) and opens its stages; a party's office reads its part of a plan.
"""

from __future__ import annotations

from collections import defaultdict
from pathlib import PurePath
from typing import Any
from urllib.parse import quote

from fastapi import Depends, Request, UploadFile
from fastapi.responses import HTMLResponse, RedirectResponse, Response
from starlette.concurrency import run_in_threadpool

from parley.documents import DocumentError
from parley.planning.files import PlanBroken
from parley.planning.terms import parse_terms
from parley.service import plan_office
from parley.service.access import allowed
from parley.store import Store
from parley.web.auth import Caller, CallerDep, StoreDep, needs
from parley.web.pages_base import SECURITY_HEADERS, page_router, render

router = page_router()


def _list(request: Request, store: Store, who: Caller, status: int = 200, **extra: Any) -> Response:
    plans = plan_office.plans_list(store, who.principal)
    return render(
        request,
        who,
        "plans.html",
        status,
        title="Plans",
        plans=plans,
        may_plan=allowed(who.principal, "plans.write"),
        **extra,
    )


@router.get("/plans", response_class=HTMLResponse)
def plans(request: Request, store: StoreDep, who: CallerDep) -> Response:
    return _list(request, store, who)


@router.post("/plans", response_class=HTMLResponse, dependencies=[Depends(needs("plans.write"))])
async def make_plan(
    request: Request, store: StoreDep, who: CallerDep, file: UploadFile
) -> Response:
    """Plan the uploaded terms (YAML or JSON) against the stored registries; keep the plan."""
    name = PurePath(file.filename or "terms.yaml").name
    try:
        text = (await file.read()).decode("utf-8")
        terms = parse_terms(text, name)
        made = await run_in_threadpool(plan_office.make_stored_plan, store, who.principal, terms)
    except UnicodeDecodeError:
        return _list(request, store, who, 422, problems=[f"{name}: not UTF-8 text"])
    except DocumentError as error:
        return _list(request, store, who, 422, problems=[f"{name}: refused", *error.problems])
    except (PlanBroken, ValueError) as error:
        return _list(request, store, who, 422, problems=[str(error)])
    return RedirectResponse(
        f"/plans/{quote(made['id'], safe='')}?made=1", status_code=303, headers=SECURITY_HEADERS
    )


def _plan(
    request: Request, store: Store, who: Caller, plan_id: str, status: int = 200, **extra: Any
) -> Response:
    shown = plan_office.plan_view(store, who.principal, plan_id, request.url.path)
    hands_over: dict[int, list[dict[str, Any]]] = defaultdict(list)
    for item in shown.get("hands_over", []):
        hands_over[item["stage"]].append(item)
    return render(
        request,
        who,
        "plan.html",
        status,
        title=f"Plan {plan_id}",
        plan=shown,
        hands_over=dict(sorted(hands_over.items())),
        may_open=allowed(who.principal, "stages.open"),
        **extra,
    )


@router.get("/plans/{plan_id}", response_class=HTMLResponse)
def plan(
    plan_id: str, request: Request, store: StoreDep, who: CallerDep, made: int = 0
) -> Response:
    return _plan(request, store, who, plan_id, made=bool(made))


@router.post(
    "/plans/{plan_id}/open",
    response_class=HTMLResponse,
    dependencies=[Depends(needs("stages.open"))],
)
def open_plan(plan_id: str, request: Request, store: StoreDep, who: CallerDep) -> Response:
    try:
        opened = plan_office.open_stored_plan(store, who.principal, plan_id)
    except ValueError as error:
        return _plan(request, store, who, plan_id, 422, problem=str(error))
    stages = ", ".join(str(e.payload["stage"]) for e in opened)
    return _plan(request, store, who, plan_id, opened=stages)
