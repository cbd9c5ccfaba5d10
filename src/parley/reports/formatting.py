"""Formatting of the report's numbers, intervals, dates and labels, shared by the HTML and the text
renderers so that a number reads the same everywhere ("2,300", "880–964", "≥ 1,211").

Every function accepts the nulls the report structure allows and says "unknown" rather than fail:
a report is read by people checking a record, and a missing value is information too.
"""

from __future__ import annotations

from collections.abc import Mapping
from datetime import date, datetime
from typing import Any

UNKNOWN = "unknown"
CATEGORIES = ("serviceman", "civilian", "remains")
_WORDS = ("no", "one", "two", "three", "four", "five", "six", "seven", "eight", "nine", "ten")

CATEGORY_LABELS: dict[str, str] = {
    "serviceman": "servicemen",
    "civilian": "civilians",
    "remains": "remains",
}
STATUS_LABELS: dict[str, str] = {
    "consistent": "consistent",
    "inconsistent": "inconsistent",
    "undetermined": "undetermined",
    "met": "met",
    "short": "short",
    "open": "open",
    "no_target": "no target",
}
_QUALIFIERS: dict[str, str] = {
    "exact": "",
    "about": "about ",
    "at_least": "at least ",
    "at_most": "at most ",
}


def bounds(interval: Mapping[str, Any] | None) -> tuple[int, int | None]:
    """(min, max) of an interval; a missing one is (0, None): nothing known, nothing bounded."""
    if not interval:
        return 0, None
    low = interval.get("min")
    high = interval.get("max")
    return (int(low) if low is not None else 0), (int(high) if high is not None else None)


def fmt_int(value: int | float | None) -> str:
    """2300 → "2,300"; None (or anything not a number) → "unknown"."""
    if not isinstance(value, int | float):
        return UNKNOWN
    return f"{round(value):,}"


def fmt_interval(interval: Mapping[str, Any] | None) -> str:
    """{min 390, max 390} → "390"; {880, 964} → "880–964"; {1211, None} → "≥ 1,211".

    A minimum of 0 with no maximum says nothing at all, so it reads "unknown" instead of "≥ 0".
    """
    low, high = bounds(interval)
    if high is None:
        return UNKNOWN if low == 0 else f"≥ {fmt_int(low)}"
    if high == low:
        return fmt_int(low)
    return f"{fmt_int(low)}–{fmt_int(high)}"


def confirmed_of(cell: Mapping[str, Any] | None) -> int:
    """The part of a tally confirmed in Parley's ledger (0 for a plain interval)."""
    value = (cell or {}).get("confirmed")
    return int(value) if isinstance(value, int) else 0


def fmt_sources(cell: Mapping[str, Any] | None) -> str:
    """Where a tally comes from: "confirmed in Parley", "from the public record", or, from both,
    "120 confirmed in Parley + ≥ 1,211 from the public record"; empty for a zero cell or a
    plain interval, which does not say.
    """
    if not cell or "confirmed" not in cell:
        return ""
    confirmed, reported = confirmed_of(cell), cell.get("reported")
    low, high = bounds(reported)
    from_record = bool(reported) and (low > 0 or high != 0)
    if confirmed and from_record:
        return (
            f"{fmt_int(confirmed)} confirmed in Parley + "
            f"{fmt_interval(reported)} from the public record"
        )
    if confirmed:
        return "confirmed in Parley"
    return "from the public record" if from_record else ""


def marked(cell: Mapping[str, Any] | None) -> str:
    """A tally with its sources named when any of it is confirmed in Parley: "237 (confirmed
    in Parley)"; a figure of the public record alone reads as before.
    """
    text = fmt_interval(cell)
    return f"{text} ({fmt_sources(cell)})" if confirmed_of(cell) else text


def pending_by_direction(report: Mapping[str, Any]) -> list[tuple[str, str, int, list[str]]]:
    """(from, to, persons, who must still confirm) of the ledger's pending handovers: shown,
    never counted.
    """
    out: dict[tuple[str, str], tuple[int, list[str]]] = {}
    for row in (report.get("ledger") or {}).get("pending") or []:
        key = (str(row.get("from")), str(row.get("to")))
        count, waiting = out.get(key, (0, []))
        waiting += [w for w in row.get("waiting_for") or [] if w not in waiting]
        out[key] = (count + int(row.get("count") or 0), waiting)
    return [(a, b, n, w) for (a, b), (n, w) in out.items()]


def parley_stages(report: Mapping[str, Any]) -> int:
    """Stages carried out in Parley: those with a handover confirmed or pending."""
    ledger = report.get("ledger") or {}
    names = {r.get("stage") for r in (ledger.get("by_stage") or []) + (ledger.get("pending") or [])}
    return len(names)


def interval_kind(interval: Mapping[str, Any] | None) -> str:
    """How a chart should draw the interval: "exact", "range", "at_least" or "unknown"."""
    low, high = bounds(interval)
    if high is None:
        return "unknown" if low == 0 else "at_least"
    return "exact" if high == low else "range"


def fmt_claimed(claimed: int | None, qualifier: str | None) -> str:
    """2300, "about" → "about 2,300"."""
    if not isinstance(claimed, int | float):
        return UNKNOWN
    return _QUALIFIERS.get(qualifier or "exact", "") + fmt_int(claimed)


def fmt_target(target: int | str | None) -> str:
    """1000 → "1,000"; "all" → "all"; None → "no number"."""
    if isinstance(target, str):
        return target
    return fmt_int(target) if isinstance(target, int) else "no number"


