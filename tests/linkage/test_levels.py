"""Levels that tell a slip of the pen from another person: patronymics by the father's name,
birth dates a year apart with day and month swapped."""

from datetime import date

import numpy as np
import pandas as pd
import pytest
from test_link import P

from parley.linkage.compare import DATE_OTHER, DATE_YEAR, MISSING, compare
from parley.linkage.names import name_keys, patronymic_stem
from parley.linkage.prepare import frame_of, prepare


def _levels(left: list, right: list) -> dict[str, np.ndarray]:
    a, b = prepare(frame_of(left)), prepare(frame_of(right))
    pairs = np.arange(len(left))
    comparison = compare(a, b, pairs, pairs)
    return comparison.levels | {
        "far": comparison.birth_far,
        "doubtful": comparison.birth_doubtful,
    }


def test_patronymic_stems_drop_the_shared_endings() -> None:
    stems = {patronymic_stem(k) for k in name_keys("Олександрович", "patronymic")}
    assert stems <= {patronymic_stem(k) for k in name_keys("Oleksandrovych", "patronymic")}
    assert not stems & {patronymic_stem(k) for k in name_keys("Андрійович", "patronymic")}


def test_another_fathers_name_is_the_lowest_level_but_a_typo_is_not() -> None:
    born = date(1990, 3, 4)
    asked = [
        P("1", "Гнатюк", "Олег", "Олександрович", born),
        P("2", "Гнатюк", "Олег", "Викторович", born),
    ]
    held = [
        P("1", "Гнатюк", "Олег", "Андрійович", born),
        P("2", "Гнатюк", "Олег", "Виуторович", born),
    ]
    levels = _levels(asked, held)["patronymic"]
    assert levels[0] == 0
    assert levels[1] >= 2


def test_a_mistyped_ending_is_not_another_fathers_name() -> None:
    # Юрійофич keeps only -ич to take off, and its stem "urof" is far from Юрьевич's "ur";
    # the whole keys are one edit apart. Алексеевич and OLEGOVICH, both whole, still differ.
    born = date(1995, 2, 1)
    asked = [
        P("1", "Сидоров", "Иван", "Юрьевич", born),
        P("2", "Савельев", "Андрей", "Сергеевич", born),
        P("3", "Титов", "Александр", "Алексеевич", born),
    ]
    held = [
        P("1", "Сидоров", "Іван", "Юрійофич", born),
        P("2", "Савельєв", "Андрій", "Сергійрвич", born),
        P("3", "TITOV", "ALEKSANDR", "OLEGOVICH", born),
    ]
    levels = _levels(asked, held)["patronymic"]
    assert levels[0] >= 2 and levels[1] >= 2
    assert levels[2] == 0


def test_patronymic_keys_one_edit_apart_are_a_near_spelling() -> None:
    # Онатолійович for Анатольевич: one letter off in the key, not another father.
    born = date(1996, 3, 13)
    asked = [P("1", "Острицкий", "Николай", "Анатольевич", born)]
    held = [P("1", "Острицький", "Микола", "Онатолійович", born)]
    assert _levels(asked, held)["patronymic"][0] >= 2


def test_a_year_apart_with_day_and_month_swapped_is_a_slip() -> None:
    asked = [P("1", "Гнатюк", "Олег", "Петрович", date(1991, 4, 7))]
    held = [P("1", "Гнатюк", "Олег", "Петрович", date(1992, 7, 4))]
    levels = _levels(asked, held)
    assert levels["birth"][0] == DATE_YEAR
    assert not levels["far"][0]


def test_a_year_off_and_another_day_are_two_differences_not_two_slips() -> None:
    # Only a date moved to fit a shorter month (29.02 / 28.02) excuses a second difference.
    asked = [
        P("1", "Калабай", "Наталія", "Олегівна", date(1997, 4, 3)),
        P("2", "Калабай", "Наталія", "Олегівна", date(1996, 2, 29)),
    ]
    held = [
        P("1", "Калабай", "Наталія", "Олегівна", date(1998, 4, 5)),
        P("2", "Калабай", "Наталія", "Олегівна", date(1997, 2, 28)),
    ]
    levels = _levels(asked, held)
    assert levels["far"].tolist() == [True, False]


