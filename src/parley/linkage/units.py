"""A military unit's cell, read as what it names: a unit's number, a numbered formation, or a
unit's name.

Clerks write one unit two ways. The military unit number ("в/ч А5836", "A5836", "войсковая
часть 55443") and the formation it stands for ("189 ОАеМБр", "200 омсбр ЗС РФ") are both the
unit, but they cannot be compared without a table of which number is which brigade: the
lists' own pairs of one person teach it where the lists write units both ways
(`learned_across`). The army or service alone ("ВСУ", "ЗС РФ", "НГУ") and "civilian" name no
unit at all. Two cells compare on what they both name: the same number, the same formation (by
its number, and its kind where both say it), or the same unit name. A cell naming a sub-unit
within its formation is compared on the formation ("3 бат. 20 гв. мсд" is "20 МСД"); a unit's
name is read without the words for its kind ("ЧВК «Вагнер»" is "Вагнер"); two numbers one
typing slip apart (А4318, А4381) are neither one unit nor two.
"""

from __future__ import annotations

import re
from dataclasses import dataclass
from functools import lru_cache

import numpy as np
import pandas as pd

from parley.linkage.digits import one_slip_apart
from parley.linkage.names import skeleton
from parley.linkage.placeholders import is_placeholder

# Longer numbers than this are no unit number anyone types (and would not fit 64 bits).
MOST_DIGITS = 15
KINDS = (
    "", "brigade", "regiment", "battalion", "detachment", "division", "army", "corps", "company",
)  # fmt: skip
# A cell may name a sub-unit within its formation ("3 бат. 20 гв. мсд", "1 батальйон 36
# ОБрМП"): the largest formation it names is the unit two cells are compared on.
_RANK = {"": 0, "company": 1, "battalion": 2, "regiment": 3, "detachment": 4, "brigade": 4,
         "division": 5, "corps": 6, "army": 7}  # fmt: skip
# The kinds of formation each kind may serve within: a battalion and a corps are not compared
# (the one may be within the other), a brigade and a regiment are two units.
_WITHIN = {
    "company": ("battalion", "regiment", "brigade", "detachment", "division", "corps", "army"),
    "battalion": ("regiment", "brigade", "detachment", "division", "corps", "army"),
    "regiment": ("division", "corps", "army"),
    "brigade": ("corps", "army"),
    "division": ("corps", "army"),
    "corps": ("army",),
}
_NESTED = np.array(
    [[x in _WITHIN.get(y, ()) or y in _WITHIN.get(x, ()) for y in KINDS] for x in KINDS],
    dtype=bool,
)

# Words that name an army, a service or a civilian, not a unit: a cell of nothing else is
# empty. (Ukrainian, Russian, English; casefolded, punctuation dropped.)
_NO_UNIT = frozenset(
    {
        "всу", "зсу", "вс", "зс", "рф", "россии", "росії", "україни", "украины", "ukraine",
        "russia", "afu", "нгу", "дпсу", "тро", "вдв", "дшв", "мвс", "мвд", "нм", "лнр", "днр",
        "росгвардия", "росгвардія", "нацгвардия", "нацгвардія", "армия", "армія", "army",
        "armed", "forces", "national", "guard", "вооруженные", "силы", "збройні", "сили",
        "гражданский", "гражданская", "гражданское", "цивільний", "цивільна", "civilian",
        "лицо", "особа", "мирный", "житель",
        "мирний", "мешканець", "ополчение", "ополчення", "гпсу", "пс", "фсб", "вмф",
        "вмс", "вкс", "сбу", "ссо", "гур", "мчс", "дснс", "нацполиция", "нацполіція",
    }
)  # fmt: skip
# Words that say what kind of unit a name is, not which: "ЧВК «Вагнер»" and "ПВК «Вагнер»",
# "спецназ «Ахмат»" and "загін спецпризначення «Ахмат»", "полк «Азов»" and "Азов" are one.
_GENERIC = frozenset(
    {
        "чвк", "пвк", "pmc", "пмк", "спецназ", "спецпризначення", "специального",
        "назначения", "особого", "окремий", "окрема", "отдельный", "отдельная", "окремого",
        "отдельного", "гв", "гвардейский", "гвардійський", "добровольческий", "добровольчий",
        "штурмовой", "штурмовий", "group", "группа", "група",
    }
)  # fmt: skip

