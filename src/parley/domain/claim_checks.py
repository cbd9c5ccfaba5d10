"""Checking public claims against the record.

A claim is `consistent` when every value the record allows lies within what was claimed,
`inconsistent` when none does, `undetermined` otherwise. What the record allows is the reported
stages in the claim's scope plus the handovers confirmed in Parley in it: one cell, as in the
tallies.
"""

from __future__ import annotations

from collections.abc import Sequence
from datetime import date, timedelta

from parley.domain.base import Model
from parley.domain.claims import DEFAULT_ABOUT_TOLERANCE, Claim, Status, claimed_interval
from parley.domain.intervals import Interval
from parley.domain.record import Record
from parley.domain.stages import Stage
from parley.domain.tallies import Cell, Crossing


class ClaimCheck(Model):
    claim: Claim
    claimed_interval: Interval
    recorded: Cell
    status: Status
    stages: tuple[str, ...]
    missing: tuple[str, ...]


def stages_in_scope(claim: Claim, record: Record) -> list[Stage]:
    return [
        stage
        for stage in record.stages
        if _agreement_in_scope(claim, record, stage.agreement) and _within_dates(claim, stage.date)
    ]


def _agreement_in_scope(claim: Claim, record: Record, agreement: str | None) -> bool:
    """Whether what was carried out under this agreement (and its round) fits the claim."""
    scope = claim.scope
    if scope.agreements and agreement not in scope.agreements:
        return False
    return not (scope.rounds and record.round_of_agreement(agreement) not in scope.rounds)


def _within_dates(claim: Claim, day: date) -> bool:
    """Whether a day falls in the claim's period and before it was said."""
    scope = claim.scope
    if scope.date_from and day < scope.date_from:
        return False
    if scope.date_to and day > scope.date_to:
        return False
    return not (claim.said_on and day > claim.said_on)


def crossings_in_scope(
    claim: Claim, record: Record, crossings: Sequence[Crossing]
) -> tuple[list[Crossing], list[Crossing]]:
    """(in scope, of unknown date): confirmed handovers of the claim's party and category
    whose agreement and round fit its scope, split by whether their date can be judged. A
    handover of unknown date is in a scope without dates, and undecided in one with them.
    """
    scope = claim.scope
    bounded = bool(scope.date_from or scope.date_to or claim.said_on)
    chosen: list[Crossing] = []
    undated: list[Crossing] = []
    for c in crossings:
        if c.receiver != claim.party or c.category != claim.category:
            continue
        if not _agreement_in_scope(claim, record, c.agreement):
            continue
        if c.date is None:
            (undated if bounded else chosen).append(c)
        elif _within_dates(claim, c.date):
            chosen.append(c)
    return chosen, undated


def _time_beyond_record(claim: Claim, record: Record) -> str | None:
    """Describe the part of the claim's period that the record does not cover, if any."""
    end = record.end
    if end is None:
        return "the record holds no stages"
    claim_end = claim.scope.date_to or claim.said_on
    after = (end + timedelta(days=1)).isoformat()
    if claim_end is None:
        return f"time after the record ends ({end.isoformat()}): the claim gives no end date"
    if claim_end > end:
        return f"time after the record ends: {after} to {claim_end.isoformat()}"
    return None


def check_claim(
    claim: Claim,
    record: Record,
    about_tolerance: float = DEFAULT_ABOUT_TOLERANCE,
    crossings: Sequence[Crossing] = (),
) -> ClaimCheck:
    stages = stages_in_scope(claim, record)
    recorded = Cell()
    behind: list[str] = []
    unknown: list[str] = []
    split_unknown: list[str] = []
    for stage in stages:
        shares = [t.share(claim.category) for t in stage.transfers if t.to_party == claim.party]
        counted = [s for s in shares if s != Interval.zero()]
        if not counted:
            continue
        behind.append(stage.id)
        for transfer in stage.transfers:
            if transfer.to_party != claim.party or claim.category not in transfer.categories:
                continue
            if not transfer.count.is_bounded:
                unknown.append(stage.id)
            elif len(transfer.categories) > 1:
                split_unknown.append(stage.id)
        for share in counted:
            recorded += Cell(reported=share)
    confirmed, undated = crossings_in_scope(claim, record, crossings)
    recorded += Cell(confirmed=sum(c.count for c in confirmed))
    behind += [c.stage for c in confirmed if c.stage not in behind]
    missing: list[str] = []
    if unknown:
        names = ", ".join(dict.fromkeys(unknown))
        missing.append(f"{len(set(unknown))} stage(s) with unknown counts: {names}")
    if split_unknown:
        names = ", ".join(dict.fromkeys(split_unknown))
        missing.append(f"categories not split in the record: {names}")
    beyond = _time_beyond_record(claim, record)
    if beyond:
        missing.append(beyond)
        # Exchanges the record does not cover may have happened: nothing bounds them.
        recorded = recorded.unbounded()
    possible = recorded.interval
    if undated:
        # Not counted, yet they may fall in the claim's period: the check allows for them.
        n, names = sum(c.count for c in undated), ", ".join(dict.fromkeys(c.stage for c in undated))
        missing.append(
            f"{n:,} confirmed in Parley on a date the ledger does not give: stage {names}"
        )
        possible = possible + Interval(min=0, max=n)
    claimed = claimed_interval(claim, about_tolerance)
    status: Status
    if possible.within(claimed):
        status = "consistent"
    elif not possible.overlaps(claimed):
        status = "inconsistent"
    else:
        status = "undetermined"
    return ClaimCheck(
        claim=claim,
        claimed_interval=claimed,
        recorded=recorded,
        status=status,
        stages=tuple(behind),
        missing=tuple(missing),
    )