def test_dates_one_part_apart_are_doubtful_and_two_slips_weighed_as_such() -> None:
    # Another month; one digit of the year: each a slip or a namesake. A year off with day and
    # month swapped is two slips, a field of its own; a year off alone, or day and month
    # swapped alone, is one.
    asked = [
        P("1", "Гнатюк", "Олег", "Петрович", date(1982, 9, 13)),
        P("2", "Гнатюк", "Олег", "Петрович", date(1985, 9, 13)),
        P("3", "Гнатюк", "Олег", "Петрович", date(1987, 3, 12)),
        P("4", "Гнатюк", "Олег", "Петрович", date(1987, 3, 12)),
        P("5", "Гнатюк", "Олег", "Петрович", date(1987, 3, 12)),
    ]
    held = [
        P("1", "Гнатюк", "Олег", "Петрович", date(1982, 11, 13)),
        P("2", "Гнатюк", "Олег", "Петрович", date(1995, 9, 13)),
        P("3", "Гнатюк", "Олег", "Петрович", date(1988, 12, 3)),
        P("4", "Гнатюк", "Олег", "Петрович", date(1988, 3, 12)),
        P("5", "Гнатюк", "Олег", "Петрович", date(1987, 12, 3)),
    ]
    levels = _levels(asked, held)
    assert levels["doubtful"].tolist() == [True, True, False, False, False]
    assert levels["slips"].tolist() == [MISSING, MISSING, 1, 0, MISSING]
    assert not levels["far"].any()


def test_dates_years_apart_are_far() -> None:
    asked = [P("1", "Гнатюк", "Олег", "Петрович", date(1988, 10, 2))]
    held = [P("1", "Гнатюк", "Олег", "Петрович", date(1984, 11, 14))]
    levels = _levels(asked, held)
    assert levels["birth"][0] == DATE_OTHER
    assert levels["far"][0]


def test_a_year_with_two_neighbouring_digits_swapped_is_a_slip_not_years_apart() -> None:
    asked = [
        P("1", "Петрів", "Євген", "Васильович", date(1984, 6, 13)),
        P("2", "Петрів", "Євген", "Васильович", date(1967, 6, 13)),
        P("3", "Петрів", "Євген", "Васильович", date(1984, 6, 13)),
        P("4", "Петрів", "Євген", "Васильович", date(1984, 6, 13)),
    ]
    held = [
        P("1", "Петрив", "Евген", "Васильович", date(1948, 6, 13)),
        P("2", "Петрив", "Евген", "Васильович", date(1976, 6, 13)),
        P("3", "Петрив", "Евген", "Васильович", date(1948, 6, 12)),  # and another day
        P("4", "Петрив", "Евген", "Васильович", date(1957, 6, 13)),  # two digits, not swapped
    ]
    levels = _levels(asked, held)
    assert levels["far"].tolist() == [False, False, True, True]
    assert levels["doubtful"][:2].all()  # a slip or a namesake, as one digit mistyped is


def test_family_names_three_edits_apart_differ_but_a_typo_does_not() -> None:
    born = date(1990, 3, 4)
    asked = [
        P("1", "Коваленко", "Олег", "Петрович", born),
        P("2", "Коваленко", "Олег", "Петрович", born),
    ]
    held = [
        P("1", "Кравченко", "Олег", "Петрович", born),
        P("2", "Коваленко", "Олег", "Петрович", born),
    ]
    held[1] = P("2", "Ковалнеко", "Олег", "Петрович", born)
    levels = _levels(asked, held)["family"]
    assert levels[0] == 0
    assert levels[1] >= 2


def test_patronymics_of_fathers_three_edits_apart_differ() -> None:
    born = date(1990, 3, 4)
    asked = [P("1", "Берендеев", "Петр", "Васильевич", born)]
    held = [P("1", "Берендеев", "Петр", "Валерьевич", born)]
    assert _levels(asked, held)["patronymic"][0] == 0


def test_one_slip_in_a_short_name_is_a_near_spelling() -> None:
    born = date(1990, 3, 4)
    asked = [P("1", "Лось", "Іван", "Петрович", born)]
    held = [P("1", "Лсоь", "Віан", "Петрович", born)]
    levels = _levels(asked, held)
    assert levels["family"][0] >= 2
    assert levels["given"][0] >= 2


def test_a_slip_across_scripts_is_a_near_spelling_where_the_keys_fold_it_further() -> None:
    # "Ianovich" lost the v of Иванович, "Іавн" swapped two letters of Іван: one slip each as
    # written, two apart once ія and ia fold to a.
    born = date(1991, 1, 23)
    asked = [
        P("1", "Любин", "Владимир", "Иванович", born),
        P("2", "Гербеда", "Іавн", "Юрійович", born),
    ]
    held = [
        P("1", "Liubin", "Vladimir", "Ianovich", born),
        P("2", "Гербеда", "Иван", "Юрьевич", born),
    ]
    levels = _levels(asked, held)
    assert levels["patronymic"][0] >= 2
    assert levels["given"][1] >= 2


