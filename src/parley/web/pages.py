"""The pages: server-rendered HTML (Jinja2), htmx for what changes in place."""

from __future__ import annotations

from fastapi import FastAPI


def install(app: FastAPI) -> None:
    """Add the pages and their static files to `app`."""
