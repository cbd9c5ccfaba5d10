"""One person's name, however a clerk wrote it, shares a key with every other spelling of it."""

import pytest

from parley.linkage.names import masculine, name_keys, skeleton

SAME_NAME = [
    ("first", ["Олександр", "Александр", "OLEKSANDR", "Oleksandr", "Aleksandr", "Alexandr"]),
    ("first", ["Григорій", "Григорий", "Hryhorii", "Hryhoriy", "Grigoriy", "Grigorij"]),
    ("first", ["Юрій", "Юрий", "Yurii", "Iurii", "Jurij", "Jurìj"]),
    ("first", ["Мар'яна", "Марʼяна", "Мар’яна", "Марьяна", "Mariana", "Mar'jana", "Maryana"]),
    ("first", ["Євген", "Евгений", "Yevhen", "Ievgen", "Jevhen", "Yevgeniy", "Evgenij"]),
    ("patronymic", ["Миколайович", "Николаевич", "Mykolaiovych", "Nikolaevich", "Mikolajovič"]),
    ("last", ["Шевченко", "SHEVCHENKO", "Ševčenko", "Shewchenko"]),
    ("last", ["Ковальов", "Ковалёв", "Kovalov", "Kovalyov", "Kovalev", "Kovaljov"]),
    ("last", ["Ковальська", "Ковальський", "Kovalska", "Kovalskyi", "Kowalskij", "Ковальская"]),
    ("last", ["Петрова", "Petrova", "Петров", "Petrov"]),
    ("last", ["Білоус", "Белоус", "Bilous", "Belous"]),
    ("last", ["Щербак", "Shcherbak", "Ščerbak", "Scherbak"]),
    ("last", ["Хоменко", "Khomenko", "Homenko", "Xomenko"]),
    # Press and old-passport habits: French, German, Polish, Soviet (French-based).
    ("last", ["Шевченко", "Chevtchenko", "Schewtschenko", "Szewczenko"]),
    ("last", ["Щербак", "Chtcherbak", "Schtscherbak", "Szczerbak"]),
    ("last", ["Журавель", "Jouravel", "Shurawel", "Żurawel"]),
    ("last", ["Хоменко", "Chomenko"]),
    ("last", ["Залівчий", "Saliwtschij"]),
    ("last", ["Осницький", "Osnizkyj"]),
    ("first", ["Михайло", "Mychajlo", "Mykhaïlo"]),
    ("first", ["Сергей", "Sergueï"]),
    ("patronymic", ["Сергеевич", "Sergueïevitch", "Sergejewitsch"]),
    # The Turkish mediator's spelling (ç ч, ş ш, ı и/ы, İ the capital i).
    ("last", ["Шевченко", "Şevçenko", "ŞEVÇENKO"]),
    ("last", ["Панченко", "Pançenko"]),
    ("first", ["Володимир", "Volodımır", "VOLODIMIR"]),
    ("first", ["Віталій", "VİTALİY", "Vitaliy"]),
    ("patronymic", ["Анатольевич", "Anatolyeviç"]),
]


@pytest.mark.parametrize(("kind", "spellings"), SAME_NAME, ids=[s[1][0] for s in SAME_NAME])
def test_every_spelling_shares_a_key(kind: str, spellings: list[str]) -> None:
    first = name_keys(spellings[0], kind)  # type: ignore[arg-type]
    for other in spellings[1:]:
        assert first & name_keys(other, kind), f"{spellings[0]} / {other}"  # type: ignore[arg-type]


@pytest.mark.parametrize(
    ("a", "b"),
    [
        ("Олександр", "Андрій"),
        ("Петро", "Павло"),
        ("Іван", "Ігор"),
        ("Сергій", "Степан"),
        ("Юрій", "Жорж"),
        ("Марко", "Мирон"),
    ],
)
def test_different_names_do_not(a: str, b: str) -> None:
    assert not name_keys(a, "first") & name_keys(b, "first")


def test_masculine_forms() -> None:
    assert masculine(skeleton("Іванова")) == skeleton("Іванов")
    assert masculine(skeleton("Вишневська")) == masculine(skeleton("Вишневський"))


def test_empty_names_have_no_keys() -> None:
    assert name_keys("", "first") == frozenset()
    assert name_keys(None, "last") == frozenset()
    assert name_keys("  ", "last") == frozenset()


def test_national_forms_the_dictionaries_lack_share_a_key() -> None:
    # The form a Russian register gives a Ukrainian name (Юхим is Ефим), in any script, and
    # the patronymics made from them.
    assert name_keys("Юхим", "first") & name_keys("Ефим", "first")
    assert name_keys("Yukhym", "first") & name_keys("Efim", "first")
    assert name_keys("Оксана", "first") & name_keys("Ксения", "first")
    assert name_keys("Панасович", "patronymic") & name_keys("Афанасьевич", "patronymic")
    # Никита's son is Никитич in a Russian register, Микитович in a Ukrainian one.
    assert name_keys("Mykytovych", "patronymic") & name_keys("Никитич", "patronymic")
    assert not name_keys("Юхим", "first") & name_keys("Олег", "first")


@pytest.mark.parametrize(
    ("foreign", "ours"),
    [("Eugène", "Євген"), ("Eugene", "Евгений"), ("Jacques", "Yakov"), ("Paul", "Pavel"),
     ("Basile", "Vasyl"), ("Mikołaj", "Николай"), ("Esteban", "Степан"), ("Jerzy", "Юрій")],
)  # fmt: skip
def test_the_name_a_foreign_clerk_writes_for_ours_shares_a_key(foreign: str, ours: str) -> None:
    assert name_keys(foreign, "first") & name_keys(ours, "first")


def test_a_foreign_form_is_no_other_name() -> None:
    assert not name_keys("Jean", "first") & name_keys("Євген", "first")
    assert not name_keys("Paul", "first") & name_keys("Петро", "first")
