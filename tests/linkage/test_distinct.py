"""Two names that many records bear each are two names, however alike their spellings."""

from datetime import date, timedelta

import numpy as np
import pytest
from test_link import P

from parley.domain.people import Person
from parley.linkage import link
from parley.linkage.compare import compare, ready
from parley.linkage.distinct import take_census
from parley.linkage.prepare import Prepared, frame_of, prepare

FAMILIES = [
    "Бойко", "Ткаченко", "Кравчук", "Коваль", "Олійник", "Шевчук", "Поліщук", "Бондар",
    "Мельник", "Лисенко", "Руденко", "Савчук", "Марченко", "Мороз", "Кушнір", "Гнатюк",
]  # fmt: skip


def _crowd(tag: str, given: str, patronymic: str, n: int, start: int = 0) -> list[Person]:
    """n records bearing a given name and patronymic, each with its own family and date."""
    return [
        P(f"{tag}{k}", FAMILIES[k % len(FAMILIES)], given, patronymic,
          date(1970, 1, 1) + timedelta(days=97 * (k + start)))
        for k in range(n)
    ]  # fmt: skip


def _level(asked: list[Person], held: list[Person], field: str) -> int:
    """The level of `field` between the first record of each list, after a census of both."""
    a, b = _prepared(asked), _prepared(held)
    take_census(a, b)
    first = np.array([0])
    return int(compare(a, b, first, first).levels[field][0])


def _prepared(people: list[Person]) -> Prepared:
    p = prepare(frame_of(people))
    ready(p)
    return p


BORN = date(1980, 9, 16)


@pytest.mark.parametrize(
    ("antons", "anatolis", "two"),
    [(10, 10, True), (2, 2, False), (5, 700, False)],
    ids=["many bear each", "short lists: the spelling decides", "a hundred times rarer"],
)
def test_two_fathers_names_are_two_names_when_many_bear_each(
    antons: int, anatolis: int, two: bool
) -> None:
    asked = [P("q", "Голко", "Денис", "Антонович", BORN)]
    asked += _crowd("a", "Іван", "Антонович", antons)
    held = [P("h", "Голко", "Денис", "Анатольевич", BORN)]
    held += _crowd("b", "Петро", "Анатольевич", anatolis, start=40)
    level = _level(asked, held, "patronymic")
    assert level == 0 if two else level >= 1


def test_common_given_names_alike_in_spelling_are_two_names() -> None:
    asked = [P("q", "Петров", "Олексій", "Вадимович", None), *_crowd("a", "Олексій", "Іванович", 8)]
    held = [P("h", "Петров", "Олександр", "Вадимович", None)]
    held += _crowd("b", "Олександр", "Іванович", 8, start=40)
    assert _level(asked, held, "given") == 0


def test_one_fathers_patronymics_for_a_son_and_a_daughter_are_one_name() -> None:
    asked = [P("q", "Голко", "Денис", "Николаевич", BORN), *_crowd("a", "Іван", "Николаевич", 10)]
    held = [P("h", "Голко", "Денис", "Николаевна", BORN), *_crowd("b", "Ірина", "Николаевна", 10)]
    assert _level(asked, held, "patronymic") >= 1


def test_spellings_the_lists_pair_on_agreeing_records_are_one_name() -> None:
    # A register writes its own form of a name: the records that agree on the family name,
    # the patronymic and the birth date bear the two spellings again and again.
    asked = [P("q", "Петров", "Олексій", "Вадимович", None), *_crowd("a", "Олексій", "Іванович", 8)]
    held = [
        P("h", "Петров", "Олександр", "Вадимович", None),
        *_crowd("b", "Олександр", "Іванович", 8),
    ]
    assert _level(asked, held, "given") >= 1


def test_a_common_names_recurring_typo_is_no_name_of_its_own() -> None:
    asked = [P("q", "Ільєнко", "Мар'яе", "Іванович", BORN), *_crowd("a", "Мар'яе", "Петрович", 6)]
    asked += _crowd("c", "Мар'ян", "Петрович", 70, start=10)
    held = [P("h", "Ільєнко", "Марьн", "Іванович", BORN)]
    held += _crowd("b", "Марьн", "Петрович", 6, start=100)
    assert _level(asked, held, "given") >= 1


def test_a_namesake_born_the_same_day_with_another_father_is_not_a_match() -> None:
    asked = [P("q", "Голко", "Денис", "Антонович", BORN, unit="А1234")]
    asked += _crowd("a", "Іван", "Антонович", 10)
    held = [P("h", "Голко", "Денис", "Анатольевич", BORN, unit="А1234")]
    held += _crowd("b", "Петро", "Анатольевич", 10, start=40)
    result = link(asked, held)
    pair = result[(result.request_id == "q") & (result.registry_id == "h")]
    assert not (pair.decision == "match").any()
    assert all("patronymic differs: Антонович / Анатольевич" in why for why in pair.reason)


def test_a_typo_one_slip_from_a_common_names_translation_is_no_name() -> None:
    # Никта is one slip from Никита, the Russian key of Микита (whose canonical key is the
    # Ukrainian one): seven records beside seventy are its typo, not a name of its own.
    asked = [*_crowd("a", "Никта", "Іванович", 7), *_crowd("c", "Микита", "Петрович", 70, 10)]
    held = _crowd("b", "Олег", "Іванович", 3)
    a, b = _prepared(asked), _prepared(held)
    take_census(a, b)
    table = a.names["given_name"]
    assert table.bearers is not None
    bearers = dict(zip(table.text, table.bearers.tolist(), strict=True))
    assert bearers["Никта"] == 0
    assert bearers["Микита"] == 70


