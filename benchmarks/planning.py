"""Planning benchmark: `make bench-planning`.

    .venv/bin/python -m benchmarks.planning [--per-side 100000] [--naive 250 --naive 1000 ...]

End to end, on generated files of `--per-side` persons held by each party, under the six
overlapping clauses and ten stages of benchmarks/planning_agreement.yaml: `parley plan` as a
user types it (a child process: read the agreement and both held files, plan, check every rule,
write plan.json, print the summary) and, in the same run, the reference design of issue 12
(benchmarks/planning_reference.py: pandas, the same aggregate MILP, individuals by rank,
json.dumps, no rule checked). The two alternate, `--repeat` times each (default 5); the fastest
of each counts, and every run is kept. Targets: Parley within 0.8 × the reference's time,
under 3 s and 1 GB peak RSS on 2 cores, and both plans the same. Beside it, the naive model (a
binary variable per person, clause and stage) on sizes it can finish, with Parley's aggregate
model on the same persons: seconds and whether both reach the same objective.
"""

from __future__ import annotations

import argparse
import json
import os
import platform
import re
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
ROOT = Path(__file__).resolve().parents[1]
RESULTS = Path(__file__).parent / "results"
TARGET_SECONDS, TARGET_MB, TARGET_RATIO = 3.0, 1024, 0.8


def _timed(command: list[str], log: Path) -> tuple[float, float]:
    """Wall seconds and peak RSS (MB: the largest process, the child or a helper it forks)
    of one command; its output goes to `log`.
    """
    with log.open("w") as out:
        start = time.perf_counter()
        child = subprocess.Popen(command, stdout=out, stderr=subprocess.STDOUT, cwd=ROOT)
        _, status, usage = os.wait4(child.pid, 0)
        wall = time.perf_counter() - start
    child.returncode = os.waitstatus_to_exitcode(status)
    if child.returncode:
        raise RuntimeError(f"{command[0]} failed:\n{log.read_text()}")
    return wall, usage.ru_maxrss / 1024


def _commands(folder: Path) -> dict[str, list[str]]:
    held = [f"RU={folder / 'ru_held.csv'}", f"UA={folder / 'ua_held.csv'}"]
    parley = [sys.executable, "-m", "parley", "plan", str(AGREEMENT)]
    for option in held:
        parley += ["--held", option]
    return {
        "parley": [*parley, "--out", str(folder / "plan.json")],
        "reference": [sys.executable, "-m", "benchmarks.planning_reference", str(AGREEMENT),
                      *held, str(folder / "reference.json")],
    }  # fmt: skip


def _without_time(path: Path) -> str:
    return re.sub(r'"solve_seconds":[0-9.e-]+', '"solve_seconds":0', path.read_text("utf-8"))


def end_to_end(per_side: int, seed: int, repeat: int) -> dict[str, Any]:
    """Parley and the reference, alternately, `repeat` times each (the machine is shared):
    the fastest of each, every wall time, and whether they wrote the same plan.
    """
    walls: dict[str, list[float]] = {"parley": [], "reference": []}
    rss: dict[str, float] = {"parley": 0.0, "reference": 0.0}
    with tempfile.TemporaryDirectory(prefix="parley-plan-") as name:
        folder = Path(name)
        for party in ("RU", "UA"):
            write_held(synth_held(party, per_side, seed), folder / f"{party.lower()}_held.csv")
        for _ in range(max(repeat, 1)):
            for which, command in _commands(folder).items():
                wall, peak = _timed(command, folder / f"{which}.log")
                walls[which].append(wall)
                rss[which] = max(rss[which], peak)
        facts: dict[str, Any] = json.loads((folder / "plan.json").read_text("utf-8"))
        same = _without_time(folder / "plan.json") == _without_time(folder / "reference.json")
        reference_facts = json.loads((folder / "reference.log").read_text().splitlines()[-1])
        plan_mb = (folder / "plan.json").stat().st_size / 2**20
    pairs = [p / r for p, r in zip(walls["parley"], walls["reference"], strict=True)]
    return {
        "persons": 2 * per_side,
        "per_side": per_side,
        "status": facts["status"],
        "solve_seconds": facts["solve_seconds"],
        "priority_released": facts["objective"]["priority_released"],
        "total_released": facts["objective"]["total_released"],
        "plan_json_mb": plan_mb,
        "wall_seconds": min(walls["parley"]),
        "wall_seconds_all": walls["parley"],
        "peak_rss_mb": rss["parley"],
        "reference": {
            "wall_seconds": min(walls["reference"]),
            "wall_seconds_all": walls["reference"],
            "peak_rss_mb": rss["reference"],
            "solve_seconds": reference_facts["solve_seconds"],
        },
        # Fastest against fastest; and each run against the reference run just after it.
        "ratio": min(walls["parley"]) / min(walls["reference"]),
        "ratio_per_pair": pairs,
        "same_plan": same,
    }


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


def _new_result(stem: str) -> Path:
    """A results file no earlier run of the day wrote: runs on a shared machine are compared."""
    path, n = RESULTS / f"{stem}.json", 1
    while path.exists():
        n += 1
        path = RESULTS / f"{stem}-{n}.json"
    return path


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(
        description="Parley's planner: end to end and against a naive MILP."
    )
    parser.add_argument("--per-side", type=int, default=100_000)
    parser.add_argument("--naive", type=int, action="append", help="per-side sizes; repeatable")
    parser.add_argument("--naive-time-limit", type=float, default=120.0)
    parser.add_argument("--seed", type=int, default=1)
    parser.add_argument(
        "--repeat", type=int, default=5, help="end-to-end runs of each; the fastest counts"
    )
    args = parser.parse_args(argv)
    print(f"end to end, {args.per_side:,} held per side: parley plan and the reference ...")
    run = end_to_end(args.per_side, args.seed, args.repeat)
    ref = run["reference"]

    def walls(seconds: list[float]) -> str:
        return ", ".join(f"{w:.2f}" for w in seconds)

    print(
        f"  {run['status']}, {run['total_released']:,} released ({run['priority_released']:,} "
        f"priority), plan.json {run['plan_json_mb']:.1f} MB, same plan as the reference: "
        f"{run['same_plan']}\n"
        f"  parley plan: {run['wall_seconds']:.2f} s, fastest of {walls(run['wall_seconds_all'])}"
        f"; solver {run['solve_seconds']:.3f} s; peak RSS {run['peak_rss_mb']:.0f} MB\n"
        f"  reference:   {ref['wall_seconds']:.2f} s, fastest of {walls(ref['wall_seconds_all'])}"
        f"; solver {ref['solve_seconds']:.3f} s; peak RSS {ref['peak_rss_mb']:.0f} MB\n"
        f"  ratio {run['ratio']:.2f} (target <= {TARGET_RATIO}); run by run "
        f"{walls(run['ratio_per_pair'])}; targets also < {TARGET_SECONDS} s, < {TARGET_MB} MB"
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
    met = (
        run["ratio"] <= TARGET_RATIO
        and run["same_plan"]
        and run["wall_seconds"] < TARGET_SECONDS
        and run["peak_rss_mb"] < TARGET_MB
    )
    print("Targets met." if met else "Targets NOT met.")
    RESULTS.mkdir(exist_ok=True)
    path = _new_result(f"planning-{date.today().isoformat()}")
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
