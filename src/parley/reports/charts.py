"""Inline SVG charts of a report, as pure functions from report data to SVG strings.

The page must work offline and print, so charts are plain SVG drawn here rather than by a
JavaScript library. Every text that reaches the SVG is escaped here (the template inserts the
strings as they are). Uncertainty is drawn the same way everywhere: the known minimum solid, the
range up to the maximum hatched, an unbounded maximum as a fade with an arrow, and a count that
is not known at all as a dashed empty box, never as a zero.
"""

from __future__ import annotations

import html
from collections.abc import Iterable, Mapping, Sequence
from dataclasses import dataclass
from datetime import date
from typing import Any

from parley.reports import formatting as fmt

PARTY_COLORS = ("#6d3fa6", "#0b7285", "#a35200", "#4b5563")
INK, MUTED, GRID, TRACK = "#1f2933", "#6b7280", "#e5e7eb", "#eef0f3"
FADE = 34  # px an unbounded bar fades out beyond its known minimum
UNKNOWN_LEN = 24  # px of the dashed box standing for an unknown count
FONT = "system-ui, -apple-system, 'Segoe UI', Roboto, 'DejaVu Sans', sans-serif"
SMALL = {"font_size": 10, "fill": MUTED}


def party_color(index: int) -> str:
    return PARTY_COLORS[index % len(PARTY_COLORS)]


def _e(value: object) -> str:
    return html.escape(str(value), quote=True)


def _n(value: float) -> str:
    return f"{value:.1f}".rstrip("0").rstrip(".")


def _el(tag: str, text: str | None = None, **attrs: object) -> str:
    """One SVG element: `stroke_width=2` becomes stroke-width="2"; numbers are kept to 0.1 px."""
    parts = "".join(
        f' {key.replace("_", "-")}="{_n(v) if isinstance(v, int | float) else _e(v)}"'
        for key, v in attrs.items()
    )
    return f"<{tag}{parts}/>" if text is None else f"<{tag}{parts}>{_e(text)}</{tag}>"


def _group(transform: str, title: str, inner: str) -> str:
    return f'<g transform="{transform}"><title>{_e(title)}</title>{inner}</g>'


def _svg(width: float, height: float, title: str, body: str, prefix: str, fixed: bool) -> str:
    size = f'width="{_n(width)}" height="{_n(height)}"' if fixed else 'width="100%"'
    return (
        f'<svg xmlns="http://www.w3.org/2000/svg" viewBox="0 0 {_n(width)} {_n(height)}" {size} '
        f'role="img" aria-labelledby="{prefix}-t" font-family="{_e(FONT)}" font-size="12">'
        f'<title id="{prefix}-t">{_e(title)}</title>{body}</svg>'
    )


class _Defs:
    """Hatch patterns and fades, one per colour, with ids unique under the chart's prefix."""

    def __init__(self, prefix: str) -> None:
        self.prefix, self.ids, self.parts = prefix, dict[str, str](), list[str]()

    def _ref(self, key: str, make: str) -> str:
        if key not in self.ids:
            self.ids[key] = f"{self.prefix}-d{len(self.ids)}"
            self.parts.append(make.replace("ID", self.ids[key]))
        return f"url(#{self.ids[key]})"

    def hatch(self, color: str) -> str:
        return self._ref(
            "h" + color,
            '<pattern id="ID" width="6" height="6" patternUnits="userSpaceOnUse" '
            'patternTransform="rotate(45)">'
            + _el("rect", width=6, height=6, fill=color, fill_opacity=0.15)
            + _el("rect", width=2.4, height=6, fill=color, fill_opacity=0.7)
            + "</pattern>",
        )

    def fade(self, color: str) -> str:
        return self._ref(
            "f" + color,
            '<linearGradient id="ID">'
            + _el("stop", offset=0, stop_color=color, stop_opacity=0.6)
            + _el("stop", offset=1, stop_color=color, stop_opacity=0)
            + "</linearGradient>",
        )

    def render(self) -> str:
        return f"<defs>{''.join(self.parts)}</defs>" if self.parts else ""


