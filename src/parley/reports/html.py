"""Render a report (the JSON-compatible dict of `parley.reports.build`) as one self-contained HTML
page: inline CSS and SVG, no network, readable when printed.

This module turns the report into a view (names resolved, charts drawn, sentences composed) and
leaves the layout to the Jinja template, which escapes every text it is given.
"""

from __future__ import annotations

from collections.abc import Mapping
from functools import cache
from typing import Any

import jinja2

from parley.reports import charts
from parley.reports import formatting as fmt

TEMPLATE = "report.html.j2"
# Status → CSS tone and a symbol, so that the status never rests on colour alone.
TONES: dict[str, tuple[str, str]] = {
    "consistent": ("ok", "✓"),
    "inconsistent": ("bad", "✗"),
    "undetermined": ("warn", "?"),
    "met": ("ok", "✓"),
    "short": ("bad", "✗"),
    "open": ("warn", "◐"),
    "no_target": ("none", "–"),
}


@cache
def _environment() -> jinja2.Environment:
    env = jinja2.Environment(
        loader=jinja2.PackageLoader("parley.reports", "templates"),
        autoescape=True,
        trim_blocks=True,
        lstrip_blocks=True,
        undefined=jinja2.ChainableUndefined,  # a missing optional field renders empty
    )
    install_formatting(env)
    return env


def install_formatting(env: jinja2.Environment) -> None:
    """The report's filters (intervals, counts, dates, labels) and status tones, for any
    template that shows the report's figures (the service's pages too).
    """
    env.filters.update(
        interval=fmt.fmt_interval,
        int=fmt.fmt_int,
        date=fmt.fmt_date,
        datetime=fmt.fmt_datetime,
        claimed=fmt.fmt_claimed,
        target=fmt.fmt_target,
        duration=fmt.fmt_duration,
        category=fmt.category_label,
        status=fmt.status_label,
        sources=fmt.fmt_sources,
        confirmed=fmt.confirmed_of,
    )
    env.globals["tone"] = lambda status: TONES.get(status or "", ("none", "–"))


def render_html(report: Mapping[str, Any]) -> str:
    """The whole report as one HTML document."""
    return _environment().get_template(TEMPLATE).render(**view(report))


def _transfers(stage: Mapping[str, Any], parties: dict[str, str]) -> list[dict[str, str]]:
    """The stage's transfers; a 1:1 pair (same people, same count, both ways) is one line."""
    items, paired, out = list(stage.get("transfers") or []), set[int](), []
    for i, t in enumerate(items):
        if i in paired:
            continue
        twin = next(
            (
                j
                for j in range(i + 1, len(items))
                if j not in paired
                and (items[j].get("from"), items[j].get("to")) == (t.get("to"), t.get("from"))
                and all(items[j].get(k) == t.get(k) for k in ("categories", "count", "note"))
            ),
            None,
        )
        cats = " and ".join(fmt.category_label(c) for c in t.get("categories") or []) or "persons"
        direction = fmt.direction(parties, t.get("from"), t.get("to"))
        if twin is not None:
            paired.add(twin)
            direction, cats = direction.replace(" → ", " ⇄ "), f"{cats} each way"
        out.append(
            {
                "direction": direction,
                "count": fmt.fmt_interval(t.get("count")),
                "kind": fmt.interval_kind(t.get("count")),
                "what": cats,
                "note": t.get("note") or "",
            }
        )
    return out


