from collections.abc import Callable
from pathlib import Path

import pytest
from typer.testing import CliRunner, Result

from parley.cli import app

Run = Callable[..., Result]


@pytest.fixture
def db_url(tmp_path: Path) -> str:
    return f"sqlite:///{tmp_path / 'parley.db'}"


@pytest.fixture
def run(db_url: str) -> Run:
    """Run the CLI against a fresh SQLite database, as a user would type it."""
    runner = CliRunner()

    def invoke(*args: str) -> Result:
        return runner.invoke(
            app, ["--db", db_url, *args], catch_exceptions=False, env={"COLUMNS": "160"}
        )

    return invoke