# "в/ч", "військова частина", "войсковая часть", "military unit": the number that follows
# is a unit's number however short.
_NUMBER_MARK = re.compile(
    r"в\s*[/.]\s*ч|військов\w*\s+частин\w*|войсков\w*\s+част\w*|military\s+unit|v\s*/\s*ch"
)
# A number, with the letter of a Ukrainian unit number before it (А5836, B3725, А-1234).
_NUMBER = re.compile(r"(?<![\w])([авab])?[\s-]?(\d+)(?!\d)")
_BROKEN_NUMBER = re.compile(r"(\d)\s*[-–]\s*(?=\d)")
_WORD = re.compile(r"[^\W\d_]+")

# The kind of a numbered formation: whole words by their stems, abbreviations ("ОМБр",
# "омсбр", "мсп") by their letters (Cyrillic and Latin). "Армійський корпус" is a corps: the
# adjective names no army.
_KIND_STEMS = (
    ("detachment", ("загін", "загон", "отряд", "detach")),
    ("brigade", ("бригад", "brigad")),
    ("regiment", ("полк", "regim")),
    ("battalion", ("батал", "battal")),
    ("division", ("дивіз", "дивиз", "divis")),
    ("corps", ("корпус", "corps")),
    ("army", ("армі", "арми", "army")),
)
_NOT_KINDS = ("армійськ", "армейск")
_ABBREVIATIONS = {"мсп": "regiment", "пдп": "regiment", "дшп": "regiment", "сп": "regiment",
                  "тп": "regiment", "ап": "regiment", "мсд": "division", "тд": "division",
                  "ак": "corps", "об": "battalion", "обс": "battalion", "бат": "battalion",
                  "оа": "army", "рота": "company", "роти": "company", "роты": "company",
                  "company": "company"}  # fmt: skip
_LONGEST_ABBREVIATION = 7


@dataclass(frozen=True)
class Unit:
    """What a unit cell names; empty strings and 0 where it names nothing of that kind."""

    number: str = ""  # a military unit number, its letter dropped ("5836")
    formation: int = 0  # the number of a formation ("189 ОАеМБр": 189)
    kind: str = ""  # that formation's kind, one of KINDS ("" where the cell does not say)
    name: str = ""  # a unit named without any number ("Азов"), as a skeleton

    def __bool__(self) -> bool:
        return bool(self.number or self.formation or self.name)


def read_unit(text: str) -> Unit:
    """The unit a cell names; an empty Unit for an empty cell, a placeholder or the army alone."""
    # One number broken by a hyphen ("в/ч 71-619") is one number.
    folded = _BROKEN_NUMBER.sub(r"\1", " ".join(text.casefold().split()))
    if not folded or is_placeholder(folded):
        return Unit()
    marked = _NUMBER_MARK.search(folded)
    number, formations = "", []
    matches = list(_NUMBER.finditer(folded))
    for k, match in enumerate(matches):
        letter, digits = match.groups()
        after_mark = marked is not None and match.start() >= marked.end() and not number
        if not number and (letter or len(digits) >= 4 or after_mark):
            number = digits
        elif len(digits) <= 3 and int(digits):
            # A formation's kind is said by the words after its number, up to the next one.
            until = matches[k + 1].start() if k + 1 < len(matches) else len(folded)
            formations.append((int(digits), _kind(_WORD.findall(folded[match.end() : until]))))
    every_word = _WORD.findall(_NUMBER_MARK.sub(" ", folded))
    name = _name(every_word)
    if number or formations:
        formation, kind = max(formations, key=lambda f: _RANK[f[1]], default=(0, ""))
        if formation and not kind and len(formations) == 1:
            kind = _kind(every_word)  # "бригада 47": the kind before the number
        # A name beside numbers is compared too where the cell quotes it ("12 ОБр «Азов»").
        return Unit(
            number=number, formation=formation, kind=kind, name=name if _quoted(text) else ""
        )
    return Unit(name=name)


