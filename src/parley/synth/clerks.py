"""Clerks at work: a requesting clerk writes his own people cleanly (mostly); a holding clerk
registers the other side's people, translating, romanising and slipping.

Each distortion is drawn independently with the probability below and recorded only if it
changed the record.
"""

from __future__ import annotations

import zlib
from dataclasses import dataclass
from datetime import date, timedelta
from random import Random

from parley.domain.people import Person, Sex
from parley.synth import errors, letters
from parley.synth.latin import has_standard, romaniser
from parley.synth.model import ALL_DISTORTION_KINDS, Identity, Lang, RegistryRecord
from parley.synth.names import Pool, given_names, patronymic, surname_form
from parley.synth.translate import given_to, patronymic_to, surname_to

P_LATIN = 0.25
LATIN_WEIGHTS = {
    "latin_kmu2010": 0.33,
    "latin_passport": 0.30,
    "latin_bgn": 0.12,
    "latin_gost": 0.10,
    "latin_scholarly": 0.15,
}
P_LATIN_FROM_TRANSLATION = 0.3
P_TRANSLATED = 0.70
P_KEYBOARD = 0.6  # an untranslated name typed on a keyboard lacking its letters
P_SPORADIC = 0.06
P_DROP_YO = 0.5
P_APOSTROPHE = 0.5
P_TYPO = 0.15
P_NO_PATRONYMIC = {False: 0.07, True: 0.35}  # Cyrillic, Latin (passports have none)
P_SWAPPED = 0.05
P_UPPER = {False: 0.12, True: 0.45}
P_SURNAME_GENDER = {"F": 0.15, "M": 0.01}
P_DOB_MISSING = 0.04
P_DOB_YEAR = 0.04
P_DOB_SWAPPED = 0.10  # of the dates where day and month can be swapped
P_DATE_FORMAT = 0.35
P_NO_UNIT = 0.30

P_REQUEST = {"no_patronymic": 0.03, "typo": 0.02, "dob_missing": 0.02, "no_unit": 0.02}
P_REQUEST_SOFT_APOSTROPHE = 0.2  # ʼ rather than '
P_REQUEST_YO = 0.5  # a Russian clerk writing ё where it belongs

_LATIN_POOL: Pool[str] = Pool(list(LATIN_WEIGHTS), list(LATIN_WEIGHTS.values()))
# What a clerk writes in a cell he could not fill, by the language he writes.
PLACEHOLDERS: dict[str, tuple[str, ...]] = {
    "uk": ("н/д", "невідомо", "-", "немає"),
    "ru": ("н/д", "нет", "неизвестно", "-"),
    "latin": ("N/A", "unknown", "-"),
}
# The names families call their men by, from the given name as written on the request.
DIMINUTIVES: dict[str, tuple[str, ...]] = {
    "олександр": ("Сашко", "Саша"), "александр": ("Саша", "Шура"),
    "олексій": ("Льоша",), "алексей": ("Лёша", "Алёша"),
    "анатолій": ("Толя",), "анатолий": ("Толя",),
    "володимир": ("Вова", "Володя"), "владимир": ("Вова", "Володя"),
    "дмитро": ("Діма",), "дмитрий": ("Дима",),
    "микола": ("Коля",), "николай": ("Коля",),
    "михайло": ("Міша",), "михаил": ("Миша",),
    "сергій": ("Сергійко",), "сергей": ("Серёжа",),
    "іван": ("Ваня",), "иван": ("Ваня",),
    "юрій": ("Юра", "Юрко"), "юрий": ("Юра",),
    "євген": ("Женя",), "евгений": ("Женя",),
    "віктор": ("Вітя",), "виктор": ("Витя",),
    "павло": ("Паша",), "павел": ("Паша",),
    "максим": ("Макс",), "артем": ("Тьома",), "артём": ("Тёма",),
    "вʼячеслав": ("Славік",), "в'ячеслав": ("Славік",), "вячеслав": ("Слава",),
}  # fmt: skip
_FIRST_CAPTURE = date(2022, 2, 24)


