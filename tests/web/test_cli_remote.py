"""`parley stage handover|confirm --server URL`: the CLI signing as a client of a real service
on a loopback port (uvicorn in a thread), over a copy of the demo exchange. Under tests/web for
the demo fixtures.
"""

from __future__ import annotations

import socket
import threading
import time
from collections.abc import Iterator
from pathlib import Path

import httpx
import pytest
import uvicorn
from typer.testing import CliRunner, Result

from parley.cli import app, remote
from parley.ledger.custody import handovers
from parley.planning.plan import Plan, StagePlan, Transfer
from parley.service.custody import open_stages
from parley.service.ledger import new_registered_key, verify_store
from parley.settings import Settings
from parley.store import Store
from parley.web import create_app

from web_helpers import PASSWORD, Demo


@pytest.fixture
def server(demo_url: str) -> Iterator[str]:
    """The service over a fresh copy of the demo, listening on a free loopback port."""
    sock = socket.socket()
    sock.bind(("127.0.0.1", 0))
    port = sock.getsockname()[1]
    config = uvicorn.Config(create_app(Settings(db_url=demo_url)), log_level="warning")
    service = uvicorn.Server(config)
    thread = threading.Thread(target=service.run, kwargs={"sockets": [sock]}, daemon=True)
    thread.start()
    deadline = time.monotonic() + 10
    while not service.started:
        assert time.monotonic() < deadline, "the service did not start"
        time.sleep(0.02)
    yield f"http://127.0.0.1:{port}"
    service.should_exit = True
    thread.join(10)
    sock.close()


def parley(*args: str, password: str = PASSWORD) -> Result:
    return CliRunner().invoke(
        app, list(args), input=password + "\n", catch_exceptions=False, env={"COLUMNS": "200"}
    )


def confirm(stage: str, signer: str, key: Path, server: str, user: str, **kw: str) -> Result:
    return parley(
        "stage", "confirm", stage, "--as", signer, "--key", str(key),
        "--server", server, "--user", user, "--password-stdin", **kw,
    )  # fmt: skip


def pending(url: str, stage: str) -> dict[int, tuple[str, ...]]:
    checked = verify_store(Store(url))
    assert checked.ok
    return {h.seq: h.waiting_for for h in handovers(checked) if h.stage == stage}


def test_mediator_confirms_the_last_stage_remotely(demo: Demo, demo_url: str, server: str) -> None:
    waiting = pending(demo_url, "3")
    assert waiting and all(w == ("mediator",) for w in waiting.values())
    done = confirm("3", "mediator", demo.keys["mediator"], server, "mediator")
    assert done.exit_code == 0, done.output
    lines = [line for line in done.stdout.splitlines() if line.startswith("mediator confirmed")]
    assert len(lines) == len(waiting)  # one entry per round trip, every handover of the stage
    assert {int(line.split("seq ")[1].split(" ")[0]) for line in lines} == set(waiting)
    assert all(w == () for w in pending(demo_url, "3").values())
    listed = httpx.get(f"{server}/api/v1/handovers").json()["handovers"]
    assert all(h["confirmed"] for h in listed if h["stage"] == "3")
    again = confirm("3", "mediator", demo.keys["mediator"], server, "mediator")
    assert again.exit_code == 1 and "nothing in stage 3" in again.output
    assert "Traceback" not in again.output


def test_a_lead_may_not_confirm_for_the_other_party(demo: Demo, server: str) -> None:
    refused = confirm("3", "RU", demo.keys["RU"], server, "ua-lead")
    assert refused.exit_code == 2  # refused here, once /api/v1/me named whom ua-lead signs for
    assert "ua-lead signs for UA, not for RU" in refused.output
    assert "Traceback" not in refused.output
    # The local check comes first: a key that is not the --as signer's, before any request.
    wrong_key = confirm("3", "mediator", demo.keys["RU"], "http://127.0.0.1:9", "mediator")
    assert wrong_key.exit_code == 2 and "the key is RU's, not mediator's" in wrong_key.output


def test_a_wrong_password_is_refused(demo: Demo, server: str) -> None:
    refused = parley(
        "stage", "confirm", "3", "--as", "mediator", "--key", str(demo.keys["mediator"]),
        "--server", server, "--user", "mediator", "--password-stdin", password="not-it",
    )  # fmt: skip
    assert refused.exit_code == 1
    assert "401" in refused.output and "wrong user name or password" in refused.output
    assert "Traceback" not in refused.output


def test_a_password_from_the_environment(demo: Demo, server: str) -> None:
    done = CliRunner().invoke(
        app,
        ["stage", "confirm", "3", "--as", "mediator", "--key", str(demo.keys["mediator"]),
         "--server", server, "--user", "mediator"],
        env={"PARLEY_PASSWORD": PASSWORD, "COLUMNS": "200"},
    )  # fmt: skip
    assert done.exit_code == 0, done.output
    assert "mediator confirmed handover" in done.stdout


