"""The `parley` command: a thin Typer shell over `parley.service`.

A command typed loads only the modules that register it: `parley plan` need not import the
ledger's cryptography or the record's models first. `app` (every command, for --help and the
tests) is built when asked for.
"""

from __future__ import annotations

import gc
import sys
from collections.abc import Iterable
from functools import cache
from importlib import import_module
from typing import Any

import typer

from parley.cli.common import DbOption, state

# The modules of parley.cli that register each command; review adds to `requests` of lists.
MODULES = (
    "record", "lists", "report", "linkage", "review", "synth", "linkscore", "plan", "ledger",
    "custody", "users",
)  # fmt: skip
COMMANDS: dict[str, tuple[str, ...]] = {
    "stage": ("custody",),
    "keys": ("ledger",),
    "ledger": ("ledger",),
    "link": ("linkage",),
    "link-score": ("linkscore",),
    "registry": ("lists",),
    "requests": ("lists", "review"),
    "review": ("lists", "review"),
    "plan": ("plan",),
    **dict.fromkeys(
        ("scenario", "rounds", "agreements", "stages", "tallies", "claims"), ("record",)
    ),
    "report": ("report",),
    "demo": ("report",),
    "synth": ("synth",),
    "users": ("users",),
    "serve": ("users",),
}


def _global(db: DbOption = None) -> None:
    state.db_url = db


def build(modules: Iterable[str] = MODULES) -> typer.Typer:
    """The `parley` app with the commands of these modules of parley.cli."""
    made = typer.Typer(
        name="parley",
        help="Parley: humanitarian exchanges between two parties through a mediator.",
        no_args_is_help=True,
        pretty_exceptions_enable=False,
        add_completion=False,
    )
    made.callback()(_global)
    wanted = set(modules)
    for name in MODULES:
        if name not in wanted:
            continue
        import_module(f"parley.cli.{name}").register(made)
    return made


def _command(args: list[str]) -> str | None:
    """The command named on the line (after the global --db option), if any."""
    at = 0
    while at < len(args):
        if args[at] == "--db":
            at += 2
        elif args[at].startswith("--db="):
            at += 1
        else:
            return None if args[at].startswith("-") else args[at]
    return None


@cache
def _everything() -> typer.Typer:
    return build()


def __getattr__(name: str) -> Any:
    if name == "app":
        return _everything()
    raise AttributeError(name)


def main() -> None:
    command = _command(sys.argv[1:])
    try:
        build(COMMANDS.get(command or "", MODULES))()
    finally:
        # The process ends here: the interpreter's last collection would walk every object a
        # command made (0.1 s after linking ninety thousand records) only to free them.
        gc.freeze()