@dataclass
class _Names:
    family: str
    given: str
    patronymic: str | None

    def as_list(self) -> list[str]:
        return [self.family, self.given, self.patronymic or ""]

    @classmethod
    def of(cls, texts: list[str]) -> _Names:
        return cls(texts[0], texts[1], texts[2] or None)


def native_names(person: Identity, surname_sex: Sex | None = None) -> _Names:
    rows = given_names()
    lang = person.lang
    return _Names(
        surname_form(person.family, surname_sex or person.sex, lang),
        rows[person.given].form(lang),
        patronymic(rows[person.father], person.sex, lang),
    )


def translated_names(person: Identity, lang: Lang, surname_sex: Sex, rng: Random) -> _Names:
    rows = given_names()
    return _Names(
        surname_to(person.family, surname_sex, lang, rng),
        given_to(rows[person.given], lang, rng),
        patronymic_to(rows[person.father], person.sex, lang, rng),
    )


def latin_pool(weights: dict[str, float]) -> Pool[str]:
    return Pool(list(weights), list(weights.values()))


def request(
    person: Identity,
    ident: str,
    rng: Random,
    latin: tuple[float, Pool[str]] | None = None,
    p_diminutive: float = 0.0,
    offices: tuple[float, float] = (0.0, 0.0),
) -> tuple[Person, tuple[str, ...]]:
    """The person on his own side's request list, and the requesting clerk's slips.

    `latin` (a share and the habits' pool) has some requests written in Latin: a list kept
    abroad, or copied from passports; the slip `request_latin` says so. With `p_diminutive`
    the family's name for him (Сашко for Олександр) stands for his given name: `diminutive`.
    `offices` are the shares of Cyrillic requests written from a letter, in the genitive
    (`declined`), and with a rank, a call sign or a note added (`letters.annotated`).
    """
    names = native_names(person)
    unit = person.unit
    slips: list[str] = []
    if latin is not None and rng.random() < latin[0]:
        kind = latin[1].draw(rng)
        # KMU 2010 has no Russian table: a Russian list in Latin copies passports (ICAO).
        kind = kind if has_standard(kind, person.lang) else "latin_icao"
        romanise = romaniser(kind, person.lang, rng)
        names = _Names.of([romanise(t) for t in names.as_list()])
        unit = romanise(unit) if unit else unit
        slips.append("request_latin")
    if person.lang == "uk" and rng.random() < P_REQUEST_SOFT_APOSTROPHE:
        names = _Names.of([t.replace("'", "ʼ") for t in names.as_list()])
    if person.lang == "ru" and rng.random() >= P_REQUEST_YO:
        names = _Names.of(errors.drop_yo(names.as_list()))
    # Guarded: the other mixes draw nothing here, and their lists stay as they were.
    if p_diminutive and rng.random() < p_diminutive:
        pet = DIMINUTIVES.get(names.given.lower())
        if pet:
            names.given, slips = rng.choice(pet), [*slips, "diminutive"]
    birth: date | None = person.birth
    if rng.random() < P_REQUEST["no_patronymic"]:
        names.patronymic, slips = None, [*slips, "no_patronymic"]
    if rng.random() < P_REQUEST["typo"]:
        script = "latin" if "request_latin" in slips else person.lang
        names, changed = _typo(names, rng, script)
        slips += ["typo"] if changed else []
    if rng.random() < P_REQUEST["dob_missing"]:
        birth, slips = None, [*slips, "dob_missing"]
    if unit is not None and rng.random() < P_REQUEST["no_unit"]:
        unit, slips = None, [*slips, "no_unit"]
    if any(offices) and "request_latin" not in slips:  # guarded, as p_diminutive is
        names, slips = _from_offices(names, person, offices, rng, slips)
    return _person(ident, names, person, birth, unit), tuple(slips)


