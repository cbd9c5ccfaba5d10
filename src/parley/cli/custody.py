"""`parley stage`: carrying out a plan — stages opened, handovers recorded, confirmations."""

from __future__ import annotations

from pathlib import Path
from typing import TYPE_CHECKING, Annotated, Any

import typer
from rich.markup import escape

from parley.cli.common import DbOption, console, errors, opened, state, user_errors

if TYPE_CHECKING:  # imported when used: the ledger and planning are not every command's start
    from parley.ledger.keys import SigningKey
    from parley.service.custody import Absence

stage_app = typer.Typer(
    help="Carry out a plan: open its stages, record what crossed, confirm it.",
    no_args_is_help=True,
)


ServerOption = Annotated[
    str | None,
    typer.Option(help="Sign as a client of the shared service at this URL (the key stays here)."),
]
UserOption = Annotated[str | None, typer.Option(help="The user to sign in as, with --server.")]
PasswordStdin = Annotated[
    bool,
    typer.Option(
        "--password-stdin",
        help="Read the password from standard input (else $PARLEY_PASSWORD, else asked).",
    ),
]


def _remote_ok(server: str | None, user: str | None, password_stdin: bool, db: str | None) -> None:
    """Refuse option sets that mix the local database with the service."""
    if server is None:
        if user is not None or password_stdin:
            raise typer.BadParameter("--user and --password-stdin go with --server URL")
        return
    if db or state.db_url:
        raise typer.BadParameter("--server signs on the service's ledger: leave out --db")
    if not user:
        raise typer.BadParameter("--server needs --user NAME")


def _remotely(
    server: str, user: str, password_stdin: bool, stage: str, kind: str, key: SigningKey,
    body: dict[str, Any] | None = None,
) -> list[tuple[int, dict[str, Any]]]:  # fmt: skip
    import os

    from parley.cli.remote import password, remote_errors, signed

    secret = password(password_stdin, dict(os.environ))
    with remote_errors():
        entries = signed(server, user, secret, stage, kind, key, body)
    return [(e["seq"], e["payload"]) for e in entries]


def _key(path: Path) -> SigningKey:
    from parley.ledger.keys import KeyFileError, read_key

    try:
        return read_key(path)
    except KeyFileError as error:
        raise ValueError(str(error)) from None


@stage_app.command("open")
def open_command(
    plan: Annotated[Path, typer.Option(help="A plan written by parley plan.")],
    agreement: Annotated[
        Path | None,
        typer.Option(
            help="The agreement it was made under, for each clause's category (default: each "
            "person's category in the stored registries)."
        ),
    ] = None,
    agreement_id: Annotated[
        str | None,
        typer.Option(
            help="The agreement of the record the plan was made from (parley plan "
            "--agreement-id): what the stages confirm counts towards it."
        ),
    ] = None,
    db: DbOption = None,
) -> None:
    """Record the planned stages of a plan."""
    from parley.planning.files import read_plan
    from parley.planning.terms import load_terms
    from parley.service.custody import open_stages

    with user_errors():
        planned = read_plan(plan)
        categories = (
            {c.id: c.category for c in load_terms(agreement).clauses} if agreement else None
        )
    with opened(db) as store:
        entries = open_stages(store, planned, categories, agreement=agreement_id)
    for entry in entries:
        ways = ", ".join(
            f"{t['count']} {t['from']}→{t['to']} {t['category']}"
            for t in entry.payload["transfers"]
        )
        console.print(
            f"stage {entry.payload['stage']} open (seq {entry.seq}): {ways or 'nobody'}",
            highlight=False,
        )


def _absences(path: Path) -> list[Absence]:
    from parley.imports.tables import read_table
    from parley.service.custody import Absence

    table = read_table(path)
    for column in ("id", "reason"):
        if column not in table.header:
            raise ValueError(
                f"{path.name}: the column '{column}' is missing (id, reason, substitute)"
            )
    absent = []
    for row, cells in table.rows:
        cell = dict(zip(table.header, cells, strict=False))
        if not cell.get("id") or not cell.get("reason"):
            raise ValueError(f"{path.name}, row {row}: id and reason are required")
        absent.append(Absence(cell["id"], cell["reason"], cell.get("substitute") or None))
    return absent


def _persons(path: Path) -> list[str]:
    from parley.imports.tables import read_table

    table = read_table(path)
    if "id" not in table.header:
        raise ValueError(f"{path.name}: the column 'id' is missing")
    column = table.header.index("id")
    return [cells[column] for _, cells in table.rows if len(cells) > column and cells[column]]


