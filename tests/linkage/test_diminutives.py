from datetime import date

import numpy as np

from parley.domain.people import Person
from parley.linkage import link
from parley.linkage.compare import ready
from parley.linkage.diminutives import diminutive_pairs
from parley.linkage.prepare import NameTable, frame_of, prepare


def _given(*names: str) -> tuple[NameTable, dict[str, int]]:
    people = [Person(id=str(k), family_name="Мельник", given_name=n) for k, n in enumerate(names)]
    table = prepare(frame_of(people)).names["given_name"]
    return table, {n: k for k, n in enumerate(table.text)}


def test_a_diminutive_meets_its_name_in_any_script_and_language() -> None:
    asked, at = _given("Толя", "Сашко", "Вова", "Слава")
    held, to = _given("Анатолий", "Aleksandr", "Volodymyr", "Ярослав", "Андрій")
    pairs = [("Толя", "Анатолий"), ("Сашко", "Aleksandr"), ("Вова", "Volodymyr"),
             ("Слава", "Ярослав"), ("Толя", "Андрій"), ("Вова", "Aleksandr")]  # fmt: skip
    xs = np.array([at[x] for x, _ in pairs])
    ys = np.array([to[y] for _, y in pairs])
    assert diminutive_pairs(asked, xs, held, ys).tolist() == [True] * 4 + [False] * 2
    # Either way round: the registry may hold the diminutive.
    assert diminutive_pairs(held, ys[:4], asked, xs[:4]).tolist() == [True] * 4


def test_two_full_names_one_diminutive_shares_stay_apart() -> None:
    held, to = _given("Ярослав", "В'ячеслав")
    xs, ys = np.array([to["Ярослав"]]), np.array([to["В'ячеслав"]])
    assert not diminutive_pairs(held, xs, held, ys).any()


def test_a_request_giving_the_name_his_family_calls_him_finds_him() -> None:
    def person(id: str, given: str, patronymic: str) -> Person:
        return Person(
            id=id, family_name="Бондаренко", given_name=given, patronymic=patronymic,
            birth_date=date(1981, 6, 15), military_unit="в/ч А4105",
        )  # fmt: skip

    requests = [person("U1", "Толя", "Анатолійович")]
    registry = [person("R1", "Анатолий", "Анатольевич"), person("R2", "Андрей", "Анатольевич")]
    result = link(requests, registry)
    found = result[result["decision"] == "match"]
    assert found["registry_id"].tolist() == ["R1"]
    assert "given name: Толя ≈ Анатолий (a diminutive)" in found["reason"].iloc[0]


def test_ready_works_the_diminutives_out_before_threads_share_the_tables() -> None:
    p = prepare(frame_of([Person(id="1", family_name="Бондаренко", given_name="Діма")]))
    ready(p)
    assert p.names["given_name"].full_names is not None
