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
"""

from __future__ import annotations

from dataclasses import dataclass

import numpy as np

from parley.linkage.compare import DATE_OTHER, EXACT, MISSING, Comparison
from parley.linkage.model import Model

NAME_FIELDS = ("family", "given", "patronymic")


@dataclass(frozen=True)
class Namesakes:
    """What the dated pairs say of namesakes: the chance that a registry record is a given
    request's namesake beyond what the names' frequencies say (`floor`, 0 when they say no
    more), the most weight the names may then carry before their m (`ceiling_bits`), the dated
    pairs whose dates told such strangers, and the pairs whose names carry at least the ceiling
    less one bit (those the floor holds down by half a bit or more)."""

    floor: float
    ceiling_bits: float | None
    told_by_date: int
    held_down: int  # with the guard on; without, those it would hold down
    guarded: bool  # whether the weights were held (`link(..., guard_namesakes=True)`)

    def summary(self) -> dict[str, float | int | bool | None]:
        return {
            "floor": float(f"{self.floor:.4g}"),
            "ceiling_bits": None if self.ceiling_bits is None else round(self.ceiling_bits, 3),
            "dated_pairs_told_apart": self.told_by_date,
            "pairs_held_down": self.held_down,
            "guarded": self.guarded,
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
class _Alike:
    """The pairs alike in every name (`at`, their places among the candidates), with their
    weights, the part of it their names carry, the log2 of their names' m, and the part their
    birth dates carry."""

    at: np.ndarray
    weights: np.ndarray
    names: np.ndarray
    m_bits: np.ndarray
    birth_bits: np.ndarray
    birth_far: np.ndarray
    dated: np.ndarray


def _alike(
    comparison: Comparison, model: Model, weights: np.ndarray, exact_u: dict[str, np.ndarray]
) -> _Alike:
    # Few pairs are alike in every name: the rest are never weighed again.
    at = np.flatnonzero(alike_in_every_name(comparison.levels))
    levels = {field: level[at] for field, level in comparison.levels.items()}
    nameless = dict(levels)
    for field in NAME_FIELDS:
        nameless[field] = np.full(len(at), MISSING, dtype=levels[field].dtype)
    own_u = {field: chance[at] for field, chance in exact_u.items()}
    names = weights[at] - model.weights(nameless, own_u)
    m_bits = np.zeros(len(at))
    for field in NAME_FIELDS:
        level = levels[field].astype(np.int64)
        present = level != MISSING
        m_bits[present] += np.log2(model.m[field][level[present]])
    birth = levels["birth"].astype(np.int64)
    dated = birth != MISSING
    birth_bits = np.zeros(len(at))
    birth_bits[dated] = np.log2(model.m["birth"] / model.u["birth"])[birth[dated]]
    return _Alike(at, weights[at], names, m_bits, birth_bits, comparison.birth_far[at], dated)


# Pairs the names' frequencies call one person at least this likely (their dates aside) are
# where a namesake the frequencies do not expect does harm, and where the floor is fitted.
FITTED_FROM = 0.5


def _with_floor(
    weights: np.ndarray, names: np.ndarray, m_bits: np.ndarray, floor: float
) -> np.ndarray:
    """The weights with the names' chance agreement raised by `floor`."""
    chance = np.exp2(m_bits - names) + floor
    with_floor: np.ndarray = weights - names + m_bits - np.log2(chance)
    return with_floor


def fitted_floor(model: Model, alike: _Alike) -> tuple[float, int]:
    """The chance that a registry record is a request's namesake beyond what the names'
    frequencies say, fitted so that the dated pairs alike in every name that the frequencies
    call one person expect as many strangers among them as their dates show; and that count.
    """
    undated_weights = alike.weights - alike.birth_bits
    at = np.flatnonzero(alike.dated & (model.probability(undated_weights) >= FITTED_FROM))
    far = alike.birth_far[at]
    # One person's records whose dates are apart all the same (a capture date written for the
    # birth date): as many as EM's m at "other date" says, among those that are not apart.
    m_other = float(model.m["birth"][DATE_OTHER])
    strangers = int(far.sum()) - (m_other / (1 - m_other)) * int((~far).sum())

    def expected(floor: float) -> float:
        w = _with_floor(undated_weights[at], alike.names[at], alike.m_bits[at], floor)
        return float((1 - model.probability(w)).sum())

    if strangers <= expected(0.0):
        return 0.0, int(far.sum())
    low, high = -15.0, 0.0  # log10 of the floor
    for _ in range(40):
        middle = (low + high) / 2
        low, high = (middle, high) if expected(10**middle) < strangers else (low, middle)
    return float(10**high), int(far.sum())


def hold_names_weight(
    comparison: Comparison,
    model: Model,
    weights: np.ndarray,
    exact_u: dict[str, np.ndarray],
    guard: bool,
) -> tuple[np.ndarray, Namesakes]:
    """The floor the lists' namesakes set (see the module's text), and, with `guard`, the
    weights with the names' part of each pair alike in every name weighed against its names'
    chance plus that floor (without, the weights as they are)."""
    alike = _alike(comparison, model, weights, exact_u)
    floor, counted = fitted_floor(model, alike)
    if floor <= 0:
        return weights, Namesakes(0.0, None, counted, 0, guard)
    ceiling = float(-np.log2(floor))
    held_down = int((alike.names - alike.m_bits > ceiling - 1).sum())
    found = Namesakes(floor, ceiling, counted, held_down, guard)
    if not guard:
        return weights, found
    held = weights.copy()
    held[alike.at] = _with_floor(alike.weights, alike.names, alike.m_bits, floor)
    return held, found
