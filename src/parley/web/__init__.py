"""The web service the three offices share: a thin FastAPI shell over `parley.service`.

`create_app(settings)` builds the app; `parley serve` starts `app_from_env` by name in each
worker, so the CLI never imports this package.
"""

from __future__ import annotations

from fastapi import FastAPI

from parley import __version__
from parley.service.records import open_store
from parley.settings import Settings
from parley.web import api_mediator, api_offices, api_public, api_signing, errors, pages


def create_app(settings: Settings) -> FastAPI:
    app = FastAPI(
        title="Parley",
        version=__version__,
        description="Humanitarian exchanges between two parties through a mediator: the "
        "service the mediator's secretariat and each party's office share.",
    )
    app.state.settings = settings
    app.state.store = open_store(settings)
    errors.install(app)
    for router in (api_public.router, api_offices.router, api_mediator.router,
                   api_signing.router):  # fmt: skip
        app.include_router(router)
    pages.install(app)
    return app


def app_from_env() -> FastAPI:
    """The app for a worker started by name (`parley serve`): settings from PARLEY_*."""
    return create_app(Settings.from_env())
