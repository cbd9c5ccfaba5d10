"""Named mixes of the generator: parameter sets, so that the linker can be measured on lists
unlike the ones it was tuned on (most requested not held, relatives serving together, very
common names, other Latin habits).

A mix is data. "default" is the generator as it was first tuned, and gives the same files for
the same seed and scale as it always did: every draw the other mixes add is guarded by a
parameter that is zero in it.
"""

from __future__ import annotations

from dataclasses import dataclass, field, replace

from parley.synth.model import Lang

# Latin standards (latin.py) and habits (habits.py), weighted as the default registry clerk
# uses them.
DEFAULT_LATIN = {
    "latin_kmu2010": 0.33,
    "latin_passport": 0.30,
    "latin_bgn": 0.12,
    "latin_gost": 0.10,
    "latin_scholarly": 0.15,
}
# Other habits mixed with the standards: press forms, old passports, ICAO applied throughout.
OTHER_LATIN = {
    **{kind: weight * 0.4 for kind, weight in DEFAULT_LATIN.items()},
    "latin_french": 0.14,
    "latin_german": 0.12,
    "latin_polish": 0.12,
    "latin_soviet": 0.12,
    "latin_icao": 0.10,
}
# A request list in Latin is kept abroad or copied from passports: no scholarly tables.
REQUEST_LATIN = {
    "latin_kmu2010": 0.2,
    "latin_passport": 0.2,
    "latin_bgn": 0.05,
    "latin_french": 0.15,
    "latin_german": 0.1,
    "latin_polish": 0.1,
    "latin_soviet": 0.1,
    "latin_icao": 0.1,
}
# Names far more common than the dictionaries' Zipf tail makes them: what the "relatives" mix
# draws for a large share of everyone, so that strangers share family and given names.
COMMON_FAMILY: dict[Lang, tuple[str, ...]] = {
    "uk": (
        "Коваленко", "Шевченко", "Мельник", "Бондаренко", "Бойко", "Ткаченко", "Кравченко",
        "Іванов", "Олійник", "Шевчук",
    ),
    "ru": (
        "Иванов", "Смирнов", "Кузнецов", "Попов", "Коваленко", "Шевченко", "Мельник",
        "Бондаренко", "Петров", "Васильев",
    ),
}  # fmt: skip
COMMON_GIVEN: dict[Lang, tuple[str, ...]] = {
    "uk": ("Олександр", "Сергій", "Андрій", "Дмитро", "Володимир", "Іван", "Юрій", "Олег"),
    "ru": ("Александр", "Сергей", "Андрей", "Дмитрий", "Владимир", "Иван", "Алексей", "Юрий"),
}


@dataclass(frozen=True)
class Mix:
    """Parameters of one mix. Shares are of requested persons unless said otherwise.

    p_held: held (registered at least once); p_twice: of the held, registered twice.
    p_brother, p_namesake: a brother / namesake registered beside the requested man.
    p_unheld_lookalike: of the persons not held, one look-alike is registered; p_unheld_common
    of those is a common-name twin (same given name, patronymic, birth date; another family
    name), the rest a namesake (same family and given name, another patronymic or birth date,
    in the same unit with p_same_unit).
    p_common_name: a common-name twin beside a held person too.
    p_cousin, p_father_son: relatives registered beside a requested man; p_named_after_father:
    in a father-and-son pair, the son bears his father's given name (Олександр Олександрович).
    common_family_share, common_given_share: the share of everyone (and of fathers) drawn from
    COMMON_FAMILY / COMMON_GIVEN, 0 for the dictionaries' own frequencies.
    p_latin, latin: registry records written in Latin, and the habits' weights.
    p_request_latin, request_latin: the same for the request list.
    visible_lookalikes: every look-alike keeps, on both sides, a fact that tells it from the
    requested person (a pair that differs only in a birth date left out is a coin toss).
    p_initials: registry records whose given name and patronymic are initials only.
    p_dob_slip: registry records whose birth date has one part mistyped (a day one off, a digit
    of the day, month or year), the slip that makes a record look like a namesake's.
    p_year_only: registry records whose clerk knew the birth year alone and wrote 01.01.
    p_placeholder: of the registry's missing patronymics and units, those written as a
    placeholder (н/д, нет, невідомо) instead of left empty.
    p_diminutive: requests giving the name the family calls him by (Сашко, Толя).
    p_unit_formation: registry records writing a unit by the formation its number stands for
    (194 ОМБр ВСУ for в/ч А1234); p_unit_army: by the army alone (ВСУ, ЗС РФ).
    p_misplaced: registry records with the names in the wrong columns (written round by one
    column, shifted, or a given name and patronymic in one cell).
    p_asked_twice: requested persons asked for again by another office, in a request of its
    own; p_declined: requests written from a letter, in the genitive (Петренка Олександра);
    p_annotated: requests with a rank, a call sign or a note beside the name.
    """

    p_held: float = 0.875
    p_twice: float = 0.02
    p_brother: float = 0.014
    p_namesake: float = 0.014
    p_unheld_lookalike: float = 0.0
    p_unheld_common: float = 0.0
    p_same_unit: float = 0.0
    p_common_name: float = 0.0
    p_cousin: float = 0.0
    p_father_son: float = 0.0
    p_named_after_father: float = 0.0
    common_family_share: float = 0.0
    common_given_share: float = 0.0
    p_latin: float = 0.25
    latin: dict[str, float] = field(default_factory=lambda: dict(DEFAULT_LATIN))
    p_request_latin: float = 0.0
    request_latin: dict[str, float] = field(default_factory=dict)
    visible_lookalikes: bool = False
    p_initials: float = 0.0
    p_dob_slip: float = 0.0
    p_year_only: float = 0.0
    p_placeholder: float = 0.0
    p_diminutive: float = 0.0
    p_unit_formation: float = 0.0
    p_unit_army: float = 0.0
    p_misplaced: float = 0.0
    p_asked_twice: float = 0.0
    p_declined: float = 0.0
    p_annotated: float = 0.0

    @property
    def offices(self) -> tuple[float, float]:
        """(p_declined, p_annotated): what other offices do to a request (`clerks.request`)."""
        return self.p_declined, self.p_annotated

    @property
    def has_lookalikes(self) -> bool:
        """Whether the mix draws look-alikes beyond the default brother and namesake."""
        return any((self.p_unheld_lookalike, self.p_common_name, self.p_cousin, self.p_father_son))


