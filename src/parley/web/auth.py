"""Who is asking: a bearer token (API), a session cookie (pages), or nobody (the public).

A cookie-borne request that changes anything must also carry the session's CSRF token, as a
form field or an `X-CSRF-Token` header; a bearer token needs none (no browser sends it by
itself).
"""

from __future__ import annotations

import secrets
from collections.abc import Awaitable, Callable
from dataclasses import dataclass
from typing import Annotated

from fastapi import Depends, Request
from fastapi.security import OAuth2PasswordBearer
from starlette.concurrency import run_in_threadpool

from parley.service import users
from parley.service.access import GRANTS, PUBLIC, Forbidden, Principal, Scope, require
from parley.settings import Settings
from parley.store import Store
from parley.web.errors import Unauthorized

COOKIE = "parley_session"
SAFE_METHODS = frozenset({"GET", "HEAD", "OPTIONS"})
FORMS = ("application/x-www-form-urlencoded", "multipart/form-data")


def store_of(request: Request) -> Store:
    store: Store = request.app.state.store
    return store


def settings_of(request: Request) -> Settings:
    settings: Settings = request.app.state.settings
    return settings


StoreDep = Annotated[Store, Depends(store_of)]
SettingsDep = Annotated[Settings, Depends(settings_of)]


@dataclass(frozen=True)
class Caller:
    principal: Principal
    csrf: str | None = None  # the session's CSRF token, for pages
    by_cookie: bool = False


# Declares the bearer token in the OpenAPI (and Swagger UI's sign-in); the header itself is
# read below, where a missing one means the public and a bad one 401.
_bearer = OAuth2PasswordBearer(tokenUrl="/api/token", auto_error=False)


async def caller(
    request: Request, store: StoreDep, _token: Annotated[str | None, Depends(_bearer)] = None
) -> Caller:
    who = await _caller(request, store)
    request.state.principal = who.principal  # for the 401-or-403 decision on Forbidden
    return who


async def _caller(request: Request, store: Store) -> Caller:
    header = request.headers.get("authorization", "")
    if header:
        scheme, _, token = header.partition(" ")
        if scheme.lower() != "bearer" or not token.strip():
            raise Unauthorized("Authorization must be 'Bearer <token>'")
        found = await run_in_threadpool(users.session_of, store, token.strip(), "bearer")
        if found is None:
            raise Unauthorized("the token is not valid (expired, revoked, or its user disabled)")
        return Caller(found[0])
    cookie = request.cookies.get(COOKIE)
    if not cookie:
        return Caller(PUBLIC)
    session = await run_in_threadpool(users.session_of, store, cookie, "cookie")
    if session is None:
        return Caller(PUBLIC)
    principal, csrf = session
    if request.method not in SAFE_METHODS:
        sent = request.headers.get("x-csrf-token")
        if sent is None and request.headers.get("content-type", "").startswith(FORMS):
            sent = str((await request.form()).get("csrf_token") or "")  # parsed once, kept
        if not csrf or not sent or not secrets.compare_digest(sent, csrf):
            raise Forbidden("a valid CSRF token (reload the page and try again)")
    return Caller(principal, csrf, by_cookie=True)


CallerDep = Annotated[Caller, Depends(caller)]


def principal(who: CallerDep) -> Principal:
    return who.principal


PrincipalDep = Annotated[Principal, Depends(principal)]


def needs(permission: str, party_param: str | None = None) -> Callable[..., Awaitable[None]]:
    """A route's permission, checked before its body is read: the public gets 401 and a user
    whose role may not gets 403 (naming the permission), whatever the body holds.
    `party_param` names the path parameter that holds the party it is for.
    """

    async def check(request: Request, who: CallerDep) -> None:
        party = request.path_params.get(party_param) if party_param else None
        if party is None and GRANTS[who.principal.role].get(permission) is Scope.OWN:
            party = who.principal.party  # "own" with no party in the path: one's own
        require(who.principal, permission, party)

    return check
