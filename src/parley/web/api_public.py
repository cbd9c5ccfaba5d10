"""What anyone may read — aggregates only — and the token endpoint."""

from __future__ import annotations

from typing import Annotated, Any

from fastapi import APIRouter, Depends, Form
from fastapi.responses import PlainTextResponse, Response
from pydantic import BaseModel

from parley.ledger.custody import handovers
from parley.ledger.entries import write_line
from parley.service import records, users
from parley.service.access import require
from parley.service.access_log import record_read
from parley.service.verified import verified
from parley.web.auth import PrincipalDep, SettingsDep, StoreDep, needs
from parley.web.errors import responses

router = APIRouter()


class Token(BaseModel):
    access_token: str
    token_type: str
    expires_in: int


class Head(BaseModel):
    seq: int
    hash: str


@router.post("/api/token", response_model=Token, tags=["auth"], responses=responses(400, 401, 429))
def token(
    store: StoreDep,
    settings: SettingsDep,
    username: Annotated[str, Form()],
    password: Annotated[str, Form()],
) -> Token:
    """OAuth2 password flow: a bearer token for `username`."""
    session = users.sign_in(store, username, password, "bearer", settings.token_seconds)
    return Token(access_token=session.token, token_type="bearer", expires_in=session.expires_in)


def _report(store: StoreDep, settings: SettingsDep, who: PrincipalDep) -> dict[str, Any]:
    require(who, "public.read")
    return records.shared_report(store, settings)


# A made-up or stale token is refused (401) even where no token is needed.
PUBLIC = responses(401, 409)


@router.get(
    "/api/v1/report",
    tags=["public"],
    responses=PUBLIC,
    dependencies=[Depends(needs("public.read"))],
)
def report(store: StoreDep, settings: SettingsDep, who: PrincipalDep) -> dict[str, Any]:
    """The same JSON as `parley report --format json` (docs/report-format.md)."""
    return _report(store, settings, who)


def _section(name: str, summary: str) -> None:
    def read(store: StoreDep, settings: SettingsDep, who: PrincipalDep) -> Any:
        return {name: _report(store, settings, who)[name]}

    read.__doc__ = summary
    router.get(f"/api/v1/{name}", tags=["public"], name=name, responses=PUBLIC)(read)


_section("rounds", "Rounds of talks: date, venue, mediator, delegations, outcomes, stalled.")
_section("agreements", "Agreements and their clauses.")
_section("stages", "Reported stages: what crossed, when, as exact counts, ranges or unknown.")
_section("tallies", "Tallies per side, category, round, agreement and stage.")
_section("claims", "Officials' claims checked against the record.")
_section("fulfilment", "How far each agreement's clauses were carried out.")


@router.get(
    "/api/v1/handovers",
    tags=["public"],
    responses=PUBLIC,
    dependencies=[Depends(needs("public.read"))],
)
def handover_list(store: StoreDep, who: PrincipalDep) -> dict[str, Any]:
    """Handovers in the ledger with who confirmed them and who must still confirm."""
    require(who, "public.read")
    checked = verified(store)
    if not checked.ok:
        raise records.LedgerNotVerified(str(checked))
    return {
        "handovers": [
            {"seq": h.seq, "stage": h.stage, "from": h.sender, "to": h.receiver,
             "category": h.category, "count": h.count, "confirmed": h.confirmed,
             "confirmed_by": sorted(h.confirmed_by), "waiting_for": list(h.waiting_for)}
            for h in handovers(checked)
        ]
    }  # fmt: skip


@router.get(
    "/api/v1/ledger/head",
    response_model=Head,
    tags=["ledger"],
    responses=PUBLIC,
    dependencies=[Depends(needs("public.read"))],
)
def head(store: StoreDep, who: PrincipalDep) -> Head:
    """SEQ and HASH to publish; a later log must still extend them."""
    require(who, "public.read")
    checked = verified(store)
    if not checked.ok or checked.head is None:
        raise records.LedgerNotVerified(str(checked))
    return Head(seq=checked.head[0], hash=checked.head[1])


_JSONL: dict[int | str, dict[str, Any]] = {
    200: {"content": {"application/x-ndjson": {"schema": {"type": "string"}}}}
}


@router.get(
    "/api/v1/ledger/export",
    response_class=Response,  # errors stay JSON in the OpenAPI; the 200 is JSON lines
    tags=["ledger"],
    responses={**_JSONL, **responses(401)},
    dependencies=[Depends(needs("public.read"))],
)
def export_public(store: StoreDep, who: PrincipalDep) -> PlainTextResponse:
    """The public ledger, one entry a line: no private part, no name, no registry id."""
    require(who, "public.read")
    lines = [write_line(e, public=True) + "\n" for e in store.entries()]
    return PlainTextResponse("".join(lines), media_type="application/x-ndjson")


@router.get(
    "/api/v1/ledger/export/private",
    response_class=Response,  # errors stay JSON in the OpenAPI; the 200 is JSON lines
    tags=["ledger"],
    responses={**_JSONL, **responses(401, 403)},
    dependencies=[Depends(needs("ledger.private"))],
)
def export_private(store: StoreDep, who: PrincipalDep) -> PlainTextResponse:
    """The whole ledger with its private parts (the mediator only); the read is logged."""
    require(who, "ledger.private")
    entries = store.entries()
    lines = [write_line(e) + "\n" for e in entries]
    private = sum(1 for e in entries if e.private is not None)
    record_read(store, who, "GET", "/api/v1/ledger/export/private", private, None)
    return PlainTextResponse("".join(lines), media_type="application/x-ndjson")
