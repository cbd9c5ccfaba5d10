"""What the server benchmark stands on: a demo exchange in a database, users of each role, a
`parley serve` subprocess on loopback, and stages with handovers waiting to be confirmed.
"""

from __future__ import annotations

import os
import shutil
import signal
import socket
import subprocess
import sys
import tempfile
import time
from dataclasses import dataclass
from pathlib import Path

import httpx

from parley.ledger.keys import read_key
from parley.service import records, users
from parley.service.custody import record_handover
from parley.service.demo import run_synthetic
from parley.service.verification import review_queue, verify_requests
from parley.settings import Settings
from parley.store import NewEntry, Store
from parley.synth import synth_lists, write_synth_lists

PASSWORD = "demo-password"
USERS: dict[str, tuple[str, str | None]] = {
    "ua-clerk": ("clerk", "UA"),
    "ua-lead": ("lead", "UA"),
    "ru-clerk": ("clerk", "RU"),
    "ru-lead": ("lead", "RU"),
    "mediator": ("mediator", None),
}
SIGNER_USER = {"UA": "ua-lead", "RU": "ru-lead", "mediator": "mediator"}


@dataclass(frozen=True)
class Demo:
    url: str
    keys_dir: Path
    review_pairs: int  # pairs waiting in the review queue when the load starts


def build_demo(url: str, seed: int = 1) -> Demo:
    """The synthetic exchange, users of each role, and a review queue with pairs in it: the
    demo verifies UA's requests only (nothing under review), so RU's requests are verified
    here against UA's registry with no automatic match, leaving every candidate to a person.
    """
    settings = Settings(db_url=url)
    store = records.open_store(settings)
    try:
        run = run_synthetic(store, settings, seed=seed)
        for name, (role, party) in USERS.items():
            users.add_user(store, name, role, party, PASSWORD)
        with tempfile.TemporaryDirectory() as folder:
            write_synth_lists(synth_lists(seed, 0.05), Path(folder))
            records.import_persons(store, Path(folder) / "ru_requests.csv", "request", "RU")
            records.import_persons(store, Path(folder) / "ua_registry.csv", "registry", "UA")
        verify_requests(store, "RU", "UA", 1.0, 0.4)
        pairs = len(review_queue(store))
    finally:
        store.close()
    return Demo(url, run.keys_dir, pairs)


def open_confirm_stages(url: str, keys_dir: Path, stages: int, persons: int = 2) -> list[str]:
    """`stages` new stages, each with a handover either way recorded by its sender, so each
    waits for four confirmations: each handover's receiver and the mediator (the sender's
    signature on its handover stands for its own).
    """
    store = Store(url)
    names = [f"bench-{n}" for n in range(1, stages + 1)]
    try:
        planned = []
        for name in names:
            transfers = [
                {
                    "person_id": f"{a}-B-{name}-{i}",
                    "from": a,
                    "to": b,
                    "clause": "bench",
                    "category": "serviceman",
                }
                for a, b in (("RU", "UA"), ("UA", "RU"))
                for i in range(persons)
            ]
            payload = {
                "stage": name,
                "transfers": [
                    {"from": a, "to": b, "category": "serviceman", "count": persons}
                    for a, b in (("RU", "UA"), ("UA", "RU"))
                ],
            }
            planned.append(
                NewEntry("stage.planned", f"stage/{name}", payload, (), {"persons": transfers})
            )
        store.append_entries(planned)
        for sender in ("RU", "UA"):
            key = read_key(keys_dir / f"{sender}.key")
            for name in names:
                record_handover(store, name, sender, key)
    finally:
        store.close()
    return names


def free_port() -> int:
    with socket.socket() as sock:
        sock.bind(("127.0.0.1", 0))
        return int(sock.getsockname()[1])


def parley_command() -> str:
    """The `parley` script of the interpreter running us (the venv's)."""
    beside = Path(sys.executable).parent / "parley"
    found = str(beside) if beside.exists() else shutil.which("parley")
    if found is None:
        raise SystemExit("no `parley` command: install the package (make bench-server does)")
    return found


class Server:
    """`parley serve` in its own process group, so stopping it stops every worker."""

    def __init__(self, url: str, workers: int, log: Path) -> None:
        self.port = free_port()
        self.base = f"http://127.0.0.1:{self.port}"
        self.log = log
        command = [
            parley_command(),
            "serve",
            "--db",
            url,
            "--port",
            str(self.port),
            "--workers",
            str(workers),
        ]
        with log.open("wb") as out:
            self.process = subprocess.Popen(
                command, stdout=out, stderr=subprocess.STDOUT, start_new_session=True
            )

    def wait_ready(self, timeout: float = 60.0) -> None:
        """Until /api/v1/ledger/head answers 200 (every worker up or not, one is)."""
        deadline = time.monotonic() + timeout
        while time.monotonic() < deadline:
            if self.process.poll() is not None:
                raise RuntimeError(f"parley serve exited: {self.log.read_text(errors='replace')}")
            try:
                if httpx.get(f"{self.base}/api/v1/ledger/head", timeout=2).status_code == 200:
                    return
            except httpx.TransportError:
                pass
            time.sleep(0.2)
        raise RuntimeError(f"parley serve did not answer within {timeout:.0f} s")

    def stop(self) -> None:
        if self.process.poll() is None:
            os.killpg(self.process.pid, signal.SIGTERM)
            try:
                self.process.wait(timeout=20)
            except subprocess.TimeoutExpired:
                os.killpg(self.process.pid, signal.SIGKILL)
                self.process.wait()
