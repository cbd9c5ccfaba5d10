"""`parley link`: a request list against a registry, from files, no database needed."""

from __future__ import annotations

import json
from pathlib import Path
from typing import Annotated, Any

import typer
from rich.table import Table

from parley.cli.common import console, progress, user_errors
from parley.settings import LINK_MAX_FALSE_SHARE, LINK_THRESHOLD_MATCH, LINK_THRESHOLD_REVIEW

ListFile = Annotated[Path, typer.Argument(help="A .csv or .xlsx person list.")]


def link_command(
    requests: ListFile,
    registry: ListFile,
    out: Annotated[Path, typer.Option(help="Where to write the matches (.csv or .xlsx).")],
    threshold_match: Annotated[
        float, typer.Option(help="Score from which a pair is a match.")
    ] = LINK_THRESHOLD_MATCH,
    threshold_review: Annotated[
        float, typer.Option(help="Score from which a pair goes to a person for review.")
    ] = LINK_THRESHOLD_REVIEW,
    max_false_share: Annotated[
        float,
        typer.Option(
            help="Share of its matches that may be wrong by their own scores; below the score "
            "where it would pass this, a pair goes to review.",
        ),
    ] = LINK_MAX_FALSE_SHARE,
    guard_namesakes: Annotated[
        bool,
        typer.Option(
            "--guard-namesakes",
            help="Weigh pairs alike in every name against the namesakes the lists' dated "
            "pairs show beyond the names' frequencies, and pairs alike in family name, given "
            "name and birth date, one without a patronymic, against the strangers born the same "
            "day that the patronymics show: such a pair goes to review where such namesakes "
            "are common (the model file's `namesakes`).",
        ),
    ] = False,
    explain_model: Annotated[
        bool, typer.Option("--explain-model", help="Print the fitted weights and name frequencies.")
    ] = False,
    pairs: Annotated[
        Path | None,
        typer.Option(
            help="Also write every candidate pair likelier than 1 in 10,000 with what the "
            "linker saw of it: each field's level, the rules' verdicts, weight, probability, "
            "name frequencies and rivals (.csv or .xlsx).",
        ),
    ] = None,
) -> None:
    """Find each requested person in a registry, across Ukrainian, Russian and Latin script."""
    # Imported here: pandas and the name tables are for linking, not for every command's start.
    from parley.linkage import link
    from parley.linkage.files import check_writable, read_lists, write_matches
    from parley.linkage.pairs import link_with_pairs

    with user_errors(), progress() as bar:
        for path in (out, pairs):
            if path is not None:
                check_writable(path)  # before any work, so that nothing is half written
        task = bar.add_task(f"reading {requests.name} and {registry.name}", total=3)
        asked, held = read_lists(requests, registry)
        bar.update(task, advance=1, description="comparing and scoring")
        thresholds = {
            "threshold_match": threshold_match,
            "threshold_review": threshold_review,
            "max_false_share": max_false_share,
        }
        if pairs is None:
            matches = link(asked, held, **thresholds, guard_namesakes=guard_namesakes)
        else:
            matches, table = link_with_pairs(
                asked, held, **thresholds, guard_namesakes=guard_namesakes
            )
        bar.update(task, advance=1, description=f"writing {out.name}")
        if pairs is not None:
            write_matches(table, pairs)
        write_matches(matches, out)
        model_file = out.with_suffix(".model.json")
        model_file.write_text(
            json.dumps(matches.attrs.get("model", {}), ensure_ascii=False, indent=2), "utf-8"
        )
        bar.update(task, advance=1, description="done")
    matched = set(matches.loc[matches["decision"] == "match", "request_id"])
    review = set(matches.loc[matches["decision"] == "review", "request_id"]) - matched
    table = Table("requests", "matched", "to review", "not found", "pairs compared")
    table.add_row(
        f"{len(asked):,}",
        f"{len(matched):,}",
        f"{len(review):,}",
        f"{len(asked) - len(matched) - len(review):,}",
        f"{matches.attrs['pairs_compared']:,}",
    )
    console.print(table)
    duplicates = matches.attrs["duplicates"]
    if duplicates:
        console.print(f"Probable duplicate registrations ({len(duplicates)}):")
        for group in duplicates[:50]:
            console.print(f"  {', '.join(group)}", highlight=False)
    asked_twice = matches.attrs.get("asked_twice", [])
    if asked_twice:
        console.print(f"Persons asked for twice, matched on each request ({len(asked_twice)}):")
        for group in asked_twice[:50]:
            console.print(f"  {', '.join(group)}", highlight=False)
    if explain_model and "model" in matches.attrs:
        _explain(matches.attrs["model"])
    console.print(f"wrote {out} and {model_file.name}" + (f", and {pairs}" if pairs else ""))