def _bar(interval: Any, scale: float, thick: float, color: str, defs: _Defs) -> tuple[str, float]:
    """A bar from x=0 along +x centred on y=0 (rotate it for columns); returns (svg, end x)."""
    low, high = fmt.bounds(interval)
    y = -thick / 2
    if fmt.interval_kind(interval) == "unknown":
        box = _el("rect", x=0, y=y, width=UNKNOWN_LEN, height=thick, fill="#fff", stroke=color,
                  fill_opacity=0.6, stroke_width=1.3, stroke_dasharray="3 2")  # fmt: skip
        return box, UNKNOWN_LEN
    solid = low * scale
    out = [_el("rect", x=0, y=y, width=solid, height=thick, fill=color)] if solid > 0 else []
    if high is None:
        tip = solid + FADE
        out.append(_el("rect", x=solid, y=y, width=FADE, height=thick, fill=defs.fade(color)))
        arrow = f"M{_n(tip - 6)},{_n(y - 2)} L{_n(tip)},0 L{_n(tip - 6)},{_n(-y + 2)}"
        out.append(_el("path", d=arrow, fill="none", stroke=color, stroke_width=1.6))
        return "".join(out), tip
    if high > low:
        width = (high - low) * scale
        out.append(_el("rect", x=solid, y=y, width=width, height=thick, fill=defs.hatch(color),
                       stroke=color, stroke_width=0.6))  # fmt: skip
    return "".join(out), high * scale


def _known_max(intervals: Iterable[Any]) -> int:
    """The largest number an axis must show: each interval's max, or its min when unbounded."""
    return max((h if h is not None else lo for lo, h in map(fmt.bounds, intervals)), default=0)


def _step(top: float) -> int:
    """A round tick step (1, 2, 5 × 10ⁿ) giving at most six ticks up to `top`."""
    magnitude = 1
    while True:
        for step in (magnitude, 2 * magnitude, 5 * magnitude):
            if top / step <= 6:
                return step
        magnitude *= 10


def _sum(intervals: Sequence[Any]) -> dict[str, int | None]:
    highs = [fmt.bounds(i)[1] for i in intervals]
    low = sum(fmt.bounds(i)[0] for i in intervals)
    return {"min": low, "max": None if None in highs else sum(h or 0 for h in highs)}


def empty_svg(title: str, message: str, prefix: str) -> str:
    return _svg(600, 44, title, _el("text", message, x=12, y=28, fill=MUTED), prefix, False)


def _stage_bars(report: Mapping[str, Any], parties: list[str]) -> list[tuple[date, str, list[Any]]]:
    """(date, "living" or "remains", one interval or None per receiving party) per dated stage."""
    out: list[tuple[date, str, list[Any]]] = []
    for stage in report.get("stages") or []:
        day = fmt.parse_date(stage.get("date"))
        for kind in ("living", "remains") if day else ():
            per_party: list[Any] = []
            for code in parties:
                found = [
                    t.get("count")
                    for t in stage.get("transfers") or []
                    if t.get("to") == code
                    and ("remains" in (t.get("categories") or [])) == (kind == "remains")
                ]
                per_party.append(_sum(found) if found else None)
            if day and any(p is not None for p in per_party):
                out.append((day, kind, per_party))
    return out


@dataclass(frozen=True)
class _Axis:
    """Dates to x: whole months from `start` to `stop` across x0..x1."""

    start: date
    stop: date
    x0: float = 150
    x1: float = 1080

    def __call__(self, day: date) -> float:
        share = (day - self.start).days / (self.stop - self.start).days
        return self.x0 + share * (self.x1 - self.x0)


