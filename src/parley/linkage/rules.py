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
# How many strong identifiers must disagree before a pair can be no more than reviewed.
AT_MOST_REVIEW_FROM = 2
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
    """The pairs that are never a match: two strong identifiers disagree, or one name does (a
    name is written by the person's own side and only transliterated or translated by the
    other; a birth date alone is more often mistyped beyond recognition, and its weight, -10
    bits, already tells).
    """
    found = disagreements(levels, birth_far)
    count = sum(d.astype(np.int64) for d in found.values())
    names = found["given"] | found["family"] | found["patronymic"]
    result: np.ndarray = (np.asarray(count) >= AT_MOST_REVIEW_FROM) | names
    return result


def why_at_most_review(levels: dict[str, np.ndarray], birth_far: np.ndarray, pair: int) -> str:
    """The reason a clerk reads for one capped pair, e.g. "given name differs and birth dates
    years apart: at most review"."""
    found = disagreements(levels, birth_far)
    said = [text for field, text in STRONG.items() if found[field][pair]]
    return f"{' and '.join(said)}: at most review"