def test_given_names_written_in_the_family_column_are_counted_as_given_names() -> None:
    # The registry wrote a twin's names the wrong way round (Олександр in the family column):
    # across, Олексій and Олександр are still two names, so the swap holds no match.
    asked = [P("q", "Петров", "Олексій", "Вадимович", BORN), *_crowd("a", "Олексій", "Іванович", 8)]
    held = [P("h", "Олександр", "Петров", "Вадимович", BORN)]
    held += _crowd("b", "Олександр", "Іванович", 8, start=40)
    a, b = _prepared(asked), _prepared(held)
    take_census(a, b)
    first = np.array([0])
    comparison = compare(a, b, first, first)
    assert comparison.levels["given"][0] == 0
    assert comparison.levels["family"][0] >= 1
    result = link(asked, held)
    assert not ((result.registry_id == "h") & (result.decision == "match")).any()


GIVEN = ["Іван", "Петро", "Олег", "Юрій", "Богдан", "Тарас", "Роман", "Степан"]


def _family(
    tag: str, family: str, n: int, start: int = 0, patronymic: str | None = "Іванович"
) -> list[Person]:
    """n records bearing a family name, each with its own given name and date."""
    return [
        P(f"{tag}{k}", family, GIVEN[k % len(GIVEN)], patronymic,
          date(1970, 1, 1) + timedelta(days=97 * (k + start)))
        for k in range(n)
    ]  # fmt: skip


@pytest.mark.parametrize(
    ("many", "two"), [(6, True), (1, False)], ids=["many bear each", "short lists"]
)
def test_two_family_names_many_bear_each_are_two_names(many: int, two: bool) -> None:
    # Анфилов and Данилов are two edits apart: near enough for a slip on short lists, but
    # where each is a family of its own they are two names (a common name's twin born the
    # same day, not a typo).
    asked = [P("q", "Анфилов", "Михайло", "Сергійович", BORN), *_family("a", "Анфилов", many)]
    held = [P("h", "Данилов", "Михайло", "Сергійович", BORN)]
    held += _family("b", "Данилов", many, start=40)
    level = _level(asked, held, "family")
    assert level == 0 if two else level >= 1


def test_a_mans_and_a_womans_form_of_one_family_name_are_one_name() -> None:
    asked = [P("q", "Толстая", "Ірина", "Іванівна", BORN), *_family("a", "Толстая", 8)]
    held = [P("h", "Толстой", "Ірина", "Іванівна", BORN), *_family("b", "Толстой", 8, 40)]
    assert _level(asked, held, "family") >= 1


def test_a_registers_own_spelling_of_a_family_is_one_name_by_given_names_and_dates() -> None:
    # The register writes Возгречко its own way, without patronymics: the records that agree
    # on the given name and the birth date pair the two spellings.
    asked = [P("q", "Возгречко", "Тетяна", "Андріївна", BORN), *_family("a", "Возгречко", 8)]
    held = [P("h", "Woshretschko", "Tetjana", None, BORN)]
    held += _family("b", "Woshretschko", 8, patronymic=None)
    assert _level(asked, held, "family") >= 1


def test_a_rare_spelling_one_slip_from_a_common_name_is_read_as_that_name() -> None:
    # Олеович is one slip from Олегович, which sixty records bear: a namesake's father was
    # Олег, not the requested man's Алексей, though Jaro-Winkler finds Олеович near Алексеевич.
    asked = [P("q", "Назаров", "Владимир", "Алексеевич", BORN)]
    asked += _crowd("a", "Іван", "Алексеевич", 60)
    held = [P("h", "Назаров", "Владимир", "Олеович", BORN)]
    held += _crowd("b", "Петро", "Олегович", 60, start=40)
    assert _level(asked, held, "patronymic") == 0


def test_a_slip_nearer_another_fathers_daughters_is_still_one_fathers() -> None:
    # Сергійовия is one slip from Сергійович as written (Сергеевич in Russian); its keys are
    # one from Сергіївна's. Read so, it is still Сергій's child: one father, one name.
    asked = [P("q", "Рожков", "Юрий", "Сергеевич", BORN), *_crowd("a", "Иван", "Сергеевич", 60)]
    held = [P("h", "Рожков", "Юрій", "Сергійовия", BORN)]
    held += _crowd("b", "Ірина", "Сергіївна", 60, start=40)
    assert _level(asked, held, "patronymic") >= 1


def test_a_slip_of_the_other_name_as_its_own_list_writes_it_is_not_read_as_another() -> None:
    # Владимиоович: Владимирович with a slip, though its keys are nearer Вадимович's.
    asked = [P("q", "Петлюченко", "Андрій", "Володимирович", BORN)]
    asked += _crowd("a", "Іван", "Володимирович", 60)
    held = [P("h", "Петлюченко", "Андрей", "Владимиоович", BORN)]
    held += _crowd("b", "Петр", "Владимирович", 60, start=40)
    held += _crowd("c", "Олег", "Вадимович", 60, start=200)
    assert _level(asked, held, "patronymic") >= 1