def _band(
    rows: list[tuple[date, list[Any]]],
    x: _Axis,
    base: float,
    sign: int,
    height: float,
    ctx: tuple[list[str], dict[str, str], _Defs],
) -> list[str]:
    """Columns of one band (living above the axis: sign -1; remains below it: sign +1)."""
    parties, party_names, defs = ctx
    kind = "living persons" if sign < 0 else "remains"
    top_value = _known_max(i for _, ivs in rows for i in ivs if i is not None) or 1
    scale, step, out = height / top_value, _step(top_value), list[str]()
    for value in range(step, top_value + 1, step):
        y = base + sign * value * scale
        out.append(_el("line", x1=x.x0, x2=x.x1, y1=y, y2=y, stroke=GRID, stroke_dasharray="2 3"))
        out.append(_el("text", fmt.fmt_int(value), x=x.x0 - 6, y=y + 4, text_anchor="end", **SMALL))
    last_label = -1e9
    for n, (day, ivs) in enumerate(rows):
        # A stage's columns get the room its neighbours leave, so a lone stage stays wide.
        near = [abs(x(rows[k][0]) - x(day)) for k in (n - 1, n + 1) if 0 <= k < len(rows)]
        group = max(3.0, min([14.0, *(d - 1.5 for d in near)]))
        shown = [(i, iv) for i, iv in enumerate(ivs) if iv is not None]
        same = len(shown) > 1 and len({fmt.fmt_interval(iv) for _, iv in shown}) == 1
        drawn: list[tuple[int | None, Any]] = [(None, shown[0][1])] if same else list(shown)
        thick, tallest = group / len(drawn), 0.0
        for m, (idx, iv) in enumerate(drawn):
            color = INK if idx is None else party_color(idx)
            who = "each way" if idx is None else "to " + party_names[parties[idx]]
            cx = x(day) - group / 2 + thick * (m + 0.5)
            svg, length = _bar(iv, scale, thick, color, defs)
            tip = f"{fmt.fmt_short_date(day.isoformat())}: {kind} {who}: {fmt.fmt_interval(iv)}"
            out.append(_group(f"translate({_n(cx)},{_n(base)}) rotate({90 * sign})", tip, svg))
            tallest = max(tallest, length)
        labels = [
            (i, fmt.fmt_interval(iv)) for i, iv in drawn if fmt.interval_kind(iv) != "unknown"
        ]
        if labels and x(day) - last_label > 30:  # skip labels that would collide
            last_label = x(day)
            for m, (idx, text) in enumerate(labels):
                line = len(labels) - 1 - m if sign < 0 else m
                y = base + sign * (tallest + 6 + 11 * line) + (8 if sign > 0 else 0)
                color = INK if idx is None else party_color(idx)
                out.append(_el("text", text, x=x(day), y=y, fill=color, font_size=10,
                               text_anchor="middle"))  # fmt: skip
    out.append(_el("line", x1=x.x0, x2=x.x1, y1=base, y2=base, stroke=INK))
    return out


