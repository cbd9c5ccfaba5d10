"""Ledger benchmark: `make bench-ledger`.

    .venv/bin/python -m benchmarks.ledger [--events 8000] [--pg-url URL]

Append rate (signed handover entries a second) on SQLite and PostgreSQL, one transaction an
entry as `parley stage handover` writes them, and in batches of 500; verify rate (signatures a
second, the whole chain checked); and the size of an exported log per 100,000 transfers
(handovers of 300 persons each, with their private parts, and public). PostgreSQL is the
server at --pg-url, or a throwaway one started as the test suite starts it.
"""

from __future__ import annotations

import argparse
import importlib.util
import json
import sys
import tempfile
import time
from collections.abc import Iterator
from contextlib import contextmanager
from datetime import date
from pathlib import Path
from typing import Any

from parley.ledger.entries import private_persons, write_line
from parley.ledger.keys import new_key
from parley.ledger.verify import verify
from parley.store import NewEntry, Store

RESULTS = Path(__file__).parent / "results"
PERSONS_PER_HANDOVER = 300


def _handover(n: int) -> tuple[dict[str, Any], dict[str, Any]]:
    persons = [f"RU-H-{n:04d}{i:03d}" for i in range(PERSONS_PER_HANDOVER)]
    private, digest = private_persons(persons)
    payload = {"stage": str(n), "from": "RU", "to": "UA", "category": "serviceman",
               "count": len(persons), "persons_digest": digest}  # fmt: skip
    return payload, private


def append_rates(url: str, events: int) -> dict[str, float]:
    store = Store(url)
    store.migrate()
    key = new_key("RU")
    store.append_entry(
        "key.registered", "key/RU", {"signer": "RU", "public_key": key.public_key}, [key]
    )
    items = [_handover(n) for n in range(events)]
    start = time.perf_counter()
    for n, (payload, private) in enumerate(items[: events // 2]):
        store.append_entry("handover", f"h/{n}", payload, [key], private)
    single = (events // 2) / (time.perf_counter() - start)
    start = time.perf_counter()
    rest = items[events // 2 :]
    for at in range(0, len(rest), 500):
        batch = rest[at : at + 500]
        store.append_entries(
            [NewEntry("handover", f"b/{at + k}", p, (key,), q) for k, (p, q) in enumerate(batch)]
        )
    batched = len(rest) / (time.perf_counter() - start)
    start = time.perf_counter()
    entries = store.entries()
    result = verify(entries)
    seconds = time.perf_counter() - start
    assert result.ok, str(result)
    store.close()
    rates = {"append_per_s": single, "append_batched_per_s": batched}
    return rates | {"verify_signatures_per_s": result.signatures / seconds, "entries": len(entries)}


def log_size(entries: list[Any], transfers: int) -> dict[str, float]:
    private = sum(len(write_line(e).encode()) + 1 for e in entries)
    public = sum(len(write_line(e, public=True).encode()) + 1 for e in entries)
    per = 100_000 / max(transfers, 1)
    return {
        "mb_per_100k_transfers": private * per / 2**20,
        "public_mb_per_100k_transfers": public * per / 2**20,
    }


@contextmanager
def _postgres(given: str | None) -> Iterator[str | None]:
    if given:
        yield given
        return
    spec = importlib.util.spec_from_file_location(
        "suite", Path(__file__).parents[1] / "tests" / "conftest.py"
    )
    if spec is None or spec.loader is None:
        yield None
        return
    suite = importlib.util.module_from_spec(spec)
    spec.loader.exec_module(suite)
    bindir = suite._pg_bindir()
    if bindir is None:
        yield None
        return
    cluster = suite._Cluster(bindir)
    try:
        maintenance = cluster.start()
        if maintenance is None:
            yield None
            return
        suite._create_database(maintenance, "parley_bench")
        yield suite._with(maintenance, database="parley_bench")
    finally:
        cluster.stop()


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(description="Ledger append, verify and size.")
    parser.add_argument("--events", type=int, default=8000)
    parser.add_argument("--pg-url", help="a PostgreSQL URL (default: start a throwaway server)")
    args = parser.parse_args(argv)
    results: dict[str, Any] = {}
    with tempfile.TemporaryDirectory() as folder:
        url = f"sqlite:///{Path(folder) / 'ledger.db'}"
        results["sqlite"] = append_rates(url, args.events)
        store = Store(url)
        handovers = [e for e in store.entries() if e.type == "handover"]
        store.close()
        results["size"] = log_size(handovers, len(handovers) * PERSONS_PER_HANDOVER)
    with _postgres(args.pg_url) as pg:
        results["postgresql"] = append_rates(pg, args.events) if pg else "not available"
    for backend in ("sqlite", "postgresql"):
        r = results[backend]
        if isinstance(r, dict):
            print(f"{backend:<10} append {r['append_per_s']:,.0f}/s one by one, "
                  f"{r['append_batched_per_s']:,.0f}/s in batches of 500; "
                  f"verify {r['verify_signatures_per_s']:,.0f} signatures/s")  # fmt: skip
        else:
            print(f"{backend:<10} {r}")
    size = results["size"]
    print(
        f"log size per 100,000 transfers ({PERSONS_PER_HANDOVER} a handover): "
        f"{size['mb_per_100k_transfers']:.2f} MB, "
        f"public {size['public_mb_per_100k_transfers']:.2f} MB"
    )
    RESULTS.mkdir(exist_ok=True)
    path = RESULTS / f"ledger-{date.today().isoformat()}.json"
    path.write_text(json.dumps(results, indent=2) + "\n", encoding="utf-8")
    print(f"Results written to {path}")
    return 0


if __name__ == "__main__":
    sys.exit(main())
