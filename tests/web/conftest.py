"""The shared service under test: one synthetic exchange made once per session (lists
verified, a plan, handovers, confirmations; the last stage still waits for the mediator), with
a user of each role, copied afresh for each test that writes.
"""

from __future__ import annotations

import shutil
from collections.abc import Iterator
from pathlib import Path

import pytest
from fastapi.testclient import TestClient

from parley.service import users
from parley.service.demo import run_synthetic
from parley.service.records import open_store
from parley.settings import Settings
from parley.web import create_app

from web_helpers import PASSWORD, PRINCIPALS, USERS, Demo, sign_in


@pytest.fixture(scope="session")
def demo(tmp_path_factory: pytest.TempPathFactory) -> Demo:
    folder = tmp_path_factory.mktemp("web-demo")
    db = folder / "demo.db"
    settings = Settings(db_url=f"sqlite:///{db}")
    store = open_store(settings)
    run = run_synthetic(store, settings, seed=1, keys_dir=folder)
    for name, (role, party) in USERS.items():
        users.add_user(store, name, role, party, PASSWORD)
    store.close()
    keys = {s: run.keys_dir / f"{s}.key" for s in ("RU", "UA", "mediator")}
    return Demo(db, keys)


@pytest.fixture
def demo_url(demo: Demo, tmp_path: Path) -> str:
    """A fresh copy of the demo database, for a test that writes."""
    copy = tmp_path / "service.db"
    shutil.copy(demo.db, copy)
    return f"sqlite:///{copy}"


@pytest.fixture
def client(demo_url: str) -> Iterator[TestClient]:
    with TestClient(create_app(Settings(db_url=demo_url))) as test_client:
        yield test_client


@pytest.fixture
def headers(client: TestClient) -> dict[str, dict[str, str]]:
    """name -> Authorization headers, for every principal."""
    return {name: sign_in(client, name) for name in PRINCIPALS}
