"""Commands that show the record: scenarios, rounds, agreements, stages, tallies and claims."""

from __future__ import annotations

import json
from enum import StrEnum
from pathlib import Path
from typing import Annotated

import typer
from rich.table import Table

from parley.cli.common import DbOption, console, opened, progress, settings
from parley.domain.base import CATEGORIES
from parley.domain.claim_checks import check_claim
from parley.domain.tallies import TallyKey, received_by, shares, tally
from parley.scenarios import available, scenario_schema

# parley.service.records (the store, SQLAlchemy) is imported in the commands that use it: the
# CLI's start stays light for those that do not (parley plan).

scenario_app = typer.Typer(help="Built-in and user scenarios.", no_args_is_help=True)
claims_app = typer.Typer(help="Officials' public claims.", no_args_is_help=True)

STATUS_STYLE = {"consistent": "green", "inconsistent": "red", "undetermined": "yellow"}


@scenario_app.command("load")
def scenario_load(
    name: Annotated[str, typer.Argument(help="A built-in scenario name or a scenario file.")],
    recorder_key: Annotated[
        Path | None,
        typer.Option(help="Also enter its stages in the ledger, signed with this recorder key."),
    ] = None,
    db: DbOption = None,
) -> None:
    """Load a scenario into the store; loading it again changes nothing."""
    from parley.ledger.keys import KeyFileError, read_key
    from parley.service.ledger import record_reported_stages
    from parley.service.records import current_record, load_scenario_into

    with opened(db) as store, progress() as bar:
        task = bar.add_task(f"loading {name}", total=1)
        scenario, changes = load_scenario_into(store, name)
        reported = []
        if recorder_key is not None:
            try:
                record = current_record(store)
                reported = record_reported_stages(store, record, read_key(recorder_key))
            except KeyFileError as error:
                raise ValueError(str(error)) from None
        bar.advance(task)
    console.print(f"{scenario.scenario.title}: {changes}")
    if recorder_key is not None:
        console.print(
            f"{len(reported)} reported stage transfers entered in the ledger, "
            "signed by the recorder"
        )


@scenario_app.command("list")
def scenario_list() -> None:
    """Name the built-in scenarios."""
    for name in available():
        console.print(name)


@scenario_app.command("schema")
def scenario_schema_command() -> None:
    """Print the JSON Schema that scenario files follow."""
    console.print_json(json.dumps(scenario_schema()))


def rounds(db: DbOption = None) -> None:
    """The rounds of talks."""
    from parley.service.records import current_record

    with opened(db) as store:
        record = current_record(store)
    for r in record.rounds:
        length = "—"
        if r.duration_minutes is not None:
            qualifier = (r.duration_qualifier or "exact").replace("_", " ")
            length = f"{'' if qualifier == 'exact' else qualifier + ' '}{r.duration_minutes} min"
        console.print(
            f"[bold]Round {r.number}[/] {r.date.isoformat()} · {r.venue or 'venue not recorded'}"
            f" · mediator {r.mediator or '—'} · {length}"
        )
        for d in r.delegations:
            members = "; ".join(f"{m.name} ({m.role})" for m in d.members)
            extra = f"; with {members}" if members else ""
            console.print(f"  {d.party} delegation: {d.head.name} ({d.head.role}){extra}")
        for outcome in r.outcomes:
            console.print(f"  [green]agreed[/]: {outcome}")
        for s in r.stalled:
            console.print(f"  [red]stalled[/]: {s.party} {s.position}")


def agreements(db: DbOption = None) -> None:
    """The agreements and their clauses."""
    from parley.service.records import current_record

    with opened(db) as store:
        record = current_record(store)
    table = Table("agreement", "round", "clause", "categories", "quantity", "ratio")
    for a in record.agreements:
        for c in a.clauses:
            quantity = ", ".join(
                f"{k}: {v if v is not None else '?'}" for k, v in c.quantity.items()
            )
            table.add_row(a.id, a.round, c.title, ", ".join(c.categories), quantity, c.ratio)
    console.print(table)


def stages(db: DbOption = None) -> None:
    """The stages and what crossed in each."""
    from parley.service.records import current_record

    with opened(db) as store:
        record = current_record(store)
    table = Table("date", "agreement", "transfers", "mediator", "note")
    for s in record.stages:
        transfers = "\n".join(
            f"{t.from_party}→{t.to_party} {'+'.join(t.categories)}: {t.count}" for t in s.transfers
        )
        table.add_row(
            s.date.isoformat(), s.agreement or "—", transfers, s.mediator or "—", s.note or ""
        )
    console.print(table)


class Breakdown(StrEnum):
    round = "round"
    agreement = "agreement"
    stage = "stage"


def tallies(
    by: Annotated[
        Breakdown | None, typer.Option(help="Break down by round, agreement or stage as well.")
    ] = None,
    db: DbOption = None,
) -> None:
    """What each side received: the stages the record reports (ranges where it is unsure) and
    the handovers confirmed in the ledger, together."""
    from parley.service.records import record_and_crossings

    with opened(db) as store:
        record, crossed = record_and_crossings(store)
    if by is None:
        table = Table("received by", *CATEGORIES, "of which confirmed in Parley")
        for party, per in received_by(record, crossed).items():
            confirmed = sum(per[c].confirmed for c in CATEGORIES)
            table.add_row(party, *(str(per[c]) for c in CATEGORIES), f"{confirmed:,}")
        console.print(table)
        return
    key: TallyKey = by.value
    table = Table(by.value, "received by", "category", "count", "confirmed in Parley")
    for group, cell in tally(shares(record, crossed), (key, "to", "category")).items():
        table.add_row(*(part or "—" for part in group), str(cell), f"{cell.confirmed:,}")
    console.print(table)


@claims_app.command("check")
def claims_check(
    tolerance: Annotated[
        float | None, typer.Option(help="How far 'about N' reaches, as a fraction (0.10 = ±10 %).")
    ] = None,
    db: DbOption = None,
) -> None:
    """Check officials' claims against the record and the handovers confirmed in the ledger."""
    from parley.service.records import record_and_crossings

    about = tolerance if tolerance is not None else settings(db).about_tolerance
    with opened(db) as store:
        record, crossed = record_and_crossings(store)
    table = Table("claim", "speaker", "to", "category", "claimed", "recorded", "status")
    notes: list[str] = []
    for claim in record.claims:
        check = check_claim(claim, record, about, crossed)
        style = STATUS_STYLE[check.status]
        claimed = f"{claim.qualifier.replace('_', ' ')} {claim.claimed:,}"
        table.add_row(
            claim.id,
            claim.speaker.split(",")[0],
            claim.party,
            claim.category,
            claimed,
            str(check.recorded),
            f"[{style}]{check.status}[/]",
        )
        notes += [f"{claim.id}: {missing}" for missing in check.missing]
    console.print(table)
    if notes:
        console.print("What the record is missing:", style="bold")
        for note in notes:
            console.print(f"  {note}", highlight=False)


def register(app: typer.Typer) -> None:
    app.add_typer(scenario_app, name="scenario")
    app.command()(rounds)
    app.command()(agreements)
    app.command()(stages)
    app.command()(tallies)
    app.add_typer(claims_app, name="claims")
