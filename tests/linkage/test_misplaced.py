from datetime import date

import pandas as pd
import pytest

from parley.domain.people import Person
from parley.linkage import link
from parley.linkage.misplaced import reseat, reseated

# The given names a list holds elsewhere: how a given name in the wrong column is known.
GIVEN = frozenset(n.casefold() for n in ("Наталія", "Наталья", "Василь", "Юрій", "Іван", "Олег"))


@pytest.mark.parametrize(
    ("written", "meant"),
    [(("Євгенівна", "Мельник", "Наталія"), ("Мельник", "Наталія", "Євгенівна")),
     (("Наталья", "Евгеньевна", "Мельник"), ("Мельник", "Наталья", "Евгеньевна")),
     (("Евгеньевнна", "Мельник", "Наталья"), ("Мельник", "Наталья", "Евгеньевнна")),
     (("Білоконь Василь", "Володимирович", ""), ("Білоконь", "Василь", "Володимирович")),
     (("Лопатенко", "Назар Олегович", ""), ("Лопатенко", "Назар", "Олегович")),
     (("Kovalenko", "Oleksandr Petrovych", ""), ("Kovalenko", "Oleksandr", "Petrovych")),
     (("Алиев", "Рашид Тофик оглы", ""), ("Алиев", "Рашид", "Тофик оглы")),
     (("Волков", "Д.Д.", ""), ("Волков", "Д.", "Д.")),
     (("Мороз", "О. В", ""), ("Мороз", "О.", "В.")),
     (("Lysenko", "Ye.V.", ""), ("Lysenko", "Ye.", "V."))],
)  # fmt: skip
def test_names_in_the_wrong_columns_are_read_as_meant(
    written: tuple[str, str, str], meant: tuple[str, str, str]
) -> None:
    assert reseat(*written, GIVEN) == meant


@pytest.mark.parametrize(
    "written",
    [("Коваленко", "Олександр", "Петрович"), ("Петрович", "Іван", "Іванович"),
     ("Бінкевич", "Юрій", "Ілліч"), ("Боревич", "Олег", "Никитич"),
     ("Францкивич", "Сергий", "Володымыровыч"), ("Ругляк", "Ивна", "Станиславовыч"),
     ("Мацкевич", "Іван", ""), ("Мацкевич", "Іван", "І."), ("Шевченко", "Тарас", ""),
     ("Копилевич", "Юрій", "Андрійович"), ("Юрій", "Копилевич", "Андрійович"),
     ("Узаревич", "Юрий", "Евгеньевчи"), ("Васкевич", "Олег", "Миколаеван"),
     ("Волков", "Д.", "Д."), ("Волков", "Д.Д.", "Давидович"), ("Волков", "Д.", "")],
)  # fmt: skip
def test_a_family_name_ending_like_a_patronymic_stays_where_it_is(
    written: tuple[str, str, str],
) -> None:
    assert reseat(*written, GIVEN) is None


def test_a_placeholder_patronymic_moves_nothing() -> None:
    frame = pd.DataFrame(
        {"family_name": ["Баландович", "Луцович"], "given_name": ["Denis", "Иван"],
         "patronymic": ["N/A", "неизвестно"]}
    )  # fmt: skip
    assert not reseated(frame)[1].any()


def test_a_row_written_round_by_one_column_is_found_and_says_so() -> None:
    born = date(1977, 11, 6)
    requests = [Person(id="U1", family_name="Мельник", given_name="Наталія",
                       patronymic="Євгенівна", birth_date=born)]  # fmt: skip
    registry = [
        Person(id="R1", family_name="Евгеньевна", given_name="Мельник", patronymic="Наталья",
               birth_date=born),
        Person(id="R2", family_name="Коваль", given_name="Наталья", patronymic="Петровна"),
    ]  # fmt: skip
    result = link(requests, registry)
    assert result["registry_id"].tolist() == ["R1"]
    assert result["decision"].tolist() == ["match"]
    assert result.loc[0, "reason"].startswith("names read from the columns")


def test_two_initials_in_the_given_names_cell_are_read_as_the_given_name_and_patronymic() -> None:
    born = date(1986, 4, 8)
    asked = Person(id="U1", family_name="Волков", given_name="Дмитро", patronymic="Давидович",
                   birth_date=born, military_unit="в/ч А3077")  # fmt: skip
    registry = [
        Person(id="R1", family_name="ВОЛКОВ", given_name="Д.Д.", birth_date=born,
               military_unit="3077"),
        Person(id="R2", family_name="Волков", given_name="С.Д.", birth_date=date(1990, 1, 5)),
    ]  # fmt: skip
    result = link([asked], registry)
    assert result["registry_id"].tolist()[0] == "R1"
    assert result["decision"].tolist()[0] != "no match"
    assert "given name differs" not in result.loc[0, "reason"]
