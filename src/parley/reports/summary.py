"""A few lines for the terminal after the demo: the story in numbers."""

from __future__ import annotations

from typing import Any

STATUS_MARK = {"consistent": "✔", "inconsistent": "✘", "undetermined": "?"}
PLURAL = {"serviceman": "servicemen", "civilian": "civilians", "remains": "bodies"}
SAID = {"exact": "", "about": "about ", "at_least": "at least ", "at_most": "at most "}


def _interval(value: dict[str, Any]) -> str:
    low, high = value["min"], value["max"]
    if high is None:
        return f"≥ {low:,}"
    return f"{low:,}" if low == high else f"{low:,}–{high:,}"


def summary_text(report: dict[str, Any]) -> str:
    rounds = report["rounds"]
    lines = [
        f"{len(rounds)} rounds of talks ({', '.join(r['date'] for r in rounds)}), "
        f"{len(report['agreements'])} agreements, {len(report['stages'])} stages.",
    ]
    for party, per in report["tallies"]["received_by"].items():
        parts = ", ".join(f"{category} {_interval(v)}" for category, v in per.items())
        lines.append(f"Received by {party}: {parts}")
    statuses = [c["status"] for c in report["claims"]]
    counted = ", ".join(f"{statuses.count(s)} {s}" for s in STATUS_MARK if statuses.count(s))
    lines.append(f"{len(statuses)} claims checked: {counted}")
    for claim in report["claims"]:
        mark = STATUS_MARK[claim["status"]]
        claimed = f"{SAID[claim['qualifier']]}{claim['claimed']:,} {PLURAL[claim['category']]}"
        lines.append(
            f"  {mark} {claim['speaker'].split(',')[0]}: {claim['party']} received {claimed};"
            f" the record has {_interval(claim['recorded'])}: {claim['status']}"
        )
    return "\n".join(lines)
