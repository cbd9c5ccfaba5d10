"""How often the lists hold a stranger under a requested person's every name, as they show it.

The names' weights come from how common each name is (`frequency`): a rare family name, given
name and patronymic together read as near proof. But namesakes are not always spread as the
names' frequencies predict: relatives are named alike, and a request for a man who is not held
meets his namesake wherever the lists hold one, however rare the name. With a birth date on
both sides the date tells them apart, so the dated pairs show how many such strangers there
are: pairs alike in every name whose dates disagree beyond any slip. Among the pairs the
frequencies call one person (dates aside), more such strangers than the frequencies expect
mean a chance of a namesake that no frequency explains: a floor under the names' chance
agreement, fitted so that those pairs expect as many strangers as their dates show. Every pair
alike in every name is then weighed against its names' chance plus that floor, so a pair with
nothing but its names is no surer than the lists' namesakes allow; on lists whose namesakes
the frequencies explain, the floor is 0 and nothing changes.

The patronymic tells the rest: strangers alike in family name, given name and birth date (a
cousin named alike, or a stranger born the same day, as some lists plant them) are told
apart by their fathers' names where both records give one. Their count fits a second floor,
for the pairs of which one record gives no patronymic: there nothing tells them apart.
"""

from __future__ import annotations

from dataclasses import dataclass

import numpy as np

from parley.linkage.compare import DATE_OTHER, DATE_SAME, EXACT, MISSING, Comparison
from parley.linkage.model import Model

NAME_FIELDS = ("family", "given", "patronymic")


@dataclass(frozen=True)
class Namesakes:
    """What the dated pairs say of namesakes: the chance that a registry record is a given
    request's namesake beyond what the names' frequencies say (`floor`, 0 when they say no
    more), the most weight the names may then carry before their m (`ceiling_bits`), the dated
    pairs whose dates told such strangers, and the pairs whose names carry at least the ceiling
    less one bit (those the floor holds down by half a bit or more). The same chance for
    strangers alike in family name, given name and birth date, as the pairs whose patronymics
    tell them apart show (`patronymic_floor`)."""

    floor: float
    ceiling_bits: float | None
    told_by_date: int
    held_down: int  # with the guard on; without, those it would hold down
    guarded: bool  # whether the weights were held (`link(..., guard_namesakes=True)`)
    patronymic_floor: float = 0.0
    told_by_patronymic: int = 0

    def summary(self) -> dict[str, float | int | bool | None]:
        return {
            "floor": float(f"{self.floor:.4g}"),
            "ceiling_bits": None if self.ceiling_bits is None else round(self.ceiling_bits, 3),
            "dated_pairs_told_apart": self.told_by_date,
            "pairs_held_down": self.held_down,
            "guarded": self.guarded,
            "patronymic_floor": float(f"{self.patronymic_floor:.4g}"),
            "pairs_told_apart_by_patronymic": self.told_by_patronymic,
        }


def alike_in_every_name(levels: dict[str, np.ndarray]) -> np.ndarray:
    """Pairs whose family and given names are the same (in any script or translation), and
    whose patronymics are too or one is missing."""
    patronymic = levels["patronymic"]
    alike: np.ndarray = (
        (levels["family"] == EXACT)
        & (levels["given"] == EXACT)
        & ((patronymic == EXACT) | (patronymic == MISSING))
    )
    return alike


@dataclass(frozen=True)
class _Telling:
    """A field that tells a namesake from the person asked for, the fields whose agreement it
    puts to the test, and its level for "told apart". The birth date tells namesakes alike in
    every name; the patronymic tells those alike in family name, given name and birth date."""

    field: str
    tested: tuple[str, ...]
    apart: int


BY_BIRTH = _Telling("birth", NAME_FIELDS, DATE_OTHER)
BY_PATRONYMIC = _Telling("patronymic", ("family", "given", "birth"), 0)


def _tested_alike(levels: dict[str, np.ndarray], telling: _Telling) -> np.ndarray:
    if telling is BY_BIRTH:
        return alike_in_every_name(levels)
    alike: np.ndarray = (
        (levels["family"] == EXACT) & (levels["given"] == EXACT) & (levels["birth"] == DATE_SAME)
    )
    return alike


@dataclass(frozen=True)
class _Alike:
    """The pairs alike in every field a telling field tests (`at`, their places among the
    candidates), with their weights, the part of it the tested fields carry (`tested`), the
    log2 of their m, the part the telling field carries, whether both records have it
    (`told`), and whether it tells them apart (`apart`)."""

    at: np.ndarray
    weights: np.ndarray
    tested: np.ndarray
    m_bits: np.ndarray
    telling_bits: np.ndarray
    told: np.ndarray
    apart: np.ndarray


