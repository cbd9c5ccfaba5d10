"""Render a report as plain text for terminals and pipes: the same story as the HTML page, in the
same number formats, without colour (a status is always spelled out in brackets).
"""

from __future__ import annotations

import textwrap
from collections.abc import Mapping
from typing import Any

from parley.reports import formatting as fmt

WIDTH = 100


def _wrap(text: str, indent: str = "  ") -> list[str]:
    # "≥ 1,211" must not break after "≥": the no-break space is not a break point for textwrap.
    glued = text.replace("≥ ", "≥\u00a0")
    lines = textwrap.wrap(glued, WIDTH, initial_indent=indent, subsequent_indent=indent)
    return [line.replace("≥\u00a0", "≥ ") for line in lines] or [indent]


def _heading(title: str) -> list[str]:
    return ["", title.upper(), "-" * len(title)]


def _table(
    header: list[str], rows: list[list[str]], right: set[int], indent: str = "  "
) -> list[str]:
    """Columns padded to their widest cell; numeric columns right-aligned."""
    widths = [max(len(row[i]) for row in [header, *rows]) for i in range(len(header))]

    def line(row: list[str]) -> str:
        cells = [
            cell.rjust(width) if i in right else cell.ljust(width)
            for i, (cell, width) in enumerate(zip(row, widths, strict=True))
        ]
        return (indent + "  ".join(cells)).rstrip()

    return [line(header), indent + "  ".join("-" * w for w in widths), *map(line, rows)]


def _rounds(report: Mapping[str, Any], parties: dict[str, str]) -> list[str]:
    mediators = fmt.names(report.get("mediators"))
    out = _heading("Rounds")
    rounds = sorted(report.get("rounds") or [], key=lambda r: r.get("date") or "")
    if not rounds:
        return [*out, "  No rounds in this report."]
    for rnd in rounds:
        mediator = rnd.get("mediator")
        facts = [
            f"Round {rnd.get('number') or '?'}",
            fmt.fmt_date(rnd.get("date")),
            rnd.get("venue") or "venue not named",
            f"mediator {mediators.get(mediator, mediator) if mediator else 'not named'}",
            fmt.fmt_duration(rnd.get("duration_minutes"), rnd.get("duration_qualifier")),
        ]
        out += ["", "  " + " · ".join(facts)]
        for d in rnd.get("delegations") or []:
            people = [d.get("head") or {}, *(d.get("members") or [])]
            named = [
                f"{p.get('name')}" + (f" ({p['role']})" if p.get("role") else "")
                for p in people
                if p.get("name")
            ]
            party = parties.get(d.get("party"), d.get("party") or "?")
            out += _wrap(f"{party}: {'; '.join(named) or 'no one named'}", "    ")
        for outcome in rnd.get("outcomes") or []:
            out += _wrap(f"Outcome: {outcome}", "    ")
        for s in rnd.get("stalled") or []:
            party = parties.get(s.get("party"), s.get("party") or "?")
            out += _wrap(f"Stalled: {party} {s.get('position') or ''}", "    ")
    return out


def _tallies(report: Mapping[str, Any], parties: dict[str, str]) -> list[str]:
    """Each side's totals; where anything is confirmed in Parley, the two parts under them."""
    tallies = report.get("tallies") or {}
    received, totals = tallies.get("received_by") or {}, tallies.get("total_received_by") or {}
    out = _heading("Received per side")
    if not parties:
        return [*out, "  No parties in this report."]
    header = ["received by", *(fmt.category_label(c) for c in fmt.CATEGORIES), "in all"]
    split = any(fmt.confirmed_of(cell) for cell in totals.values())
    rows = []
    for code, name in parties.items():
        cells = [(received.get(code) or {}).get(c) for c in fmt.CATEGORIES] + [totals.get(code)]
        rows.append([name, *(fmt.fmt_interval(cell) for cell in cells)])
        if split:
            rows.append(
                ["  confirmed in Parley", *(fmt.fmt_int(fmt.confirmed_of(c)) for c in cells)]
            )
            rows.append(
                ["  public record", *(fmt.fmt_interval((c or {}).get("reported")) for c in cells)]
            )
    out += _table(header, rows, right=set(range(1, len(header))))
    for sender, receiver, n, waiting in fmt.pending_by_direction(report):
        out += _wrap(
            f"pending, not counted: {fmt.direction(parties, sender, receiver)} {fmt.fmt_int(n)} "
            f"handed over, waiting for {', '.join(waiting)}"
        )
    return out


