"""The `parley` command: a thin Typer shell over `parley.service`."""

from __future__ import annotations

import typer

from parley.cli import (
    custody,
    ledger,
    linkage,
    linkscore,
    lists,
    plan,
    record,
    report,
    review,
    synth,
    users,
)
from parley.cli.common import DbOption, state

app = typer.Typer(
    name="parley",
    help="Parley: humanitarian exchanges between two parties through a mediator.",
    no_args_is_help=True,
    pretty_exceptions_enable=False,
    add_completion=False,
)


@app.callback()
def _global(db: DbOption = None) -> None:
    state.db_url = db


record.register(app)
lists.register(app)
report.register(app)
linkage.register(app)
review.register(app, lists.requests_app)
synth.register(app)
linkscore.register(app)
plan.register(app)
ledger.register(app)
custody.register(app)
users.register(app)


def main() -> None:
    app()