def parse_date(value: str | None) -> date | None:
    """An ISO date (or the date part of an ISO date-time); None for anything unreadable."""
    if not isinstance(value, str) or not value:
        return None
    try:
        return date.fromisoformat(value[:10])
    except ValueError:
        return None


def fmt_date(value: str | None) -> str:
    """A date for people: "2025-05-16" → "16 May 2025"; an unreadable one is shown as given."""
    parsed = parse_date(value)
    if parsed is None:
        return value if isinstance(value, str) and value else "date unknown"
    return f"{parsed.day} {parsed:%b %Y}"


def fmt_short_date(value: str | None) -> str:
    """A date for crowded chart labels: "2025-05-16" → "16 May"."""
    parsed = parse_date(value)
    if parsed is None:
        return value if isinstance(value, str) and value else "?"
    return f"{parsed.day} {parsed:%b}"


def fmt_datetime(value: str | None) -> str:
    """A moment for people: "2026-11-27T02:00:00+00:00" → "27 Nov 2026, 02:00 UTC"."""
    if not isinstance(value, str) or not value:
        return UNKNOWN
    try:
        moment = datetime.fromisoformat(value)
    except ValueError:
        return value
    offset = moment.utcoffset()
    zone = ""
    if offset is not None:
        minutes = int(offset.total_seconds()) // 60
        sign = "+" if minutes >= 0 else "−"
        hours, rest = divmod(abs(minutes), 60)
        zone = " UTC" if not minutes else f" UTC{sign}{hours:02d}:{rest:02d}"
    return f"{moment.day} {moment:%b %Y, %H:%M}{zone}"


def fmt_duration(minutes: int | None, qualifier: str | None) -> str:
    """120, "at_most" → "at most 2 h"; 40, "about" → "about 40 min"; None → "unknown"."""
    if not isinstance(minutes, int):
        return UNKNOWN
    hours, rest = divmod(minutes, 60)
    parts = ([f"{hours} h"] if hours else []) + ([f"{rest} min"] if rest or not hours else [])
    return _QUALIFIERS.get(qualifier or "exact", "") + " ".join(parts)


def category_label(category: str | None) -> str:
    return CATEGORY_LABELS.get(category or "", category or UNKNOWN)


def status_label(status: str | None) -> str:
    return STATUS_LABELS.get(status or "", status or UNKNOWN)


def names(entries: Any) -> dict[str, str]:
    """{code: name} from the report's parties or mediators list (entries without a name keep
    their code)."""
    out: dict[str, str] = {}
    for entry in entries or []:
        code = entry.get("code")
        if code:
            out[str(code)] = str(entry.get("name") or code)
    return out


def direction(parties: Mapping[str, str], source: str | None, target: str | None) -> str:
    """Who sent to whom: "RU", "UA" → "Russia → Ukraine" (unnamed codes are shown as given)."""
    return (
        f"{parties.get(source or '', source or '?')} → {parties.get(target or '', target or '?')}"
    )


def eligibility_text(eligibility: Mapping[str, Any] | None) -> str:
    """The clause's eligibility in words: "seriously wounded, seriously ill, aged 18–25"."""
    if not eligibility:
        return ""
    parts: list[str] = []
    if eligibility.get("seriously_wounded"):
        parts.append("seriously wounded")
    if eligibility.get("seriously_ill"):
        parts.append("seriously ill")
    low, under = eligibility.get("min_age"), eligibility.get("under_age")
    if low is not None and under is not None:
        parts.append(f"aged {low} to under {under}")
    elif low is not None:
        parts.append(f"aged {low} or over")
    elif under is not None:
        parts.append(f"under {under}")
    if eligibility.get("named_list"):
        parts.append(f"named list: {eligibility['named_list']}")
    if eligibility.get("requested"):
        parts.append("on request")
    return ", ".join(parts)


def count_of(number: int, noun: str) -> str:
    """3, "round" → "three rounds": small counts read better in words in a sentence."""
    word = _WORDS[number] if 0 <= number < len(_WORDS) else fmt_int(number)
    return f"{word} {noun}{'' if number == 1 else 's'}"


def summary_sentence(report: Mapping[str, Any]) -> str:
    """The report in one paragraph: rounds, their span, stages, and what each side received."""
    parties = names(report.get("parties"))
    rounds, stages = report.get("rounds") or [], report.get("stages") or []
    dates = sorted(r["date"] for r in rounds if r.get("date"))
    span = f", {fmt_date(dates[0])} – {fmt_date(dates[-1])}," if len(dates) > 1 else ""
    between = " and ".join(parties.values()) or "the parties"
    text = f"{count_of(len(rounds), 'round').capitalize()} of talks between {between}{span} "
    text += f"and {count_of(len(stages), 'stage')} of exchange in the record"
    in_parley = parley_stages(report)
    text += f", {count_of(in_parley, 'stage')} carried out in Parley." if in_parley else "."
    tallies = report.get("tallies") or {}
    received, totals = tallies.get("received_by") or {}, tallies.get("total_received_by") or {}
    sides = []
    for code, name in parties.items():
        mine = received.get(code) or {}
        parts = [f"{fmt_interval(mine.get(c))} {category_label(c)}" for c in CATEGORIES]
        sources = fmt_sources(totals.get(code))
        sides.append(
            f"{name} received {', '.join(parts[:-1])} and {parts[-1]} "
            f"({fmt_interval(totals.get(code))} in all{', ' + sources if sources else ''})"
        )
    text += " " + "; ".join(sides) + "." if sides else ""
    pending = pending_by_direction(report)
    if pending:
        waiting = sum(n for _, _, n, _ in pending)
        text += f" A further {fmt_int(waiting)} handed over await confirmation and are not counted."
    return text
