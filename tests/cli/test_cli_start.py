"""`parley COMMAND` loads only the modules that register COMMAND: the same command as in the
whole app, and `parley plan` starts without the ledger, the store or the record's models.
"""

import subprocess
import sys
from typing import Any

import pytest
import typer.main

from parley.cli import COMMANDS, _command, app, build


def shape(command: Any) -> list[str]:
    """Every subcommand with its parameters, as a list of lines."""
    lines = []
    for name, sub in getattr(command, "commands", {}).items():
        lines.append(f"{name} {[p.name for p in sub.params]}")
        lines += [f"{name} {line}" for line in shape(sub)]
    return lines


def test_every_command_is_named_with_its_modules() -> None:
    whole = typer.main.get_command(app)
    assert set(COMMANDS) == set(whole.commands)  # type: ignore[attr-defined]
    for name, modules in COMMANDS.items():
        alone = typer.main.get_command(build(modules)).commands[name]  # type: ignore[attr-defined]
        assert shape(alone) == shape(whole.commands[name]), name  # type: ignore[attr-defined]


@pytest.mark.parametrize(
    ("args", "command"),
    [
        (["plan", "a.yaml"], "plan"),
        (["--db", "sqlite://", "plan"], "plan"),
        (["--db=sqlite://", "stage", "open"], "stage"),
        (["--help"], None),
        ([], None),
    ],
)
def test_the_command_is_found_after_the_global_option(args: list[str], command: str | None) -> None:
    assert _command(args) == command


def test_parley_plan_starts_light() -> None:
    code = (
        "import sys; sys.argv = ['parley', 'plan', '--help']\n"
        "from parley.cli import main\n"
        "try:\n    main()\nexcept SystemExit:\n    pass\n"
        "print(sorted(m for m in ('parley.ledger', 'parley.store', 'parley.cli.record', "
        "'cryptography', 'sqlalchemy') if m in sys.modules))"
    )
    out = subprocess.run([sys.executable, "-c", code], capture_output=True, text=True, check=True)
    assert out.stdout.splitlines()[-1] == "[]"


def test_building_the_app_again_adds_no_command_twice() -> None:
    from parley.cli.lists import requests_app

    for _ in range(3):
        build()
    names = [command.name for command in requests_app.registered_commands]
    assert sorted(names) == ["import", "list", "status", "verify"]
