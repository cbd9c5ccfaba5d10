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

# The strong identifiers, with how a clerk reads their disagreement.
STRONG = {
    "given": "given name differs",
    "family": "family name differs",
    "patronymic": "patronymic differs",
    "birth": "birth dates years apart",
}
# How many strong identifiers must disagree before a pair is two people, not one to review.
AT_MOST_REVIEW_FROM = 2
# The score such a pair keeps at most: below any review threshold but zero, so that it is
# neither a match, nor a review, nor a rival that sends a true pair to review.
CLEARLY_ANOTHER_SCORE = 0.01
PATRONYMIC_DIFFERS_UP_TO = 1


def disagreements(levels: dict[str, np.ndarray], birth_far: np.ndarray) -> dict[str, np.ndarray]:
    """Per strong identifier, the pairs on which it disagrees beyond any variant or slip: a name
    at the lowest level (not the same name in any script, translation or near spelling), a
    birth date years apart. Missing values disagree with nothing.
    """
    result = {field: levels[field] == 0 for field in ("given", "family")}
    # Patronymics share their endings (-ович, -івна), which lifts the similarity of any two:
    # the loosest band is another father's name, not a spelling of this one.
    result["patronymic"] = levels["patronymic"] <= PATRONYMIC_DIFFERS_UP_TO
    result["birth"] = birth_far.astype(bool)
    return result


def at_most_review(levels: dict[str, np.ndarray], birth_far: np.ndarray) -> np.ndarray:
    """The pairs that are never a match: any strong identifier disagrees. A name is written by
    the person's own side and only transliterated or translated by the other; a birth date
    years apart (not a typo, a swap or a year off by one) is, for a namesake in the same unit,
    the only thing that tells him from the person asked for.
    """
    found = disagreements(levels, birth_far)
    result: np.ndarray = np.logical_or.reduce(list(found.values()))
    return result


def clearly_another(levels: dict[str, np.ndarray], birth_far: np.ndarray) -> np.ndarray:
    """The pairs that are two people, not even for review: two strong identifiers or more
    disagree (a brother: given name and birth date; a namesake's son: patronymic and birth
    date), or a family name or patronymic is unlike the other in any script, translation or
    near spelling (a common given name, patronymic and birth date under another family name;
    a namesake with another father). A given name alone may be a national form or a
    diminutive, a birth date alone a clerk's slip: those go to review.
    """
    found = disagreements(levels, birth_far)
    count = sum(d.astype(np.int64) for d in found.values())
    unlike = (levels["family"] == 0) | (levels["patronymic"] == 0)
    result: np.ndarray = (np.asarray(count) >= AT_MOST_REVIEW_FROM) | unlike
    return result


def why_at_most_review(levels: dict[str, np.ndarray], birth_far: np.ndarray, pair: int) -> str:
    """The reason a clerk reads for one capped pair, e.g. "given name differs and birth dates
    years apart: at most review"."""
    found = disagreements(levels, birth_far)
    said = [text for field, text in STRONG.items() if found[field][pair]]
    return f"{' and '.join(said)}: at most review"
