"""Figures of the server benchmark: latency percentiles by kind, errors, CPU by process group,
and the acknowledged writes looked up in the log.
"""

from __future__ import annotations

import os
import time
from collections import Counter
from collections.abc import Iterable
from typing import Any

import psutil

from benchmarks.server_load import EXPECTED, Acks, Sample
from parley.store import Store


def percentiles(values: Iterable[float]) -> dict[str, float | int]:
    ordered = sorted(values)
    if not ordered:
        return {"n": 0}

    def at(q: float) -> float:
        return round(ordered[min(len(ordered) - 1, int(q * len(ordered)))] * 1000, 2)

    mean = round(sum(ordered) / len(ordered) * 1000, 2)
    return {
        "n": len(ordered),
        "p50_ms": at(0.50),
        "p95_ms": at(0.95),
        "p99_ms": at(0.99),
        "max_ms": round(ordered[-1] * 1000, 2),
        "mean_ms": mean,
    }


def is_error(s: Sample) -> bool:
    return s.status is None or s.status >= 500


def is_expected(s: Sample) -> bool:
    return s.status is not None and s.status in EXPECTED.get(s.kind, set())


def is_unexpected_4xx(s: Sample) -> bool:
    return s.status is not None and 400 <= s.status < 500 and not is_expected(s)


def summary(samples: list[Sample]) -> dict[str, Any]:
    """Latency overall, for reads and writes and per kind; errors and expected 4xx apart."""
    out: dict[str, Any] = {"requests": len(samples)}
    for name, chosen in (
        ("all", samples),
        ("reads", [s for s in samples if s.group == "read"]),
        ("writes", [s for s in samples if s.group == "write"]),
    ):
        out[name] = percentiles(s.seconds for s in chosen)
    out["errors"] = sum(map(is_error, samples))
    out["expected_4xx"] = sum(map(is_expected, samples))
    out["unexpected_4xx"] = sum(map(is_unexpected_4xx, samples))
    out["send_lag"] = percentiles(s.lag for s in samples if s.lag)
    kinds: dict[str, Any] = {}
    for kind in sorted({s.kind for s in samples}):
        mine = [s for s in samples if s.kind == kind]
        kinds[kind] = percentiles(s.seconds for s in mine) | {
            "statuses": dict(Counter(str(s.status) for s in mine)),
            "errors": sum(map(is_error, mine)),
        }
    out["kinds"] = kinds
    odd = [s for s in samples if is_error(s) or is_unexpected_4xx(s)]
    out["error_examples"] = [f"{s.kind} {s.status}: {s.error}" for s in odd[:10]]
    return out


class CpuMeter:
    """CPU seconds used by the server's processes, PostgreSQL's, ours, and the whole machine,
    between start() and stop(), as cores busy on average (1.0 = one CPU all the time).
    """

    def __init__(self, server_pid: int, pg_port: int | None) -> None:
        self.server_pid, self.pg_port = server_pid, pg_port

    def _groups(self) -> dict[str, list[psutil.Process]]:
        groups: dict[str, list[psutil.Process]] = {"server": [], "postgresql": [], "load": []}
        try:
            server = psutil.Process(self.server_pid)
            groups["server"] = [server, *server.children(recursive=True)]
        except psutil.NoSuchProcess:
            pass
        groups["load"] = [psutil.Process(os.getpid())]
        listening = [
            c.pid
            for c in psutil.net_connections("tcp")
            if c.status == psutil.CONN_LISTEN and c.laddr and c.laddr.port == self.pg_port
        ]
        if listening and listening[0] is not None:  # the postmaster, and its backends
            postmaster = psutil.Process(listening[0])
            groups["postgresql"] = [postmaster, *postmaster.children(recursive=True)]
        return groups

    @staticmethod
    def _times(procs: list[psutil.Process]) -> dict[int, float]:
        out = {}
        for p in procs:
            try:
                t = p.cpu_times()
                out[p.pid] = t.user + t.system
            except psutil.Error:
                continue
        return out

    def start(self) -> None:
        self.began = time.monotonic()
        self.machine = psutil.cpu_times()
        self.before = {g: self._times(ps) for g, ps in self._groups().items()}

    def stop(self) -> dict[str, float]:
        wall = time.monotonic() - self.began
        after = {g: self._times(ps) for g, ps in self._groups().items()}
        busy = {}
        for group, times in after.items():
            used = sum(t - self.before[group].get(pid, 0.0) for pid, t in times.items())
            busy[f"{group}_cores"] = round(used / wall, 2)
        now = psutil.cpu_times()
        total = sum(now) - sum(self.machine)
        idle = (now.idle + getattr(now, "iowait", 0.0)) - (
            self.machine.idle + getattr(self.machine, "iowait", 0.0)
        )
        cpus = psutil.cpu_count() or 1
        busy["machine_cores"] = round((total - idle) / max(total, 1e-9) * cpus, 2)
        busy["cpus"] = cpus
        busy["other_cores"] = round(
            busy["machine_cores"] - sum(busy[f"{g}_cores"] for g in after), 2
        )
        return busy


def acknowledged_in_log(url: str, acks: Acks) -> dict[str, Any]:
    """Each write the server answered 200 to, looked up in the log: commits by seq and hash,
    uploads by their persons' facts, review decisions by their facts, disclosures by count.
    """
    entries = Store(url).entries()
    by_seq = {e.seq: e.hash for e in entries}
    keys = Counter(
        (e.type, str((e.private or {}).get("key"))) for e in entries if e.private is not None
    )
    commits_found = sum(1 for seq, digest in acks.commits if by_seq.get(seq) == digest)
    persons = [(party, i) for party, ids, _ in acks.uploads for i in ids]
    uploads_found = sum(
        1 for party, i in persons if keys[("person.recorded", f"request/{party}/{i}")]
    )
    reviews_found = sum(1 for k in acks.reviews if keys[("review.recorded", k)])
    disclosed = sum(n for (t, _), n in keys.items() if t == "disclosure.recorded")
    found = {
        "commits": {"acknowledged": len(acks.commits), "in_log": commits_found},
        "upload_persons": {
            "acknowledged": sum(n for _, _, n in acks.uploads),
            "sent": len(persons),
            "in_log": uploads_found,
        },
        "review_decisions": {"acknowledged": len(acks.reviews), "in_log": reviews_found},
        "disclosures": {"acknowledged": acks.disclosed, "in_log": disclosed},
        "entries": len(entries),
    }
    found["all_found"] = (
        commits_found == len(acks.commits)
        and uploads_found == len(persons) == sum(n for _, _, n in acks.uploads)
        and reviews_found == len(acks.reviews)
        and disclosed == acks.disclosed
    )
    return found
