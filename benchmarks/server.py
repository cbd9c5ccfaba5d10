"""Server benchmark: `make bench-server`.

    .venv/bin/python -m benchmarks.server [--workers 4] [--rate 200] [--seconds 60]
        [--confirmers 16] [--confirm-stages 40] [--pg-url URL]

On loopback, over PostgreSQL (a throwaway server started as the test suite starts it, or
--pg-url): a demo exchange with users of each role, `parley serve --workers N`, then
1. an open-loop mix at --rate requests a second for --seconds: 90 % reads (report, tallies,
   handovers, ledger head, registry and request pages, access log, review queue, disclosures),
   10 % writes (request-list uploads, review decisions, disclosures, key registrations by
   prepare/commit);
2. --confirmers clients committing signed confirmations of new stages at once, each preparing
   again when another came first (409);
3. each kind of read alone, one at a time, to see where the time goes without load.
Afterwards `parley ledger verify` must pass and every write answered 200 must be in the log.
The server's workers, PostgreSQL and this load generator share the machine's CPUs: the CPU
each used is reported beside the figures.
"""

from __future__ import annotations

import argparse
import asyncio
import importlib.util
import json
import subprocess
import sys
import tempfile
import time
from collections.abc import Iterator
from contextlib import contextmanager
from datetime import date
from pathlib import Path
from typing import Any

import httpx
from rich.console import Console
from rich.table import Table
from sqlalchemy.engine import make_url

from benchmarks.server_load import Recorder, confirmers, drive
from benchmarks.server_mix import Mix
from benchmarks.server_setup import PASSWORD, SIGNER_USER, Server, build_demo, open_confirm_stages
from benchmarks.server_stats import CpuMeter, acknowledged_in_log, percentiles, summary
from parley.ledger.keys import read_key

RESULTS = Path(__file__).parent / "results"
console = Console()


@contextmanager
def _postgres(given: str | None) -> Iterator[str]:
    """The URL of an empty database: --pg-url, or one on a throwaway server."""
    if given:
        yield given
        return
    spec = importlib.util.spec_from_file_location(
        "suite", Path(__file__).parents[1] / "tests" / "conftest.py"
    )
    assert spec is not None and spec.loader is not None
    suite = importlib.util.module_from_spec(spec)
    spec.loader.exec_module(suite)
    bindir = suite._pg_bindir()
    if bindir is None:
        raise SystemExit("no PostgreSQL (run scripts/ensure-postgres.sh) and no --pg-url")
    cluster = suite._Cluster(bindir)
    try:
        maintenance = cluster.start()
        if maintenance is None:
            raise SystemExit(f"PostgreSQL did not start: {cluster.error}")
        suite._create_database(maintenance, "parley_bench_server")
        yield suite._with(maintenance, database="parley_bench_server")
    finally:
        cluster.stop()


def _token(base: str, user: str) -> str:
    answer = httpx.post(f"{base}/api/token", data={"username": user, "password": PASSWORD})
    answer.raise_for_status()
    return str(answer.json()["access_token"])


def _unloaded(base: str, tokens: dict[str, str], rounds: int) -> dict[str, Any]:
    """Each read alone, one request at a time: what a request costs with nothing else on."""
    paths = {
        "report": ("/api/v1/report", None),
        "tallies": ("/api/v1/tallies", None),
        "handovers": ("/api/v1/handovers", None),
        "ledger.head": ("/api/v1/ledger/head", None),
        "registry.RU": ("/api/v1/registry/RU?limit=100", "ru-clerk"),
        "requests.UA": ("/api/v1/requests/UA?limit=100", "ua-clerk"),
        "access-log": ("/api/v1/access-log", "mediator"),
        "review.queue": ("/api/v1/review", "mediator"),
    }
    out = {}
    with httpx.Client(base_url=base, timeout=30) as client:
        for kind, (path, user) in paths.items():
            headers = {"Authorization": f"Bearer {tokens[user]}"} if user else {}
            took = []
            for _ in range(rounds):
                start = time.perf_counter()
                client.get(path, headers=headers).raise_for_status()
                took.append(time.perf_counter() - start)
            out[kind] = percentiles(took)
    return out


def _verify_cli(server: Server, url: str) -> dict[str, Any]:
    from benchmarks.server_setup import parley_command

    done = subprocess.run(
        [parley_command(), "ledger", "verify", "--db", url],
        capture_output=True,
        text=True,
        timeout=300,
    )
    return {"returncode": done.returncode, "output": (done.stdout + done.stderr).strip()[-800:]}


