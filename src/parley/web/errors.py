"""Errors of the library as HTTP answers: the same exceptions the CLI turns into words.

Each answer carries `detail`; refused input (422) carries it as a list of {loc, msg, type},
the shape FastAPI gives its own validation errors, so one schema describes both.
"""

from __future__ import annotations

from typing import Any

from fastapi import FastAPI, Request
from fastapi.responses import JSONResponse
from pydantic import BaseModel

from parley.documents import DocumentError
from parley.imports import ImportRefused
from parley.planning.files import PlanBroken
from parley.service.access import Forbidden, NotFound
from parley.service.records import LedgerNotVerified
from parley.service.signing import BadSignature
from parley.service.users import SignInRefused, TooManyAttempts
from parley.store import HeadMoved, StoreError


class Problem(BaseModel):
    detail: str


class Unauthorized(Exception):
    """No valid token or session where one is needed."""


def _json(status: int, detail: Any, headers: dict[str, str] | None = None) -> JSONResponse:
    return JSONResponse({"detail": detail}, status_code=status, headers=headers)


def _refused(error: ImportRefused) -> list[dict[str, Any]]:
    return [
        {
            "loc": [
                e.file,
                *([f"row {e.row}"] if e.row else []),
                *([e.column] if e.column else []),
            ],
            "msg": str(e),
            "type": "import",
        }
        for e in error.errors
    ]


def install(app: FastAPI) -> None:
    @app.exception_handler(Unauthorized)
    def _unauthorized(_r: Request, error: Unauthorized) -> JSONResponse:
        return _json(401, str(error) or "sign in first", {"WWW-Authenticate": "Bearer"})

    @app.exception_handler(SignInRefused)
    def _refused_sign_in(_r: Request, error: SignInRefused) -> JSONResponse:
        return _json(401, str(error), {"WWW-Authenticate": "Bearer"})

    @app.exception_handler(TooManyAttempts)
    def _too_many(_r: Request, error: TooManyAttempts) -> JSONResponse:
        return _json(429, str(error), {"Retry-After": str(error.retry_after)})

    @app.exception_handler(Forbidden)
    def _forbidden(request: Request, error: Forbidden) -> JSONResponse:
        who = getattr(request.state, "principal", None)
        if who is None or who.role == "anonymous":  # the public: sign in, then ask again
            return _json(401, f"sign in first ({error})", {"WWW-Authenticate": "Bearer"})
        return _json(403, str(error))

    @app.exception_handler(NotFound)
    def _not_found(_r: Request, error: NotFound) -> JSONResponse:
        return _json(404, str(error.args[0]) if error.args else "not found")

    @app.exception_handler(HeadMoved)
    def _moved(_r: Request, error: HeadMoved) -> JSONResponse:
        return _json(409, str(error))

    @app.exception_handler(LedgerNotVerified)
    def _not_verified(_r: Request, error: LedgerNotVerified) -> JSONResponse:
        return _json(409, str(error))

    @app.exception_handler(ImportRefused)
    def _import(_r: Request, error: ImportRefused) -> JSONResponse:
        return _json(422, _refused(error))

    for kind in (BadSignature, DocumentError, PlanBroken, ValueError):

        @app.exception_handler(kind)
        def _invalid(_r: Request, error: Exception) -> JSONResponse:
            return _json(422, [{"loc": ["body"], "msg": str(error), "type": "value_error"}])

    @app.exception_handler(StoreError)
    def _store(_r: Request, error: StoreError) -> JSONResponse:
        return _json(503, str(error))


def responses(*statuses: int) -> dict[int | str, dict[str, Any]]:
    """The error answers a route may give, for its OpenAPI description."""
    words = {
        400: "the body cannot be read (not JSON, or broken form or multipart data)",
        401: "no valid token or session",
        403: "the role lacks a permission (named in detail)",
        404: "no such object",
        409: "the ledger moved on (prepare again), or does not verify",
        429: "too many failed sign-ins",
        503: "the database cannot be used",
    }
    out: dict[int | str, dict[str, Any]] = {}
    for status in statuses:
        out[status] = {"model": Problem, "description": words[status]}
    return out
