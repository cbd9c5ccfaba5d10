"""Names written as their initials (Иванов И. И.): which table entries are initials, whether
an initial fits the other record's name, and how many of a pair's initials fit, a field the
model weighs of its own. `compare` calls these beside its name similarities.
"""

from __future__ import annotations

import re

import numpy as np

from parley.linkage.names import is_cyrillic, plain_spelling
from parley.linkage.prepare import NameTable

# A name written as its initial counts neither way in its own field (it says too little to be
# the name); how many of a pair's initials fit the other names is a field of its own: two that
# fit are a good deal likelier for the same person than for a stranger (Иванов И. И.).
#
# The similarities with_initials gives an initial that fits the other name, or that counts
# neither way without fitting it; compare takes them apart.
INITIALS_FIT, INITIAL_UNSURE = -1.0, -2.0


# A name written as its initial: one letter, or up to three with a full stop (И., Zh., Tch.);
# four would take Ivan. with a stray stop for one.
_INITIAL = re.compile(r"[^\W\d_]|[^\W\d_]{1,3}\.")


def initials(table: NameTable) -> np.ndarray:
    """Which entries of the table are an initial only (kept on the table)."""
    if table.initials is None:
        table.initials = np.array(
            [_INITIAL.fullmatch(text) is not None for text in table.text], dtype=bool
        )
    return table.initials


def with_initials(
    a: NameTable, xs: np.ndarray, b: NameTable, ys: np.ndarray, similarity: np.ndarray
) -> None:
    """Set, in `similarity`, every pair that meets an initial (Иванов И. И.): INITIALS_FIT
    when the initial fits the other name in some script or translation (А. fits Олександр,
    whose Russian form is Александр); 0, another name, when a Cyrillic initial fits no form of
    a whole name. An initial says too little to stand for the name (how many fit is weighed
    apart, `fitting`), and enough to tell a brother apart. One Latin letter may stand
    for two (Z. for Zhenia, S. for Shevchuk, I. or Y. for Iurii), and two initials may be a
    name and its translation (А. and О. for Александр and Олександр): those that do not fit
    are INITIAL_UNSURE.
    """
    left_initial, right_initial = initials(a)[xs], initials(b)[ys]
    for n in np.flatnonzero(left_initial | right_initial).tolist():
        left, right = a.key_list[xs[n]], b.key_list[ys[n]]
        initial, name = a.text[xs[n]], b.text[ys[n]]
        if not left_initial[n]:
            initial, name = name, initial
        fits = any(x.startswith(y) or y.startswith(x) for x in left for y in right)
        unsure = (left_initial[n] and right_initial[n]) or not is_cyrillic(initial)
        if fits or _begins_with(name, initial):
            similarity[n] = INITIALS_FIT
        else:
            similarity[n] = INITIAL_UNSURE if unsure else 0.0


def _begins_with(name: str, initial: str) -> bool:
    """Whether the name as written begins with the initial's letters, both spelt in plain Latin:
    a key drops the й-sound a name may begin with (Иосиф is osif, Йосип too), the initial И. or
    Й. keeps it; and spelt letter by letter, Ю. is iu, not the i of И.
    """
    letters = initial.rstrip(".")
    return plain_spelling(name[: len(letters)]) == plain_spelling(letters)


# What an initial did in one name field of a pair, beside the name's similarity.
_NO_INITIAL, _INITIAL_UNSURE, _INITIAL_FITS = 0, 1, 2


def initials_apart(similarity: np.ndarray) -> tuple[np.ndarray, np.ndarray]:
    """The similarity with the initials' marks set to NaN (counting neither way in the name's
    own field), and what an initial did in each pair."""
    initial = np.full(len(similarity), _NO_INITIAL, dtype=np.int8)
    initial[similarity == INITIAL_UNSURE] = _INITIAL_UNSURE
    initial[similarity == INITIALS_FIT] = _INITIAL_FITS
    similarity[initial != _NO_INITIAL] = np.nan
    return similarity, initial


def fitting(*marks: np.ndarray) -> tuple[np.ndarray, np.ndarray]:
    """How many of a pair's initials fit the other names (0, 1, 2 or more), and whether any
    initial met a name at all, from each name field's marks (`initials_apart`). (A Cyrillic
    initial that fits no form of the name is that name's disagreement, counted in its own
    field.)"""
    fit = sum((mark == _INITIAL_FITS).astype(np.int8) for mark in marks)
    met: np.ndarray = np.logical_or.reduce([mark != _NO_INITIAL for mark in marks])
    return np.minimum(np.asarray(fit, dtype=np.int8), 2), met