def _quoted(text: str) -> bool:
    return any(mark in text for mark in '«"“')


def _name(words: list[str]) -> str:
    """What is left of a unit cell's words once the army, the kind and its adjectives are
    struck: the unit's own name, as a skeleton ("" where nothing is left)."""
    own = [
        w for w in words
        if w not in _NO_UNIT and w not in _GENERIC and w not in _ABBREVIATIONS and not _kind([w])
    ]  # fmt: skip
    return skeleton(" ".join(own)) if own else ""


def _kind(words: list[str]) -> str:
    """The kind the first word that names one names ("" where none does)."""
    for word in words:
        if kind := _word_kind(word):
            return kind
    return ""


# A list writes a few hundred words in its unit cells, each thousands of times; bounded, as a
# long-running service reads list after list.
@lru_cache(maxsize=16_384)
def _word_kind(word: str) -> str:
    if word in _ABBREVIATIONS:
        return _ABBREVIATIONS[word]
    if word.startswith(_NOT_KINDS):
        return ""
    for kind, stems in _KIND_STEMS:
        if any(stem in word for stem in stems):
            return kind
    if len(word) <= _LONGEST_ABBREVIATION and ("бр" in word or "br" in word):
        return "brigade"  # ОМБр, омсбр, ОБрТрО, ombr
    return ""


@dataclass(frozen=True)
class UnitColumns:
    """Per record of a list, what its unit cell names: hashes of the unit's number, the
    formation's number and the unit's name (0 where the cell names nothing of that kind), and
    the formation's kind (its index in KINDS)."""

    number: np.ndarray
    formation: np.ndarray
    kind: np.ndarray
    name: np.ndarray
    # The number's value and its count of digits (0 where none), to tell a slip in typing it.
    digits: np.ndarray
    width: np.ndarray

    @classmethod
    def of(cls, units: list[Unit], codes: np.ndarray) -> UnitColumns:
        """The columns of a list whose row n wrote units[codes[n]] (-1: an empty cell)."""

        def column(values: list[int]) -> np.ndarray:
            padded = np.array([*values, 0], dtype=np.int64)
            taken: np.ndarray = padded[codes]  # code -1 takes the trailing 0
            return taken

        # Hashes are compared, never stored: equal text, equal hash within one run.
        return cls(
            number=column([(hash(u.number) or 1) if u.number else 0 for u in units]),
            formation=column([u.formation for u in units]),
            kind=column([KINDS.index(u.kind) for u in units]),
            name=column([(hash(u.name) or 1) if u.name else 0 for u in units]),
            digits=column([int(u.number) if _countable(u) else 0 for u in units]),
            width=column([len(u.number) if _countable(u) else 0 for u in units]),
        )

    def blocking_key(self) -> np.ndarray:
        """One key a record: the unit's number, else its formation, else its name; 0 for none."""
        # Formation keys kept apart from the numbers' (64-bit string hashes, seldom small).
        formation = np.where(self.formation != 0, self.formation * 7919 + 1, 0)
        key: np.ndarray = np.where(
            self.number != 0, self.number, np.where(formation != 0, formation, self.name)
        )
        return key


def _countable(unit: Unit) -> bool:
    return 0 < len(unit.number) <= MOST_DIGITS


def slipped_numbers(a: UnitColumns, ia: np.ndarray, b: UnitColumns, ib: np.ndarray) -> np.ndarray:
    """Pairs whose unit numbers are one typing slip apart (А4850/А4859, А4318/А4381): the
    clerk's slip, or a neighbouring number; neither one unit nor two."""
    width = a.width[ia]
    found: np.ndarray = (width > 0) & (width == b.width[ib])
    at = np.flatnonzero(found)
    found[at] = one_slip_apart(a.digits[ia[at]], b.digits[ib[at]], width[at])
    return found