def _fulfilment(report: Mapping[str, Any], parties: dict[str, str]) -> list[str]:
    out = _heading("Fulfilment of the agreements")
    entries = report.get("fulfilment") or []
    if not entries:
        return [*out, "  No fulfilment in this report."]
    agreements = {a.get("id"): a for a in report.get("agreements") or []}
    rounds = {r["id"]: r for r in report.get("rounds") or [] if r.get("id")}
    for agreement_id in dict.fromkeys(f.get("agreement") for f in entries):
        agreement = agreements.get(agreement_id) or {}
        rnd = rounds.get(agreement.get("round"))
        when = (
            f" (Round {rnd.get('number') or '?'}, {fmt.fmt_date(rnd.get('date'))})" if rnd else ""
        )
        clauses = {
            c.get("id"): c.get("title") or c.get("id") for c in agreement.get("clauses") or []
        }
        mine = [f for f in entries if f.get("agreement") == agreement_id]
        rows = [
            [
                fmt.direction(parties, f.get("from"), f.get("to")),
                fmt.fmt_target(f.get("target")),
                fmt.marked(f.get("delivered")),
                f"[{fmt.status_label(f.get('status'))}]",
            ]
            for f in mine
        ]
        out += ["", f"  {agreement.get('title') or agreement_id or '?'}{when}"]
        table = _table(["direction", "target", "delivered", "status"], rows, {1, 2}, "      ")
        out += table[:2]
        for n, (f, line) in enumerate(zip(mine, table[2:], strict=True)):
            if n == 0 or f.get("clauses") != mine[n - 1].get("clauses"):
                titles = [clauses.get(c) or c for c in f.get("clauses") or []]
                out += _wrap("; ".join(titles) or "all clauses", "    ")
            out.append(line)
    return out


def _claims(report: Mapping[str, Any], parties: dict[str, str]) -> list[str]:
    out = _heading("Claims checked against the record")
    claims = report.get("claims") or []
    if not claims:
        return [*out, "  No claims in this report."]
    for c in claims:
        said = f", {fmt.fmt_date(c['said_on'])}" if c.get("said_on") else ""
        party = parties.get(c.get("party"), c.get("party") or "?")
        speaker = c.get("speaker") or "unknown speaker"
        about = f"{fmt.category_label(c.get('category'))} returned to {party}"
        out += ["", f"  [{fmt.status_label(c.get('status'))}] {speaker}{said}: {about}"]
        if c.get("quote"):
            out += _wrap(f"“{c['quote']}”", "      ")
        if c.get("note"):
            out += _wrap(f"note: {c['note']}", "      ")
        out.append(
            f"      claimed {fmt.fmt_claimed(c.get('claimed'), c.get('qualifier'))}"
            + (
                f" (read as {fmt.fmt_interval(c.get('claimed_interval'))})"
                if c.get("qualifier") not in (None, "exact")
                else ""
            )
            + f", recorded {fmt.marked(c.get('recorded'))}"
        )
        stages = c.get("stages") or []
        out += _wrap(f"stages: {', '.join(stages) if stages else 'none'}", "      ")
        for gap in c.get("missing") or []:
            out += _wrap(f"missing: {gap}", "      ")
    return out


def _stages(report: Mapping[str, Any], parties: dict[str, str]) -> list[str]:
    stages = sorted(report.get("stages") or [], key=lambda s: s.get("date") or "")
    out = _heading(f"Stages ({len(stages)})")
    if not stages:
        return [*out, "  No stages in this report."]
    for s in stages:
        moves = [
            f"{parties.get(t.get('from'), t.get('from') or '?')} → "
            f"{parties.get(t.get('to'), t.get('to') or '?')} {fmt.fmt_interval(t.get('count'))} "
            + " and ".join(fmt.category_label(k) for k in t.get("categories") or [])
            for t in s.get("transfers") or []
        ]
        line = f"{fmt.fmt_date(s.get('date'))} ({s.get('agreement') or 'no agreement'}): "
        out += _wrap(line + ("; ".join(moves) or "no transfers recorded"), "  ")
    return out


def render_text(report: Mapping[str, Any]) -> str:
    """The report as plain text, ending with a newline."""
    parties = fmt.names(report.get("parties"))
    scenario = report.get("scenario") or {}
    record = report.get("record") or {}
    title = f"Parley — {scenario.get('title') or 'exchange report'}"
    until = record.get("covers_until")
    meta = (
        f"Generated {fmt.fmt_datetime(report.get('generated_at'))} · record "
        + (f"covers until {fmt.fmt_date(until)}" if until else "end date unknown")
        + (" (verified)" if record.get("verified") else " (not verified)")
    )
    lines = [title, "=" * len(title), meta, "", *_wrap(fmt.summary_sentence(report), "")]
    for section in (_rounds, _tallies, _fulfilment, _claims, _stages, _ledger):
        lines += section(report, parties)
    return "\n".join(lines) + "\n"


def _ledger(report: Mapping[str, Any], parties: Mapping[str, str]) -> list[str]:
    """The ledger's handovers: the confirmed ones are counted above, the pending ones never."""
    ledger = report.get("ledger")
    if not ledger:
        return []
    if not ledger.get("verified"):
        return ["", "Ledger", "------", f"NOT verified: {ledger.get('problem')}"]
    head = ledger.get("head") or {}
    lines = ["", "Ledger: confirmed handovers", "---------------------------"]
    lines.append(f"verified; head {head.get('seq')}:{head.get('hash')}")
    for row in ledger.get("confirmed", []):
        lines.append(f"  {row['from']}→{row['to']} {row['category']}: {row['count']:,} confirmed")
    if not ledger.get("confirmed"):
        lines.append("  no handover confirmed by sender, receiver and mediator yet")
    for row in ledger.get("pending", []):
        waiting = ", ".join(row["waiting_for"])
        lines.append(
            f"  pending: stage {row['stage']} {row['from']}→{row['to']} {row['category']} "
            f"{row['count']:,}, waiting for {waiting}"
        )
    return lines