def test_a_slip_across_scripts_counts_however_long_the_latin_spelling_is() -> None:
    # Юлія is four letters, YLUIIA six: their lengths as written say nothing of the one swap.
    born = date(1985, 2, 15)
    levels = _levels(
        [P("1", "Боцу", "Юлія", "Валентинівна", born), P("2", "Сех", "Андрій", None, born)],
        [P("1", "BOTSU", "YLUIIA", "VALENTYNIVNA", born), P("2", "Сх", "Андрей", None, born)],
    )
    assert levels["given"][0] >= 2
    # Two letters one short of a three-letter name are that name with a letter dropped.
    assert levels["family"][1] >= 2


def test_a_key_one_letter_short_of_a_three_letter_key_is_a_near_spelling() -> None:
    # Жкк is Жук with its vowel mistyped: the keys fold the doubled letter, and Sk is one
    # letter short of Suk; Еа is Ieva (Єва) with a letter dropped, ea against eva as keys.
    born = date(1991, 11, 28)
    levels = _levels(
        [P("1", "Жук", "Олексій", None, born), P("2", "Koukharieva", "Ieva", None, born)],
        [P("1", "Жкк", "Олексий", None, born), P("2", "Кухарева", "Еа", None, born)],
    )
    assert levels["family"][0] >= 2
    assert levels["given"][1] >= 2


@pytest.mark.parametrize(("unit", "level"), [("в/ч А1234", 1), (None, 0)])
def test_a_family_name_two_slips_off_is_loosely_alike_only_where_all_else_agrees(
    unit: str | None, level: int
) -> None:
    # Тиук is two edits from Тычук as keys and as spelt: another family's name by itself, but
    # one man's with the same given name, father's name, day of birth and unit.
    born = date(1990, 3, 4)
    levels = _levels(
        [P("1", "Тычук", "Олег", "Петрович", born, unit="в/ч А1234")],
        [P("1", "Тиук", "Олег", "Петрович", born, unit=unit)],
    )
    assert levels["family"][0] == level


def test_two_letters_against_two_or_four_are_two_names() -> None:
    # Ус and Уж are each a family name: one letter apart, but no letter dropped. Ян and Ivan
    # are one edit apart only in plain Latin (ian, ivan), and two names.
    born = date(1985, 2, 15)
    levels = _levels(
        [P("1", "Ус", "Андрій", None, born), P("2", "Ковальчук", "Ян", None, born)],
        [P("1", "Уж", "Андрій", None, born), P("2", "Kovalchuk", "Ivan", None, born)],
    )
    assert levels["family"][0] == 0
    assert levels["given"][1] == 0


def test_a_slip_on_top_of_a_latin_habit_leaves_a_long_family_name_loosely_alike() -> None:
    # Levandovithc is Левандович in French with two letters swapped; VORCAHKOV the same of
    # Варчаков. Two edits as spelt in plain Latin, three as keys.
    born = date(1982, 4, 16)
    levels = _levels(
        [
            P("1", "Левандович", "Александр", "Владимирович", born),
            P("2", "Варчаков", "Илья", "Игоревич", born),
            P("3", "Бухаров", "Матвей", None, born),
        ],
        [
            P("1", "Levandovithc", "Aleksandr", "Vladimirovitch", born),
            P("2", "VORCAHKOV", "ILLYA", "Iurevich", born),
            P("3", "ZAKHAROV", "MATVEÏ", None, born),
        ],
    )
    assert levels["family"].tolist() == [1, 1, 0]  # Бухаров and Захаров begin apart
    assert levels["patronymic"][1] == 0  # fathers' names are told apart by their stems


def test_a_slip_in_a_translated_patronymic_is_not_another_father() -> None:
    # Ніолаєвич lost the к of Ніколаєвич: its stem is nola, Николаевич's nikola.
    born = date(1995, 3, 18)
    levels = _levels(
        [
            P("1", "Карпов", "Филипп", "Николаевич", born),
            P("2", "Гнатюк", "Олег", "Олегович", born),
        ],
        [P("1", "Карпов", "Пилип", "Ніолаєвич", born), P("2", "Гнатюк", "Олег", "Олексович", born)],
    )
    assert levels["patronymic"][0] >= 1
    assert levels["patronymic"][1] == 0  # two short fathers' names two edits apart


def test_names_two_slips_apart_as_written_stay_apart() -> None:
    born = date(1990, 3, 4)
    levels = _levels(
        [P("1", "Гнатюк", "Олег", "Петрович", born)], [P("1", "Гнатюк", "Олена", "Петрович", born)]
    )
    assert levels["given"][0] < 2


def test_a_letter_dropped_from_a_four_letter_name_is_a_slip() -> None:
    born = date(1981, 12, 14)
    asked = [P("1", "Горшенин", "Иван", "Валерьевич", born), P("2", "Гуль", "Андрій", None, born)]
    held = [P("1", "Горшенін", "Іан", "Валерійович", born), P("2", "Гль", "Андрій", None, born)]
    levels = _levels(asked, held)
    assert levels["given"][0] >= 2
    assert levels["family"][1] >= 2