def run(args: argparse.Namespace, url: str, folder: Path) -> dict[str, Any]:
    console.print("building the demo exchange in PostgreSQL")
    demo = build_demo(url)
    server = Server(url, args.workers, folder / "server.log")
    results: dict[str, Any] = {"settings": vars(args) | {"pg_url": None}}
    try:
        server.wait_ready()
        time.sleep(2)  # every worker up, not only the first
        tokens = {
            u: _token(server.base, u)
            for u in ("ua-clerk", "ua-lead", "ru-clerk", "ru-lead", "mediator")
        }
        queue = httpx.get(
            f"{server.base}/api/v1/review",
            params={"limit": 1000},
            headers={"Authorization": f"Bearer {tokens['mediator']}"},
        ).json()
        pg_port = make_url(url).port
        meter = CpuMeter(server.process.pid, pg_port)
        rec = Recorder()
        mix = Mix(rec, tokens, queue["items"], args.seed)
        ops = mix.schedule(int(args.rate * args.seconds))
        console.print(
            f"mixed load: {len(ops)} requests at {args.rate}/s for {args.seconds} s, "
            f"{demo.review_pairs} review pairs waiting"
        )
        meter.start()
        timing = asyncio.run(drive(server.base, ops, args.rate, args.connections))
        cpu = meter.stop()
        mixed = summary(rec.samples) | timing | {"cpu": cpu}
        mixed["offered_rate"] = args.rate
        mixed["achieved_rate"] = round(len(rec.samples) / timing["seconds"], 1)
        mixed["issued_rate"] = round(len(ops) / max(timing["issue_seconds"], 1e-9), 1)
        results["mixed"] = mixed

        console.print(f"{args.confirmers} confirmers on {args.confirm_stages} new stages")
        stages = open_confirm_stages(url, demo.keys_dir, args.confirm_stages)
        signers = [("RU", "UA", "mediator")[i % 3] for i in range(args.confirmers)]
        clients = [
            (s, _token(server.base, SIGNER_USER[s]), read_key(demo.keys_dir / f"{s}.key"))
            for s in signers
        ]
        crec = Recorder()
        meter.start()
        got = asyncio.run(confirmers(server.base, clients, stages, crec))
        cpu = meter.stop()
        commits = [s for s in crec.samples if s.kind == "confirm.commit"]
        moved = sum(1 for s in commits if s.status == 409)
        results["confirmers"] = summary(crec.samples) | {
            "clients": args.confirmers,
            "stages": len(stages),
            "seconds": got["seconds"],
            "commits": len(crec.acks.commits),
            "commits_per_s": round(len(crec.acks.commits) / got["seconds"], 1),
            "commit_attempts": len(commits),
            "rate_409": round(moved / max(len(commits), 1), 3),
            "confirmation_latency": percentiles(got["confirm_latencies"]),
            "outcomes": got["outcomes"],
            "cpu": cpu,
        }
        console.print("each read alone, unloaded")
        results["unloaded"] = _unloaded(server.base, tokens, args.unloaded_rounds)
    finally:
        server.stop()
    results["ledger_verify"] = _verify_cli(server, url)
    acks = rec.acks
    acks.commits += crec.acks.commits
    results["acknowledged"] = acknowledged_in_log(url, acks)
    return results


def _table(results: dict[str, Any]) -> None:
    table = Table("phase", "kind", "n", "p50 ms", "p95 ms", "p99 ms", "max ms", "errors")
    for phase in ("mixed", "confirmers"):
        r = results[phase]
        rows = [("all", r["all"]), ("reads", r["reads"]), ("writes", r["writes"])]
        rows += list(r["kinds"].items())
        for kind, p in rows:
            if p.get("n"):
                errors = str(p.get("errors", r["errors"] if kind == "all" else ""))
                table.add_row(
                    phase,
                    kind,
                    str(p["n"]),
                    str(p["p50_ms"]),
                    str(p["p95_ms"]),
                    str(p["p99_ms"]),
                    str(p["max_ms"]),
                    errors,
                )
    for kind, p in results["unloaded"].items():
        table.add_row(
            "unloaded",
            kind,
            str(p["n"]),
            str(p["p50_ms"]),
            str(p["p95_ms"]),
            str(p["p99_ms"]),
            str(p["max_ms"]),
            "",
        )
    console.print(table)
    m, c = results["mixed"], results["confirmers"]
    console.print(
        f"mixed: offered {m['offered_rate']}/s, sent {m['issued_rate']}/s, answered "
        f"{m['achieved_rate']}/s over {m['seconds']:.1f} s; errors {m['errors']}, expected 4xx "
        f"{m['expected_4xx']}, unexpected 4xx {m['unexpected_4xx']}; CPU {m['cpu']}"
    )
    console.print(
        f"confirmers: {c['commits']} commits in {c['seconds']:.1f} s = {c['commits_per_s']}/s, "
        f"409 on {c['rate_409']:.1%} of commits; CPU {c['cpu']}"
    )
    v, a = results["ledger_verify"], results["acknowledged"]
    console.print(f"parley ledger verify: exit {v['returncode']}: {v['output'][-200:]}")
    console.print(f"acknowledged writes in the log: {a}")


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(description="The shared service under load.")
    parser.add_argument("--workers", type=int, default=4)
    parser.add_argument("--rate", type=float, default=200.0, help="requests a second offered")
    parser.add_argument("--seconds", type=float, default=60.0)
    parser.add_argument("--confirmers", type=int, default=16)
    parser.add_argument("--confirm-stages", type=int, default=40)
    parser.add_argument("--connections", type=int, default=512)
    parser.add_argument("--unloaded-rounds", type=int, default=20)
    parser.add_argument("--seed", type=int, default=1)
    parser.add_argument("--pg-url", help="a PostgreSQL URL (default: start a throwaway server)")
    parser.add_argument("--out", type=Path, help="results file (default: results/server-DATE)")
    args = parser.parse_args(argv)
    with tempfile.TemporaryDirectory() as folder, _postgres(args.pg_url) as url:
        results = run(args, url, Path(folder))
    _table(results)
    ok = results["ledger_verify"]["returncode"] == 0 and results["acknowledged"]["all_found"]
    results["ok"] = ok
    path = args.out or RESULTS / f"server-{date.today().isoformat()}.json"
    path.parent.mkdir(exist_ok=True)
    path.write_text(json.dumps(results, indent=2, default=str) + "\n", encoding="utf-8")
    console.print(f"Results written to {path}")
    return 0 if ok else 1


if __name__ == "__main__":
    sys.exit(main())
