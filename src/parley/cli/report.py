"""Commands that produce the report, and the demo that tells the whole story from scratch."""

from __future__ import annotations

import json
from enum import StrEnum
from pathlib import Path
from typing import Annotated, Any

import typer

from parley.cli.common import DbOption, console, opened, progress, settings, user_errors

# The report and the store are imported in the commands that use them: the CLI's start stays
# light for those that do not (parley plan).


class Format(StrEnum):
    text = "text"
    json = "json"
    html = "html"


def render(report: dict[str, Any], fmt: Format) -> str:
    from parley.reports.html import render_html
    from parley.reports.text import render_text

    if fmt is Format.json:
        return json.dumps(report, ensure_ascii=False, indent=2) + "\n"
    if fmt is Format.html:
        return render_html(report)
    return render_text(report)


def report(
    format: Annotated[Format, typer.Option("--format", "-f", help="text, json or html.")] = (
        Format.text
    ),
    out: Annotated[Path | None, typer.Option(help="Write to this file instead of stdout.")] = None,
    unverified: Annotated[
        bool, typer.Option("--unverified", help="Show figures even if the ledger does not verify.")
    ] = False,
    db: DbOption = None,
) -> None:
    """The whole record: rounds, agreements, stages, tallies, fulfilment and checked claims."""
    from parley.service import records as parley_app

    with opened(db) as store:
        data = parley_app.report(store, settings(db), unverified)
    text = render(data, format)
    if out is None:
        typer.echo(text, nl=False)
    else:
        out.write_text(text, encoding="utf-8")
        console.print(f"wrote {out}")


def demo(
    scenario: Annotated[
        str, typer.Option(help="The scenario to show, or 'synthetic' for a generated exchange.")
    ] = "istanbul-2025",
    out: Annotated[Path, typer.Option(help="Where to write the HTML report.")] = Path(
        "parley-report.html"
    ),
    seed: Annotated[int, typer.Option(help="With --scenario synthetic: the seed.")] = 1,
    recorder_key: Annotated[
        Path,
        typer.Option(help="The recorder's key (made on first use) that signs reported stages."),
    ] = Path("parley-keys/recorder.key"),
    db: DbOption = None,
) -> None:
    """Migrate the database, load a scenario, write the HTML report and summarise it."""
    from parley.reports.html import render_html
    from parley.reports.summary import summary_text
    from parley.service import records as parley_app
    from parley.service.ledger import record_reported_stages
    from parley.service.ledger import recorder_key as recorder_key_of

    if scenario == "synthetic":
        _synthetic(out, seed, db)
        return
    with progress() as bar:
        step = bar.add_task("migrating the database", total=1)
        with opened(db) as store:
            bar.advance(step)
            step = bar.add_task(f"loading {scenario}", total=1)
            _, changes = parley_app.load_scenario_into(store, scenario)
            with user_errors():
                key = recorder_key_of(store, recorder_key)
                reported = record_reported_stages(store, parley_app.current_record(store), key)
            bar.advance(step)
            step = bar.add_task("deriving tallies and checking claims", total=1)
            data = parley_app.report(store, settings(db))
            bar.advance(step)
        step = bar.add_task(f"writing {out}", total=1)
        out.write_text(render_html(data), encoding="utf-8")
        bar.advance(step)
    console.print(
        f"{scenario}: {changes}; {len(reported)} reported stage transfers signed into the ledger"
    )
    console.print(summary_text(data), highlight=False, soft_wrap=True)
    console.print(f"Report: [bold]{out.resolve()}[/] (open it in a browser; it needs no network)")


def _synthetic(out: Path, seed: int, db: str | None) -> None:
    from parley.reports.html import render_html
    from parley.service.demo import STEPS, run_synthetic

    with progress() as bar, opened(db) as store:
        task = bar.add_task("migrating the database", total=STEPS + 1)

        def step(what: str) -> None:
            bar.update(task, advance=1, description=what)

        with user_errors():
            run = run_synthetic(store, settings(db), seed, step)
        bar.update(task, completed=STEPS + 1, description=f"writing {out}")
    out.write_text(render_html(run.report), encoding="utf-8")
    counts = run.verification
    console.print(
        f"UA's requests against RU's registry: {counts.get('matched', 0)} matched, "
        f"{counts.get('under review', 0)} under review, {counts.get('not found', 0)} not found",
        highlight=False,
    )
    assert run.plan is not None
    console.print(
        f"plan: {run.plan.status}, {run.plan.total_released:,} to go home in "
        f"{len(run.plan.stages)} stages; {run.absent} did not cross on the day",
        highlight=False,
    )
    ledger = run.report["ledger"]
    for row in ledger["confirmed"]:
        console.print(f"confirmed {row['from']}→{row['to']} {row['category']}: {row['count']:,}")
    for row in ledger["pending"]:
        waiting = ", ".join(row["waiting_for"])
        console.print(
            f"pending stage {row['stage']} {row['from']}→{row['to']} {row['category']} "
            f"{row['count']:,}: waiting for {waiting}"
        )
    console.print(
        f"keys (demo only): {run.keys_dir}; ledger head "
        f"{ledger['head']['seq']}:{ledger['head']['hash']}",
        highlight=False,
    )
    console.print(f"Report: [bold]{out.resolve()}[/]")


def register(app: typer.Typer) -> None:
    app.command()(report)
    app.command()(demo)
