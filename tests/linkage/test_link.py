"""The linker on small lists whose answer a person can check by eye."""

import os
import subprocess
import sys
from datetime import date
from pathlib import Path

import pandas as pd
import pytest

from parley.domain.people import Person
from parley.linkage import OUTPUT_COLUMNS, link


def P(
    id: str, family: str, given: str, patronymic: str | None, born: date | None, **kw: str
) -> Person:
    return Person(
        id=id,
        family_name=family,
        given_name=given,
        patronymic=patronymic,
        birth_date=born,
        military_unit=kw.get("unit"),
    )


REQUESTS = [
    P("U1", "Коваленко", "Олександр", "Петрович", date(1990, 3, 4), unit="в/ч А1234"),
    P("U2", "Шевченко", "Андрій", "Іванович", date(1985, 11, 2)),
    P("U3", "Бондаренко", "Ірина", "Олегівна", date(1979, 1, 30)),
    P("U4", "Мельник", "Григорій", "Миколайович", date(1995, 7, 12), unit="в/ч А4321"),
    P("U5", "Ткачук", "Василь", "Степанович", date(1988, 5, 5)),  # not held
]
REGISTRY = [
    P("R1", "Коваленко", "Александр", "Петрович", date(1990, 4, 3), unit="A1234"),
    P("R2", "SHEVCHENKO", "ANDRII", None, date(1985, 11, 2)),
    P("R3", "Ирина", "Бондаренко", "Олеговна", date(1979, 1, 30)),
    P("R4", "Мельник", "Григорий", "Николаевич", date(1995, 7, 12), unit="4321"),
    P("R5", "Melnyk", "Hryhorii", "Mykolaiovych", date(1995, 7, 12)),
    # The brother of U4: same father, same unit, another given name.
    P("R6", "Мельник", "Петр", "Николаевич", date(1993, 2, 1), unit="4321"),
    P("R7", "Сидоренко", "Дмитрий", "Павлович", date(1991, 9, 9)),
]


def _matches(frame: pd.DataFrame) -> set[tuple[str, str]]:
    rows = frame[frame["decision"] == "match"]
    return set(zip(rows["request_id"], rows["registry_id"], strict=True))


def test_finds_each_person_across_scripts_and_errors() -> None:
    result = link(REQUESTS, REGISTRY)
    assert list(result.columns) == OUTPUT_COLUMNS
    assert _matches(result) == {
        ("U1", "R1"),
        ("U2", "R2"),
        ("U3", "R3"),
        ("U4", "R4"),
        ("U4", "R5"),
    }
    assert "U5" not in set(result["request_id"])
    assert "R6" not in set(result["registry_id"])
    assert result["score"].between(0, 1).all()


def test_reasons_say_what_agreed() -> None:
    result = link(REQUESTS, REGISTRY).set_index("registry_id")
    assert "Олександр = Александр (uk→ru)" in result.loc["R1", "reason"]
    assert "day and month swapped" in result.loc["R1", "reason"]
    assert "family and given names swapped" in result.loc["R3", "reason"]
    assert "registered twice" in result.loc["R5", "reason"]


def test_a_person_registered_twice_is_reported() -> None:
    result = link(REQUESTS, REGISTRY)
    assert result.attrs["duplicates"] == [["R4", "R5"]] or result.attrs["duplicates"] == [
        ["R5", "R4"]
    ]
    assert result.attrs["pairs_compared"] >= 5


def test_a_registry_record_matches_at_most_one_request() -> None:
    twins = [
        P("A", "Коваленко", "Олександр", "Петрович", date(1990, 3, 4)),
        P("B", "Коваленко", "Олександр", "Петрович", date(1990, 3, 4)),
    ]
    result = link(twins, [REGISTRY[0]])
    assert len(_matches(result)) == 0  # two identical requests: a person must look
    assert set(result["decision"]) == {"review"}


def test_namesakes_without_dates_go_to_review_not_to_match() -> None:
    requests = [P("A", "Коваленко", "Олександр", "Олександрович", None)]
    registry = [
        P("X", "Коваленко", "Александр", "Александрович", None),
        P("Y", "Коваленко", "Александр", "Александрович", None, unit="1"),
    ]
    result = link(requests, registry)
    assert _matches(result) == set()


def test_empty_lists_link_to_an_empty_result() -> None:
    assert link([], REGISTRY).empty
    assert link(REQUESTS, []).empty
    assert list(link([], []).columns) == OUTPUT_COLUMNS


def test_a_registry_of_one_person() -> None:
    result = link(REQUESTS, [REGISTRY[1]])
    assert _matches(result) == {("U2", "R2")}


def test_thresholds_are_checked() -> None:
    with pytest.raises(ValueError):
        link(REQUESTS, REGISTRY, threshold_match=0.5, threshold_review=0.9)


def test_frames_work_like_person_lists() -> None:
    frame = pd.DataFrame(
        [
            {
                "id": "1",
                "family_name": "Коваленко",
                "given_name": "Олександр",
                "birth_date": "04.03.1990",
            }
        ]
    )
    result = link(frame, REGISTRY)
    assert ("1", "R1") in set(zip(result["request_id"], result["registry_id"], strict=True))


