"""How offices other than the coordination headquarters write a request: a letter's grammar
("прошу розшукати Петренка Олександра Івановича": the genitive), and what a unit's personnel
office or a family adds to a name (a rank, a call sign, a note).
"""

from __future__ import annotations

from random import Random

from parley.domain.people import Sex
from parley.synth.model import Lang

_VOWELS = set("аеєиіїоуюяыэё")
_RANKS: dict[Lang, tuple[str, ...]] = {
    "uk": ("РЯД.", "СОЛДАТ", "СТ. СОЛДАТ", "МОЛ. СЕРЖАНТ", "СЕРЖАНТ", "ЛЕЙТЕНАНТ", "МАТРОС"),
    "ru": ("РЯД.", "РЯДОВОЙ", "ЕФРЕЙТОР", "МЛ. СЕРЖАНТ", "СЕРЖАНТ", "ЛЕЙТЕНАНТ", "КАПИТАН"),
}
_CALL_SIGNS = ("Зубр", "Борода", "Малой", "Грек", "Тихий", "Сокол", "Кедр")
_NOTES = ("(повторно)", "(2)", "?", "*")


def _genitive_given(name: str, sex: Sex, lang: Lang) -> str:
    low = name[-1:].lower()
    if sex == "F":
        if low == "я":
            return name[:-1] + ("ї" if lang == "uk" else "и")
        if low == "а":
            soft = name[-2:-1].lower() in "кгхжчшщ"
            return name[:-1] + ("и" if lang == "uk" or soft else "ы")
        return name
    if low in "йь":
        return name[:-1] + "я"
    if low == "о":
        return name[:-1] + "а"
    if low == "а":
        return name[:-1] + ("и" if lang == "uk" else "ы")
    if low == "я":
        return name[:-1] + ("і" if lang == "uk" else "и")
    return name + "а"


def _genitive_family(name: str, sex: Sex, lang: Lang) -> str:
    low = name.lower()
    if sex == "F":
        if low.endswith(("ова", "ева", "єва", "іна", "ина")):
            return name[:-1] + ("ої" if lang == "uk" else "ой")
        if low.endswith(("ська", "цька", "ская", "цкая")):
            return name[:-2] + ("ої" if lang == "uk" else "ой")
        return name  # Коваль, Бойко, Шевчук: not declined for a woman
    if low.endswith(("ий", "ой", "ій")):
        return name[:-2] + "ого"
    if low.endswith("ко"):
        return name[:-1] + "а" if lang == "uk" else name  # Шевченка; Russian leaves it
    if low[-1:] in "йь":
        return name[:-1] + "я"
    if low[-1:] in _VOWELS:
        return name  # Сорока, Шевченко aside: leave the rarer endings as they are
    return name + "а"


def genitive(names: list[str], lang: Lang, sex: Sex) -> list[str]:
    """[family, given, patronymic] as a letter asking for the person writes them."""
    family, given, patronymic = names
    if patronymic:
        patronymic = (
            patronymic + "а" if sex == "M" else patronymic[:-1] + ("и" if lang == "uk" else "ы")
        )
    return [_genitive_family(family, sex, lang), _genitive_given(given, sex, lang), patronymic]


def annotated(names: list[str], lang: Lang, rng: Random) -> tuple[list[str], str]:
    """[family, given, patronymic] with a rank, a call sign or a note added, and which."""
    family, given, patronymic = names
    kind = rng.choice(("rank", "call_sign", "note"))
    if kind == "rank":
        family = f"{rng.choice(_RANKS[lang])} {family}"
    elif kind == "call_sign":
        given = f"{given} «{rng.choice(_CALL_SIGNS)}»"
    else:
        family = f"{family} {rng.choice(_NOTES)}"
    return [family, given, patronymic], kind
