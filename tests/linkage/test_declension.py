from datetime import date

import pandas as pd
import pytest

from parley.domain.people import Person
from parley.linkage import link
from parley.linkage.declension import in_nominative, nominative

# The given names a list holds elsewhere: how a declined given name's nominative is known.
GIVEN = frozenset({"богдан", "марина", "станіслав", "ігор", "юрій", "наталія"})


@pytest.mark.parametrize(
    ("declined", "meant"),
    [(("Петренка", "Олександра", "Івановича"), ("Петренко", "Олександр", "Іванович")),
     (("Гладкого", "Артема", "Максимовича"), ("Гладкий", "Артем", "Максимович")),
     (("Бойка", "Миколи", "Аркадійовича"), ("Бойко", "Микола", "Аркадійович")),
     (("Поліщука", "Андрія", "Костянтиновича"), ("Поліщук", "Андрій", "Костянтинович")),
     (("КОГАНА", "Богдана", "Денисовича"), ("КОГАН", "Богдан", "Денисович")),
     (("Коваля", "Петра", "Івановича"), ("Коваль", "Петр", "Іванович")),
     (("Бондаря", "Ігоря", "Петровича"), ("Бондар", "Ігор", "Петрович")),
     (("Мельника", "Дмитра", "Ілліча"), ("Мельник", "Дмитро", "Ілліч")),
     (("Шевчуку", "Василю", "Петровичу"), ("Шевчук", "Василь", "Петрович")),
     (("Иванова", "Алексея", "Петровича"), ("Иванов", "Алексей", "Петрович")),
     (("Коваль", "Марину", "Григорівну"), ("Коваль", "Марина", "Григорівна")),
     (("Іванової", "Марії", "Петрівни"), ("Іванова", "Марія", "Петрівна")),
     (("Ковальської", "Наталії", "Олегівни"), ("Ковальська", "Наталія", "Олегівна"))],
)  # fmt: skip
def test_declined_names_are_read_in_the_nominative(
    declined: tuple[str, str, str], meant: tuple[str, str, str]
) -> None:
    assert nominative(*declined, GIVEN) == meant


@pytest.mark.parametrize(
    "written",
    [("Петренко", "Олександр", "Іванович"), ("Коваль", "Марина", "Григорівна"),
     ("Мельник", "Дмитро", "Ілліч"), ("Лопатенко", "Назар", ""),
     ("Kovalenko", "Oleksandr", "Petrovycha")],  # Latin is not declined here
)  # fmt: skip
def test_a_row_in_the_nominative_is_left_as_it_is(written: tuple[str, str, str]) -> None:
    assert nominative(*written, GIVEN) is None


def test_only_declined_rows_are_read_again() -> None:
    frame = pd.DataFrame(
        {"family_name": ["Петренка", "Петренко"], "given_name": ["Олександра", "Олександр"],
         "patronymic": ["Івановича", "Іванович"]}
    )  # fmt: skip
    read, declined = in_nominative(frame)
    assert declined.tolist() == [True, False]
    assert read["family_name"].tolist() == ["Петренко", "Петренко"]
    assert frame["family_name"].tolist() == ["Петренка", "Петренко"]  # the caller's is kept


def test_a_request_written_from_a_letter_finds_its_man_and_says_so() -> None:
    born = date(1975, 4, 10)
    asked = Person(id="U1", family_name="Макковецького", given_name="Руслана",
                   patronymic="Олександровича", birth_date=born)  # fmt: skip
    registry = [
        Person(id="R1", family_name="МАКОВЕЦКИЙ", given_name="Руслан",
               patronymic="Александрович", birth_date=born, military_unit="А0501"),
        Person(id="R2", family_name="Коваль", given_name="Руслан", patronymic="Петрович"),
    ]  # fmt: skip
    result = link([asked], registry)
    assert result["registry_id"].tolist()[0] == "R1"
    assert result["decision"].tolist()[0] == "match"
    assert result.loc[0, "reason"].startswith("names read in the nominative")