@stage_app.command("handover")
def handover(
    stage: Annotated[str, typer.Argument(help="The stage's number.")],
    sender: Annotated[str, typer.Option("--from", help="The party that hands over.")],
    key: Annotated[Path, typer.Option(help="The sender's key file.")],
    all_planned: Annotated[
        bool, typer.Option("--all-planned", help="Everyone planned crossed (but the absent).")
    ] = False,
    persons: Annotated[
        Path | None, typer.Option(help="A file with an id column: who crossed.")
    ] = None,
    absent: Annotated[
        Path | None,
        typer.Option(
            help="A file with id, reason (refused, unfit, died, not_found, substituted) and "
            "substitute."
        ),
    ] = None,
    remains: Annotated[int, typer.Option(help="Remains handed over, by count.")] = 0,
    remains_ids: Annotated[
        Path | None, typer.Option(help="A file with an id column: the remains identified.")
    ] = None,
    correct: Annotated[
        bool,
        typer.Option("--correct", help="Replace this party's handover of the stage (local only)."),
    ] = False,
    server: ServerOption = None,
    user: UserOption = None,
    password_stdin: PasswordStdin = False,
    db: DbOption = None,
) -> None:
    """Record what actually crossed from one party in a stage, signed by that party."""
    from parley.service.custody import record_handover

    if all_planned == (persons is not None):
        raise typer.BadParameter("give --all-planned or --persons FILE")
    _remote_ok(server, user, password_stdin, db)
    if server and correct:
        raise typer.BadParameter("--correct is local only: it cannot be used with --server")
    sender = sender.upper()
    with user_errors():
        signing = _key(key)
        crossed = _persons(persons) if persons else None
        missing = _absences(absent) if absent else []
        identified = _persons(remains_ids) if remains_ids else []
        if signing.signer != sender:  # before any request: the same check as the library's
            raise ValueError(
                f"the key is {signing.signer}'s: a handover from {sender} is signed by {sender}"
            )
    if server and user:
        body: dict[str, Any] = {
            "persons": crossed,
            "absent": [vars(a) for a in missing],
            "remains": remains,
            "remains_ids": identified,
        }
        entries = _remotely(server, user, password_stdin, stage, "handover", signing, body)
    else:
        with opened(db) as store:
            appended = record_handover(
                store, stage, sender, signing, crossed, missing, remains, identified, correct
            )
        entries = [(e.seq, e.payload) for e in appended]
    for seq, p in entries:
        console.print(
            f"handover seq {seq}: stage {p['stage']}, {p['count']} {p['category']} "
            f"{p['from']}→{p['to']}"
            + (f", absent {p['absent']}" if p.get("absent") else "")
            + "; waiting for the receiver's and the mediator's confirmation",
            highlight=False,
        )


@stage_app.command("confirm")
def confirm(
    stage: Annotated[str, typer.Argument(help="The stage's number.")],
    signer: Annotated[str, typer.Option("--as", help="A party's code, or mediator.")],
    key: Annotated[Path, typer.Option(help="The confirming signer's key file.")],
    server: ServerOption = None,
    user: UserOption = None,
    password_stdin: PasswordStdin = False,
    db: DbOption = None,
) -> None:
    """Sign for the stage's handovers: sender, receiver and mediator each confirm."""
    from parley.service.custody import confirm_stage

    _remote_ok(server, user, password_stdin, db)
    who = signer if signer == "mediator" else signer.upper()
    with user_errors():
        signing = _key(key)
        if signing.signer != who:  # before any request: the same check as the library's
            raise ValueError(f"the key is {signing.signer}'s, not {who}'s")
    if server and user:
        entries = _remotely(server, user, password_stdin, stage, "confirm", signing)
    else:
        with opened(db) as store:
            entries = [(e.seq, e.payload) for e in confirm_stage(store, stage, who, signing)]
    for seq, payload in entries:
        console.print(
            f"{who} confirmed handover seq {payload['handover_seq']} (seq {seq})",
            highlight=False,
        )


@stage_app.command("status")
def status(db: DbOption = None) -> None:
    """Confirmed handovers, and those still waiting for someone's confirmation."""
    from parley.ledger.custody import handovers
    from parley.service.ledger import verify_store

    with opened(db) as store:
        checked = verify_store(store)
    if not checked.ok:
        errors.print(f"[bold red]{escape(str(checked))}[/]", highlight=False)
        raise typer.Exit(1)
    for h in handovers(checked):
        state = "confirmed" if h.confirmed else "pending: waiting for " + ", ".join(h.waiting_for)
        console.print(
            f"stage {h.stage} {h.sender}→{h.receiver} {h.category} {h.count:,}: {state}",
            highlight=False,
        )


def register(app: typer.Typer) -> None:
    app.add_typer(stage_app, name="stage")
