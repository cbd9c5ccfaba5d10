"""`parley synth`: seeded synthetic request lists and registries, with their truth, to test and
benchmark the linker."""

from __future__ import annotations

from pathlib import Path
from typing import Annotated

import typer
from rich.table import Table

from parley.cli.common import console, progress

synth_app = typer.Typer(
    help="Synthetic lists of an exchange, for testing the linker and the planner.",
    no_args_is_help=True,
)
# persons, requests and registry for each of the two directions, then writing the files
_STEPS = 7


@synth_app.command("lists")
def lists(
    seed: Annotated[int, typer.Option(help="Seed: the same seed gives the same files.")] = 1,
    scale: Annotated[
        float,
        typer.Option(help="Size: 1 gives about 4,500 requests and 9,000 records a direction."),
    ] = 1.0,
    out: Annotated[
        Path, typer.Option(help="Directory to write the files into (created if missing).")
    ] = Path("synth"),
    mix: Annotated[
        str,
        typer.Option(
            help="Parameter set: default, unheld (most requested not held, with namesakes), "
            "relatives (brothers, cousins, fathers and sons; common names), latin (other "
            "Latin habits), hard (all of those), initials (a registry writing given names "
            "and patronymics as initials), slips (unheld, with 3 % of registered birth dates "
            "mistyped in one part), mediator (unheld, with the Turkish spelling of the "
            "mediator's lists, 01.01 for a birth year alone, placeholders such as н/д, and "
            "diminutives in the requests), clerical (unheld, with units written by their "
            "brigade or the army alone, and names in the wrong columns), offices (clerical, "
            "with some persons asked for twice by two offices, requests written from letters "
            "in the genitive, ranks and call signs beside the names), namesakes (unheld, "
            "with the look-alikes written as carelessly as anyone: an undated namesake, or one "
            "without a patronymic, differs from the person asked for in nothing the lists hold)."
        ),
    ] = "default",
) -> None:
    """Write both directions' request lists, registries, truth and hard negatives as CSV."""
    from parley.synth import FILE_NAMES, synth_lists, write_synth_lists  # not at start-up
    from parley.synth.mixes import MIXES

    if scale <= 0:
        raise typer.BadParameter("must be positive", param_hint="--scale")
    if mix not in MIXES:
        raise typer.BadParameter(f"one of {', '.join(MIXES)}", param_hint="--mix")
    with progress() as bar:
        task = bar.add_task("loading name dictionaries", total=_STEPS)

        def step(what: str, count: int) -> None:
            bar.update(task, description=f"{what} ({count:,})", advance=1)

        generated = synth_lists(seed, scale, progress=step, mix=mix)
        bar.update(task, description=f"writing into {out}")
        paths = write_synth_lists(generated, out)
        bar.update(task, description=f"written into {out}", completed=_STEPS)
    table = Table("file", "rows")
    counts: dict[str, int] = {}
    for direction, exchange in (("ua", generated.ua), ("ru", generated.ru)):
        requests, registry, truth, negatives = FILE_NAMES[direction]
        counts[requests] = len(exchange.requests)
        counts[registry] = len(exchange.registry)
        counts[truth] = len(exchange.truth)
        counts[negatives] = len(exchange.hard_negatives)
    for path in paths:
        table.add_row(str(path), f"{counts.get(path.name, 0):,}")
    console.print(table)
    console.print(f"seed {seed}, scale {scale:g}, mix {mix}: {len(paths)} files in {out}")


@synth_app.command("held")
def held(
    per_side: Annotated[int, typer.Option(help="Persons each party holds.")] = 5000,
    seed: Annotated[int, typer.Option(help="Seed: the same seed gives the same files.")] = 1,
    out: Annotated[
        Path, typer.Option(help="Directory to write the files into (created if missing).")
    ] = Path("synth"),
) -> None:
    """Write ru_held.csv and ua_held.csv for `parley plan`, and the example agreement."""
    from importlib import resources

    from parley.synth.held import synth_held, write_held

    if per_side < 0:
        raise typer.BadParameter("must not be negative", param_hint="--per-side")
    table = Table("file", "rows")
    with progress() as bar:
        task = bar.add_task("generating", total=2)
        for party in ("RU", "UA"):
            path = write_held(synth_held(party, per_side, seed), out / f"{party.lower()}_held.csv")
            table.add_row(str(path), f"{per_side:,}")
            bar.update(task, advance=1, description=f"wrote {path}")
    example = resources.files("parley.planning") / "examples" / "june-terms.yaml"
    (out / "agreement.yaml").write_text(example.read_text("utf-8"), encoding="utf-8")
    table.add_row(str(out / "agreement.yaml"), "the example agreement")
    console.print(table)
    console.print(
        f"parley plan {out / 'agreement.yaml'} --held RU={out / 'ru_held.csv'} "
        f"--held UA={out / 'ua_held.csv'} --out plan.json",
        highlight=False,
    )


def register(app: typer.Typer) -> None:
    app.add_typer(synth_app, name="synth")
