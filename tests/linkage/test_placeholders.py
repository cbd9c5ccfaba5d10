from datetime import date

import pandas as pd
import pytest

from parley.domain.people import Person
from parley.linkage import link
from parley.linkage.placeholders import is_placeholder


@pytest.mark.parametrize(
    "text",
    ["н/д", "Н.Д.", "невідомо", "Не вказано", "немає даних", "нет", "НЕИЗВЕСТНО", "б/о",
     "без отчества", "N/A", "unknown", "-", "—", "?", "nan", "  none  "],
)  # fmt: skip
def test_what_clerks_write_for_nothing_is_a_placeholder(text: str) -> None:
    assert is_placeholder(text) or not any(ch.isalpha() for ch in text)


@pytest.mark.parametrize(
    "text", ["Нестор", "Петрович", "Н.", "Н", "Nadia", "Ната", "в/ч А1234", "Нетеса"]
)
def test_names_initials_and_units_are_not_placeholders(text: str) -> None:
    assert not is_placeholder(text)


def _person(id: str, given: str, patronymic: str | None, unit: str | None) -> Person:
    return Person(
        id=id,
        family_name="Коваленко",
        given_name=given,
        patronymic=patronymic,
        birth_date=date(1990, 3, 4) if id == "R2" else None,
        military_unit=unit,
    )


def _linked(blank: str | None) -> pd.DataFrame:
    """Namesakes with nothing else known, the unknown cells written as `blank`."""
    requests = [_person("U1", "Олександр", blank, blank)]
    registry = [_person("R1", "Александр", blank, blank), _person("R2", "Александр", None, None)]
    return link(requests, registry)


@pytest.mark.parametrize("blank", ["н/д", "невідомо", "N/A"])
def test_a_placeholder_links_as_the_empty_cell_it_stands_for(blank: str) -> None:
    written, empty = _linked(blank), _linked(None)
    assert written.drop(columns="reason").equals(empty.drop(columns="reason"))
    # Read as a name and a unit, "н/д" would be a patronymic and a unit the two share.
    assert (written["decision"] != "match").all()
