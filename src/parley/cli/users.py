"""`parley users` and `parley serve`: who may sign in to the shared service, and the service.

The service is started by name in each worker (uvicorn), so the CLI never imports the web.
"""

from __future__ import annotations

import os
import sys
from typing import Annotated

import typer
from rich.table import Table

from parley.cli.common import DbOption, console, opened, settings, user_errors

users_app = typer.Typer(
    help="Users of the shared service: add, list, disable.", no_args_is_help=True
)


@users_app.command("add")
def add(
    name: Annotated[str, typer.Argument(help="The user's sign-in name.")],
    role: Annotated[str, typer.Option(help="clerk, lead (signs for its party) or mediator.")],
    party: Annotated[
        str | None, typer.Option(help="The party a clerk or lead works for, e.g. UA.")
    ] = None,
    password_stdin: Annotated[
        bool, typer.Option("--password-stdin", help="Read the password from standard input.")
    ] = False,
    db: DbOption = None,
) -> None:
    """Add a user; the password comes from standard input (never from the command line)."""
    from parley.service.users import add_user

    if not password_stdin:
        raise typer.BadParameter("give --password-stdin and the password on standard input")
    password = sys.stdin.readline().rstrip("\r\n")
    with opened(db) as store, user_errors():
        user = add_user(store, name, role, party.upper() if party else None, password)
    where = f" for {user.party}" if user.party else ""
    console.print(f"user {user.name} added: {user.role}{where}", highlight=False)


@users_app.command("list")
def list_users(db: DbOption = None) -> None:
    """The users: name, role, party, and whether they may sign in."""
    from parley.service.users import list_users as all_users

    with opened(db) as store:
        found = all_users(store)
    table = Table("name", "role", "party", "state", "added")
    for u in found:
        state = "disabled" if u.disabled else "active"
        table.add_row(u.name, u.role, u.party or "", state, u.created_at.strftime("%Y-%m-%d"))
    console.print(table)


@users_app.command("disable")
def disable(name: Annotated[str, typer.Argument()], db: DbOption = None) -> None:
    """Disable a user: sign-in refused, every token and session of theirs ends now."""
    from parley.service.users import disable_user

    with opened(db) as store, user_errors():
        try:
            disable_user(store, name)
        except LookupError as error:
            raise ValueError(str(error.args[0])) from None
    console.print(f"user {name} disabled; their sessions have ended", highlight=False)


def serve(
    host: Annotated[str, typer.Option(help="Address to listen on.")] = "127.0.0.1",
    port: Annotated[int, typer.Option(help="Port to listen on.")] = 8000,
    workers: Annotated[int, typer.Option(min=1, help="Worker processes.")] = 1,
    db: DbOption = None,
) -> None:
    """Serve the API and the pages the offices share (PostgreSQL in production)."""
    import uvicorn

    config = settings(db)
    with opened(config.db_url):
        pass  # migrated once here, before the workers start
    os.environ["PARLEY_DB"] = config.db_url  # each worker builds its app from the environment
    console.print(f"Parley at http://{host}:{port}/ (API: /docs), {workers} worker(s), "
                  f"database {config.db_url}", highlight=False)  # fmt: skip
    uvicorn.run(
        "parley.web:app_from_env", factory=True, host=host, port=port, workers=workers,
        log_level="warning", access_log=False,
    )  # fmt: skip


def register(app: typer.Typer) -> None:
    app.add_typer(users_app, name="users")
    app.command()(serve)
