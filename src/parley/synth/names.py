"""Name stock: given names with their frequencies and uk↔ru equivalents, family-name pools drawn
Zipf-like, correctly formed patronymics and the feminine forms of family names.
"""

from __future__ import annotations

import bisect
import csv
import io
import re
import zlib
from collections.abc import Sequence
from dataclasses import dataclass
from functools import cache
from importlib import resources
from random import Random
from typing import Generic, TypeVar

from parley.domain.people import Sex
from parley.synth.lexicon import lexicon
from parley.synth.model import Lang

T = TypeVar("T")

VOWELS = "аеєиіїоуюяёыэ"


class Pool(Generic[T]):
    """Items drawn with given weights (cumulative table, binary search: fast and exact)."""

    def __init__(self, items: Sequence[T], weights: Sequence[float]) -> None:
        pairs = [(item, w) for item, w in zip(items, weights, strict=True) if w > 0]
        if not pairs:
            raise ValueError("a pool needs at least one item with a positive weight")
        self.items: tuple[T, ...] = tuple(item for item, _ in pairs)
        total = 0.0
        cumulative: list[float] = []
        for _, w in pairs:
            total += w
            cumulative.append(total)
        self._cumulative = cumulative
        self._total = total

    def draw(self, rng: Random) -> T:
        index = bisect.bisect_right(self._cumulative, rng.random() * self._total)
        return self.items[min(index, len(self.items) - 1)]

    def weights(self) -> list[float]:
        before = [0.0, *self._cumulative[:-1]]
        return [after - first for first, after in zip(before, self._cumulative, strict=True)]

    def favouring(self, favoured: Sequence[T], share: float) -> Pool[T]:
        """This pool with `favoured` (added if missing) drawn `share` of the time, falling by
        rank among themselves; the other items keep their relative weights."""
        if not favoured or share <= 0:
            return self
        weights = dict(zip(self.items, self.weights(), strict=True))
        rest = sum(w for item, w in weights.items() if item not in favoured)
        ranks = [1 / (rank + 2) for rank in range(len(favoured))]
        scale = share / (1 - share) * rest / sum(ranks)
        for item, rank in zip(favoured, ranks, strict=True):
            weights[item] = rank * scale
        return Pool(list(weights), list(weights.values()))

    def share(self, item: T) -> float:
        """The probability of drawing `item` (linear scan: for tests and checks)."""
        index = self.items.index(item)
        before = self._cumulative[index - 1] if index else 0.0
        return (self._cumulative[index] - before) / self._total


def zipf_weights(n: int, exponent: float = 0.9, offset: float = 30.0) -> list[float]:
    """Weights of ranks 0..n-1 falling like a Zipf law, flattened at the head by `offset`."""
    return [(rank + offset) ** -exponent for rank in range(n)]


@dataclass(frozen=True, slots=True)
class GivenName:
    """One row of data/given_names.csv: a name and its equivalent, with weights per population
    (persons of that sex; fathers, for patronymics)."""

    sex: Sex
    uk: str
    ru: str
    uk_weight: float
    ru_weight: float
    uk_father_weight: float
    ru_father_weight: float

    def form(self, lang: Lang) -> str:
        return self.uk if lang == "uk" else self.ru


def _data(name: str) -> list[dict[str, str]]:
    text = resources.files("parley.synth").joinpath("data", name).read_text("utf-8")
    return list(csv.DictReader(io.StringIO(text)))


@cache
def given_names() -> tuple[GivenName, ...]:
    return tuple(
        GivenName(
            sex="M" if row["sex"] == "M" else "F",
            uk=row["uk"],
            ru=row["ru"],
            uk_weight=float(row["uk_w"]),
            ru_weight=float(row["ru_w"]),
            uk_father_weight=float(row["uk_fw"]),
            ru_father_weight=float(row["ru_fw"]),
        )
        for row in _data("given_names.csv")
    )


