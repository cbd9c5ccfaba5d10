"""Plans from files: an agreement, the held-persons files, and the plan written as JSON."""

from __future__ import annotations

import json
import os
import tempfile
from collections.abc import Mapping
from pathlib import Path
from typing import Any

from parley.planning.held import HeldTable, check_apart, read_held
from parley.planning.plan import Plan, make_plan
from parley.planning.rules import check_plan
from parley.planning.solver import Progress
from parley.planning.terms import PlanTerms, load_terms


class PlanBroken(Exception):
    """A plan that breaks a rule: a fault in Parley, never written."""


def plan_from_files(
    agreement: Path,
    held: Mapping[str, Path],
    time_limit: float | None = None,
    progress: Progress | None = None,
) -> tuple[PlanTerms, HeldTable, Plan]:
    """Read the terms and who each party holds, and plan. `held` maps a party to the file of
    the persons it holds.
    """
    terms = load_terms(agreement)
    strangers = sorted(set(held) - set(terms.parties))
    if strangers:
        raise ValueError(
            f"--held {', '.join(strangers)}: not a party to {terms.id} "
            f"(parties: {', '.join(terms.parties)})"
        )
    # One after the other: a file takes 0.1 s, less than a forked helper costs to send back.
    lists = [read_held(path, party) for party, path in held.items()]
    check_apart(lists)
    table = HeldTable.joined([held_list.table for held_list in lists])
    plan = make_plan(terms, table, time_limit, progress)
    return terms, table, plan


def require_sound(terms: PlanTerms, table: HeldTable, plan: Plan) -> None:
    """PlanBroken, naming the first rules it breaks, unless the plan keeps every rule."""
    problems = check_plan(terms, table, plan)
    if problems:
        raise PlanBroken("the plan breaks a rule and was not written: " + "; ".join(problems[:5]))


def checked_plan_json(terms: PlanTerms, table: HeldTable, plan: Plan) -> bytes:
    """plan.json's bytes, once the plan is checked against every rule; PlanBroken if it breaks
    one. (Not side by side in a forked helper: forking this process costs more than the check.)
    """
    require_sound(terms, table, plan)
    return plan.to_json_bytes() + b"\n"


def write_plan(text: bytes, path: Path) -> None:
    """Write plan.json whole or not at all (a temporary file, then renamed over the target)."""
    path.parent.mkdir(parents=True, exist_ok=True)
    with tempfile.NamedTemporaryFile("wb", dir=path.parent, suffix=".tmp", delete=False) as stream:
        stream.write(text)
    os.replace(stream.name, path)


def read_plan(path: Path) -> Plan:
    """A plan.json; ValueError saying what is wrong when the file is not one."""
    try:
        data: Any = json.loads(path.read_text("utf-8"))
        return Plan.from_json(data)
    except (json.JSONDecodeError, UnicodeDecodeError) as error:
        raise ValueError(f"{path}: not a JSON file: {error}") from None
    except (KeyError, TypeError, ValueError, AttributeError) as error:
        raise ValueError(f"{path}: not a Parley plan (missing or bad {error})") from None
