"""`parley link-score`: score a linker's match table against the truth of a synthetic exchange."""

from __future__ import annotations

from pathlib import Path
from typing import TYPE_CHECKING, Annotated

import typer
from rich.console import Console
from rich.table import Table

if TYPE_CHECKING:
    import pandas as pd

    from parley.linkage.evaluate import Scores

console = Console()


def read_text_csv(path: Path) -> pd.DataFrame:
    """A CSV with every cell read as text and empty cells as empty strings (ids stay ids)."""
    import pandas as pd  # here, not at start-up: only scoring needs it

    return pd.read_csv(path, dtype=str, keep_default_na=False, encoding="utf-8")


def _tables(scores: Scores) -> list[Table]:
    from parley.linkage.evaluate import distortion_rows, headline_rows

    headline = Table("figure", "value", title="Linkage against truth")
    for label, value in headline_rows(scores):
        headline.add_row(label, value)
    tables = [headline]
    if scores.per_distortion:
        recall = Table("distortion", "found", "total", "recall", title="Recall per distortion")
        for row in distortion_rows(scores):
            recall.add_row(*row)
        tables.append(recall)
    if scores.hard_negative_errors:
        hard = Table("hard negative", "output as match", title="Hard negatives matched")
        for kind, count in scores.hard_negative_errors.items():
            hard.add_row(kind, f"{count:,}")
        tables.append(hard)
    return tables


def link_score(
    matches: Annotated[
        Path,
        typer.Argument(
            exists=True, dir_okay=False, help="Match table: request_id, registry_id, decision."
        ),
    ],
    truth: Annotated[
        Path,
        typer.Argument(
            exists=True, dir_okay=False, help="Truth: request_id, registry_id[, distortions]."
        ),
    ],
    hard_negatives: Annotated[
        Path | None,
        typer.Option(
            "--hard-negatives",
            exists=True,
            dir_okay=False,
            help="Hard negatives: request_id, registry_id, kind.",
        ),
    ] = None,
    requests: Annotated[
        int | None,
        typer.Option(
            "--requests", min=1, help="How many requests the list had (review-share denominator)."
        ),
    ] = None,
) -> None:
    """Score a match table against the truth: precision, recall, F1, review share."""
    negatives = read_text_csv(hard_negatives) if hard_negatives is not None else None
    from parley.linkage.evaluate import score_matches

    scores = score_matches(
        read_text_csv(matches), read_text_csv(truth), negatives, requests=requests
    )
    for table in _tables(scores):
        console.print(table)


def register(app: typer.Typer) -> None:
    app.command("link-score")(link_score)