_DEFAULT = Mix()
_UNHELD = replace(
    _DEFAULT,
    visible_lookalikes=True,
    p_held=0.4,
    p_unheld_lookalike=0.6,
    p_unheld_common=0.35,
    p_same_unit=0.3,
    p_common_name=0.03,
)
_RELATIVES = replace(
    _DEFAULT,
    visible_lookalikes=True,
    p_brother=0.08,
    p_cousin=0.06,
    p_father_son=0.06,
    p_named_after_father=0.5,
    p_common_name=0.03,
    common_family_share=0.15,
    common_given_share=0.6,
)
_LATIN = replace(
    _DEFAULT,
    visible_lookalikes=True,
    p_latin=0.5,
    latin=dict(OTHER_LATIN),
    p_request_latin=0.2,
    request_latin=dict(REQUEST_LATIN),
)
_HARD = replace(
    _RELATIVES,
    p_held=_UNHELD.p_held,
    p_unheld_lookalike=_UNHELD.p_unheld_lookalike,
    p_unheld_common=_UNHELD.p_unheld_common,
    p_same_unit=_UNHELD.p_same_unit,
    p_latin=_LATIN.p_latin,
    latin=dict(OTHER_LATIN),
    p_request_latin=_LATIN.p_request_latin,
    request_latin=dict(REQUEST_LATIN),
)
# Official lists often write Иванов И. И.: the registry writes a sixth of its records so.
_INITIALS = replace(_DEFAULT, visible_lookalikes=True, p_initials=0.15)
# Clerks mistype dates too: 3 % of registered birth dates with one part wrong, beside the
# unheld mix's namesakes, whose dates may differ by just as little.
_SLIPS = replace(_UNHELD, p_dob_slip=0.03)
# The mediator's habits (the talks in Istanbul): registry Latin in the Turkish spelling as
# often as in all others together, 01.01 for a birth year alone, placeholders for what the
# clerk did not know, diminutives in the families' requests; beside the unheld mix's namesakes.
_MEDIATOR = replace(
    _UNHELD,
    p_latin=0.3,
    latin={**{kind: weight * 0.5 for kind, weight in OTHER_LATIN.items()}, "latin_turkish": 0.5},
    p_year_only=0.05,
    p_placeholder=0.5,
    p_diminutive=0.015,
)
# A registry's clerks who write a unit by its brigade or by the army alone, and names in the
# wrong columns (the fourth independent generator's habits), beside the unheld mix's namesakes.
_CLERICAL = replace(_UNHELD, p_unit_formation=0.25, p_unit_army=0.08, p_misplaced=0.03)
# Requests from several offices (the fifth independent generator's habits): a person asked
# for again by another office, letters in the genitive, ranks and call signs beside the name;
# beside the clerical mix's registry.
_OFFICES = replace(_CLERICAL, p_asked_twice=0.025, p_declined=0.03, p_annotated=0.04)
# The unheld mix's look-alikes written as carelessly as anyone: a registry does not know whom
# a record resembles, so a namesake's birth date, patronymic or unit is left out as often as
# anyone's, and an undated namesake then differs from the requested person in nothing the
# lists hold. The independent generators write them so.
_NAMESAKES = replace(_UNHELD, visible_lookalikes=False)
MIXES: dict[str, Mix] = {
    "default": _DEFAULT,
    "unheld": _UNHELD,
    "relatives": _RELATIVES,
    "latin": _LATIN,
    "hard": _HARD,
    "initials": _INITIALS,
    "slips": _SLIPS,
    "mediator": _MEDIATOR,
    "clerical": _CLERICAL,
    "offices": _OFFICES,
    "namesakes": _NAMESAKES,
}


def mix_named(name: str) -> Mix:
    try:
        return MIXES[name]
    except KeyError:
        raise ValueError(f"unknown mix {name!r}; known: {', '.join(MIXES)}") from None
