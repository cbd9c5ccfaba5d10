from datetime import date

import numpy as np
import pytest

from parley.domain.people import Person
from parley.linkage import link
from parley.linkage.units import Unit, UnitColumns, learned_across, read_unit, same_unit
from parley.synth import synth_lists


@pytest.mark.parametrize(
    ("text", "number"),
    [("в/ч А5836", "5836"), ("A5836", "5836"), ("А-5836", "5836"), ("В/Ч A5836", "5836"),
     ("військова частина А5836", "5836"), ("войсковая часть 55443", "55443"),
     ("military unit 1234", "1234"), ("v/ch A1234", "1234"), ("w/cz A1234", "1234"),
     ("3051", "3051"), ("в/ч 71-619", "71619"), ("в/ч 123", "123"), ("в/ч А0224", "0224")],
)  # fmt: skip
def test_a_unit_number_is_read_whichever_way_it_is_written(text: str, number: str) -> None:
    assert read_unit(text) == Unit(number=number)


@pytest.mark.parametrize(
    ("text", "formation", "kind"),
    [("82 ОАеМБр", 82, "brigade"), ("194 ОМБр ВСУ", 194, "brigade"),
     ("200 омсбр ЗС РФ", 200, "brigade"), ("214 бр. ТрО ВСУ", 214, "brigade"),
     ("100 мсп ЗС РФ", 100, "regiment"), ("25 погранотряд", 25, "detachment"),
     ("25 прикордонний загін", 25, "detachment"), ("1 гв. танковая армия", 1, "army"),
     ("82", 82, "")],
)  # fmt: skip
def test_a_formation_is_read_by_its_number_and_kind(text: str, formation: int, kind: str) -> None:
    assert read_unit(text) == Unit(formation=formation, kind=kind)


def test_a_number_with_its_formation_names_both() -> None:
    assert read_unit("в/ч А5836 (189 ОАеМБр)") == Unit("5836", 189, "brigade")


@pytest.mark.parametrize(
    "text", ["", "ВСУ", "ЗСУ", "ЗС РФ", "ВС України", "Вооруженные силы РФ", "НГУ", "неизвестно",
             "н/д", "-", "гражданский", "цивільна особа", "civilian"],
)  # fmt: skip
def test_the_army_alone_a_civilian_or_a_placeholder_names_no_unit(text: str) -> None:
    assert not read_unit(text)


def test_a_unit_named_without_a_number_is_compared_by_its_name() -> None:
    assert read_unit("Азов") == read_unit("Azov")
    assert read_unit("Азов").name


def _columns(*texts: str) -> UnitColumns:
    return UnitColumns.of([read_unit(t) for t in texts], np.arange(len(texts)))


@pytest.mark.parametrize(
    ("left", "right", "same", "comparable"),
    [("в/ч А5836", "A5836", True, True),
     ("в/ч А5836", "в/ч А5879", False, True),
     # One typing slip apart: the clerk's slip or a neighbouring number, neither one nor two.
     ("в/ч А5836", "в/ч А5837", False, False),
     ("в/ч А4318", "войсковая часть А4381", False, False),
     ("в/ч А4318", "в/ч А43181", False, True),  # another count of digits
     ("в/ч А5836", "189 ОАеМБр", False, False),  # a number and a brigade: no table says which
     ("в/ч А5836 (189 ОАеМБр)", "189 ОАеМБр ВСУ", True, True),
     ("в/ч А5836 (189 ОАеМБр)", "A5836", True, True),
     ("189 ОАеМБр", "190 ОАеМБр", False, True),
     ("25 погранотряд", "25 прикордонний загін", True, True),
     ("25 ОМБр", "25 прикордонний загін", False, True),  # one number, two kinds
     ("25 ОМБр", "25", True, True),
     ("ВСУ", "ВСУ", False, False),  # the army is no unit two strangers share
     ("Азов", "Azov", True, True),
     # A sub-unit within its formation is compared on the formation.
     ("3 бат. 20 гв. мсд", "20 МСД", True, True),
     ("1 батальйон 36 ОБрМП", "36 ОБрМП", True, True),
     ("1 батальйон 36 ОБрМП", "1 батальйон 37 ОБрМП", False, True),
     ("3 батальйон", "2 АК", False, False),  # the one may be within the other
     ("164 омсбр", "202 мсп", False, True),  # a brigade and a regiment: two units
     ("1-й армійський корпус (ДНР)", "1-й армейский корпус НМ ДНР", True, True),
     # A unit's name is compared without the words for its kind.
     ("ЧВК «Вагнер»", "ПВК «Вагнер»", True, True),
     ("спецназ «Ахмат»", "загін спецпризначення «Ахмат»", True, True),
     ("полк «Азов»", "12 бригада НГУ «Азов»", True, True),
     ("ЧВК «Вагнер»", "спецназ «Ахмат»", False, True)],
)  # fmt: skip
def test_two_cells_compare_on_what_they_both_name(
    left: str, right: str, same: bool, comparable: bool
) -> None:
    a, b = _columns(left), _columns(right)
    at = np.zeros(1, dtype=np.int64)
    assert [x.tolist() for x in same_unit(a, at, b, at)] == [[same], [comparable]]


