"""The lists page: upload a registry or a request list (whole or not at all, with the refused
rows shown), the status counts of a party's requests, and its lists a page at a time.
"""

from __future__ import annotations

from typing import Annotated, Any, Literal

from fastapi import Form, Query, Request, UploadFile
from fastapi.responses import HTMLResponse, Response

from parley.imports import ImportRefused
from parley.service import offices, records
from parley.service.access import Principal, allowed
from parley.store import Store
from parley.web.auth import Caller, CallerDep, StoreDep
from parley.web.pages_base import page_router, render
from parley.web.uploads import import_upload, upload_name

router = page_router()
PAGE_SIZE = 50
Show = Literal["requests", "registry"]


def _party(store: Store, who: Principal, asked: str | None) -> str | None:
    """The party shown: the one asked for, else one's own, else (the mediator) the first."""
    if asked:
        return asked
    if who.party:
        return who.party
    known = sorted(records.known_parties(store))
    return known[0] if known else None


def _page(
    request: Request,
    store: Store,
    who: Caller,
    party: str | None,
    show: Show,
    offset: int,
    status: int = 200,
    **extra: Any,
) -> Response:
    principal = who.principal
    # The library decides who may read what; the page only lays it out.
    party = party or ""  # no party to show: refused (the public) or unknown (no lists yet)
    counts = offices.status_counts(store, principal, party)
    if show == "registry":
        page = offices.registry_page(store, principal, party, PAGE_SIZE, offset, request.url.path)
        rows, total = page["persons"], page["total"]
    else:
        page = offices.requests_page(store, principal, party, PAGE_SIZE, offset, request.url.path)
        rows, total = page["requests"], page["total"]
    parties = [
        p for p in sorted(records.known_parties(store)) if allowed(principal, "requests.read", p)
    ]
    kinds = [
        k
        for k, permission in (("request", "requests.write"), ("registry", "registry.write"))
        if allowed(principal, permission, party)
    ]
    return render(
        request,
        who,
        "lists.html",
        status,
        title="Lists",
        party=party,
        parties=parties,
        show=show,
        rows=rows,
        total=total,
        offset=offset,
        size=PAGE_SIZE,
        counts=counts,
        kinds=kinds,
        **extra,
    )


@router.get("/lists", response_class=HTMLResponse)
def lists(
    request: Request,
    store: StoreDep,
    who: CallerDep,
    party: Annotated[str | None, Query(pattern=r"^[A-Z]{2,3}$")] = None,
    show: Show = "requests",
    offset: Annotated[int, Query(ge=0)] = 0,
) -> Response:
    return _page(request, store, who, _party(store, who.principal, party), show, offset)


@router.post("/lists", response_class=HTMLResponse)
async def upload(
    request: Request,
    store: StoreDep,
    who: CallerDep,
    file: UploadFile,
    kind: Annotated[Literal["registry", "request"], Form()],
    party: Annotated[str, Form(pattern=r"^[A-Z]{2,3}$")],
) -> Response:
    """One list, taken whole or refused whole; a refused file's rows are shown, nothing kept."""
    principal = who.principal
    show: Show = "registry" if kind == "registry" else "requests"
    name = upload_name(file)
    try:
        done = await import_upload(store, principal, kind, party, file)
    except ImportRefused as refused:
        return _page(
            request, store, who, party, show, 0, 422, kind=kind, name=name,
            refused=refused.errors, refused_total=refused.total,
        )  # fmt: skip
    except ValueError as error:
        return _page(request, store, who, party, show, 0, 422, kind=kind, problem=str(error))
    imported = {
        "source": done.source,
        "new": done.changes.new,
        "changed": done.changes.changed,
        "unchanged": done.changes.unchanged,
        "warnings": done.warnings,
        "not_in_file": done.not_in_file,
    }
    return _page(request, store, who, party, show, 0, kind=kind, imported=imported)