def _alike(
    comparison: Comparison,
    model: Model,
    weights: np.ndarray,
    exact_u: dict[str, np.ndarray],
    telling: _Telling,
) -> _Alike:
    # Few pairs are alike so: the rest are never weighed again.
    at = np.flatnonzero(_tested_alike(comparison.levels, telling))
    levels = {field: level[at] for field, level in comparison.levels.items()}
    own_u = {field: chance[at] for field, chance in exact_u.items()}

    def without(fields: tuple[str, ...]) -> np.ndarray:
        """The part of the pairs' weights that `fields` carry."""
        rest = dict(levels)
        for field in fields:
            rest[field] = np.full(len(at), MISSING, dtype=levels[field].dtype)
        part: np.ndarray = weights[at] - model.weights(rest, own_u)
        return part

    m_bits = np.zeros(len(at))
    for field in telling.tested:
        level = levels[field].astype(np.int64)
        present = level != MISSING
        m_bits[present] += np.log2(model.m[field][level[present]])
    told_level = levels[telling.field].astype(np.int64)
    told = told_level != MISSING
    if telling is BY_BIRTH:
        # A date's part is its m over u (dates have no frequencies of their own).
        telling_bits = np.zeros(len(at))
        telling_bits[told] = np.log2(model.m["birth"] / model.u["birth"])[told_level[told]]
        apart = comparison.birth_far[at]
    else:
        telling_bits = without((telling.field,))
        apart = told_level == telling.apart
    return _Alike(at, weights[at], without(telling.tested), m_bits, telling_bits, told, apart)


# Pairs the tested fields' frequencies call one person at least this likely (the telling
# field aside) are where a namesake the frequencies do not expect does harm, and where the
# floor is fitted.
FITTED_FROM = 0.5


def _with_floor(
    weights: np.ndarray, tested: np.ndarray, m_bits: np.ndarray, floor: float
) -> np.ndarray:
    """The weights with the tested fields' chance agreement raised by `floor`."""
    chance = np.exp2(m_bits - tested) + floor
    with_floor: np.ndarray = weights - tested + m_bits - np.log2(chance)
    return with_floor


def fitted_floor(model: Model, alike: _Alike, telling: _Telling) -> tuple[float, int]:
    """The chance that a registry record is a request's namesake beyond what the tested
    fields' frequencies say, fitted so that the pairs alike in them that the frequencies call
    one person, and whose telling field both records have, expect as many strangers among them
    as that field shows; and that count.
    """
    untold_weights = alike.weights - alike.telling_bits
    at = np.flatnonzero(alike.told & (model.probability(untold_weights) >= FITTED_FROM))
    apart = alike.apart[at]
    # One person's records told apart all the same (a capture date written for the birth
    # date, a patronymic mistyped past knowing): as many as EM's m at "apart" says, among
    # those that are not apart.
    m_apart = float(model.m[telling.field][telling.apart])
    strangers = int(apart.sum()) - (m_apart / (1 - m_apart)) * int((~apart).sum())

    def expected(floor: float) -> float:
        w = _with_floor(untold_weights[at], alike.tested[at], alike.m_bits[at], floor)
        return float((1 - model.probability(w)).sum())

    if strangers <= expected(0.0):
        return 0.0, int(apart.sum())
    low, high = -15.0, 0.0  # log10 of the floor
    for _ in range(40):
        middle = (low + high) / 2
        low, high = (middle, high) if expected(10**middle) < strangers else (low, middle)
    return float(10**high), int(apart.sum())


def hold_names_weight(
    comparison: Comparison,
    model: Model,
    weights: np.ndarray,
    exact_u: dict[str, np.ndarray],
    guard: bool,
) -> tuple[np.ndarray, Namesakes]:
    """The floors the lists' namesakes set (see the module's text), and, with `guard`, the
    weights of each pair alike in every name weighed against its names' chance plus the
    birth dates' floor, and of each pair alike in family name, given name and birth date, one
    of them without a patronymic, against their chance plus the patronymics' floor (the lower
    of the two where both hold); without, the weights as they are."""
    by_birth = _alike(comparison, model, weights, exact_u, BY_BIRTH)
    floor, counted = fitted_floor(model, by_birth, BY_BIRTH)
    by_patronymic = _alike(comparison, model, weights, exact_u, BY_PATRONYMIC)
    patronymic_floor, told_by_patronymic = fitted_floor(model, by_patronymic, BY_PATRONYMIC)
    ceiling = float(-np.log2(floor)) if floor > 0 else None
    held_down = (
        0 if ceiling is None else int((by_birth.tested - by_birth.m_bits > ceiling - 1).sum())
    )
    found = Namesakes(
        floor, ceiling, counted, held_down, guard, patronymic_floor, told_by_patronymic
    )
    if not guard:
        return weights, found
    held = weights.copy()
    if floor > 0:
        held[by_birth.at] = _with_floor(by_birth.weights, by_birth.tested, by_birth.m_bits, floor)
    if patronymic_floor > 0:
        # Where both records give a patronymic, it tells; where one does not, nothing does.
        untold = ~by_patronymic.told
        at = by_patronymic.at[untold]
        floored = _with_floor(
            by_patronymic.weights[untold],
            by_patronymic.tested[untold],
            by_patronymic.m_bits[untold],
            patronymic_floor,
        )
        held[at] = np.minimum(held[at], floored)
    return held, found
