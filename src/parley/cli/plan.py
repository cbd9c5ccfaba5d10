"""`parley plan`: stages proposed under an agreement's terms, and the plan explained."""

from __future__ import annotations

import os
from pathlib import Path
from typing import Annotated, Any

import typer
from rich.markup import escape
from typer.core import TyperGroup

from parley.cli.common import DbOption, console, errors, opened, progress, user_errors
from parley.nogc import without_cycle_collection

MAKE = "make"


class _PlanByDefault(TyperGroup):
    """`parley plan AGREEMENT ...` makes a plan; `parley plan explain ...` explains one."""

    def parse_args(self, ctx: Any, args: list[str]) -> list[str]:  # a Click context
        if args and args[0] not in self.commands and args[0] not in ("--help", "-h"):
            args = [MAKE, *args]
        return super().parse_args(ctx, args)


plan_app = typer.Typer(
    cls=_PlanByDefault,
    help="Propose stages under an agreement's terms (parley plan AGREEMENT --held ...), "
    "or explain a plan (parley plan explain PLAN).",
    no_args_is_help=True,
)


def _held(values: list[str]) -> dict[str, Path]:
    held: dict[str, Path] = {}
    for value in values:
        party, sep, path = value.partition("=")
        if not sep or not party.strip() or not path:
            raise typer.BadParameter(
                f"'{value}': write PARTY=FILE, e.g. RU=ru_held.csv", param_hint="--held"
            )
        party = party.strip().upper()
        if party in held:
            raise typer.BadParameter(f"{party} is given twice", param_hint="--held")
        held[party] = Path(path)
    return held


@plan_app.command(MAKE, hidden=True)
def make(
    agreement: Annotated[
        Path | None, typer.Argument(help="The agreement's terms (YAML or JSON).")
    ] = None,
    held: Annotated[
        list[str] | None,
        typer.Option("--held", help="PARTY=FILE: the persons PARTY holds (CSV or XLSX)."),
    ] = None,
    out: Annotated[Path, typer.Option(help="Where to write the plan (JSON).")] = Path("plan.json"),
    time_limit: Annotated[
        float | None, typer.Option(help="Stop the solver after this many seconds.")
    ] = None,
    agreement_id: Annotated[
        str | None,
        typer.Option(help="Plan a stored agreement against the stored registries instead."),
    ] = None,
    stages: Annotated[int | None, typer.Option(help="With --agreement-id: stages to plan.")] = None,
    capacity: Annotated[
        int | None, typer.Option(help="With --agreement-id: persons per direction per stage.")
    ] = None,
    plan_date: Annotated[
        str | None, typer.Option(help="With --agreement-id: the date ages are computed on.")
    ] = None,
    db: DbOption = None,
) -> None:
    """Propose the stages: who goes home, under which clause, in which stage."""
    # The planner does no linear algebra: OpenBLAS need not start a thread per core when numpy
    # loads, next (60 ms of this command's start). A value the user set is kept.
    os.environ.setdefault("OPENBLAS_NUM_THREADS", "1")
    from parley.planning.files import PlanBroken, checked_plan_json, plan_from_files, write_plan

    if (agreement is None) == (agreement_id is None):
        raise typer.BadParameter("give an AGREEMENT file or --agreement-id (not both)")
    notes: list[str] = []
    # A plan makes a few hundred thousand objects and no cycles (40 ms of collector passes).
    with without_cycle_collection(), user_errors(), progress() as bar:
        task = bar.add_task("reading the terms and the held persons", total=None)

        def solver_state(phase: str, objective: float | None, bound: float | None) -> None:
            found = f": {objective:,.0f}" if objective is not None else ""
            if bound is not None:
                found += f" (bound {bound:,.0f})"
            bar.update(task, description=f"solving — {phase}{found}")

        if agreement is not None:
            if not held:
                raise typer.BadParameter("give --held PARTY=FILE for each party")
            terms, table, plan = plan_from_files(agreement, _held(held), time_limit, solver_state)
        else:
            assert agreement_id is not None
            terms, table, plan, notes = _stored(
                agreement_id, stages, capacity, plan_date, db, time_limit, solver_state
            )
        bar.update(task, description="checking every rule")
        try:
            text = checked_plan_json(terms, table, plan)
        except PlanBroken as error:
            raise ValueError(str(error)) from None
        bar.update(task, description=f"writing {out}")
        write_plan(text, out)
        bar.update(task, description="done", total=1, completed=1)
    for note in notes:
        errors.print(f"[yellow]not planned:[/] {escape(note)}", highlight=False)
    _summary(plan, out)


def _stored(
    agreement_id: str,
    stages: int | None,
    capacity: int | None,
    plan_date: str | None,
    db: str | None,
    time_limit: float | None,
    progress: Any,
) -> tuple[Any, Any, Any, list[str]]:
    from datetime import date

    from parley.planning.plan import make_plan
    from parley.service.plans import held_in_store, parties_of, terms_of
    from parley.service.records import current_record

    if stages is None or capacity is None:
        raise typer.BadParameter("--agreement-id needs --stages and --capacity")
    try:
        day = date.fromisoformat(plan_date) if plan_date else date.today()
    except ValueError:
        raise typer.BadParameter(f"'{plan_date}' is not a date (YYYY-MM-DD)") from None
    with opened(db) as store:
        record = current_record(store)
        found = [a for a in record.agreements if a.id == agreement_id]
        if not found:
            known = ", ".join(a.id for a in record.agreements) or "none stored"
            raise ValueError(f"no agreement {agreement_id!r} is stored (known: {known})")
        parties = parties_of(found[0])
        terms, notes = terms_of(found[0], parties, day, stages, capacity)
        table = held_in_store(store, parties)
    return terms, table, make_plan(terms, table, time_limit, progress), notes


def _summary(plan: Any, out: Path) -> None:
    from parley.planning.explain import headline

    for line in headline(plan):
        console.print(line, highlight=False)
    console.print(f"wrote {out} (parley plan explain {out} tells more)", highlight=False)


@plan_app.command("explain")
def explain(
    plan_file: Annotated[
        Path, typer.Argument(metavar="PLAN", help="A plan written by parley plan.")
    ],
    person: Annotated[str | None, typer.Option(help="Explain this person only.")] = None,
) -> None:
    """Say in words what a plan does, or why a person is or is not in it."""
    from parley.planning.explain import explain_person, explain_plan
    from parley.planning.files import read_plan

    with user_errors():
        plan = read_plan(plan_file)
    if person is None:
        for line in explain_plan(plan):
            console.print(escape(line), highlight=False)
        return
    try:
        console.print(escape(explain_person(plan, person)), highlight=False)
    except KeyError:
        errors.print(f"[bold red]error:[/] no person {escape(person)} in {plan_file}")
        raise typer.Exit(1) from None


def register(app: typer.Typer) -> None:
    app.add_typer(plan_app, name="plan")
