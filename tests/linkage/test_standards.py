"""Every transliteration standard a clerk may use gives a spelling that shares a key with the
Cyrillic original: checked against translitua's own tables, not against Parley's generator.
All of its tables but the telegraph's (щ as sc), which no register uses.
"""

import pytest
from translitua import ALL_RUSSIAN, ALL_UKRAINIAN, RussianTelegram, translit

from parley.linkage.names import name_keys

UKRAINIAN = {
    "first": ["Олександр", "Григорій", "Юрій", "Євген", "Мар'яна", "Ірина", "Їжак", "Щасливий",
              "Харитон", "Ярослав", "Віталій", "Андрій", "Ольга", "Йосип", "Жанна", "Юлія"],
    "last": ["Шевченко", "Коваленко", "Щербак", "Хоменко", "Ковальчук", "Зайченко", "Жук",
             "Кравець", "Цибуля", "Ягода", "Пилип'юк", "Гнатюк", "Чорновол", "Ясінський"],
    "patronymic": ["Миколайович", "Олександрович", "Іванівна", "Юрійович", "Сергіївна"],
}  # fmt: skip
RUSSIAN = {
    "first": ["Александр", "Григорий", "Юрий", "Евгений", "Марьяна", "Ирина", "Фёдор",
              "Щедрин", "Харитон", "Ярослав", "Виталий", "Андрей", "Ольга", "Иосиф", "Жанна"],
    "last": ["Щербаков", "Хомяков", "Жуков", "Кравцов", "Цыганков", "Ёлкин", "Чернышёв",
             "Соловьёв", "Яковлева", "Белоусов", "Воробьёв", "Зайцев"],
    "patronymic": ["Николаевич", "Александрович", "Ивановна", "Юрьевич", "Сергеевна"],
}  # fmt: skip
UKRAINIAN_TABLES = list(ALL_UKRAINIAN)
RUSSIAN_TABLES = [table for table in ALL_RUSSIAN if table is not RussianTelegram]


def _cases(names: dict[str, list[str]], tables: list[type]) -> list[tuple[str, str, type]]:
    return [(kind, n, t) for kind, group in names.items() for n in group for t in tables]


@pytest.mark.parametrize(
    ("kind", "name", "table"),
    _cases(UKRAINIAN, UKRAINIAN_TABLES) + _cases(RUSSIAN, RUSSIAN_TABLES),
    ids=lambda v: getattr(v, "__name__", str(v)),
)
def test_latin_spelling_meets_the_cyrillic(kind: str, name: str, table: type) -> None:
    latin = translit(name, table)
    assert name_keys(name, kind) & name_keys(latin, kind), f"{name} / {latin}"  # type: ignore[arg-type]
    assert name_keys(name, kind) & name_keys(latin.upper(), kind)  # type: ignore[arg-type]
