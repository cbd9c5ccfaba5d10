"""Signing in and out, and the pages of aggregates: the dashboard, the report, the claims; and
the access log.
"""

from __future__ import annotations

import secrets
from typing import Annotated, Any

from fastapi import Form, Query, Request
from fastapi.responses import HTMLResponse, RedirectResponse, Response
from starlette.concurrency import run_in_threadpool

from parley.reports.html import render_html, view
from parley.service import records, users
from parley.service.access import PUBLIC, require
from parley.service.access_log import read_log
from parley.web.auth import COOKIE, CallerDep, SettingsDep, StoreDep
from parley.web.pages_base import SECURITY_HEADERS, page_router, render, safe_next

router = page_router()

# Before there is a session the login form is guarded by a token in a cookie of its own
# (double submit), so no other site can sign a browser in as someone else.
LOGIN_COOKIE = "parley_login"
PAGE_SIZE = 50


def _cookie_args(request: Request) -> dict[str, Any]:
    return {
        "httponly": True,
        "samesite": "strict",
        "path": "/",
        "secure": request.url.scheme == "https",
    }


@router.get("/login", response_class=HTMLResponse)
def login_form(request: Request, who: CallerDep, next: str = "/") -> Response:
    token = request.cookies.get(LOGIN_COOKIE) or secrets.token_urlsafe(24)
    answer = render(
        request, who, "login.html", title="Sign in", login_token=token, next=safe_next(next)
    )
    answer.set_cookie(LOGIN_COOKIE, token, max_age=3600, **_cookie_args(request))
    return answer


@router.post("/login", response_class=HTMLResponse)
async def login(
    request: Request,
    store: StoreDep,
    settings: SettingsDep,
    username: Annotated[str, Form()],
    password: Annotated[str, Form()],
    csrf_token: Annotated[str, Form()] = "",
    next: Annotated[str, Form()] = "/",
) -> Response:
    expected = request.cookies.get(LOGIN_COOKIE) or ""
    token = expected or secrets.token_urlsafe(24)

    def again(status: int, error: str) -> Response:
        answer = render(
            request,
            PUBLIC,
            "login.html",
            status,
            title="Sign in",
            login_token=token,
            next=safe_next(next),
            error=error,
            username=username,
        )
        answer.set_cookie(LOGIN_COOKIE, token, max_age=3600, **_cookie_args(request))
        return answer

    if not expected or not secrets.compare_digest(csrf_token, expected):
        return again(403, "The form was stale. Please sign in again.")
    try:
        session = await run_in_threadpool(
            users.sign_in, store, username, password, "cookie", settings.session_seconds
        )
    except users.SignInRefused:
        return again(401, "Wrong user name or password, or the user is disabled.")
    except users.TooManyAttempts as error:
        answer = again(429, f"Too many attempts: try again in {error.retry_after // 60} minutes.")
        answer.headers["Retry-After"] = str(error.retry_after)
        return answer
    answer = RedirectResponse(safe_next(next), status_code=303, headers=SECURITY_HEADERS)
    answer.set_cookie(COOKIE, session.token, max_age=session.expires_in, **_cookie_args(request))
    answer.delete_cookie(LOGIN_COOKIE, path="/")
    return answer


@router.post("/logout")
def logout(request: Request, store: StoreDep, who: CallerDep) -> Response:
    """End the session (the CSRF token is checked first, so no other site can sign one out)."""
    token = request.cookies.get(COOKIE)
    if token and who.by_cookie:
        users.sign_out(store, token)
    answer = RedirectResponse("/", status_code=303, headers=SECURITY_HEADERS)
    answer.delete_cookie(COOKIE, path="/")
    return answer


def _report(store: StoreDep, settings: SettingsDep, who: CallerDep) -> dict[str, Any]:
    require(who.principal, "public.read")
    return records.shared_report(store, settings)


@router.get("/", response_class=HTMLResponse)
def dashboard(request: Request, store: StoreDep, settings: SettingsDep, who: CallerDep) -> Response:
    report = _report(store, settings, who)
    shown = view(report)
    ledger = report["ledger"]
    return render(
        request,
        who,
        "dashboard.html",
        title="Dashboard",
        v=shown,
        ledger=ledger,
        by_stage=_by_stage(ledger),
    )


def _by_stage(ledger: dict[str, Any]) -> list[dict[str, Any]]:
    """Confirmed and pending counts per stage and direction, for one small table."""
    rows: dict[tuple[str, str, str], dict[str, Any]] = {}
    for item in ledger.get("by_stage", []):
        key = (item["stage"], item["from"], item["to"])
        rows.setdefault(key, {"confirmed": 0, "pending": 0, "waiting_for": set()})
        rows[key]["confirmed"] += item["count"]
    for item in ledger.get("pending", []):
        key = (item["stage"], item["from"], item["to"])
        rows.setdefault(key, {"confirmed": 0, "pending": 0, "waiting_for": set()})
        rows[key]["pending"] += item["count"]
        rows[key]["waiting_for"] |= set(item["waiting_for"])
    return [
        {"stage": s, "from": a, "to": b, **row, "waiting_for": sorted(row["waiting_for"])}
        for (s, a, b), row in sorted(rows.items(), key=lambda kv: (_stage_key(kv[0][0]), kv[0]))
    ]


def _stage_key(stage: str) -> tuple[int, str]:
    return (int(stage), "") if stage.isdigit() else (1 << 30, stage)


@router.get("/report", response_class=HTMLResponse)
def report_page(store: StoreDep, settings: SettingsDep, who: CallerDep) -> Response:
    """The whole HTML report, exactly as `parley report --format html` writes it."""
    return HTMLResponse(render_html(_report(store, settings, who)), headers=SECURITY_HEADERS)


@router.get("/claims", response_class=HTMLResponse)
def claims(request: Request, store: StoreDep, settings: SettingsDep, who: CallerDep) -> Response:
    shown = view(_report(store, settings, who))
    return render(request, who, "claims.html", title="Claims checked", v=shown)


@router.get("/access-log", response_class=HTMLResponse)
def access_log(
    request: Request,
    store: StoreDep,
    who: CallerDep,
    offset: Annotated[int, Query(ge=0)] = 0,
) -> Response:
    log = read_log(store, who.principal, PAGE_SIZE, offset)
    return render(
        request, who, "access_log.html", title="Access log", log=log, offset=offset, size=PAGE_SIZE
    )
