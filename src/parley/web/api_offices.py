"""What each party's office reads and sends: its registry, its request lists and their status,
what the mediator disclosed to it, its part of each plan, the access log of its data.
"""

from __future__ import annotations

from typing import Annotated, Any

from fastapi import APIRouter, Depends, Query, Request, UploadFile
from pydantic import BaseModel

from parley.domain.people import ListKind
from parley.service import offices, plan_office
from parley.service.access import GRANTS, Principal, require
from parley.service.access_log import read_log
from parley.web.auth import PrincipalDep, StoreDep, needs
from parley.web.errors import Unauthorized, responses
from parley.web.uploads import import_upload

router = APIRouter(tags=["offices"])

Limit = Annotated[int, Query(ge=1, le=offices.MAX_PAGE)]
# Bounded: a database integer holds no larger offset (and no list is that long).
Offset = Annotated[int, Query(ge=0, le=2**31 - 1)]
PERSONAL = responses(401, 403)
# Routes for a party in the path: an unknown party is 404 (once access is granted).
OF_PARTY = responses(401, 403, 404)


class RegistryPage(BaseModel):
    holder: str
    total: int
    persons: list[dict[str, Any]]


class RequestsPage(BaseModel):
    by: str
    total: int
    requests: list[dict[str, Any]]


class Imported(BaseModel):
    source: str
    new: int
    changed: int
    unchanged: int
    warnings: list[str]
    not_in_file: int


class AccessLog(BaseModel):
    total: int
    entries: list[dict[str, Any]]


class Me(BaseModel):
    name: str
    role: str
    party: str | None
    permissions: dict[str, str]


@router.get("/api/v1/me", response_model=Me, responses=responses(401))
def me(who: PrincipalDep) -> Me:
    """Who the token belongs to, and what that role may do (scope: any, own or all)."""
    if who.role == "anonymous":
        raise Unauthorized("sign in first")
    grants = {p: str(s) for p, s in GRANTS[who.role].items()}
    return Me(name=who.name, role=who.role, party=who.party, permissions=grants)


@router.get(
    "/api/v1/registry/{holder}",
    response_model=RegistryPage,
    responses=OF_PARTY,
    dependencies=[Depends(needs("registry.read", "holder"))],
)
def registry(
    holder: str, request: Request, store: StoreDep, who: PrincipalDep,
    limit: Limit = 100, offset: Offset = 0,
) -> dict[str, Any]:  # fmt: skip
    """The persons `holder` holds (its own office, or the mediator)."""
    return offices.registry_page(store, who, holder, limit, offset, request.url.path)


@router.get(
    "/api/v1/requests/{by}",
    response_model=RequestsPage,
    responses=OF_PARTY,
    dependencies=[Depends(needs("requests.read", "by"))],
)
def requests(
    by: str, request: Request, store: StoreDep, who: PrincipalDep,
    limit: Limit = 100, offset: Offset = 0,
) -> dict[str, Any]:  # fmt: skip
    """`by`'s requests, each with its status: matched, under review, not found, not yet
    verified; and the registry records the mediator disclosed for it.
    """
    return offices.requests_page(store, who, by, limit, offset, request.url.path)


@router.get(
    "/api/v1/requests/{by}/status",
    responses=OF_PARTY,
    dependencies=[Depends(needs("requests.read", "by"))],
)
def request_status(by: str, store: StoreDep, who: PrincipalDep) -> dict[str, Any]:
    """How many of `by`'s requests are matched, under review, not found, not yet verified."""
    return {"by": by, "counts": offices.status_counts(store, who, by)}


async def _upload(
    store: StoreDep, who: Principal, kind: ListKind, party: str, file: UploadFile
) -> Imported:
    permission = "registry.write" if kind == "registry" else "requests.write"
    require(who, permission, party)  # before reading a byte of the upload
    done = await import_upload(store, who, kind, party, file)
    return Imported(
        source=done.source, new=done.changes.new, changed=done.changes.changed,
        unchanged=done.changes.unchanged, warnings=done.warnings, not_in_file=done.not_in_file,
    )  # fmt: skip


_UPLOAD = responses(400, 401, 403)  # 400: a body that is no multipart


@router.post(
    "/api/v1/registry/{holder}",
    response_model=Imported,
    responses=_UPLOAD,
    dependencies=[Depends(needs("registry.write", "holder"))],
)
async def upload_registry(
    holder: str, file: UploadFile, store: StoreDep, who: PrincipalDep
) -> Imported:
    """Upload the list of persons `holder` holds (CSV or XLSX, multipart field `file`): taken
    whole, or refused whole (422) naming file, row and column.
    """
    return await _upload(store, who, "registry", holder, file)


@router.post(
    "/api/v1/requests/{by}",
    response_model=Imported,
    responses=_UPLOAD,
    dependencies=[Depends(needs("requests.write", "by"))],
)
async def upload_requests(
    by: str, file: UploadFile, store: StoreDep, who: PrincipalDep
) -> Imported:
    """Upload a request list of `by` (CSV or XLSX, multipart field `file`), whole or not at all."""
    return await _upload(store, who, "request", by, file)


@router.get(
    "/api/v1/disclosures/{party}",
    responses=OF_PARTY,
    dependencies=[Depends(needs("disclosures.read", "party"))],
)
def disclosures(party: str, request: Request, store: StoreDep, who: PrincipalDep) -> dict[str, Any]:
    """Registry records the mediator disclosed to `party`, matched to its requests."""
    return offices.disclosures(store, who, party, request.url.path)


@router.get("/api/v1/plans", responses=PERSONAL, dependencies=[Depends(needs("plans.read"))])
def plans(store: StoreDep, who: PrincipalDep) -> dict[str, Any]:
    """The plans the service keeps."""
    return {"plans": plan_office.plans_list(store, who)}


@router.get(
    "/api/v1/plans/{plan_id}",
    responses=responses(401, 403, 404),
    dependencies=[Depends(needs("plans.read"))],
)
def plan(plan_id: str, request: Request, store: StoreDep, who: PrincipalDep) -> dict[str, Any]:
    """A plan: its whole summary for the mediator; for a party, the persons it hands over and
    the counts it receives.
    """
    return plan_office.plan_view(store, who, plan_id, request.url.path)


@router.get(
    "/api/v1/access-log",
    response_model=AccessLog,
    responses=PERSONAL,
    dependencies=[Depends(needs("access_log.read"))],
)
def access_log(
    store: StoreDep, who: PrincipalDep, limit: Limit = 100, offset: Offset = 0
) -> dict[str, Any]:
    """Reads of personal data, newest first: all of them for the mediator, a party's own
    data's for its office.
    """
    return read_log(store, who, limit, offset)
