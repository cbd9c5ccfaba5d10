"""What every page shares: the Jinja environment, the navigation, rendering with the security
headers, and the page routers' common pieces.

Templates escape everything they are given (autoescape); the only markup they take as is are
the report's SVG charts, which `parley.reports.charts` escapes as it draws them.
"""

from __future__ import annotations

from functools import cache
from typing import Any

import jinja2
from fastapi import APIRouter, Request
from fastapi.responses import HTMLResponse

from parley import __version__
from parley.reports.html import install_formatting
from parley.service.access import Principal, allowed
from parley.web.auth import Caller

PAGE_TAG = "pages"  # page routes carry this tag: their errors are answered as pages

# Scripts only from this origin, no inline script, no framing: a page is never a vehicle for
# someone else's code. Inline styles stay allowed for the charts' colour variables.
SECURITY_HEADERS = {
    "Content-Security-Policy": "default-src 'self'; script-src 'self'; "
    "style-src 'self' 'unsafe-inline'; img-src 'self' data:; connect-src 'self'; "
    "frame-ancestors 'none'; form-action 'self'; base-uri 'none'; object-src 'none'",
    "X-Content-Type-Options": "nosniff",
    "Referrer-Policy": "same-origin",
    "X-Frame-Options": "DENY",
    "Cache-Control": "no-store",  # pages may hold personal data: never kept by a cache
}

# (label, path, permission, party-scoped?) in menu order; a link shows only when the
# access table lets the principal use it.
NAV: tuple[tuple[str, str, str, bool], ...] = (
    ("Dashboard", "/", "public.read", False),
    ("Lists", "/lists", "requests.read", True),
    ("Review", "/review", "review.read", False),
    ("Plans", "/plans", "plans.read", True),
    ("Stages", "/stages", "stages.read", False),
    ("Claims", "/claims", "public.read", False),
    ("Access log", "/access-log", "access_log.read", True),
    ("Report", "/report", "public.read", False),
)


def page_router() -> APIRouter:
    """A router for pages: kept out of the OpenAPI (it describes the API, not the pages)."""
    return APIRouter(tags=[PAGE_TAG], include_in_schema=False)


@cache
def environment() -> jinja2.Environment:
    env = jinja2.Environment(
        loader=jinja2.PackageLoader("parley.web", "templates"),
        autoescape=True,
        trim_blocks=True,
        lstrip_blocks=True,
    )
    install_formatting(env)
    env.globals["version"] = __version__
    return env


def nav(principal: Principal, path: str) -> list[dict[str, Any]]:
    links = []
    for label, href, permission, scoped in NAV:
        if allowed(principal, permission, principal.party if scoped else None):
            current = path == href or (href != "/" and path.startswith(href + "/"))
            links.append({"label": label, "href": href, "current": current})
    return links


def render(
    request: Request,
    who: Caller | Principal,
    template: str,
    status: int = 200,
    **context: Any,
) -> HTMLResponse:
    """A whole page (or, for htmx, a fragment template) for `who`."""
    caller = who if isinstance(who, Caller) else Caller(who)
    principal = caller.principal
    html = (
        environment()
        .get_template(template)
        .render(
            who=principal,
            signed_in=principal.role != "anonymous",
            csrf=caller.csrf or "",
            nav=nav(principal, request.url.path),
            path=request.url.path,
            **context,
        )
    )
    return HTMLResponse(html, status_code=status, headers=SECURITY_HEADERS)


def is_htmx(request: Request) -> bool:
    return request.headers.get("hx-request") == "true"


def safe_next(target: str | None) -> str:
    """Only a path on this site: never an open redirect to elsewhere."""
    if not target or not target.startswith("/") or target.startswith("//") or "\\" in target:
        return "/"
    return target
