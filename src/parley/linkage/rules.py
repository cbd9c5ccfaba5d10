"""Rules a careful clerk keeps whatever the weights say.

Relatives serve together and common names recur: a brother shares the family name,
patronymic and unit; a namesake shares the given and family name. However much else agrees,
two strong identifiers that disagree (neither a variant of the other in any script or
translation, nor a slip of the pen) mean another person as often as not, and telling a family
that a stranger is their son is the worst error Parley can make. Such a pair is at most sent to
a person for review; it is never a match.
"""

from __future__ import annotations

import numpy as np

from parley.linkage.compare import DATE_SAME as EXACT_DATE
from parley.linkage.compare import EXACT, Comparison, nearly_alike
from parley.linkage.compare import LOOSEST as LOOSEST_NAME_BAND
from parley.linkage.compare import SAME_CODE as UNIT_SAME

# The strong identifiers, with how a clerk reads their disagreement.
STRONG = {
    "given": "given name differs",
    "family": "family name differs",
    "patronymic": "patronymic differs",
    "birth": "birth dates years apart",
}
BIRTH_DOUBTFUL = "birth dates differ, by a slip or another person"
UNIT_AND_MORE = "units differ and the rest is not certain"
LOOSE_FAMILY = "family names only loosely alike, no unit in common"
# How many strong identifiers must disagree before a pair is two people, not one to review.
AT_MOST_REVIEW_FROM = 2
# The score such a pair keeps at most: below any review threshold but zero, so that it is
# neither a match, nor a review, nor a rival that sends a true pair to review.
CLEARLY_ANOTHER_SCORE = 0.01


def disagreements(comparison: Comparison) -> dict[str, np.ndarray]:
    """Per strong identifier, the pairs on which it disagrees beyond any variant or slip: a name
    at the lowest level (not the same name in any script, translation or near spelling), a
    birth date years apart. Missing values disagree with nothing.
    """
    levels = comparison.levels
    result = {field: levels[field] == 0 for field in ("given", "family")}
    # Patronymics share their endings (-ович, -івна), which lifts the similarity of any two:
    # the loosest band is another father's name, not a spelling of this one. Unless its keys
    # are a few slips apart and the rest agrees, to the day: a namesake born that day whose
    # father's name is spelt so alike is far rarer than two slips in one patronymic
    # (Гриориевич for Григорьевич, Федіроич and Федоровтч).
    slipped = (
        comparison.patronymic_slips
        & (levels["birth"] == EXACT_DATE)
        & nearly_alike(levels["family"])
        & nearly_alike(levels["given"])
    )
    loose = (levels["patronymic"] == LOOSEST_NAME_BAND) & ~slipped
    result["patronymic"] = (levels["patronymic"] == 0) | loose
    result["birth"] = comparison.birth_far.astype(bool)
    return result


def _doubts(comparison: Comparison) -> dict[str, np.ndarray]:
    """Weaker disagreements, each enough to keep a pair from being a match by itself: birth
    dates one part apart (`compare.birth_doubtful`: common names make namesakes
    born days or a year apart, and the date is what tells them apart; `link` clears it where
    the lists show their clerks mistype dates so, `model.anchored_birth_shares`); units that
    differ while some name or the birth date is not certain (a man may change units, but a
    namesake in another unit with a near spelling is the likelier story); family names only
    loosely alike (two letters apart, the loosest band short of "differs") with no unit in
    common: the common name's twin (same given name, patronymic and birth date) under a
    family name of the same shape (Тихонов/Миронов, Марков/Манов).
    """
    levels = comparison.levels
    uncertain = (levels["birth"] != EXACT_DATE) | np.logical_or.reduce(
        [levels[field] < EXACT for field in ("family", "given")]
    )
    return {
        "birth": comparison.birth_doubtful.astype(bool),
        "unit": (levels["unit"] == 0) & uncertain,
        "family": (levels["family"] == LOOSEST_NAME_BAND) & (levels["unit"] != UNIT_SAME),
    }


def at_most_review(comparison: Comparison) -> np.ndarray:
    """The pairs that are never a match: any strong identifier disagrees, or a weaker doubt
    stands (`_doubts`). A name is written by the person's own side and only transliterated
    or translated by the other; a birth date years apart (not a typo, a swap or a year off by
    one) is, for a namesake in the same unit, the only thing that tells him from the person
    asked for.
    """
    found = [*disagreements(comparison).values(), *_doubts(comparison).values()]
    result: np.ndarray = np.logical_or.reduce(found)
    return result


def clearly_another(comparison: Comparison) -> np.ndarray:
    """The pairs that are two people, not even for review: two strong identifiers or more
    disagree (a brother: given name and birth date; a namesake's son: patronymic and birth
    date), or a family name or patronymic is unlike the other in any script, translation or
    near spelling (a common given name, patronymic and birth date under another family name;
    a namesake with another father). A given name alone may be a national form or a
    diminutive, a birth date alone a clerk's slip: those go to review.
    """
    levels = comparison.levels
    found = disagreements(comparison)
    count = sum(d.astype(np.int64) for d in found.values())
    unlike = (levels["family"] == 0) | (levels["patronymic"] == 0)
    result: np.ndarray = (np.asarray(count) >= AT_MOST_REVIEW_FROM) | unlike
    return result


def why_at_most_review(comparison: Comparison, pair: int) -> str:
    """The reason a clerk reads for one capped pair, e.g. "given name differs and birth dates
    years apart: at most review"."""
    one = comparison.take(np.array([pair]))  # not every pair of the lists, for one reason
    found = disagreements(one)
    said = [text for field, text in STRONG.items() if found[field][0]]
    doubts = _doubts(one)
    said += [BIRTH_DOUBTFUL] if doubts["birth"][0] else []
    said += [UNIT_AND_MORE] if doubts["unit"][0] else []
    said += [LOOSE_FAMILY] if doubts["family"][0] else []
    return f"{' and '.join(said)}: at most review"