def test_options_that_make_no_sense_remotely_are_refused(demo: Demo, tmp_path: Path) -> None:
    url = "http://127.0.0.1:9"  # nothing listens: each refusal comes before any request
    key = str(demo.keys["UA"])
    correct = parley(
        "stage", "handover", "3", "--from", "UA", "--all-planned", "--key", key, "--correct",
        "--server", url, "--user", "ua-lead", "--password-stdin",
    )  # fmt: skip
    assert correct.exit_code == 2 and "--correct is local only" in correct.output
    with_db = parley(
        "stage", "confirm", "3", "--as", "UA", "--key", key, "--db", f"sqlite:///{tmp_path}/x",
        "--server", url, "--user", "ua-lead", "--password-stdin",
    )  # fmt: skip
    assert with_db.exit_code == 2 and "leave out --db" in with_db.output
    no_user = parley("stage", "confirm", "3", "--as", "UA", "--key", key, "--server", url)
    assert no_user.exit_code == 2 and "--server needs --user" in no_user.output
    down = confirm("3", "UA", demo.keys["UA"], url, "ua-lead")
    assert down.exit_code == 2 and f"cannot reach {url}" in down.output
    assert "Traceback" not in down.output


def test_a_moved_head_is_prepared_again(
    demo: Demo, demo_url: str, server: str, tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    commit = remote.Remote.commit
    calls: list[str] = []

    def interloper(self: remote.Remote, stage: str, kind: str, digest: str, sig: str) -> dict:
        calls.append(digest)
        if len(calls) == 1:  # another office appends between this prepare and its commit
            store = Store(demo_url)
            new_registered_key(store, "recorder", tmp_path / "recorder.key")
            store.close()
        return commit(self, stage, kind, digest, sig)

    monkeypatch.setattr(remote.Remote, "commit", interloper)
    waiting = pending(demo_url, "3")
    done = confirm("3", "mediator", demo.keys["mediator"], server, "mediator")
    assert done.exit_code == 0, done.output
    assert "the ledger moved on" in done.stderr
    assert len(calls) == len(waiting) + 1  # the first prepare, lost to the interloper
    assert all(w == () for w in pending(demo_url, "3").values())
    assert verify_store(Store(demo_url)).ok


def _open_stage_4(url: str) -> list[str]:
    """A small new stage: UA hands three persons to RU, one of them absent on the day."""
    store = Store(url)
    ids = [f"UA-T-{n}" for n in range(3)]
    # the plan's stage 1, opened as the exchange's stage 4 (after the demo's three)
    stage = StagePlan(1, tuple(Transfer(i, "UA", "RU", "c-test") for i in ids))
    plan = Plan("optimal", 0, 3, (stage,), (), (), 0.0)
    open_stages(store, plan, {"c-test": "civilian"})
    store.close()
    return ids


def test_a_handover_remotely(demo: Demo, demo_url: str, server: str, tmp_path: Path) -> None:
    ids = _open_stage_4(demo_url)
    absent = tmp_path / "absent.csv"
    absent.write_text(f"id,reason\n{ids[2]},refused\n")
    done = parley(
        "stage", "handover", "4", "--from", "UA", "--all-planned", "--absent", str(absent),
        "--remains", "1", "--key", str(demo.keys["UA"]),
        "--server", server, "--user", "ua-lead", "--password-stdin",
    )  # fmt: skip
    assert done.exit_code == 0, done.output
    lines = done.stdout.strip().splitlines()
    assert len(lines) == 2  # the category and the remains: two round trips
    assert "stage 4, 2 civilian UA→RU, absent {'refused': 1}" in lines[0]
    assert "stage 4, 1 remains UA→RU" in lines[1]
    checked = verify_store(Store(demo_url))
    assert checked.ok
    crossed = [h for h in handovers(checked) if h.stage == "4"]
    assert sorted((h.category, h.count) for h in crossed) == [("civilian", 2), ("remains", 1)]
    again = parley(
        "stage", "handover", "4", "--from", "UA", "--all-planned", "--key", str(demo.keys["UA"]),
        "--server", server, "--user", "ua-lead", "--password-stdin",
    )  # fmt: skip
    assert again.exit_code == 1 and "already recorded" in again.output
    other = parley(
        "stage", "handover", "4", "--from", "RU", "--all-planned", "--key", str(demo.keys["RU"]),
        "--server", server, "--user", "ua-lead", "--password-stdin",
    )  # fmt: skip
    assert other.exit_code == 2 and "ua-lead signs for UA, not for RU" in other.output