# Patronymics that no regular rule gives (the father's name in the key).
_UK_IRREGULAR = {
    "Микола": ("Миколайович", "Миколаївна"),
    "Ілля": ("Ілліч", "Іллівна"),
    "Кузьма": ("Кузьмич", "Кузьмівна"),
    "Лука": ("Лукич", "Луківна"),
    "Хома": ("Хомич", "Хомівна"),
    "Яків": ("Якович", "Яківна"),
    "Лев": ("Львович", "Львівна"),
    "Федір": ("Федорович", "Федорівна"),
}
_RU_IRREGULAR = {
    "Илья": ("Ильич", "Ильинична"),
    "Кузьма": ("Кузьмич", "Кузьминична"),
    "Лука": ("Лукич", "Лукинична"),
    "Фома": ("Фомич", "Фоминична"),
    "Никита": ("Никитич", "Никитична"),
    "Павел": ("Павлович", "Павловна"),
    "Пётр": ("Петрович", "Петровна"),
    "Лев": ("Львович", "Львовна"),
    "Яков": ("Яковлевич", "Яковлевна"),
    "Михаил": ("Михайлович", "Михайловна"),
    "Леонтий": ("Леонтьевич", "Леонтьевна"),
    "Викентий": ("Викентьевич", "Викентьевна"),
}


def uk_patronymic(father: str, sex: Sex) -> str:
    """Ukrainian patronymic: -ович/-йович for a son, -івна/-ївна for a daughter."""
    if father in _UK_IRREGULAR:
        son, daughter = _UK_IRREGULAR[father]
    elif father.endswith("ій"):  # Андрій: Андрійович, Андріївна
        son, daughter = father[:-1] + "йович", father[:-1] + "ївна"
    elif father.endswith("ь"):  # Василь: Васильович, Василівна
        son, daughter = father + "ович", father[:-1] + "івна"
    elif father.endswith(("о", "а")):  # Петро, Микита
        son, daughter = father[:-1] + "ович", father[:-1] + "івна"
    else:
        son, daughter = father + "ович", father + "івна"
    return son if sex == "M" else daughter


def ru_patronymic(father: str, sex: Sex) -> str:
    """Russian patronymic: -ович/-евич for a son, -овна/-евна for a daughter."""
    if father in _RU_IRREGULAR:
        son, daughter = _RU_IRREGULAR[father]
        return son if sex == "M" else daughter
    base = father.replace("ё", "е")  # Фёдор: Федорович, Семён: Семенович
    if base.endswith("ий"):  # Юрий: Юрьевич; after two consonants Дмитрий: Дмитриевич
        stem = base[:-2]
        low = stem.lower()
        clustered = len(low) >= 2 and low[-1] not in VOWELS and low[-2] not in VOWELS
        stem += "и" if clustered else "ь"
        suffix = ("евич", "евна")
    elif base.endswith(("ей", "ай", "ь")):  # Андреевич, Николаевич, Игорь: Игоревич
        stem, suffix = base[:-1], ("евич", "евна")
    elif base.endswith("а"):
        stem, suffix = base[:-1], ("ович", "овна")
    elif base[-1] in "жчшщц":
        stem, suffix = base, ("евич", "евна")
    else:
        stem, suffix = base, ("ович", "овна")
    return stem + (suffix[0] if sex == "M" else suffix[1])


def patronymic(father: GivenName, sex: Sex, lang: Lang) -> str:
    if lang == "uk":
        return uk_patronymic(father.uk, sex)
    return ru_patronymic(father.ru, sex)


_UK_ADJECTIVE = re.compile(r"(ськ|цьк|зьк)ий$")
_UK_POSSESSIVE = re.compile(r"(ов|ев|єв|ьов|йов|ін|їн|ин)$")
_RU_ADJECTIVE = re.compile(r"(ск|цк|зк)ий$")
_RU_POSSESSIVE = re.compile(r"(ов|ев|ёв|ин|ын)$")


def feminine(family: str, lang: Lang) -> str:
    """The feminine form of a masculine family name (Петров: Петрова, Ковальський:
    Ковальська); names such as -енко, -чук or Мельник do not change."""
    low = family.lower()
    known = lexicon().surnames if lang == "uk" else None
    if lang == "uk":
        if _UK_ADJECTIVE.search(low):
            return family[:-2] + "а"
        if low.endswith("ий") and known is not None and low[:-2] + "а" in known:
            return family[:-2] + "а"  # Чорний: Чорна
        if _UK_POSSESSIVE.search(low) and (
            known is None or low + "а" in known or not low.endswith("ин")
        ):
            return family + "а"
        return family
    if _RU_ADJECTIVE.search(low) or low.endswith(("ый", "ой")):
        return family[:-2] + "ая"
    if low.endswith("ий") and len(low) > 2 and low[-3] in "кгх":
        return family[:-2] + "ая"  # Горький: Горькая
    if _RU_POSSESSIVE.search(low):
        return family + "а"
    return family