def _person(id: str, unit: str, family: str = "Коваленко", born: date | None = None) -> Person:
    return Person(
        id=id,
        family_name=family,
        given_name="Олександр",
        patronymic="Петрович",
        birth_date=born,
        military_unit=unit,
    )


def test_a_registry_writing_units_by_their_brigade_is_taught_which_is_which() -> None:
    """The clerical mix registers a quarter of its units by the brigade their number stands
    for: its pairs of one person teach which, and such pairs are found with "unit: same"."""
    lists = synth_lists(3, 0.2, mix="clerical").ua
    result = link(lists.requests, [r.person for r in lists.registry])
    assert result.attrs["model"]["units_across"]["pairs_of_one_person_across"] > 20
    formation = {r.person.id for r in lists.registry if "unit_formation" in r.distortions}
    truth = {(t.request_id, t.registry_id) for t in lists.truth if t.registry_id in formation}
    matched = result[result["decision"] == "match"]
    found = [
        reason for request, record, reason in matched[["request_id", "registry_id", "reason"]]
        .itertuples(index=False) if (request, record) in truth
    ]  # fmt: skip
    assert len(found) >= 0.9 * len(truth)
    assert sum("unit: same" in reason for reason in found) >= 0.5 * len(found)


def test_the_army_alone_agrees_on_no_unit() -> None:
    requests = [_person("U1", "ВСУ", born=date(1990, 3, 4))]
    result = link(requests, [_person("R1", "ЗСУ")])
    assert "unit" not in result.loc[0, "reason"]


def test_unit_numbers_a_slip_apart_are_said_and_not_held_against_a_pair() -> None:
    requests = [_person("U1", "в/ч А4318", born=date(1983, 9, 27))]
    result = link(requests, [_person("R1", "войсковая часть А4381", born=date(1983, 9, 27))])
    assert result.loc[0, "decision"] == "match"
    assert "unit numbers one typing slip apart (not weighed)" in result.loc[0, "reason"]
    assert "unit differs" not in result.loc[0, "reason"]


def _across(texts_a: list[str], texts_b: list[str], one_person: list[bool]) -> list[int]:
    a, b = _columns(*texts_a), _columns(*texts_b)
    rows = np.arange(len(texts_a))
    level = np.where(same_unit(a, rows, b, rows)[1], 1, 5).astype(np.int8)
    learned, _ = learned_across(a, rows, b, rows, level, np.array(one_person), 1, 0)
    return [int(x) for x in learned]


def test_lists_that_write_one_unit_both_ways_teach_which_number_is_which_brigade() -> None:
    """Twelve men of one person each registered by their brigade and asked for by their unit's
    number: the lists write one unit two ways, and teach which is which."""
    taught_a = ["в/ч А1302"] * 6 + ["в/ч А0501"] * 6
    taught_b = ["93 ОМБр"] * 6 + ["72 ОМБр"] * 6
    a = [*taught_a, "в/ч А1302", "в/ч А1302", "в/ч А7777"]
    b = [*taught_b, "93 ОМБр ВСУ", "72 ОМБр", "10 ОГШБр"]
    levels = _across(a, b, [True] * 12 + [False] * 3)
    assert levels[12:] == [1, 0, 5]  # one unit; two; a number and a brigade never met


def test_lists_that_write_each_unit_one_way_read_a_number_and_a_brigade_as_two_units() -> None:
    a = ["в/ч А1302"] * 20 + ["в/ч А1302"]
    b = ["в/ч А1302"] * 20 + ["93 ОМБр"]
    assert _across(a, b, [True] * 20 + [False])[-1] == 0