def _from_offices(
    names: _Names, person: Identity, offices: tuple[float, float], rng: Random, slips: list[str]
) -> tuple[_Names, list[str]]:
    p_declined, p_annotated = offices
    if rng.random() < p_declined:
        names = _Names.of(letters.genitive(names.as_list(), person.lang, person.sex))
        slips = [*slips, "declined"]
    if rng.random() < p_annotated:
        written, kind = letters.annotated(names.as_list(), person.lang, rng)
        names, slips = _Names.of(written), [*slips, kind]
    return names, slips


def registry(
    person: Identity,
    ident: str,
    clerk: Lang,
    rng: Random,
    p_latin: float = P_LATIN,
    latin_kinds: Pool[str] = _LATIN_POOL,
    p_initials: float = 0.0,
    p_dob_slip: float = 0.0,
    p_year_only: float = 0.0,
    p_placeholder: float = 0.0,
    clerical: tuple[float, float, float] = (0.0, 0.0, 0.0),
) -> RegistryRecord:
    """The person as a clerk of the holding side (writing `clerk`) registered him, writing
    Latin with `p_latin`, by a standard or habit drawn from `latin_kinds`, the given name
    and patronymic as initials only with `p_initials` (Иванов И. И.), one part of the birth
    date mistyped with `p_dob_slip` (`_slipped`), the birth date as 01.01 of its year with
    `p_year_only`, and a missing patronymic or unit as a placeholder (н/д) with
    `p_placeholder`; `clerical` gives the shares of units written by their formation and by
    the army alone, and of names in the wrong columns (`_clerical`)."""
    kinds: set[str] = set()
    surname_sex: Sex = person.sex
    if rng.random() < P_SURNAME_GENDER[person.sex]:
        flipped: Sex = "M" if person.sex == "F" else "F"
        own = surname_form(person.family, person.sex, person.lang)
        if surname_form(person.family, flipped, person.lang) != own:
            surname_sex = flipped
            kinds.add("surname_gender")
    native = native_names(person, surname_sex)
    latin = rng.random() < p_latin
    unit = person.unit
    written: Lang = person.lang  # the language the names end up in
    if latin:
        kind = latin_kinds.draw(rng)
        source = clerk if rng.random() < P_LATIN_FROM_TRANSLATION else person.lang
        if not has_standard(kind, source):
            source = person.lang if source == clerk else clerk
        names = native
        if source != person.lang:
            names = translated_names(person, source, surname_sex, rng)
            kinds.update(["translated"] if names.as_list() != native.as_list() else [])
        romanise = romaniser(kind, source, rng)
        names = _Names.of([romanise(t) for t in names.as_list()])
        unit = romanise(unit) if unit else unit
        kinds.add(kind)
    else:
        names = native
        texts = native.as_list()
        if rng.random() < P_TRANSLATED:
            names = translated_names(person, clerk, surname_sex, rng)
            written = clerk
            if names.as_list() != texts:
                kinds.add("translated")
        elif rng.random() < P_KEYBOARD:
            names = _apply(names, errors.keyboard(texts, written, clerk, rng), "i_variants", kinds)
            if clerk == "ru":  # no apostrophe key on a Russian keyboard
                lost = errors.apostrophe(names.as_list(), clerk, rng, forms=("ь", "ъ", ""))
                names = _apply(names, lost, "apostrophe", kinds)
        texts = names.as_list()
        if written == "ru" and ("ё" in "".join(texts).lower()) and rng.random() < P_DROP_YO:
            names = _apply(names, errors.drop_yo(texts), "i_variants", kinds)
        if rng.random() < P_SPORADIC:
            names = _apply(
                names, errors.sporadic(names.as_list(), written, rng), "i_variants", kinds
            )
        texts = names.as_list()
        if errors.has_apostrophe(texts) and rng.random() < P_APOSTROPHE:
            names = _apply(names, errors.apostrophe(texts, clerk, rng), "apostrophe", kinds)
    if rng.random() < P_TYPO:
        names, changed = _typo(names, rng, "latin" if latin else written)
        kinds.update(["typo"] if changed else [])
    if names.patronymic and rng.random() < P_NO_PATRONYMIC[latin]:
        names.patronymic = None
        kinds.add("no_patronymic")
    # Guarded: the default mix draws nothing here, and its lists stay as they were.
    if p_initials and rng.random() < p_initials:
        names = _apply(names, _initials(names), "initials", kinds)
    if rng.random() < P_SWAPPED and names.family != names.given:
        names = _Names(names.given, names.family, names.patronymic)
        kinds.add("swapped_names")
    if rng.random() < P_UPPER[latin]:
        upper = _Names.of([t.upper() for t in names.as_list()])
        unit = unit.upper() if unit else unit
        names = _apply(names, upper.as_list(), "upper_case", kinds)
    birth = _registry_birth(person.birth, rng, kinds)
    # Guarded like the initials: the default mix draws nothing here.
    if birth is not None and p_dob_slip and rng.random() < p_dob_slip:
        birth = _slipped(birth, rng)
        kinds.add("dob_slip")
    if birth is not None and p_year_only and rng.random() < p_year_only:
        birth = date(birth.year, 1, 1)
        kinds.add("year_only")
    dotted = birth is not None and rng.random() < P_DATE_FORMAT
    if dotted:
        kinds.add("date_format")
    if unit is not None and rng.random() < P_NO_UNIT:
        unit = None
        kinds.add("no_unit")
    if p_placeholder:
        written_in = "latin" if latin else written
        if names.patronymic is None and rng.random() < p_placeholder:
            names.patronymic = rng.choice(PLACEHOLDERS[written_in])
            kinds.add("placeholder")
        if unit is None and rng.random() < p_placeholder:
            unit = rng.choice(PLACEHOLDERS[written_in])
            kinds.add("placeholder")
    if any(clerical):  # guarded: the other mixes draw nothing here
        names, unit = _clerical(names, unit, person, clerical, rng, kinds)
    record = _person(ident, names, person, birth, unit, registered=True, rng=rng)
    return RegistryRecord(record, tuple(k for k in ALL_DISTORTION_KINDS if k in kinds), dotted)


