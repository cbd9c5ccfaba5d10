"""Persons as they are: a joint draw of category, sex, names, father, birth date and unit, and the
two kinds of look-alikes that make linking hard (a brother, a namesake).
"""

from __future__ import annotations

from dataclasses import replace
from datetime import date, timedelta
from random import Random

from parley.domain.people import PersonCategory, Sex
from parley.synth.mixes import COMMON_FAMILY, COMMON_GIVEN, Mix
from parley.synth.model import Identity, Lang
from parley.synth.names import (
    Pool,
    common_family_pool,
    common_given,
    common_given_pool,
    family_pool,
    given_pool,
    zipf_weights,
)

P_SERVICEMAN = 0.9
P_SERVICEWOMAN = 0.05
P_CIVILIAN_WOMAN = 0.45
P_WOUNDED = 0.04
P_ILL = 0.03
# Ages counted at this date (the war years the lists come from).
REFERENCE = date(2023, 6, 1)

# Formations whose men are often taken together; written as their clerks abbreviate them.
_UA_BRIGADES = (
    "24 ОМБр", "28 ОМБр", "30 ОМБр", "47 ОМБр", "53 ОМБр", "54 ОМБр", "56 ОМПБр", "57 ОМПБр",
    "58 ОМПБр", "59 ОМПБр", "72 ОМБр", "92 ОШБр", "93 ОМБр", "110 ОМБр", "115 ОМБр", "14 ОМБр",
    "35 ОБрМП", "36 ОБрМП", "79 ОДШБр", "80 ОДШБр", "81 ОАеМБр", "95 ОДШБр", "25 ОПДБр",
    "128 ОГШБр", "10 ОГШБр", "17 ОТБр", "1 ОТБр", "3 ОШБр", "12 ОБрОП НГУ", "4 ОБрОП НГУ",
)  # fmt: skip
_RU_BRIGADES = (
    "155 ОБрМП", "810 ОБрМП", "200 ОМСБр", "64 ОМСБр", "37 ОМСБр", "80 ОМСБр", "138 ОМСБр",
    "4 ОМСБр", "5 ОТБр", "83 ОДШБр", "11 ОДШБр", "237 ДШП", "104 ДШП", "331 ПДП", "137 ПДП",
    "14 ОБрСпН", "1 ТП", "90 ТД",
)  # fmt: skip


def unit_pool(lang: Lang, rng: Random, size: int = 400) -> Pool[str]:
    """Military units of one side, drawn from a seeded set and weighted Zipf-like: Ukrainian
    «в/ч А1234» (and National Guard «в/ч 3057»), Russian «в/ч 12345», and named formations."""
    units: list[str] = []
    seen: set[str] = set()
    while len(units) < size:
        if lang == "uk":
            kind = rng.random()
            unit = (
                f"в/ч А{rng.randrange(10000):04d}"
                if kind < 0.85
                else f"в/ч {rng.randrange(1000, 9999)}"
            )
        else:
            unit = f"в/ч {rng.randrange(10000, 99999)}"
        if unit not in seen:
            seen.add(unit)
            units.append(unit)
    units.extend(_UA_BRIGADES if lang == "uk" else _RU_BRIGADES)
    rng.shuffle(units)
    return Pool(units, zipf_weights(len(units), exponent=1.0, offset=8.0))


def _birth(rng: Random, category: PersonCategory) -> date:
    if category == "serviceman":
        # 18 to 58 at the reference date, most between 25 and 45.
        age = 18 + 40 * rng.betavariate(2.2, 3.3)
        earliest, latest = date(1965, 1, 1), date(2005, 12, 31)
    else:
        age = 16 + 70 * rng.betavariate(2.0, 2.4)
        earliest, latest = date(1936, 1, 1), date(2007, 12, 31)
    born = REFERENCE - timedelta(days=int(age * 365.25))
    return min(max(born, earliest), latest)