def _agreements(report: Mapping[str, Any], parties: dict[str, str]) -> list[dict[str, Any]]:
    known = {a.get("id"): a for a in report.get("agreements") or []}
    rounds = {r["id"]: r for r in report.get("rounds") or [] if r.get("id")}
    order = list(known) + [f.get("agreement") for f in report.get("fulfilment") or []]
    index = {code: i for i, code in enumerate(parties)}
    out: list[dict[str, Any]] = []
    for agreement_id in dict.fromkeys(order):
        agreement = known.get(agreement_id) or {"id": agreement_id, "clauses": []}
        clauses = {c.get("id"): c for c in agreement.get("clauses") or []}
        rnd = rounds.get(agreement.get("round")) or {}
        rows: list[dict[str, Any]] = []
        for n, f in enumerate(report.get("fulfilment") or []):
            if f.get("agreement") != agreement_id:
                continue
            titles = [(clauses.get(c) or {}).get("title") or c for c in f.get("clauses") or []]
            color = charts.party_color(index.get(f.get("to"), 0))
            rows.append(
                {
                    **f,
                    "clause_titles": "; ".join(titles) or "all clauses",
                    "first": not rows or rows[-1].get("clauses") != f.get("clauses"),
                    "direction": fmt.direction(parties, f.get("from"), f.get("to")),
                    "svg": charts.progress_svg(
                        f.get("target"), f.get("delivered"), color, f"fu-{len(out)}-{n}"
                    ),
                }
            )
        out.append(
            {
                **agreement,
                "round_label": f"Round {rnd.get('number') or '?'} · {fmt.fmt_date(rnd.get('date'))}"
                if rnd
                else "",
                "clause_list": [
                    {**c, "eligibility_text": fmt.eligibility_text(c.get("eligibility"))}
                    for c in clauses.values()
                ],
                "rows": rows,
            }
        )
    return out


def view(report: Mapping[str, Any]) -> dict[str, Any]:
    """Everything the template shows, resolved and pre-formatted where Python does it better."""
    parties = fmt.names(report.get("parties"))
    mediators = fmt.names(report.get("mediators"))
    index = {code: i for i, code in enumerate(parties)}
    scenario = report.get("scenario") or {}
    tallies = report.get("tallies") or {}
    received, totals = tallies.get("received_by") or {}, tallies.get("total_received_by") or {}
    sides = [
        {
            "code": code,
            "name": name,
            "color": charts.party_color(index[code]),
            "total": totals.get(code),
            "categories": [(cat, (received.get(code) or {}).get(cat)) for cat in fmt.CATEGORIES],
        }
        for code, name in parties.items()
    ]
    claims = [
        {
            **claim,
            "party_name": parties.get(claim.get("party"), claim.get("party") or ""),
            "svg": charts.claim_svg(
                claim, charts.party_color(index.get(claim.get("party"), 0)), f"cl-{n}"
            ),
        }
        for n, claim in enumerate(report.get("claims") or [])
    ]
    agreement_titles = {a.get("id"): a.get("title") for a in report.get("agreements") or []}
    stages = [
        {
            **stage,
            "agreement_title": agreement_titles.get(stage.get("agreement")) or "",
            "transfer_rows": _transfers(stage, parties),
            "kind": "remains"
            if any("remains" in (t.get("categories") or []) for t in stage.get("transfers") or [])
            else "living",
        }
        for stage in sorted(report.get("stages") or [], key=lambda s: s.get("date") or "")
    ]
    return {
        "title": f"Parley — {scenario.get('title') or 'exchange report'}",
        "report": report,
        "scenario": scenario,
        "record": report.get("record") or {},
        "parties": parties,
        "mediators": mediators,
        "summary": fmt.summary_sentence(report),
        "sides": sides,
        "pending": [
            {"direction": fmt.direction(parties, a, b), "count": n, "waiting_for": w}
            for a, b, n, w in fmt.pending_by_direction(report)
        ],
        "timeline_svg": charts.timeline_svg(report),
        "living_svg": charts.returns_svg(
            report, ("serviceman", "civilian"), "Living persons received, per side", "rl"
        ),
        "remains_svg": charts.returns_svg(
            report, ("remains",), "Remains of the fallen received, per side", "rr"
        ),
        "agreements": _agreements(report, parties),
        "claims": claims,
        "rounds": sorted(report.get("rounds") or [], key=lambda r: r.get("date") or ""),
        "stages": stages,
        "ledger": report.get("ledger") or {},
        "party_colors": {code: charts.party_color(i) for code, i in index.items()},
    }
