"""Planning benchmark: `make bench-planning`.

    .venv/bin/python -m benchmarks.planning [--per-side 100000] [--naive 250 --naive 1000 ...]

End to end (a child process: read the agreement and both held files, plan, check every rule,
write plan.json; the fastest of `--repeat` runs, default 3), on generated files of
`--per-side` persons held by each party, under the six overlapping clauses and ten stages of
benchmarks/planning_agreement.yaml. Targets: under 3 s and 1 GB peak RSS on 2 cores. Beside
it, the naive model (a binary variable per person, clause and stage) on sizes it can finish,
with Parley's aggregate model on the same persons: seconds and whether both reach the same
objective.
"""

from __future__ import annotations

import argparse
import json
import platform
import resource
import subprocess
import sys
import tempfile
import time
from datetime import date
from pathlib import Path
from typing import Any

from parley.planning.held import HeldTable
from parley.planning.plan import make_plan
from parley.planning.terms import load_terms
from parley.synth.held import synth_held, write_held

AGREEMENT = Path(__file__).parent / "planning_agreement.yaml"
RESULTS = Path(__file__).parent / "results"
TARGET_SECONDS, TARGET_MB = 3.0, 1024


def child(folder: Path) -> None:
    from parley.planning.files import checked_plan_text, plan_from_files, write_plan

    terms, table, plan = plan_from_files(
        AGREEMENT, {"RU": folder / "ru_held.csv", "UA": folder / "ua_held.csv"}
    )
    write_plan(checked_plan_text(terms, table, plan), folder / "plan.json")
    facts = {"persons": len(table), "status": plan.status, "solve_seconds": plan.solve_seconds}
    facts |= {"priority_released": plan.priority_released, "total_released": plan.total_released}
    print(json.dumps(facts))


def end_to_end(per_side: int, seed: int, repeat: int) -> dict[str, Any]:
    """The fastest of `repeat` runs (the machine is shared), with every wall time kept."""
    walls = []
    with tempfile.TemporaryDirectory(prefix="parley-plan-") as name:
        folder = Path(name)
        for party in ("RU", "UA"):
            write_held(synth_held(party, per_side, seed), folder / f"{party.lower()}_held.csv")
        for _ in range(max(repeat, 1)):
            start = time.perf_counter()
            done = subprocess.run(
                [sys.executable, "-m", "benchmarks.planning", "--child", str(folder)],
                capture_output=True, text=True, check=True,
            )  # fmt: skip
            walls.append(time.perf_counter() - start)
        facts: dict[str, Any] = json.loads(done.stdout.strip().splitlines()[-1])
        facts["plan_json_mb"] = (folder / "plan.json").stat().st_size / 2**20
    facts.update(
        per_side=per_side,
        wall_seconds=min(walls),
        wall_seconds_all=walls,
        # The largest single process: the planner, or a helper it forks.
        peak_rss_mb=resource.getrusage(resource.RUSAGE_CHILDREN).ru_maxrss / 1024,
    )
    return facts


def against_naive(per_side: int, seed: int, time_limit: float) -> dict[str, Any]:
    from benchmarks.naive_plan import naive_plan

    terms = load_terms(AGREEMENT)
    table = HeldTable.of(synth_held("RU", per_side, seed) + synth_held("UA", per_side, seed))
    start = time.perf_counter()
    plan = make_plan(terms, table)
    ours = time.perf_counter() - start
    naive = naive_plan(terms, table, time_limit)
    same = naive["status"] == "optimal" and (
        naive["priority_released"],
        naive["total_released"],
    ) == (plan.priority_released, plan.total_released)
    return {
        "per_side": per_side,
        "parley_seconds": ours,
        "parley_objective": [plan.priority_released, plan.total_released],
        "naive": naive,
        "same_objective": same,
    }


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(
        description="Parley's planner: end to end and against a naive MILP."
    )
    parser.add_argument("--per-side", type=int, default=100_000)
    parser.add_argument("--naive", type=int, action="append", help="per-side sizes; repeatable")
    parser.add_argument("--naive-time-limit", type=float, default=120.0)
    parser.add_argument("--seed", type=int, default=1)
    parser.add_argument("--repeat", type=int, default=3, help="end-to-end runs; the fastest counts")
    parser.add_argument("--child", type=Path, help=argparse.SUPPRESS)
    args = parser.parse_args(argv)
    if args.child:
        child(args.child)
        return 0
    print(f"end to end, {args.per_side:,} held per side ...", flush=True)
    run = end_to_end(args.per_side, args.seed, args.repeat)
    print(
        f"  {run['status']}, {run['total_released']:,} released ({run['priority_released']:,} "
        f"priority): wall {run['wall_seconds']:.2f} s, fastest of "
        f"{', '.join(f'{w:.2f}' for w in run['wall_seconds_all'])} (target < {TARGET_SECONDS} s), "
        "solver "
        f"{run['solve_seconds']:.2f} s, peak RSS {run['peak_rss_mb']:.0f} MB "
        f"(target < {TARGET_MB}), "
        f"plan.json {run['plan_json_mb']:.1f} MB"
    )
    comparisons = []
    for size in args.naive or [250, 1000, 4000]:
        print(f"naive per-person MILP, {size:,} held per side ...", flush=True)
        row = against_naive(size, args.seed, args.naive_time_limit)
        naive = row["naive"]
        print(
            f"  variables {naive['variables']:,}: naive {naive['seconds']:.2f} s "
            f"({naive['status']}), "
            f"Parley {row['parley_seconds']:.2f} s, same objective: {row['same_objective']}"
        )
        comparisons.append(row)
    met = run["wall_seconds"] < TARGET_SECONDS and run["peak_rss_mb"] < TARGET_MB
    print("Targets met." if met else "Targets NOT met.")
    RESULTS.mkdir(exist_ok=True)
    path = RESULTS / f"planning-{date.today().isoformat()}.json"
    machine = {"python": platform.python_version(), "machine": platform.machine()}
    path.write_text(
        json.dumps(
            {"machine": machine, "end_to_end": run, "naive": comparisons, "met": met}, indent=2
        )
        + "\n",
        encoding="utf-8",
    )
    print(f"Results written to {path}")
    return 0


if __name__ == "__main__":
    sys.exit(main())