class People:
    """Draws the persons of one side (`lang`): names, fathers, births and units."""

    def __init__(self, lang: Lang, rng: Random, mix: Mix | None = None) -> None:
        self.lang = lang
        self.rng = rng
        self.units = unit_pool(lang, rng)
        self._common = {sex: common_given(lang, sex) for sex in ("M", "F")}
        self.families = family_pool(lang)
        self._given = {sex: given_pool(lang, sex) for sex in ("M", "F")}
        self._fathers = given_pool(lang, "M", fathers=True)
        if mix is not None and mix.common_family_share:
            self.families = common_family_pool(lang, COMMON_FAMILY[lang], mix.common_family_share)
        if mix is not None and mix.common_given_share:
            favoured, share = COMMON_GIVEN[lang], mix.common_given_share
            self._given["M"] = common_given_pool(lang, "M", favoured, share)
            self._fathers = common_given_pool(lang, "M", favoured, share, fathers=True)

    def person(self, category: PersonCategory | None = None) -> Identity:
        rng = self.rng
        if category is None:
            category = "serviceman" if rng.random() < P_SERVICEMAN else "civilian"
        p_woman = P_SERVICEWOMAN if category == "serviceman" else P_CIVILIAN_WOMAN
        sex: Sex = "F" if rng.random() < p_woman else "M"
        return Identity(
            lang=self.lang,
            sex=sex,
            family=self.families.draw(rng),
            given=self._given[sex].draw(rng),
            father=self._fathers.draw(rng),
            birth=_birth(rng, category),
            unit=self.units.draw(rng) if category == "serviceman" else None,
            category=category,
            wounded=rng.random() < P_WOUNDED,
            ill=rng.random() < P_ILL,
        )

    def brother(self, of: Identity) -> Identity:
        """Same family name and father (so patronymic), same unit, born a few years apart,
        another given name."""
        rng = self.rng
        names = self._given["M"]
        given = names.draw(rng)
        while given == of.given:
            given = names.draw(rng)
        gap = rng.randint(1, 6) * 365 + rng.randint(-150, 150)
        born = of.birth + timedelta(days=gap if rng.random() < 0.5 else -gap)
        born = min(max(born, date(1960, 1, 1)), date(2006, 12, 31))
        if born == of.birth:
            born += timedelta(days=400)
        return replace(
            of,
            sex="M",
            given=given,
            birth=born,
            wounded=rng.random() < P_WOUNDED,
            ill=rng.random() < P_ILL,
        )

    def namesake(self, of: Identity) -> Identity:
        """Same given and family name, another father and/or birth date, another unit."""
        rng = self.rng
        other_father = rng.random() < 0.8
        other_birth = not other_father or rng.random() < 0.8
        father = of.father
        if other_father:
            fathers = self._fathers
            while father == of.father:
                father = fathers.draw(rng)
        born = of.birth
        if other_birth:
            while born == of.birth:
                born = _birth(rng, of.category)
        unit = of.unit
        if of.unit is not None:
            while unit == of.unit:
                unit = self.units.draw(rng)
        return replace(
            of,
            father=father,
            birth=born,
            unit=unit,
            wounded=rng.random() < P_WOUNDED,
            ill=rng.random() < P_ILL,
        )

    def has_common_name(self, person: Identity) -> bool:
        return person.given in self._common[person.sex]

    def cousin(self, of: Identity) -> Identity:
        """Same family name and unit, born up to ten years apart, another given name; the
        fathers are brothers, often named alike, so the patronymic is the same half the time."""
        rng = self.rng
        twin = self.brother(of)
        gap = rng.randint(0, 10) * 365 + rng.randint(-180, 180)
        born = of.birth + timedelta(days=gap if rng.random() < 0.5 else -gap)
        born = min(max(born, date(1960, 1, 1)), date(2006, 12, 31))
        if born == of.birth:
            born += timedelta(days=200)
        father = of.father
        if rng.random() < 0.5:
            while father == of.father:
                father = self._fathers.draw(rng)
        return replace(twin, birth=born, father=father)

    def father_or_son(self, of: Identity) -> Identity:
        """The requested man's father (given name = his patronymic's name, 20 to 35 years
        older), or, when he is old enough, his son (patronymic from his given name)."""
        rng = self.rng
        gap = timedelta(days=int(365.25 * rng.uniform(20, 35)))
        son_born = of.birth + gap
        if son_born <= date(2005, 12, 31) and rng.random() < 0.5:
            given = of.given if rng.random() < 0.3 else self._given["M"].draw(rng)
            return self._relative(of, given=given, father=of.given, birth=son_born)
        father_born = max(of.birth - gap, date(1936, 1, 1))
        return self._relative(
            of, given=of.father, father=self._fathers.draw(rng), birth=father_born
        )

    def _relative(self, of: Identity, *, given: int, father: int, birth: date) -> Identity:
        rng = self.rng
        serving = date(1965, 1, 1) <= birth
        unit = of.unit if serving and rng.random() < 0.4 else None
        if serving and unit is None:
            unit = self.units.draw(rng)
        return replace(
            of,
            sex="M",
            given=given,
            father=father,
            birth=birth,
            unit=unit,
            category="serviceman" if serving else "civilian",
            wounded=rng.random() < P_WOUNDED,
            ill=rng.random() < P_ILL,
        )

    def common_twin(self, of: Identity) -> Identity:
        """Same given name, patronymic and birth date, another family name and unit: the
        coincidence common names make."""
        rng = self.rng
        family = of.family
        while family == of.family:
            family = self.families.draw(rng)
        unit = of.unit
        if of.unit is not None:
            while unit == of.unit:
                unit = self.units.draw(rng)
        return replace(
            of, family=family, unit=unit, wounded=rng.random() < P_WOUNDED, ill=rng.random() < P_ILL
        )

    def near_namesake(self, of: Identity, p_same_unit: float) -> Identity:
        """A namesake (same family and given name), in the same unit with `p_same_unit`."""
        twin = self.namesake(of)
        if of.unit is not None and self.rng.random() < p_same_unit:
            twin = replace(twin, unit=of.unit)
        return twin
