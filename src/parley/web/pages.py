"""The pages: server-rendered HTML (Jinja2), htmx for what changes in place, every asset served
from this package. Reading never needs JavaScript; signing does, because the key stays in the
browser.

Pages call the same library functions as the API; when those refuse (Forbidden, unknown
objects, an unverified ledger), a page answers with a page — the public is sent to sign in —
while the API keeps its JSON answers.
"""

from __future__ import annotations

from collections.abc import Awaitable, Callable
from urllib.parse import quote

from fastapi import FastAPI, Request
from fastapi.exceptions import RequestValidationError
from fastapi.responses import RedirectResponse, Response
from fastapi.staticfiles import StaticFiles

from parley.service.access import PUBLIC, Forbidden, NotFound
from parley.service.records import LedgerNotVerified
from parley.web import pages_lists, pages_plans, pages_public, pages_review, pages_stages
from parley.web.auth import SAFE_METHODS
from parley.web.errors import Unauthorized
from parley.web.pages_base import PAGE_TAG, render

Handler = Callable[[Request, Exception], Response | Awaitable[Response]]


def install(app: FastAPI) -> None:
    """Add the pages and their static files to `app`."""
    app.mount("/static", StaticFiles(packages=[("parley.web", "static")]), name="static")
    for module in (pages_public, pages_lists, pages_review, pages_plans, pages_stages):
        app.include_router(module.router)
    for kind, status in (
        (Forbidden, 403),
        (Unauthorized, 401),
        (NotFound, 404),
        (LedgerNotVerified, 409),
        (RequestValidationError, 422),
    ):
        _answer_pages(app, kind, status)


def _is_page(request: Request) -> bool:
    route = request.scope.get("route")
    return PAGE_TAG in (getattr(route, "tags", None) or [])


def _answer_pages(app: FastAPI, kind: type[Exception], status: int) -> None:
    """Answer `kind` raised on a page with a page; elsewhere as the API already does."""
    original: Handler | None = app.exception_handlers.get(kind)

    async def handle(request: Request, error: Exception) -> Response:
        if not _is_page(request):
            if original is None:
                raise error
            answer = original(request, error)
            return answer if isinstance(answer, Response) else await answer
        who = getattr(request.state, "principal", None)
        anonymous = who is None or who.role == "anonymous"
        if status in (401, 403) and anonymous and request.method in SAFE_METHODS:
            query = f"?{request.url.query}" if request.url.query else ""
            target = quote(request.url.path + query)
            return RedirectResponse(f"/login?next={target}", status_code=303)
        titles = {
            401: "Sign in first",
            403: "Not for this role",
            404: "Not found",
            409: "The ledger does not verify",
            422: "The request was not understood",
        }
        message = str(error)
        if isinstance(error, NotFound) and error.args:
            message = str(error.args[0])
        if isinstance(error, RequestValidationError):
            message = "; ".join(
                f"{' / '.join(str(part) for part in e['loc'])}: {e['msg']}" for e in error.errors()
            )
        if isinstance(error, Forbidden) and "CSRF" in error.permission:
            message = (
                "The form was refused: its security token is missing or stale. "
                "Reload the page and try again."
            )
        return render(
            request, who or PUBLIC, "error.html", status, title=titles[status], message=message
        )

    app.add_exception_handler(kind, handle)