def same_unit(
    a: UnitColumns, ia: np.ndarray, b: UnitColumns, ib: np.ndarray
) -> tuple[np.ndarray, np.ndarray]:
    """For each pair (ia[n], ib[n]): whether the two cells name one unit, and whether they can
    be compared at all (both name a number, a formation or a name; numbers one slip apart
    are not compared)."""

    def both(left: np.ndarray, right: np.ndarray) -> tuple[np.ndarray, np.ndarray]:
        x, y = left[ia], right[ib]
        named = (x != 0) & (y != 0)
        return named, named & (x == y)

    numbers, same_number = both(a.number, b.number)
    numbers &= ~slipped_numbers(a, ia, b, ib)
    formations, same_formation = both(a.formation, b.formation)
    names, same_name = both(a.name, b.name)
    # One number of two kinds (the 25th brigade, the 25th detachment) is two units; a
    # battalion and a corps are not compared (the one may be within the other).
    ka, kb = a.kind[ia], b.kind[ib]
    same_formation &= (ka == kb) | (ka == 0) | (kb == 0)
    formations &= ~_NESTED[ka, kb]
    same = same_number | same_formation | same_name
    comparable = numbers | formations | names
    return same, comparable


# Pairs of one person (the same family and given name, the same birth date) with a unit's
# number on one side and a formation on the other: how the lists say they write one unit two
# ways. Fewer than this many, or fewer than CROSS_SHARE of such pairs with units on both sides,
# and the lists write each man's unit one way: a number against a formation is two units.
CROSS_AT_LEAST = 10
CROSS_SHARE = 0.01


def _only(columns: UnitColumns, rows: np.ndarray) -> tuple[np.ndarray, np.ndarray]:
    """Which records name a number and no formation, and a formation and no number."""
    number, formation = columns.number[rows] != 0, columns.formation[rows] != 0
    return number & ~formation, formation & ~number


def learned_across(
    a: UnitColumns,
    ia: np.ndarray,
    b: UnitColumns,
    ib: np.ndarray,
    level: np.ndarray,
    one_person: np.ndarray,
    same: int,
    differs: int,
) -> tuple[np.ndarray, dict[str, int]]:
    """The unit levels of the pairs with a unit's number on one side and a formation on the
    other (`level` leaves them uncompared), as the lists' own pairs of one person (`one_person`)
    teach: where those pairs often write one unit both ways, a number and a formation met in
    them are one unit, met with others two, and unmet uncompared; where they never do, the
    lists write each man's unit one way, and a number against a formation is two units."""
    number_a, formation_a = _only(a, ia)
    number_b, formation_b = _only(b, ib)
    across = (number_a & formation_b) | (formation_a & number_b)
    number = np.where(number_a, a.number[ia], b.number[ib])
    formation = np.where(formation_a, a.formation[ia], b.formation[ib])
    named = (a.number[ia] != 0) | (a.formation[ia] != 0) | (a.name[ia] != 0)
    named &= (b.number[ib] != 0) | (b.formation[ib] != 0) | (b.name[ib] != 0)
    taught = across & one_person
    result = level.copy()
    facts = {"pairs_of_one_person_across": int(taught.sum())}
    if taught.sum() < max(CROSS_AT_LEAST, CROSS_SHARE * int((named & one_person).sum())):
        result[across] = differs
        return result, facts
    # Each number's formation, and each formation's number, as the one-person pairs show them
    # most often.
    pairs = pd.DataFrame({"number": number[taught], "formation": formation[taught]})
    seen = pairs.value_counts().reset_index(name="count")
    of_number = seen.drop_duplicates("number").set_index("number")["formation"]
    of_formation = seen.drop_duplicates("formation").set_index("formation")["number"]
    at = np.flatnonzero(across)
    known_formation = pd.Series(number[at]).map(of_number).to_numpy()
    known_number = pd.Series(formation[at]).map(of_formation).to_numpy()
    agree = (known_formation == formation[at]) | (known_number == number[at])
    met = ~pd.isna(known_formation) | ~pd.isna(known_number)
    result[at[met]] = np.where(agree[met], same, differs)
    facts["numbers_learnt"] = len(of_number)
    return result, facts
