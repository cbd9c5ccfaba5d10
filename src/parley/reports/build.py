"""The report as data: one JSON-compatible dict that the text, HTML and JSON outputs render.

Its field names are a public contract (docs/report-format.md); tests pin them. Its figures come
from the record's reported stages and the handovers confirmed in Parley's ledger together: every
tally, fulfilment and claim check is a cell that keeps the two parts apart.
"""

from __future__ import annotations

from collections.abc import Sequence
from datetime import UTC, datetime
from typing import Any

from parley import __version__
from parley.domain.base import CATEGORIES
from parley.domain.claim_checks import check_claim
from parley.domain.claims import DEFAULT_ABOUT_TOLERANCE
from parley.domain.fulfilment import fulfilment
from parley.domain.record import Record
from parley.domain.tallies import (
    Crossing,
    TallyKey,
    received_by,
    shares,
    tally,
    total_received_by,
)


def _dump(model: Any) -> dict[str, Any]:
    return dict(model.model_dump(mode="json", by_alias=True))


def _rows(
    record: Record, crossings: Sequence[Crossing], by: tuple[TallyKey, ...]
) -> list[dict[str, Any]]:
    sums = tally(shares(record, crossings), (*by, "to", "category"))
    return [
        {by[0]: key[0], "to": key[1], "category": key[2], **cell.as_json()}
        for key, cell in sums.items()
    ]


def tallies(record: Record, crossings: Sequence[Crossing] = ()) -> dict[str, Any]:
    return {
        "received_by": {
            party: {c: per[c].as_json() for c in CATEGORIES}
            for party, per in received_by(record, crossings).items()
        },
        "total_received_by": {
            p: cell.as_json() for p, cell in total_received_by(record, crossings).items()
        },
        "by_round": _rows(record, crossings, ("round",)),
        "by_agreement": _rows(record, crossings, ("agreement",)),
        "by_stage": _rows(record, crossings, ("stage",)),
    }


def claim_checks(
    record: Record, about_tolerance: float, crossings: Sequence[Crossing] = ()
) -> list[dict[str, Any]]:
    rows = []
    for claim in record.claims:
        check = check_claim(claim, record, about_tolerance, crossings)
        rows.append(
            {
                **_dump(claim),
                "claimed_interval": check.claimed_interval.as_json(),
                "recorded": check.recorded.as_json(),
                "status": check.status,
                "stages": list(check.stages),
                "missing": list(check.missing),
            }
        )
    return rows


def build_report(
    record: Record,
    *,
    scenario: dict[str, Any] | None = None,
    about_tolerance: float = DEFAULT_ABOUT_TOLERANCE,
    generated_at: datetime | None = None,
    verified: bool = True,
    crossings: Sequence[Crossing] = (),
) -> dict[str, Any]:
    """`crossings` are the handovers confirmed in the verified ledger (none for a record alone)."""
    when = generated_at or datetime.now(UTC)
    rounds = []
    for rnd in record.rounds:
        row = _dump(rnd)
        row["date"] = rnd.date.isoformat()
        rounds.append(row)
    agreements = [{**_dump(a), "round": a.round} for a in record.agreements]
    return {
        "parley_version": __version__,
        "generated_at": when.isoformat(timespec="seconds"),
        "scenario": scenario,
        "record": {
            "covers_until": record.end.isoformat() if record.end else None,
            "verified": verified,
        },
        "parties": [_dump(p) for p in record.parties],
        "mediators": [_dump(m) for m in record.mediators],
        "rounds": rounds,
        "agreements": agreements,
        "stages": [_dump(s) for s in record.stages],
        "tallies": tallies(record, crossings),
        "fulfilment": [
            {
                "agreement": f.agreement,
                "clauses": list(f.clauses),
                "from": f.sender,
                "to": f.receiver,
                "target": f.target,
                "delivered": f.delivered.as_json(),
                "status": f.status,
            }
            for f in fulfilment(record, crossings)
        ],
        "claims": claim_checks(record, about_tolerance, crossings),
    }