# The formations a unit number stands for, by the side that owns the unit, and that side's
# army, as the other side's clerk writes them.
_FORMATIONS = {"uk": ("ОМБр", "ОМПБр", "ОТБр", "ОАеМБр", "ОШБр", "ОБр НГУ"),
               "ru": ("омсбр", "мсп", "отбр", "дшп", "оабр")}  # fmt: skip
_ARMIES = {"uk": ("ВСУ", "ЗСУ", "ВС Украины"), "ru": ("ЗС РФ", "ВС РФ", "армія РФ")}


def _formation(unit: str, side: Lang) -> str:
    """The formation a unit number stands for: the same number, the same formation, every time
    (a hash of the text, not a draw)."""
    code = zlib.crc32(unit.encode())
    kinds = _FORMATIONS[side]
    return f"{code % 240 + 1} {kinds[code // 240 % len(kinds)]}"


def _clerical(
    names: _Names,
    unit: str | None,
    person: Identity,
    shares: tuple[float, float, float],
    rng: Random,
    kinds: set[str],
) -> tuple[_Names, str | None]:
    """A clerk's habits with units and columns: a unit number written as the formation it
    stands for, or as the army alone; the names in the wrong columns."""
    p_formation, p_army, p_misplaced = shares
    if unit and person.unit and "в/ч" in person.unit.lower():
        draw = rng.random()
        if draw < p_formation:
            army = f" {rng.choice(_ARMIES[person.lang])}" if rng.random() < 0.5 else ""
            unit = _formation(person.unit, person.lang) + army
            kinds.add("unit_formation")
        elif draw < p_formation + p_army:
            unit = rng.choice(_ARMIES[person.lang])
            kinds.add("unit_army")
    family, given, patronymic = names.family, names.given, names.patronymic or ""
    plain = patronymic and "." not in given + patronymic and " " not in family + given
    if plain and rng.random() < p_misplaced:
        way = rng.random()
        if way < 0.4:
            names = _Names(patronymic, family, given)  # written round by one column
        elif way < 0.6:
            names = _Names(f"{family} {given}", patronymic, None)  # shifted
        else:
            names = _Names(family, f"{given} {patronymic}", None)  # run together
        kinds.add("misplaced_names")
    return names, unit


