import random
from datetime import date, timedelta

import pandas as pd

from parley.domain.people import Person
from parley.linkage import link

GIVEN = ["Олександр", "Андрій", "Сергій", "Дмитро", "Іван", "Микола", "Віктор", "Юрій",
         "Василь", "Олег", "Роман", "Тарас", "Богдан", "Павло", "Максим", "Петро"]  # fmt: skip
SYLLABLES = ["ко", "ва", "ле", "ри", "да", "мо", "ну", "си", "те", "бо", "лу", "жа", "пи", "ге"]


def _family(rng: random.Random) -> str:
    return "".join(rng.choice(SYLLABLES) for _ in range(3)).capitalize() + "енко"


def _person(id: str, names: tuple[str, str, str], born: date | None) -> Person:
    family, given, father = names
    return Person(
        id=id,
        family_name=family,
        given_name=given,
        patronymic=father + "ович",
        birth_date=born,
    )


def _drawn(rng: random.Random) -> tuple[tuple[str, str, str], date]:
    """A person's names under a rare family name (family, given, father's), and his birth."""
    names = (_family(rng), rng.choice(GIVEN), rng.choice(GIVEN))
    return names, date(1970, 1, 1) + timedelta(days=rng.randrange(12_000))


def _lists(namesakes_of_the_unheld: int) -> tuple[list[Person], list[Person]]:
    """Requests under rare family names: 150 held, registered with their birth dates; the last
    `namesakes_of_the_unheld` of 150 more not held but with a namesake held, born years apart.
    Request Q-X is not held either: his namesake is registered without a birth date."""
    rng = random.Random(7)
    requests, registry = [], []
    for k in range(300):
        names, born = _drawn(rng)
        requests.append(_person(f"Q-{k}", names, born))
        if k < 150:
            registry.append(_person(f"R-{k}", names, born))
        elif k >= 300 - namesakes_of_the_unheld:
            registry.append(_person(f"R-{k}", names, born.replace(year=born.year - 7)))
    names = ("Дорошенко", "Ярема", "Остап")
    requests.append(_person("Q-X", names, date(1991, 5, 17)))
    registry.append(_person("R-X", names, None))
    return requests, registry


def _decision(result: pd.DataFrame) -> str:
    return str(result.loc[result["request_id"] == "Q-X", "decision"].item())


def test_an_undated_namesake_is_a_match_where_the_lists_show_no_namesakes() -> None:
    result = link(*_lists(namesakes_of_the_unheld=0), guard_namesakes=True)
    assert result.attrs["model"]["namesakes"]["floor"] == 0
    assert _decision(result) == "match"


def test_the_guard_sends_an_undated_namesake_to_review_where_the_lists_show_many() -> None:
    """Sixty of three hundred requests meet a stranger under every one of their rare names: an
    undated pair with nothing but such names is no match."""
    result = link(*_lists(namesakes_of_the_unheld=60), guard_namesakes=True)
    namesakes = result.attrs["model"]["namesakes"]
    assert namesakes["floor"] > 0 and namesakes["guarded"]
    assert 0 < namesakes["dated_pairs_told_apart"] <= 60  # those the names call one person
    assert _decision(result) == "review"
    held = result[result["request_id"].isin([f"Q-{k}" for k in range(150)])]
    assert (held["decision"] == "match").sum() == 150  # the dated pairs are matched still


def test_without_the_guard_the_floor_is_reported_and_nothing_changes() -> None:
    lists = _lists(namesakes_of_the_unheld=60)
    result = link(*lists)
    namesakes = result.attrs["model"]["namesakes"]
    assert namesakes["floor"] > 0 and not namesakes["guarded"]
    assert namesakes["pairs_held_down"] > 0  # those it would hold down
    assert _decision(result) == "match"


def _patronymic_lists(strangers_born_the_same_day: int) -> tuple[list[Person], list[Person]]:
    """As `_lists` without namesakes, but the last `strangers_born_the_same_day` of the 150
    not held meet a stranger with their family and given name and birth date, and another
    father. Request Q-Y is not held either: such a stranger is registered without a
    patronymic."""
    requests, registry = _lists(namesakes_of_the_unheld=0)
    requests, registry = requests[:-1], registry[:-1]
    for k in range(300 - strangers_born_the_same_day, 300):
        asked = requests[k]
        registry.append(asked.model_copy(update={"id": f"R-{k}", "patronymic": "Зеновійович"}))
    asked = _person("Q-Y", ("Дорошенко", "Ярема", "Остап"), date(1991, 5, 17))
    requests.append(asked)
    registry.append(asked.model_copy(update={"id": "R-Y", "patronymic": None}))
    return requests, registry


def test_the_guard_weighs_a_pair_without_a_patronymic_against_the_strangers_the_lists_show() -> (
    None
):
    """Sixty requests meet a stranger born the same day under their family and given name,
    told apart by the patronymic alone: a pair with one patronymic missing is no match."""
    lists = _patronymic_lists(strangers_born_the_same_day=60)
    guarded = link(*lists, guard_namesakes=True)
    namesakes = guarded.attrs["model"]["namesakes"]
    assert namesakes["patronymic_floor"] > 0
    assert 0 < namesakes["pairs_told_apart_by_patronymic"] <= 60
    decision = guarded.loc[guarded["request_id"] == "Q-Y", "decision"]
    assert decision.tolist() in ([], ["review"])
    held = guarded[guarded["request_id"].isin([f"Q-{k}" for k in range(150)])]
    assert (held["decision"] == "match").sum() == 150
    unguarded = link(*lists)
    assert unguarded.loc[unguarded["request_id"] == "Q-Y", "decision"].tolist() == ["match"]


def test_no_patronymic_floor_where_the_lists_show_no_such_strangers() -> None:
    result = link(*_patronymic_lists(strangers_born_the_same_day=0), guard_namesakes=True)
    assert result.attrs["model"]["namesakes"]["patronymic_floor"] == 0
    assert result.loc[result["request_id"] == "Q-Y", "decision"].tolist() == ["match"]
