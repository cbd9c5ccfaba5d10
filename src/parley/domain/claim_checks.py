"""Checking public claims against the record.

A claim is `consistent` when every value the record allows lies within what was claimed,
`inconsistent` when none does, `undetermined` otherwise.
"""

from __future__ import annotations

from datetime import timedelta

from parley.domain.base import Model
from parley.domain.claims import DEFAULT_ABOUT_TOLERANCE, Claim, Status, claimed_interval
from parley.domain.intervals import Interval
from parley.domain.record import Record
from parley.domain.stages import Stage


class ClaimCheck(Model):
    claim: Claim
    claimed_interval: Interval
    recorded: Interval
    status: Status
    stages: tuple[str, ...]
    missing: tuple[str, ...]


def stages_in_scope(claim: Claim, record: Record) -> list[Stage]:
    scope = claim.scope
    chosen = []
    for stage in record.stages:
        if scope.agreements and stage.agreement not in scope.agreements:
            continue
        if scope.rounds and record.round_of(stage) not in scope.rounds:
            continue
        if scope.date_from and stage.date < scope.date_from:
            continue
        if scope.date_to and stage.date > scope.date_to:
            continue
        if claim.said_on and stage.date > claim.said_on:
            continue
        chosen.append(stage)
    return chosen


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
    claim: Claim, record: Record, about_tolerance: float = DEFAULT_ABOUT_TOLERANCE
) -> ClaimCheck:
    stages = stages_in_scope(claim, record)
    recorded = Interval.zero()
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
            recorded = recorded + share
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
    claimed = claimed_interval(claim, about_tolerance)
    status: Status
    if recorded.within(claimed):
        status = "consistent"
    elif not recorded.overlaps(claimed):
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