def test_a_slip_of_the_pen_in_the_patronymic_is_no_other_father() -> None:
    """Васиоьевич is Васильевич mistyped (one letter), though the keys' reductions fold the
    typo into another stem; with everything else agreeing it is the same man."""
    asked = [*REQUESTS, P("U6", "Менько", "Дмитрий", "Васильевич", date(2004, 4, 29), unit="52243")]
    held = [*REGISTRY, P("R8", "Менько", "Дмитрий", "Васиоьевич", date(2004, 4, 29), unit="52243")]
    assert ("U6", "R8") in _matches(link(asked, held))


def test_two_records_holding_halves_of_one_person_are_both_his() -> None:
    """One registration has the birth date, the other the unit; each is by itself a certain
    match for the request, and nothing between them disagrees."""
    asked = [
        *REQUESTS,
        P("U6", "Казнин", "Вячеслав", "Викторович", date(1973, 7, 18), unit="72511"),
    ]
    held = [
        *REGISTRY,
        P("R8", "Kaznin", "Vyacheslav", "Viktorovich", date(1973, 7, 18)),
        P("R9", "Казнін", "В'ячеслав", "Вікторович", None, unit="в/ч 72511"),
    ]
    result = link(asked, held)
    assert {("U6", "R8"), ("U6", "R9")} <= _matches(result)


def test_the_false_share_cap_is_kept_beside_the_matches_and_checked() -> None:
    result = link(REQUESTS, REGISTRY)
    cap = result.attrs["model"]["false_share"]
    assert cap["max"] == 0.001
    assert {"cutoff", "expected_false_matches", "sent_to_review"} <= set(cap)
    # A share of 1 keeps every match the thresholds allow.
    assert (
        link(REQUESTS, REGISTRY, max_false_share=1.0).attrs["model"]["false_share"][
            "sent_to_review"
        ]
        == 0
    )
    with pytest.raises(ValueError):
        link(REQUESTS, REGISTRY, max_false_share=1.5)


def test_the_same_lists_give_the_same_file_in_every_process(tmp_path: Path) -> None:
    # Blocking keys are string hashes, seeded anew in each process: nothing that reaches the
    # file may follow their order (the order of a person's records registered more than once,
    # of ties among equal scores).
    header = "id,family_name,given_name,patronymic,birth_date,sex,military_unit\n"
    asked = "Q1,Коваленко,Олександр,Петрович,1990-03-04,M,\nQ2,Шевчук,Іван,Іванович,1985-01-02,M,\n"
    held = "".join(
        f"R{n},КОВАЛЕНКО,АЛЕКСАНДР,ПЕТРОВИЧ,1990-03-04,M,\nS{n},ШЕВЧУК,ИВАН,ИВАНОВИЧ,1985-01-02,M,\n"
        for n in range(1, 5)
    )
    (tmp_path / "asked.csv").write_text(header + asked, encoding="utf-8")
    (tmp_path / "held.csv").write_text(header + held, encoding="utf-8")
    outputs = set()
    for hash_seed in ("1", "2", "3", "4"):
        out = tmp_path / f"m{hash_seed}.csv"
        subprocess.run(
            [sys.executable, "-m", "parley", "link", str(tmp_path / "asked.csv"),
             str(tmp_path / "held.csv"), "--out", str(out)],
            check=True, capture_output=True, env={**os.environ, "PYTHONHASHSEED": hash_seed},
        )  # fmt: skip
        outputs.add(out.read_bytes())
    assert len(outputs) == 1


def test_a_run_lets_go_of_the_spellings_it_worked_out() -> None:
    from parley.linkage.names import skeleton

    link([P("Q1", "Коваленко", "Олександр", "Петрович", date(1990, 3, 4))],
         [P("R1", "КОВАЛЕНКО", "АЛЕКСАНДР", "ПЕТРОВИЧ", date(1990, 3, 4))])  # fmt: skip
    assert skeleton.cache_info().currsize == 0


def test_a_category_that_differs_weighs_against_but_never_decides() -> None:
    civilian = REGISTRY[0].model_copy(update={"category": "civilian"})
    result = link(REQUESTS, [civilian, *REGISTRY[1:]])
    row = result[result["request_id"] == "U1"].iloc[0]
    assert (row["registry_id"], row["decision"]) == ("R1", "match")
    assert "category differs" in row["reason"]
    # With little else to go on, the category lowers the score.
    asked = [*REQUESTS, P("Q1", "Гнатюк", "Олег", None, None)]
    held = [*REGISTRY, P("H1", "Гнатюк", "Олег", None, None)]
    alike = link(asked, held).set_index("request_id").loc["Q1", "score"]
    held[-1] = held[-1].model_copy(update={"category": "civilian"})
    other = link(asked, held).set_index("request_id")
    assert "Q1" not in other.index or other.loc["Q1", "score"] < alike


def test_a_pair_sent_to_review_for_its_score_alone_says_so() -> None:
    result = link(REQUESTS, REGISTRY, threshold_match=0.999999, max_false_share=1.0)
    row = result[(result["request_id"] == "U2") & (result["registry_id"] == "R2")].iloc[0]
    assert row["decision"] == "review"
    assert row["reason"].endswith("; too little agrees for a match (it needs 0.999999)")