def test_a_fathers_name_told_apart_through_every_dictionary_form() -> None:
    # One of the dictionaries' forms of Анатолієвич ends short ("anatolovi"), which once kept
    # it from being stemmed, and so alike to Андреевич by its ending alone.
    born = date(1990, 11, 5)
    asked = [P("1", "Фазылов", "Владимир", "Андреевич", born)]
    held = [P("1", "ФАЗИЛОВ", "ВОЛОДИМИР", "АНАТОЛІЄВИЧ", born)]
    assert _levels(asked, held)["patronymic"][0] <= 1


def test_two_cyrillic_letters_swapped_are_one_slip_as_written() -> None:
    # In plain Latin х is kh, so Мхиайлович is two edits from Михайлович there; as written
    # it is one.
    born = date(1993, 12, 23)
    asked = [P("1", "Тихонов", "Александр", "Михайлович", born)]
    held = [P("1", "Тихонов", "Александр", "Мхиайлович", born)]
    assert _levels(asked, held)["patronymic"][0] >= 2


def test_a_category_agrees_differs_or_is_unknown() -> None:
    def person(category: str) -> dict[str, object]:
        return {"id": "X", "family_name": "Коваленко", "given_name": "Іван", "category": category}

    left = pd.DataFrame([person("serviceman"), person("civilian"), person("")])
    right = pd.DataFrame([person("Serviceman"), person("serviceman"), person("civilian")])
    pairs = np.arange(3)
    levels = compare(prepare(left), prepare(right), pairs, pairs).levels
    assert levels["category"].tolist() == [1, 0, MISSING]


def test_an_initial_that_fits_counts_neither_way_and_one_that_does_not_is_another_name() -> None:
    born = date(1987, 5, 5)
    asked = [
        P("1", "Коваленко", "Олександр", "Петрович", born),
        P("2", "Бондар", "Ірина", "Іванівна", born),
        P("3", "Мельник", "Андрій", "Петрович", born),
        P("4", "Шевчук", "Женя", "Юрійович", born),
        P("5", "Ткач", "Олег", "Іванович", born),
    ]
    held = [
        # The Russian form Александр begins with А; Ірина is Ирина.
        P("1", "Коваленко", "А.", "П.", born),
        P("2", "Бондарь", "И.", "И.", born),
        # С. is no form of Андрій: a brother, not a slip.
        P("3", "Мельник", "С.", "П.", born),
        # One Latin letter may stand for two (Zh); unsure, it counts neither way.
        P("4", "Shevchuk", "Z.", "Iu.", born),
        # A single letter without its full stop is an initial too.
        P("5", "Ткач", "Олег", "И", born),
        # Two initials may be a name and its translation (Александр, Олександр): unsure.
        P("6", "Ткач", "О.", "И.", born),
    ]
    levels = _levels([*asked, P("6", "Ткач", "А.", "І.", born)], held)
    assert levels["given"].tolist()[:4] == [MISSING, MISSING, 0, MISSING]
    assert levels["given"][5] == MISSING
    assert levels["patronymic"].tolist() == [MISSING] * 6
    # What the initials did is a field of its own: how many fit (two, two, one beside the
    # brother's С., Iu. but not Z., one, and of the two initials И. and І.).
    assert levels["initials"].tolist() == [2, 2, 1, 1, 1, 1]


def test_an_initial_fits_a_name_beginning_with_the_sound_its_key_drops() -> None:
    # The keys of Иосиф and Йосип begin with o; the initials И. and Й. keep the letter.
    born = date(2000, 7, 16)
    asked = [
        P("1", "Цуканов", "Михаил", "Иосифович", born),
        P("2", "Черногоров", "Иосиф", "Александрович", born),
        P("3", "Савчук", "Юрій", "Петрович", born),
        P("4", "Савчук", "Юрій", "Петрович", born),
    ]
    held = [
        P("1", "Цуканов", "М.", "И.", born),
        P("2", "Черногоров", "Й.", "О.", born),
        # И. is not Ю. (iu, spelt letter by letter): another name.
        P("3", "Савчук", "И.", "П.", born),
        P("4", "Савчук", "Ю.", "П.", born),
    ]
    levels = _levels(asked, held)
    assert levels["initials"].tolist() == [2, 2, 1, 2]
    assert levels["given"].tolist() == [MISSING, MISSING, 0, MISSING]


def test_names_written_in_full_leave_the_initials_field_missing() -> None:
    born = date(1990, 1, 2)
    levels = _levels(
        [P("1", "Гнатюк", "Олег", "Петрович", born)], [P("1", "Гнатюк", "Олег", "", born)]
    )
    assert levels["initials"].tolist() == [MISSING]
