from datetime import date

import numpy as np
import pytest

from parley.domain.people import Person
from parley.linkage import link
from parley.linkage.units import Unit, UnitColumns, read_unit, same_unit


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
     ("в/ч А5836", "в/ч А5837", False, True),
     ("в/ч А5836", "189 ОАеМБр", False, False),  # a number and a brigade: no table says which
     ("в/ч А5836 (189 ОАеМБр)", "189 ОАеМБр ВСУ", True, True),
     ("в/ч А5836 (189 ОАеМБр)", "A5836", True, True),
     ("189 ОАеМБр", "190 ОАеМБр", False, True),
     ("25 погранотряд", "25 прикордонний загін", True, True),
     ("25 ОМБр", "25 прикордонний загін", False, True),  # one number, two kinds
     ("25 ОМБр", "25", True, True),
     ("ВСУ", "ВСУ", False, False),  # the army is no unit two strangers share
     ("Азов", "Azov", True, True)],
)  # fmt: skip
def test_two_cells_compare_on_what_they_both_name(
    left: str, right: str, same: bool, comparable: bool
) -> None:
    a, b = _columns(left), _columns(right)
    at = np.zeros(1, dtype=np.int64)
    assert [x.tolist() for x in same_unit(a, at, b, at)] == [[same], [comparable]]


def _person(id: str, unit: str, patronymic: str = "Петрович") -> Person:
    return Person(
        id=id,
        family_name="Коваленко",
        given_name="Олександр",
        patronymic=patronymic,
        birth_date=date(1990, 3, 4) if id.startswith("U") else None,
        military_unit=unit,
    )


def test_a_unit_written_as_its_number_and_as_its_brigade_is_no_disagreement() -> None:
    """The one man asked for by his brigade and registered by his unit's number: no unit to
    compare, so no "units differ" keeps him in review."""
    requests = [_person("U1", "93 ОМБр")]
    registry = [_person("R1", "в/ч А1302"), _person("R2", "в/ч А0000", "Іванович")]
    result = link(requests, registry)
    assert result.loc[0, "registry_id"] == "R1"
    assert "unit differs" not in result.loc[0, "reason"]
    assert "units differ" not in result.loc[0, "reason"]


def test_the_army_alone_agrees_on_no_unit() -> None:
    requests = [_person("U1", "ВСУ")]
    result = link(requests, [_person("R1", "ЗСУ")])
    assert "unit" not in result.loc[0, "reason"]