def surname_form(family: str, sex: Sex, lang: Lang) -> str:
    return family if sex == "M" else feminine(family, lang)


def title(word: str) -> str:
    """Capitalise each part of a name (Лук'яненко, Римський-Корсаков)."""
    return "-".join(part[:1].upper() + part[1:] for part in word.split("-"))


_UK_WORD = re.compile(r"[а-щьюяєіїґ']{3,}")
# Keys spelt against Ukrainian orthography (Оробчєнко): real in documents, not in a request list.
_UK_MISSPELT = re.compile(r"[жчшщц]є|^[^аеєиіїоуюя]*$")
_RU_WORD = re.compile(r"[а-яё]{3,}")
_RU_TYPICAL = re.compile(r"(ов|ев|ин|ын|ой|ых|их)$")
_RU_ADJECTIVAL = re.compile(r"(ский|цкий)$")
_RU_FROM_UKRAINIAN = re.compile(r"(енко|ук|юк|ко|ич)$")


def _tail_order(names: list[str]) -> list[str]:
    # A fixed pseudo-random order (crc32 is stable across runs, unlike hash()).
    return sorted(names, key=lambda n: (zlib.crc32(n.encode("utf-8")), n))


@cache
def family_pool(lang: Lang) -> Pool[str]:
    """Masculine family names: the common head (data file, by rank), then the dictionary's
    surnames in a fixed shuffled order, all weighted Zipf-like by rank."""
    head = [row["surname"] for row in _data(f"surnames_{lang}.csv")]
    seen = {name.lower().replace("ё", "е") for name in head}
    lex = lexicon()
    tail: list[str] = []
    factors: dict[str, float] = {}
    if lang == "uk":
        for key in lex.surnames:
            if (
                _UK_WORD.fullmatch(key)
                and not _UK_MISSPELT.search(key)
                and not lex.is_feminine_uk(key)
                and key not in seen
            ):
                tail.append(title(key))
    else:
        for key, forms in lex.surnames.items():
            name = forms[0]
            low = name.lower()
            if not _RU_WORD.fullmatch(low) or lex.is_feminine_uk(key) or low in seen:
                continue
            # Russians carry Ukrainian-type family names too (-енко, -чук), far less often;
            # the dictionary's other Ukrainian names (Гузема, Мыкыша) are not Russian at all.
            if _RU_TYPICAL.search(low):
                factors[name] = 1.0
            elif _RU_ADJECTIVAL.search(low):  # in the dictionary far more than among Russians
                factors[name] = 0.35
            elif _RU_FROM_UKRAINIAN.search(low):
                factors[name] = 0.1
            else:
                continue
            seen.add(low)
            tail.append(name)
    names = head + _tail_order(tail)
    weights = zipf_weights(len(names))
    for i in range(len(head), len(names)):
        weights[i] *= factors.get(names[i], 1.0)
    return Pool(names, weights)


@cache
def given_pool(lang: Lang, sex: Sex, fathers: bool = False) -> Pool[int]:
    """Indexes into `given_names()` for persons (or fathers) of `lang` and `sex`."""
    rows = given_names()
    indexes = [i for i, row in enumerate(rows) if row.sex == sex]

    def weight(row: GivenName) -> float:
        if fathers:
            return row.uk_father_weight if lang == "uk" else row.ru_father_weight
        return row.uk_weight if lang == "uk" else row.ru_weight

    return Pool(indexes, [weight(rows[i]) for i in indexes])


@cache
def common_family_pool(lang: Lang, favoured: tuple[str, ...], share: float) -> Pool[str]:
    return family_pool(lang).favouring(favoured, share)


@cache
def common_given_pool(
    lang: Lang, sex: Sex, favoured: tuple[str, ...], share: float, fathers: bool = False
) -> Pool[int]:
    """`given_pool` with the given names `favoured` (in `lang`) drawn `share` of the time."""
    rows = given_names()
    indexes = [i for i, row in enumerate(rows) if row.sex == sex and row.form(lang) in favoured]
    return given_pool(lang, sex, fathers).favouring(indexes, share)


def common_given(lang: Lang, sex: Sex, top: int = 15) -> frozenset[int]:
    """The `top` most frequent given names: those a namesake is likely to share."""
    pool = given_pool(lang, sex)
    ranked = sorted(pool.items, key=lambda i: -pool.share(i))
    return frozenset(ranked[:top])
