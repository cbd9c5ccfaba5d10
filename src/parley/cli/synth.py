"""`parley synth`: seeded synthetic request lists and registries, with their truth, to test and
benchmark the linker."""

from __future__ import annotations

from pathlib import Path
from typing import Annotated

import typer
from rich.table import Table

from parley.cli.common import console, progress

synth_app = typer.Typer(
    help="Synthetic lists of an exchange, with their truth, for testing the linker.",
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
) -> None:
    """Write both directions' request lists, registries, truth and hard negatives as CSV."""
    from parley.synth import FILE_NAMES, synth_lists, write_synth_lists  # not at start-up

    if scale <= 0:
        raise typer.BadParameter("must be positive", param_hint="--scale")
    with progress() as bar:
        task = bar.add_task("loading name dictionaries", total=_STEPS)

        def step(what: str, count: int) -> None:
            bar.update(task, description=f"{what} ({count:,})", advance=1)

        generated = synth_lists(seed, scale, progress=step)
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
    console.print(f"seed {seed}, scale {scale:g}: {len(paths)} files in {out}")


def register(app: typer.Typer) -> None:
    app.add_typer(synth_app, name="synth")