def _initials(names: _Names) -> list[str]:
    """The given name and patronymic reduced to their first letters, as an official list
    writes them; in Latin one letter too (Z. for Zhenia)."""
    return [names.family, *(f"{t[0]}." if t else "" for t in (names.given, names.patronymic))]


def _apply(names: _Names, texts: list[str], kind: str, kinds: set[str]) -> _Names:
    if texts != names.as_list():
        kinds.add(kind)
        return _Names.of(texts)
    return names


def _typo(names: _Names, rng: Random, script: str) -> tuple[_Names, bool]:
    texts = names.as_list()
    fields = [i for i, t in enumerate(texts) if len(t) >= 3]
    if not fields:
        return names, False
    weights = {0: 0.45, 1: 0.3, 2: 0.25}
    field = Pool(fields, [weights[i] for i in fields]).draw(rng)
    changed = errors.typo(texts[field], rng, script)
    texts[field] = changed
    return _Names.of(texts), changed != names.as_list()[field]


def _registry_birth(born: date, rng: Random, kinds: set[str]) -> date | None:
    if rng.random() < P_DOB_MISSING:
        kinds.add("dob_missing")
        return None
    if rng.random() < P_DOB_YEAR:
        year = born.year + (1 if rng.random() < 0.5 else -1)
        born = born.replace(year=year, day=min(born.day, 28 if born.month == 2 else 31))
        kinds.add("dob_year")
    if born.day <= 12 and born.day != born.month and rng.random() < P_DOB_SWAPPED:
        born = date(born.year, born.day, born.month)
        kinds.add("dob_swapped")
    return born


def _slipped(born: date, rng: Random) -> date:
    """The date with one part mistyped, as clerks do: the day one off (27 for 28), or one digit
    of the day, the month or the year struck wrong (1984 for 1987, 13.06 for 18.06)."""
    for _ in range(20):
        part = rng.choice(("day_by_one", "day", "month", "year"))
        day, month, year = born.day, born.month, born.year
        if part == "day_by_one":
            day += rng.choice((-1, 1))
        elif part == "day":
            day = day // 10 * 10 + rng.randrange(10)
        elif part == "month":
            month = month // 10 * 10 + rng.randrange(10)
        else:
            year = year // 10 * 10 + rng.randrange(10)
        try:
            slipped = date(year, month, day)
        except ValueError:
            continue
        if slipped != born and abs(slipped.year - born.year) != 1:  # a year off is dob_year
            return slipped
    return born


def _person(
    ident: str,
    names: _Names,
    person: Identity,
    birth: date | None,
    unit: str | None,
    *,
    registered: bool = False,
    rng: Random | None = None,
) -> Person:
    captured = None
    if registered and rng is not None:
        captured = _FIRST_CAPTURE + timedelta(days=rng.randrange(1220))
    return Person(
        id=ident,
        family_name=names.family,
        given_name=names.given,
        patronymic=names.patronymic,
        birth_date=birth,
        sex=person.sex,
        military_unit=unit,
        category=person.category,
        seriously_wounded=registered and person.wounded,
        seriously_ill=registered and person.ill,
        captured_on=captured,
    )
