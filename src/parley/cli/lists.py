"""Commands for person lists: registries (who a party holds), request lists (who it asks)."""

from __future__ import annotations

from pathlib import Path
from typing import TYPE_CHECKING, Annotated

import typer
from rich.table import Table

from parley.cli.common import DbOption, console, errors, opened, progress
from parley.domain.people import ListKind

if TYPE_CHECKING:  # the store is imported when used, not by every command's start
    from parley.service.records import PersonImport

registry_app = typer.Typer(help="Registries: the persons a party holds.", no_args_is_help=True)
requests_app = typer.Typer(
    help="Request lists: the persons a party asks back.", no_args_is_help=True
)
FileArgument = Annotated[Path, typer.Argument(help="A .csv (UTF-8 or cp1251) or .xlsx file.")]


def _import(path: Path, kind: ListKind, party: str, db: str | None) -> None:
    from parley.service.records import import_persons

    with opened(db) as store, progress() as bar:
        task = bar.add_task(f"importing {path.name}", total=3)

        def step(what: str) -> None:
            bar.update(task, description=what, advance=1)

        result = import_persons(store, path, kind, party.upper(), on_step=step)
        bar.update(task, description=f"imported {path.name}", completed=3)
    _summarise(result)


def _summarise(result: PersonImport) -> None:
    for warning in result.warnings:
        errors.print(f"[yellow]warning:[/] {warning}", highlight=False)
    console.print(f"{result.source}: {result.changes}")
    for correction in result.changes.corrections[:20]:
        console.print(f"  recorded as a correction: {correction}")
    if result.not_in_file:
        console.print(f"  {result.not_in_file} stored person(s) are not in this file (kept)")


@registry_app.command("import")
def registry_import(
    file: FileArgument,
    holder: Annotated[str, typer.Option(help="Code of the party that holds these persons.")],
    db: DbOption = None,
) -> None:
    """Import a registry of persons held by a party."""
    _import(file, "registry", holder, db)


@requests_app.command("import")
def requests_import(
    file: FileArgument,
    by: Annotated[str, typer.Option("--by", help="Code of the party asking for these persons.")],
    db: DbOption = None,
) -> None:
    """Import a list of persons a party asks back."""
    _import(file, "request", by, db)


def _list(kind: ListKind, party: str, db: str | None) -> None:
    from parley.service.access_log import record_local_read

    with opened(db) as store:
        persons = store.persons(kind, party.upper())
        command = f"parley {'registry' if kind == 'registry' else 'requests'} list {party.upper()}"
        record_local_read(store, command, len(persons), party.upper())
    table = Table("id", "name", "born", "category", "unit", "wounded", "ill", "consent")
    for p in persons:
        table.add_row(
            p.id,
            p.full_name,
            p.birth_date.isoformat() if p.birth_date else "—",
            p.category,
            p.military_unit or "—",
            "yes" if p.seriously_wounded else "",
            "yes" if p.seriously_ill else "",
            p.consent,
        )
    console.print(table)
    console.print(f"{len(persons)} person(s)")


@registry_app.command("list")
def registry_list(
    holder: Annotated[str, typer.Option(help="Code of the holding party.")], db: DbOption = None
) -> None:
    """Show the stored registry of a party."""
    _list("registry", holder, db)


@requests_app.command("list")
def requests_list(
    by: Annotated[str, typer.Option("--by", help="Code of the requesting party.")],
    db: DbOption = None,
) -> None:
    """Show the stored request list of a party."""
    _list("request", by, db)


def register(app: typer.Typer) -> None:
    app.add_typer(registry_app, name="registry")
    app.add_typer(requests_app, name="requests")