def _explain(model: dict[str, Any]) -> None:
    weights = Table("field", "level", "m", "u", "weight (bits)", title="Fitted model")
    for field, levels in model["fields"].items():
        for row in levels:
            weights.add_row(
                field, row["level"], f"{row['m']:.4f}", f"{row['u']:.4f}",
                f"{row['weight_bits']:+.2f}",
            )  # fmt: skip
    console.print(weights)
    console.print(
        f"prior {model['prior']:.3g} (≈{model['expected_matches']:,.0f} matches expected, "
        f"{model['held_share']:.1%} of the requested held); thresholds: match "
        f"{model['thresholds']['match']}, review {model['thresholds']['review']}"
    )
    common = Table("field", "most common names (share of records)", title="Name frequencies")
    for field, names in model["term_frequency"].items():
        common.add_row(field, ", ".join(f"{n['name']} {n['share']:.1%}" for n in names))
    console.print(common)
    cap = model["false_share"]
    sent = (
        f"{cap['sent_to_review']:,} sent to review below score {cap['cutoff']:.4f}"
        if cap["sent_to_review"]
        else "no match sent to review for it"
    )
    console.print(
        f"false matches expected among the matches: {cap['expected_false_matches']:,} "
        f"(at most {cap['max']:.2%}); {sent}"
    )
    console.print(f"birth dates one part apart: {model['birth_one_part_apart']}")
    console.print(f"birth dates with day and month swapped: {model['birth_day_month_swapped']}")
    namesakes = model.get("namesakes", {})
    if namesakes.get("floor"):
        done = "weighed against them" if namesakes["guarded"] else "not weighed (--guard-namesakes)"
        console.print(
            f"namesakes beyond the names' frequencies: {namesakes['dated_pairs_told_apart']:,} "
            f"dated pairs alike in every name told apart by their dates; a floor of "
            f"{namesakes['floor']:.3g} under the names' chance, {namesakes['pairs_held_down']:,} "
            f"pairs' weight {'held' if namesakes['guarded'] else 'it would hold'}: {done}"
        )
    if namesakes.get("patronymic_floor"):
        done = "weighed against them" if namesakes["guarded"] else "not weighed (--guard-namesakes)"
        console.print(
            "strangers alike in family name, given name and birth date: "
            f"{namesakes['pairs_told_apart_by_patronymic']:,} pairs told apart by their "
            f"patronymics; a floor of {namesakes['patronymic_floor']:.3g} for pairs where one "
            f"patronymic is missing: {done}"
        )
    if shifted := model.get("other_date_system", 0):
        console.print(
            f"birth dates read across Excel's date systems (1,462 days apart): {shifted:,} pairs"
        )
    lists = {"requests": "the request list", "registry": "the registry"}
    for side, days in model.get("stand_in_dates", {}).items():
        if days:
            written = ", ".join(f"{day} ({count:,} dates)" for day, count in days.items())
            console.print(
                f"{lists[side]} writes {written} for a day it does not know: read as the year alone"
            )


def register(app: typer.Typer) -> None:
    app.command("link")(link_command)