def timeline_svg(report: Mapping[str, Any], prefix: str = "tl") -> str:
    """Rounds as diamonds over a month axis; stages as columns whose height is the count
    received per side, living persons above the axis and remains below it."""
    party_names = fmt.names(report.get("parties"))
    parties = list(party_names)
    rounds = [(d, r) for r in report.get("rounds") or [] if (d := fmt.parse_date(r.get("date")))]
    bars = _stage_bars(report, parties)
    end_of_record = fmt.parse_date((report.get("record") or {}).get("covers_until"))
    days = [d for d, _ in rounds] + [d for d, _, _ in bars]
    title = "Timeline of the rounds of talks and the stages of exchange"
    if not days:
        return empty_svg(title, "No dated rounds or stages in this report.", prefix)
    span = days + ([end_of_record] if end_of_record else [])
    first, last = min(span), max(span)
    start = date(first.year, first.month, 1)
    stop = date(last.year + last.month // 12, last.month % 12 + 1, 1)
    x = _Axis(start, stop)
    levels: list[float] = []  # right end of the last label on each line of round labels
    placed: list[tuple[float, int, str, str]] = []
    for day, rnd in sorted(rounds, key=lambda item: item[0]):
        head = f"Round {rnd.get('number') or '?'} · {fmt.fmt_short_date(rnd.get('date'))}"
        venue = rnd.get("venue") or "venue not named"
        level = next((i for i, end in enumerate(levels) if x(day) > end), len(levels))
        levels[level : level + 1] = [x(day) + max(len(head), len(venue)) * 6.6 + 14]
        placed.append((x(day), level, head, venue))
    diamond = 16 + max(len(levels), 1) * 32
    axis = diamond + 148
    bottom = axis + 26 + 120
    out: list[str] = []
    for tick in range(start.year * 12 + start.month - 1, stop.year * 12 + stop.month):
        month = date(tick // 12, tick % 12 + 1, 1)
        out.append(_el("line", x1=x(month), x2=x(month), y1=diamond + 8, y2=bottom - 10,
                       stroke=GRID))  # fmt: skip
        year = f" {month:%Y}" if month in (start, date(month.year, 1, 1)) else ""
        if month < stop:
            out.append(_el("text", f"{month:%b}{year}", x=x(month) + 4, y=axis + 17, fill=MUTED,
                           font_size=11))  # fmt: skip
    ctx = (parties, party_names, _Defs(prefix))
    for base, sign, height, kind in ((axis, -1, 120, "living"), (axis + 26, 1, 90, "remains")):
        rows = [(d, ivs) for d, k, ivs in bars if k == kind]
        out += _band(rows, x, base, sign, height, ctx)
        label = ("Living persons", "exchanged ↑") if sign < 0 else ("Remains", "repatriated ↓")
        mid = base + sign * height / 2
        out.append(_el("text", label[0], x=10, y=mid - 2, fill=INK, font_weight=600))
        out.append(_el("text", label[1], x=10, y=mid + 13, fill=MUTED, font_size=11))
    if end_of_record:
        ex = x(end_of_record)
        out.append(_el("line", x1=ex, x2=ex, y1=diamond - 8, y2=bottom - 10, stroke=MUTED,
                       stroke_dasharray="1 3", stroke_width=1.5))  # fmt: skip
        out.append(_el("text", "record ends", x=ex - 4, y=diamond + 4, text_anchor="end", **SMALL))
    for rx, level, head, venue in placed:
        y = 20 + level * 32
        out.append(_el("line", x1=rx, x2=rx, y1=y - 12, y2=bottom - 10, stroke=INK,
                       stroke_opacity=0.45, stroke_dasharray="4 3"))  # fmt: skip
        out.append(_el("path", d=f"M{_n(rx)},{diamond - 7} l7,7 l-7,7 l-7,-7 z", fill=INK))
        out.append(_el("text", head, x=rx + 6, y=y, fill=INK, font_weight=700))
        out.append(_el("text", venue, x=rx + 6, y=y + 13, fill=MUTED, font_size=11))
    return _svg(1100, bottom, title, ctx[2].render() + "".join(out), prefix, fixed=False)


def returns_svg(
    report: Mapping[str, Any], categories: Sequence[str], title: str, prefix: str
) -> str:
    """One bar per receiving side and category: known minimum solid, range hatched,
    unbounded maximum fading out with "≥ N"; the part confirmed in Parley underlined and its
    figure marked ✓."""
    parties = fmt.names(report.get("parties"))
    received = (report.get("tallies") or {}).get("received_by") or {}
    rows = [
        (i, code, cat, (received.get(code) or {}).get(cat))
        for i, code in enumerate(parties)
        for cat in categories
    ]
    if not rows:
        return empty_svg(title, "No parties in this report.", prefix)
    label_w, top_value = 130, _known_max(r[3] for r in rows) or 1
    scale, step = 300 / top_value, _step(top_value)
    defs, out, grid, y = _Defs(prefix), list[str](), list[str](), 14
    for i, code, cat, interval in rows:
        if cat == categories[0]:  # each side's name heads its rows
            y += 8 if i else 0
            out.append(
                _el("text", parties[code], x=0, y=y + 4, fill=party_color(i), font_weight=700)
            )
            y += 22
        out.append(_el("text", fmt.category_label(cat), x=14, y=y + 4, fill=INK))
        svg, end = _bar(interval, scale, 16, party_color(i), defs)
        confirmed = fmt.confirmed_of(interval)
        if confirmed:  # the part confirmed in Parley, underlined
            svg += _el("rect", x=0, y=10, width=confirmed * scale, height=3, fill=INK)
        tip = f"{parties[code]} received {fmt.category_label(cat)}: {fmt.marked(interval)}"
        out.append(_group(f"translate({label_w},{y})", tip, svg))
        shown = fmt.fmt_interval(interval) + (" ✓" if confirmed else "")
        out.append(_el("text", shown, x=label_w + end + 6, y=y + 4, fill=INK, font_weight=600))
        y += 28
    for value in range(0, top_value + 1, step):
        gx = label_w + value * scale
        grid.append(_el("line", x1=gx, x2=gx, y1=0, y2=y - 6, stroke=GRID))
        out.append(_el("text", fmt.fmt_int(value), x=gx, y=y + 8, text_anchor="middle", **SMALL))
    return _svg(540, y + 14, title, defs.render() + "".join(grid + out), prefix, fixed=False)


def progress_svg(target: Any, delivered: Any, color: str, prefix: str) -> str:
    """Delivered against the target: a grey track up to the target with a tick at it; when the
    target is not a number ("all" or none) the track is dashed and open-ended."""
    numeric = isinstance(target, int) and not isinstance(target, bool) and target > 0
    top_value = max(_known_max([delivered]), target if numeric else 0) or 1
    scale, defs = 200 / (top_value if numeric else top_value * 1.3), _Defs(prefix)
    if numeric:
        track = _el("rect", x=0, y=3, width=target * scale, height=14, rx=2, fill=TRACK)
    else:
        track = _el("rect", x=0, y=3, width=200, height=14, rx=2, fill="none", stroke="#9ca3af",
                    stroke_dasharray="3 3")  # fmt: skip
    svg, _ = _bar(delivered, scale, 14, color, defs)
    title = f"delivered {fmt.fmt_interval(delivered)} of target {fmt.fmt_target(target)}"
    body = [track, _group("translate(0,10)", title, svg)]
    if numeric:
        mark = target * scale
        body.append(_el("line", x1=mark, x2=mark, y1=0, y2=20, stroke=INK, stroke_width=2))
    return _svg(240, 20, title, defs.render() + "".join(body), prefix, fixed=True)


def claim_svg(claim: Mapping[str, Any], color: str, prefix: str) -> str:
    """The recorded interval as a bar over the claimed interval as a bracket, on one scale, so
    that agreement or a gap between the two shows at a glance."""
    said = claim.get("claimed")
    claimed = claim.get("claimed_interval") or (
        {"min": said, "max": said} if said is not None else None
    )
    recorded = claim.get("recorded")
    top_value = _known_max([claimed, recorded]) or 1
    scale, defs = 190 / top_value, _Defs(prefix)
    svg, _ = _bar(recorded, scale, 10, color, defs)
    body = [_group("translate(3,8)", f"recorded {fmt.fmt_interval(recorded)}", svg)]
    if claimed is not None:
        low, high = fmt.bounds(claimed)
        a, b = 3 + low * scale, 3 + (high * scale if high is not None else low * scale + FADE)
        end = (
            f"M{_n(b)},18 V28"
            if high is not None
            else f"M{_n(b - 5)},19 L{_n(b)},23 L{_n(b - 5)},27"
        )
        path = _el("path", d=f"M{_n(a)},18 V28 M{_n(a)},23 H{_n(b)} {end}", fill="none",
                   stroke=INK, stroke_width=1.6)  # fmt: skip
        body.append(f"<g><title>claimed {_e(fmt.fmt_interval(claimed))}</title>{path}</g>")
        if said is not None:
            body.append(_el("circle", cx=3 + float(said) * scale, cy=23, r=3.5, fill=INK))
    title = f"recorded {fmt.fmt_interval(recorded)} against claimed {fmt.fmt_interval(claimed)}"
    return _svg(240, 31, title, defs.render() + "".join(body), prefix, fixed=True)
