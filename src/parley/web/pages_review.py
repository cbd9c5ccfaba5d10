"""The review desk: each waiting pair with the request and the candidate side by side, in
their scripts and in Latin letters; accept, reject or skip with a note. The buttons post a
plain form (it works without JavaScript); with htmx, only the decided pair is replaced.
"""

from __future__ import annotations

from typing import Annotated, Literal
from urllib.parse import urlencode

from fastapi import Depends, Form, Query, Request
from fastapi.responses import HTMLResponse, RedirectResponse, Response

from parley.service import records, review_desk
from parley.service.access import NotFound
from parley.web.auth import CallerDep, StoreDep, needs
from parley.web.pages_base import SECURITY_HEADERS, is_htmx, page_router, render

router = page_router()
PAGE_SIZE = 20
Party = Annotated[str | None, Query(pattern=r"^[A-Z]{2,3}$")]


@router.get("/review", response_class=HTMLResponse)
def review(
    request: Request,
    store: StoreDep,
    who: CallerDep,
    by: Party = None,
    decided: Annotated[Literal["accept", "reject", "skip"] | None, Query()] = None,
    request_id: Annotated[str | None, Query(max_length=200)] = None,
) -> Response:
    queue = review_desk.queue_page(store, who.principal, by, PAGE_SIZE, request.url.path)
    done = {"verdict": decided, "request_id": request_id} if decided else None
    parties = sorted(records.known_parties(store))
    return render(
        request,
        who,
        "review.html",
        title="Review queue",
        queue=queue,
        by=by,
        done=done,
        parties=parties,
    )


@router.post("/review", response_class=HTMLResponse, dependencies=[Depends(needs("review.decide"))])
def decide(
    request: Request,
    store: StoreDep,
    who: CallerDep,
    requester: Annotated[str, Form()],
    request_id: Annotated[str, Form()],
    registry_id: Annotated[str, Form()],
    verdict: Annotated[Literal["accept", "reject", "skip"], Form()],
    note: Annotated[str, Form(max_length=2000)] = "",
    by: Annotated[str, Form()] = "",
) -> Response:
    item = {"requester": requester, "request_id": request_id, "registry_id": registry_id}
    try:
        review_desk.decide(
            store, who.principal, requester, request_id, registry_id, verdict, note.strip()
        )
    except NotFound as error:
        if not is_htmx(request):
            raise
        # htmx swaps only 2xx answers: the stale pair is replaced by the reason instead.
        return render(request, who, "review_done.html", item=item, verdict=None, error=str(error))
    if is_htmx(request):
        return render(request, who, "review_done.html", item=item, verdict=verdict, note=note)
    query = {"decided": verdict, "request_id": request_id, **({"by": by} if by else {})}
    return RedirectResponse(
        f"/review?{urlencode(query)}", status_code=303, headers=SECURITY_HEADERS
    )
