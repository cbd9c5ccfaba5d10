"""Stored verification from the command line: `parley requests verify` and `parley review`."""

from __future__ import annotations

import getpass
from typing import TYPE_CHECKING, Annotated

import typer
from rich.table import Table

from parley.cli.common import DbOption, console, opened, progress
from parley.cli.lists import requests_app
from parley.settings import LINK_THRESHOLD_MATCH, LINK_THRESHOLD_REVIEW

if TYPE_CHECKING:
    from parley.service.verification import QueueItem, Verdict

PartyOption = Annotated[str, typer.Option("--by", help="Code of the party asking.")]
CHOICES: dict[str, Verdict | None] = {"a": "accept", "r": "reject", "s": "skip", "q": None}


def verify(
    by: PartyOption,
    against: Annotated[str, typer.Option(help="Code of the party holding the registry.")],
    threshold_match: Annotated[float, typer.Option()] = LINK_THRESHOLD_MATCH,
    threshold_review: Annotated[float, typer.Option()] = LINK_THRESHOLD_REVIEW,
    db: DbOption = None,
) -> None:
    """Link a stored request list with a stored registry and keep the results."""
    from parley.service.verification import verify_requests  # linking's imports only when linking

    with opened(db) as store, progress() as bar:
        task = bar.add_task("verifying", total=3)

        def step(what: str) -> None:
            bar.update(task, description=what, advance=1)

        changes, counts = verify_requests(
            store, by.upper(), against.upper(), threshold_match, threshold_review, step
        )
        bar.update(task, completed=3, description="verified")
    console.print(f"results: {changes}")
    _print_counts(by.upper(), counts)


def _print_counts(party: str, counts: dict[str, int]) -> None:
    table = Table(f"requests of {party}", *counts)
    table.add_row("", *(f"{n:,}" for n in counts.values()))
    console.print(table)


def status(by: PartyOption, db: DbOption = None) -> None:
    """How many of a party's requests are matched, under review, not found."""
    from parley.service.verification import status_counts

    with opened(db) as store:
        _print_counts(by.upper(), status_counts(store, by.upper()))


def _show(store_persons: dict[str, dict[str, object]], item: QueueItem, left: int) -> None:
    table = Table(f"request {item.request_id}", f"registry {item.registry_id}", title=(
        f"score {item.score:.2f} — {left} left in the queue"
    ))  # fmt: skip
    request = store_persons.get(f"request/{item.requester}/{item.request_id}", {})
    record = store_persons.get(f"registry/{item.holder}/{item.registry_id}", {})
    for field in ("family_name", "given_name", "patronymic", "birth_date", "military_unit"):
        table.add_row(str(request.get(field) or "—"), str(record.get(field) or "—"))
    console.print(table)
    console.print(f"[dim]{item.reason}[/]", highlight=False)


def review(
    by: Annotated[str | None, typer.Option("--by", help="Only this party's requests.")] = None,
    reviewer: Annotated[str | None, typer.Option(help="Who decides (default: your login).")] = None,
    list_only: Annotated[
        bool, typer.Option("--list", help="Show the queue, decide nothing.")
    ] = False,
    db: DbOption = None,
) -> None:
    """Walk the review queue: accept, reject or skip each candidate, with a note."""
    from parley.service.verification import record_review, review_queue

    who = reviewer or getpass.getuser()
    with opened(db) as store:
        queue = review_queue(store, by.upper() if by else None)
        if list_only or not queue:
            table = Table("request", "registry", "score", "reason")
            for q in queue:
                table.add_row(q.request_id, q.registry_id, f"{q.score:.2f}", q.reason)
            console.print(table if queue else "The review queue is empty.")
            return
        persons = {
            f"{p['list_kind']}/{p['party']}/{p['person']['id']}": p["person"]
            for p in store.facts("person")
        }
        for left, item in enumerate(queue, start=0):
            _show(persons, item, len(queue) - left)
            answer = typer.prompt("[a]ccept, [r]eject, [s]kip, [q]uit", default="s").lower()[:1]
            verdict = CHOICES.get(answer, "skip")
            if verdict is None:
                break
            note = typer.prompt("note", default="", show_default=False)
            record_review(store, item, verdict, who, note)
            console.print(f"recorded: {verdict} by {who}")


# `requests verify` and `requests status` belong to the `requests` sub-app of lists: added to it
# once, when this module is first imported, however many apps are built.
requests_app.command("verify")(verify)
requests_app.command("status")(status)


def register(app: typer.Typer) -> None:
    app.command("review")(review)
