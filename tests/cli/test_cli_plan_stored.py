"""`parley plan --agreement-id`: a recorded agreement planned against the stored registries."""

import json
from collections.abc import Callable
from pathlib import Path

from typer.testing import Result

Run = Callable[..., Result]

HEADER = "id,family_name,given_name,birth_date,category,seriously_wounded,seriously_ill,consent\n"
RU_HOLDS = HEADER + (
    "R1,Коваленко,Олександр,1990-03-04,serviceman,true,false,yes\n"
    "R2,Ткачук,Василь,2003-01-01,serviceman,false,false,yes\n"
    "R3,Шевченко,Іван,1980-01-01,serviceman,false,true,no\n"
    "R4,Бондар,Петро,1975-01-01,civilian,false,false,yes\n"
)
UA_HOLDS = HEADER + (
    "U1,Иванов,Сергей,2004-05-05,serviceman,false,false,yes\n"
    "U2,Петров,Олег,1985-05-05,serviceman,false,false,unknown\n"
)


def test_a_recorded_agreement_is_planned_against_the_stored_registries(
    run: Run, tmp_path: Path
) -> None:
    (tmp_path / "ru.csv").write_text(RU_HOLDS, "utf-8")
    (tmp_path / "ua.csv").write_text(UA_HOLDS, "utf-8")
    assert run("scenario", "load", "istanbul-2025").exit_code == 0
    assert run("registry", "import", "--holder", "RU", str(tmp_path / "ru.csv")).exit_code == 0
    assert run("registry", "import", "--holder", "UA", str(tmp_path / "ua.csv")).exit_code == 0
    out = tmp_path / "plan.json"
    result = run(
        "plan", "--agreement-id", "istanbul-2", "--stages", "2", "--capacity", "5",
        "--plan-date", "2025-06-09", "--out", str(out),
    )  # fmt: skip
    assert result.exit_code == 0, result.output
    assert "not planned: civilians" in result.output and "not planned: remains" in result.output
    plan = json.loads(out.read_text("utf-8"))
    going = {t["person_id"]: t["clause"] for s in plan["stages"] for t in s["transfers"]}
    # All seriously wounded and all aged 18–25 go, unilaterally; R3 refused; R4 is a civilian
    # and the civilians clause names no figure; U2 is 40 and meets no clause.
    assert going == {"R1": "wounded", "R2": "young", "U1": "young"}
    reasons = {e["person_id"]: e["reason"] for e in plan["excluded"]}
    assert "consent refused" in reasons["R3"] and "no clause covers civilians" in reasons["R4"]
    assert "young: not aged 18 to 25" in reasons["U2"]


def test_an_unknown_agreement_or_missing_stages_is_refused(run: Run) -> None:
    run("scenario", "load", "istanbul-2025")
    unknown = run("plan", "--agreement-id", "nope", "--stages", "1", "--capacity", "1")
    assert unknown.exit_code == 2 and "no agreement 'nope'" in unknown.output
    assert run("plan", "--agreement-id", "istanbul-2").exit_code == 2
    assert run("plan").exit_code in (0, 2)  # bare: the help
