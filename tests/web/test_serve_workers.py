"""`parley serve --workers 2` as a real subprocess over a copy of the demo: offices committing
confirmations from several threads at once, through prepare/commit, never fork the ledger,
and every commit the server acknowledged is in the log.
"""

from __future__ import annotations

import os
import signal
import socket
import subprocess
import sys
import threading
import time
from collections.abc import Iterator
from pathlib import Path

import httpx
import pytest

from parley.domain.events import event_hash
from parley.planning.plan import Plan, StagePlan, Transfer
from parley.service.custody import open_stages, record_handover
from parley.service.ledger import verify_store
from parley.store import Store

from web_helpers import PASSWORD, Demo

NEW_STAGES = (4, 5, 6)
# Owed once the new stages are handed over both ways: in each, each receiver confirms one
# handover and the mediator both; in the demo's stage 3 the mediator owes four.
OWED = 4 * len(NEW_STAGES) + 4
THREADS = [("ua-lead", "UA"), ("ru-lead", "RU"), ("mediator", "mediator")] * 2


def _free_port() -> int:
    with socket.socket() as sock:
        sock.bind(("127.0.0.1", 0))
        return int(sock.getsockname()[1])


@pytest.fixture
def served(demo_url: str) -> Iterator[str]:
    """The service with two workers, stopped (its whole process group) at the end."""
    port = _free_port()
    parley = Path(sys.executable).parent / "parley"
    command = [str(parley), "serve", "--db", demo_url, "--port", str(port), "--workers", "2"]
    process = subprocess.Popen(
        command, stdout=subprocess.DEVNULL, stderr=subprocess.PIPE, start_new_session=True
    )
    base = f"http://127.0.0.1:{port}"
    try:
        deadline = time.monotonic() + 15
        while True:
            assert process.poll() is None, process.stderr.read().decode() if process.stderr else ""
            try:
                if httpx.get(f"{base}/api/v1/ledger/head", timeout=1).status_code == 200:
                    break
            except httpx.TransportError:
                pass
            assert time.monotonic() < deadline, "parley serve did not answer"
            time.sleep(0.1)
        yield base
    finally:
        os.killpg(process.pid, signal.SIGTERM)
        try:
            process.wait(timeout=15)
        except subprocess.TimeoutExpired:
            os.killpg(process.pid, signal.SIGKILL)
            process.wait()


def _hand_over_new_stages(url: str, demo: Demo) -> None:
    """Stages 4-6: two persons each way in each, handed over by both senders."""
    stages = tuple(
        StagePlan(
            n - 3,  # the plan's own numbers: opened, they follow the demo's three
            tuple(
                Transfer(f"{a}-W-{n}-{i}", a, b, "c-test")
                for a, b in (("UA", "RU"), ("RU", "UA"))
                for i in range(2)
            ),
        )
        for n in NEW_STAGES
    )
    store = Store(url)
    open_stages(store, Plan("optimal", 0, 12, stages, (), (), 0.0), {"c-test": "civilian"})
    for sender in ("UA", "RU"):
        for n in NEW_STAGES:
            record_handover(store, str(n), sender, demo.key(sender))
    store.close()


def _confirm_all(base: str, user: str, signer: str, demo: Demo, out: list, seen: list) -> None:
    """Confirm all this office owes in stages 3-6, preparing again when another came first."""
    key = demo.key(signer)
    with httpx.Client(base_url=base, timeout=30) as client:
        token = client.post("/api/token", data={"username": user, "password": PASSWORD})
        headers = {"Authorization": f"Bearer {token.json()['access_token']}"}
        for stage in ("3", *map(str, NEW_STAGES)):
            for _ in range(200):  # bounded: each round either commits or loses to another
                ready = client.post(f"/api/v1/stages/{stage}/confirm/prepare", headers=headers)
                seen.append(ready.status_code)
                if ready.status_code == 422:  # nothing left here for this office
                    break
                assert ready.status_code == 200, ready.text
                shown = ready.json()
                digest = event_hash(
                    shown["seq"], shown["prev_hash"], shown["type"], shown["payload"]
                )
                assert digest == shown["hash"]
                done = client.post(
                    f"/api/v1/stages/{stage}/confirm/commit",
                    json={"hash": digest, "signature": key.sign(digest)},
                    headers=headers,
                )
                seen.append(done.status_code)
                if done.status_code == 200:
                    out.append((done.json()["seq"], done.json()["hash"]))
                else:  # 409: the head moved; 404: a twin thread committed this very entry
                    assert done.status_code in (404, 409), done.text
            else:
                raise AssertionError(f"{user} never got through in stage {stage}")


def test_concurrent_confirmations_never_fork_the_ledger(
    demo: Demo, demo_url: str, served: str
) -> None:
    _hand_over_new_stages(demo_url, demo)
    before = len(Store(demo_url).entries())
    acked: list[tuple[int, str]] = []
    seen: list[int] = []
    failed: list[BaseException] = []

    def office(user: str, signer: str) -> None:
        try:
            _confirm_all(served, user, signer, demo, acked, seen)
        except BaseException as error:  # a thread's failure fails the test, not only the thread
            failed.append(error)

    threads = [threading.Thread(target=office, args=pair) for pair in THREADS]
    for t in threads:
        t.start()
    for t in threads:
        t.join(60)
    assert not any(t.is_alive() for t in threads)
    assert not failed, failed
    assert not [s for s in seen if s >= 500]

    store = Store(demo_url)
    entries = store.entries()
    assert verify_store(store).ok
    assert len(acked) == OWED == len(entries) - before  # each owed confirmation once, no more
    assert len({seq for seq, _ in acked}) == len(acked)
    by_seq = {e.seq: e for e in entries}
    for seq, digest in acked:
        assert by_seq[seq].hash == digest
        assert by_seq[seq].type == "handover.confirmed"
    store.close()
