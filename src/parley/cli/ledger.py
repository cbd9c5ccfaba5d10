"""`parley keys` and `parley ledger`: signing keys, and the log exported, verified, published."""

from __future__ import annotations

from pathlib import Path
from typing import Annotated

import typer
from rich.markup import escape

from parley.cli.common import DbOption, console, errors, opened, user_errors

keys_app = typer.Typer(
    help="Signing keys (Ed25519) of the parties, the mediator and the recorder.",
    no_args_is_help=True,
)
ledger_app = typer.Typer(
    help="The signed, hash-chained log behind every tally.", no_args_is_help=True
)


@keys_app.command("new")
def keys_new(
    signer: Annotated[str, typer.Option(help="UA, RU (a party's code), mediator or recorder.")],
    out: Annotated[
        Path, typer.Option(help="The key file to create (mode 0600; never overwritten).")
    ],
    db: DbOption = None,
) -> None:
    """Make a key, write its private part to a file only its owner can read, and record its
    public key in the ledger."""
    from parley.ledger.keys import KeyFileError
    from parley.service.ledger import new_registered_key

    with opened(db) as store:
        try:
            entry = new_registered_key(store, signer, out)
        except KeyFileError as error:
            raise ValueError(str(error)) from None
    public_key = entry.payload["public_key"]
    console.print(
        f"{signer}: key written to {out}; public key {public_key} registered at seq {entry.seq}",
        highlight=False,
    )


@ledger_app.command("export")
def export(
    out: Annotated[Path, typer.Option(help="The file to write (JSON lines).")],
    public: Annotated[bool, typer.Option("--public", help="Leave out every private part.")] = False,
    db: DbOption = None,
) -> None:
    """Write the whole log, one event a line."""
    from parley.service.access_log import record_local_read
    from parley.service.ledger import export_ledger

    with opened(db) as store, user_errors():
        count = export_ledger(store, out, public)
        if not public:  # the private parts hold both parties' persons
            record_local_read(store, f"parley ledger export --out {out}", count, None)
    console.print(
        f"wrote {count:,} events to {out}" + (" (public: no private parts)" if public else ""),
        highlight=False,
    )


@ledger_app.command("verify")
def verify_command(
    from_file: Annotated[
        Path | None,
        typer.Option("--from", help="Verify this exported file instead of the database."),
    ] = None,
    head: Annotated[
        str | None, typer.Option(help="SEQ:HASH of a published head the log must still extend.")
    ] = None,
    db: DbOption = None,
) -> None:
    """Check the chain, every hash and signature, and who signed what; name the first bad seq."""
    from parley.ledger.entries import LineError
    from parley.service.ledger import parse_head, verify_file, verify_store

    with user_errors():
        published = parse_head(head) if head else None
        if from_file is not None:
            try:
                result = verify_file(from_file, published)
            except LineError as error:
                where = escape(f"{error} of {from_file}")
                errors.print(f"[bold red]ledger NOT verified:[/] {where}")
                raise typer.Exit(1) from None
        else:
            with opened(db) as store:
                result = verify_store(store, published)
    if not result.ok:
        errors.print(f"[bold red]{escape(str(result))}[/]", highlight=False)
        raise typer.Exit(1)
    console.print(str(result), highlight=False)


@ledger_app.command("head")
def head_command(db: DbOption = None) -> None:
    """Print the last seq and hash, SEQ:HASH, to publish."""
    from parley.service.ledger import verify_store

    with opened(db) as store:
        result = verify_store(store)
    if not result.ok:
        errors.print(f"[bold red]{escape(str(result))}[/]", highlight=False)
        raise typer.Exit(1)
    seq, digest = result.head or (0, "0" * 64)
    typer.echo(f"{seq}:{digest}")


def register(app: typer.Typer) -> None:
    app.add_typer(keys_app, name="keys")
    app.add_typer(ledger_app, name="ledger")
