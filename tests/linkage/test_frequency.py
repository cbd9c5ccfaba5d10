import numpy as np
import pytest

from parley.domain.people import Person
from parley.linkage.frequency import NameFrequencies
from parley.linkage.prepare import frame_of, prepare

GIVEN = ["Олександр", "Андрій", "Сергій", "Дмитро", "Іван", "Василь", "Петро", "Юрій", "Олег"]
FAMILIES = ["Коваленко", "Бондар", "Ткачук", "Мельник", "Шевчук", "Лисенко", "Кравець", "Гнатюк"]


def _registry() -> list[Person]:
    """A people's family name whose men mostly bear its given names, among many others."""
    people = [Person(id=f"V{k}", family_name="Валиев", given_name="Ильдар") for k in range(10)]
    people += [Person(id=f"W{k}", family_name="Валиев", given_name="Ринат") for k in range(20)]
    people += [
        Person(id=f"R{k}", family_name=FAMILIES[k % 8], given_name=GIVEN[k % 9]) for k in range(500)
    ]
    people.append(Person(id="G", family_name="Гнатюк", given_name="Ильдар"))
    return people


def _asked() -> list[Person]:
    first = [Person(id="U", family_name="Валиев", given_name="Ильдар"),
             Person(id="U2", family_name="Гнатюк", given_name="Ильдар")]  # fmt: skip
    return first + [
        Person(id=f"Q{k}", family_name=FAMILIES[k % 7], given_name=GIVEN[k % 9]) for k in range(98)
    ]


def test_a_name_common_in_a_family_agrees_by_chance_as_often_as_it_is_there() -> None:
    frequencies = NameFrequencies(prepare(frame_of(_asked())), prepare(frame_of(_registry())))
    # The request Валиев Ильдар against one of the registry's, Гнатюк Ильдар against Гнатюк.
    u = frequencies.exact_u(np.array([0, 1]), np.array([0, 530]))["given"]
    marginal = max(11 / 531, 2 / 100)  # Ильдар's share of the registry, of the requests
    # Валиев's 31 bearers but the pair's own two, 9 of them Ильдар, drawn toward the marginal.
    assert u[0] == pytest.approx((9 + 10 * marginal) / (29 + 10))
    # Гнатюк's other bearers hold no Ильдар: the name keeps its share of the whole lists.
    assert u[1] == pytest.approx(marginal)
