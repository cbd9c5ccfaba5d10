"""What every command shares: the console, settings from --db / PARLEY_DB, and turning user
errors into a clear message and a non-zero exit instead of a traceback.
"""

from __future__ import annotations

from collections.abc import Iterator
from contextlib import contextmanager
from typing import Annotated

import typer
from rich.console import Console
from rich.markup import escape
from rich.progress import BarColumn, Progress, SpinnerColumn, TextColumn, TimeElapsedColumn

from parley.documents import DocumentError
from parley.imports import ImportRefused
from parley.service.records import open_store
from parley.settings import Settings
from parley.store import HeadMoved, Store, StoreError

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
    except (StoreError, HeadMoved, OSError, ValueError) as error:
        errors.print(f"[bold red]error:[/] {escape(str(error))}", highlight=False, soft_wrap=True)
        raise typer.Exit(2) from None


@contextmanager
def opened(db: str | None = None) -> Iterator[Store]:
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
