"""What every command shares: the console, settings from --db / PARLEY_DB, and turning user
errors into a clear message and a non-zero exit instead of a traceback.
"""

from __future__ import annotations

import sys
from collections.abc import Iterator
from contextlib import contextmanager
from typing import TYPE_CHECKING, Annotated

import typer
from rich.console import Console
from rich.markup import escape
from rich.progress import BarColumn, Progress, SpinnerColumn, TextColumn, TimeElapsedColumn

from parley.documents import DocumentError
from parley.imports import ImportRefused
from parley.settings import Settings

if TYPE_CHECKING:  # the store is imported when used: `parley plan` needs no SQLAlchemy
    from parley.store import Store

console = Console()
errors = Console(stderr=True)

DbOption = Annotated[
    str | None,
    typer.Option("--db", help="Any SQLAlchemy URL; default $PARLEY_DB or sqlite:///parley.db."),
]


class State:
    db_url: str | None = None


state = State()


def settings(db: str | None = None) -> Settings:
    return Settings.from_env(db or state.db_url)


@contextmanager
def user_errors() -> Iterator[None]:
    """Report refused input and unusable databases in words, then exit non-zero."""
    try:
        yield
    except (ImportRefused, DocumentError) as error:
        errors.print(f"[bold red]error:[/] {escape(str(error))}", highlight=False, soft_wrap=True)
        raise typer.Exit(1) from None
    except Exception as error:
        if not isinstance(error, (OSError, ValueError, *_store_errors())):
            raise
        errors.print(f"[bold red]error:[/] {escape(str(error))}", highlight=False, soft_wrap=True)
        raise typer.Exit(2) from None


def _store_errors() -> tuple[type[Exception], ...]:
    """The store's errors, once it is loaded (until then none can have been raised)."""
    store = sys.modules.get("parley.store")
    return (store.StoreError, store.HeadMoved) if store else ()


@contextmanager
def opened(db: str | None = None) -> Iterator[Store]:
    from parley.service.records import open_store

    with user_errors():
        store = open_store(settings(db))
        try:
            yield store
        finally:
            store.close()


def progress() -> Progress:
    return Progress(
        SpinnerColumn(),
        TextColumn("{task.description}"),
        BarColumn(),
        TextColumn("{task.completed}/{task.total}"),
        TimeElapsedColumn(),
        console=errors,
        transient=False,
    )
