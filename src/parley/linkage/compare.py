"""Comparing candidate pairs field by field, as levels of agreement the model weighs.

Each distinct pair of spellings is compared once: lists repeat names far more than they hold
distinct ones, so this is what keeps linking ninety thousand records quick.
"""

from __future__ import annotations

from dataclasses import dataclass

import numpy as np
import pandas as pd
from rapidfuzz.distance import OSA, JaroWinkler

from parley.linkage import distinct
from parley.linkage.digits import one_slip_apart
from parley.linkage.diminutives import diminutive_pairs, stands_for
from parley.linkage.initials import fitting, initials, initials_apart, with_initials
from parley.linkage.pairwise import pairwise
from parley.linkage.prepare import NameTable, Prepared, key_pairs
from parley.linkage.units import same_unit

MISSING = 5
EXACT = 4  # the highest name level: the same name, in any script or translation
# Name levels: 4 same name (in any script, or its translation), 3-1 ever looser spellings, 0 other.
NAME_THRESHOLDS = (0.94, 0.88, 0.80)
LOOSEST = 1  # the name level of NAME_THRESHOLDS[2]
NEARLY_ALIKE = 3  # the name level of NAME_THRESHOLDS[0]: a near spelling, or the same name
SAME_CODE = 1  # the level of a unit, sex or category that is the same (`_equal_codes`)
# How the keys met, for the reasons a clerk reads: identical text, same after transliteration,
# a translation (Олександр = Александр), or a near spelling.
IDENTICAL, TRANSLITERATED, TRANSLATED, SIMILAR = 3, 2, 1, 0
# Birth-date levels.
DATE_SAME, DATE_SWAPPED, DATE_YEAR, DATE_PART, DATE_OTHER = 4, 3, 2, 1, 0
YEAR_DIGITS = 4
SWAP_MARGIN = 0.15
MONTH_END = 28  # days from which a date may have been moved to fit a shorter month
FAMILY_MAX_EDITS = 2
SLIP_MIN_LENGTH = 4  # a name of three letters one edit from another is often another name
TWO_SLIPS_LENGTH = 8  # family names this long in plain Latin may be two edits apart (`_slips`)
STEMS_APART = 3  # patronymics whose fathers' names are this many edits apart differ
SHORT_STEM = 5  # ... or one fewer for fathers' names both this short
WHOLE_ENDING = 3  # letters a whole patronymic ending has (-ович, -івна); -ич has two
# Patronymics only loosely alike whose keys are this few edits apart may be two slips of one
# (`Comparison.patronymic_slips`): a slip the keys' folding may count twice (Миахйлович is
# maGiloviS, Михайлович miGailoviS), or a form of the ending (Яремич, Яремович) and a slip.
PATRONYMIC_SLIPS_APART = 4
# A family name this few edits from the other, as keys or spelt in plain Latin, is read as
# loosely alike where all else agrees in full, unit included (`_family_slips`).
FAMILY_SLIPS_APART = 2
FIELDS = ("family", "given", "patronymic", "birth", "unit", "sex", "category", "initials", "slips")
LEVELS = {"family": 5, "given": 5, "patronymic": 5, "birth": 5, "unit": 2, "sex": 2, "category": 2,
          "initials": 3, "slips": 2}  # fmt: skip


@dataclass
class Comparison:
    """Levels per field for each pair, and whether its family and given names were swapped."""

    levels: dict[str, np.ndarray]
    swapped: np.ndarray
    # Birth dates both known and years apart: not a typo, a swap, a year off by one or a
    # one-digit slip in the year (1985/1995) — two people, not one written twice.
    birth_far: np.ndarray
    # Birth dates that differ by what may be a slip or another person (`birth_doubtful`).
    birth_doubtful: np.ndarray
    # Patronymics only loosely alike, their keys few edits apart (PATRONYMIC_SLIPS_APART).
    patronymic_slips: np.ndarray

    def take(self, pairs: np.ndarray) -> Comparison:
        """The comparison of some of the pairs only."""
        return Comparison(
            levels={field: level[pairs] for field, level in self.levels.items()},
            swapped=self.swapped[pairs],
            birth_far=self.birth_far[pairs],
            birth_doubtful=self.birth_doubtful[pairs],
            patronymic_slips=self.patronymic_slips[pairs],
        )


def joined(parts: list[Comparison]) -> Comparison:
    """The comparisons of consecutive runs of pairs as one."""
    return Comparison(
        levels={f: np.concatenate([c.levels[f] for c in parts]) for f in parts[0].levels},
        swapped=np.concatenate([c.swapped for c in parts]),
        birth_far=np.concatenate([c.birth_far for c in parts]),
        birth_doubtful=np.concatenate([c.birth_doubtful for c in parts]),
        patronymic_slips=np.concatenate([c.patronymic_slips for c in parts]),
    )


def ready(p: Prepared) -> None:
    """What comparing derives from a list's name tables and keeps on them, derived now: two
    threads comparing at once then read it and never both write it."""
    for column, table in p.names.items():
        table.as_written()
        table.plain_spelt()
        initials(table)
        table.flat_lengths()
        if column == "patronymic":
            table.flat_stems()
        if column == "given_name":
            stands_for(table)


def how_names_met(a: NameTable, x: int, b: NameTable, y: int) -> int:
    """IDENTICAL ... SIMILAR, for the reason a clerk reads."""
    if not a.keys[x] & b.keys[y]:
        return SIMILAR
    if a.text[x].casefold() == b.text[y].casefold():
        return IDENTICAL
    return TRANSLITERATED if a.primary[x] == b.primary[y] else TRANSLATED


def _best_similarity(
    a: NameTable,
    xs: np.ndarray,
    b: NameTable,
    ys: np.ndarray,
    stems: bool = False,
    max_edits: int | None = None,
    one_edit_close: bool = False,
) -> np.ndarray:
    """Best Jaro–Winkler over the key pairs of each (x, y); 1.0 exactly when a key is shared.
    With `stems`, names not nearly alike whose stems (without their patronymic endings) are
    STEMS_APART edits apart score 0. With `max_edits`, names whose closest keys are more edits
    apart score 0.

    Every key pair of every (x, y) is laid out flat with numpy, scored by rapidfuzz in native
    code, and the best of each pair's group taken.
    """
    if len(xs) == 0:
        return np.zeros(0)
    at_left, at_right, starts, owner = key_pairs(a, xs, b, ys)
    left, right = a.flat_keys[at_left], b.flat_keys[at_right]
    scores = pairwise(left, right, JaroWinkler.normalized_similarity)
    best: np.ndarray = np.maximum.reduceat(scores.astype(float), starts)
    if stems:
        # Unlike fathers' names are another patronymic however alike the shared endings make
        # the whole (Васильевич and Валерьевич): stems three edits apart are, when neither
        # ending was mistyped (then the whole keys decide).
        (stem_a, stem_length_a, stemmed_a), (stem_b, stem_length_b, stemmed_b) = (
            a.flat_stems(),
            b.flat_stems(),
        )
        apart = pairwise(stem_a[at_left], stem_b[at_right], OSA.distance)
        # Two edits already part short fathers' names (Олег/Олекс, Іван/Євген), not a short
        # stem and a long one: letters dropped by a slip and by the keys' folding (Ніолаєвич
        # is nola, Николаевич nikola).
        longest = np.maximum(stem_length_a[at_left], stem_length_b[at_right])
        needed = np.where(longest <= SHORT_STEM, STEMS_APART - 1, STEMS_APART)
        unlike = (apart >= needed) & stemmed_a[at_left] & stemmed_b[at_right]
        # The closest key pair decides: one alike pair of stems keeps the whole keys' level.
        alike = np.maximum.reduceat((~unlike).astype(np.int8), starts) > 0
        undone = (best < NAME_THRESHOLDS[0]) & ~alike
        # A mistyped ending may leave only the short -ич to take off, and the stem keeps the
        # rest (Юрьевич/Юрійофич: ur and urof): keys fewer edits apart than that, one of them
        # without a whole ending (-ович, -івна: three letters or more taken off), are one
        # father's name.
        whole_a = a.flat_lengths()[at_left] - stem_length_a[at_left] >= WHOLE_ENDING
        whole_b = b.flat_lengths()[at_right] - stem_length_b[at_right] >= WHOLE_ENDING
        open_ = np.flatnonzero(undone[owner] & ~(whole_a & whole_b))
        near = (
            pairwise(
                a.flat_keys[at_left[open_]],
                b.flat_keys[at_right[open_]],
                OSA.distance,
                score_cutoff=STEMS_APART,
            )
            < STEMS_APART
        )
        undone[owner[open_[near]]] = False
        best[undone] = 0.0
    if one_edit_close or max_edits is not None:
        edits = pairwise(left, right, OSA.distance)
    if one_edit_close:
        # Short names lose most of their Jaro–Winkler to one slip (Лось/Лсоь is 0.56): one
        # edit or transposition on names of three letters or more is a near spelling, and so
        # is a letter dropped from three (Жкк for Жук: keys Sk and Suk, the double folded).
        left_length, right_length = a.flat_lengths()[at_left], b.flat_lengths()[at_right]
        shorter = np.minimum(left_length, right_length)
        dropped = (shorter == 2) & (np.maximum(left_length, right_length) == 3)
        long_enough = (shorter >= 3) | dropped
        near = np.maximum.reduceat(((edits <= 1) & long_enough).astype(np.int8), starts) > 0
        best = np.where(near, np.maximum(best, NAME_THRESHOLDS[1]), best)
    if max_edits is not None:
        fewest = np.minimum.reduceat(edits.astype(np.int64), starts)
        best[fewest > max_edits] = 0.0
    return best


def _fewest_edits(a: NameTable, xs: np.ndarray, b: NameTable, ys: np.ndarray) -> np.ndarray:
    """The fewest edits between any key of each xs[n] and any key of ys[n]."""
    if len(xs) == 0:
        return np.zeros(0, dtype=np.int64)
    at_left, at_right, starts, _ = key_pairs(a, xs, b, ys)
    edits = pairwise(a.flat_keys[at_left], b.flat_keys[at_right], OSA.distance)
    fewest: np.ndarray = np.minimum.reduceat(edits.astype(np.int64), starts)
    return fewest


def _patronymic_slips(
    a: Prepared, ia: np.ndarray, b: Prepared, ib: np.ndarray, level: np.ndarray
) -> np.ndarray:
    """Which pairs have patronymics in the loosest band whose keys are at most
    PATRONYMIC_SLIPS_APART edits apart."""
    loose = np.flatnonzero(level == LOOSEST)
    result = np.zeros(len(ia), dtype=bool)
    xs = a.name_index["patronymic"][ia[loose]]
    ys = b.name_index["patronymic"][ib[loose]]
    edits = _fewest_edits(a.names["patronymic"], xs, b.names["patronymic"], ys)
    result[loose] = edits <= PATRONYMIC_SLIPS_APART
    return result


def nearly_alike(level: np.ndarray) -> np.ndarray:
    """Which name levels are a near spelling or the same name (not missing, not an initial)."""
    result: np.ndarray = (level >= NEARLY_ALIKE) & (level != MISSING)
    return result


def _family_slips(
    a: Prepared,
    ia: np.ndarray,
    b: Prepared,
    ib: np.ndarray,
    levels: dict[str, np.ndarray],
    swapped: np.ndarray,
) -> np.ndarray:
    """The family names' level, raised from "other" to the loosest band for names at most
    FAMILY_SLIPS_APART edits apart whose records agree on all else, to the day and the unit:
    given name and patronymic (or no patronymic) alike, the same birth date and unit. Two
    slips in a short family name (Тычук/Тиук, Bjko/Бойко) part its keys as far as another
    family's, and a common name's twin under another family name is the likelier story
    elsewhere; but the same given name, father's name, day of birth and unit under two
    family names two letters apart is one man. Pairs read with the names swapped are left
    as they are: their family level compares a family name with a given name.
    """
    level = levels["family"].copy()
    at = np.flatnonzero(
        (level == 0)
        & ~swapped
        & (levels["birth"] == DATE_SAME)
        & (levels["unit"] == SAME_CODE)
        & nearly_alike(levels["given"])
        & (nearly_alike(levels["patronymic"]) | (levels["patronymic"] == MISSING))
    )
    # Names at level 0 are present on both sides (a missing one is MISSING).
    xs = a.name_index["family_name"][ia[at]]
    ys = b.name_index["family_name"][ib[at]]
    left, right = a.names["family_name"], b.names["family_name"]
    keys = _fewest_edits(left, xs, right, ys)
    plain = pairwise(left.plain_spelt()[0][xs], right.plain_spelt()[0][ys], OSA.distance)
    level[at[np.minimum(keys, plain) <= FAMILY_SLIPS_APART]] = LOOSEST
    return level


def _names(
    a: Prepared,
    column_a: str,
    ia: np.ndarray,
    b: Prepared,
    column_b: str,
    ib: np.ndarray,
    stems: bool = False,
) -> np.ndarray:
    """Similarity (0-1, NaN when missing; `initials.INITIALS_FIT` or `INITIAL_UNSURE` for an
    initial) of the names in two columns, for each pair."""
    # Family names three letters apart are other names however alike their endings (Коваленко
    # and Кравченко, Демченко and Менько): a clerk's typo or a transliteration moves one or two.
    max_edits = FAMILY_MAX_EDITS if column_a == "family_name" else None
    # Keys one edit apart are one name with a slip, patronymics too (Анатольевич/Онатолійович):
    # not across the columns, where a swap is weighed.
    one_edit_close = column_a == column_b
    pa = a.name_index[column_a][ia]
    pb = b.name_index[column_b][ib]
    present = (pa >= 0) & (pb >= 0)
    similarity = np.full(len(ia), np.nan)
    if present.any():
        width = max(len(b.names[column_b].keys), 1)
        code = pa[present] * width + pb[present]
        # A hash table, not a sort: millions of pairs, far fewer distinct pairs of names.
        inverse, unique = pd.factorize(code)
        xs, ys = unique // width, unique % width
        left, right = a.names[column_a], b.names[column_b]
        sims = _best_similarity(left, xs, right, ys, stems, max_edits, one_edit_close)
        # Only names the keys found far apart can gain from the text as written.
        far = np.flatnonzero(sims < NAME_THRESHOLDS[1])
        two_slips = column_a == column_b == "family_name"
        sims[far] = np.maximum(sims[far], _slips(left, xs[far], right, ys[far], two_slips))
        if column_a == column_b and column_a in distinct.COLUMNS:
            fathers, families = column_a == "patronymic", column_a == "family_name"
            sims[distinct.two_names(left, xs, right, ys, sims, fathers, families)] = 0.0
        elif {column_a, column_b} == {"given_name", "family_name"}:
            sims[distinct.two_given_names_across(left, xs, right, ys, sims)] = 0.0
        if column_a == column_b == "given_name":
            # Толя for Анатолій: a relative's name for him, alike as a near spelling is.
            pet = diminutive_pairs(left, xs, right, ys)
            sims[pet] = np.maximum(sims[pet], NAME_THRESHOLDS[0])
        with_initials(left, xs, right, ys, sims)
        similarity[present] = sims[inverse]
    return similarity


def _slips(
    a: NameTable, xs: np.ndarray, b: NameTable, ys: np.ndarray, two_slips: bool = False
) -> np.ndarray:
    """NAME_THRESHOLDS[1] (a near spelling) for names one edit apart as written, or as spelt
    letter by letter in plain Latin in any two scripts; 0 otherwise. A slip of the pen
    (Васиоьевич for Васильевич, Ttiov for Титов, Ianovich for Иванович) may fall where the
    keys' reductions fold letters, and leave the keys further apart than the text. Both
    spellings count: a Latin spelling makes one letter of two (х is kh), so a slip between
    Cyrillic letters (Мхиайлович) is one edit only as written. With `two_slips` (family
    names), long names two edits apart in plain Latin are NAME_THRESHOLDS[2], loosely alike
    (`_two_slips`).
    """
    (left, left_length), (right, right_length) = a.as_written(), b.as_written()
    left_plain, left_plain_length, _ = a.plain_spelt()
    right_plain, right_plain_length, _ = b.plain_spelt()
    # Shortness is counted in letters as written (a Latin spelling makes two of х), how far
    # apart in either spelling: Юлія and YLUIIA are four letters and six, and one slip apart.
    shorter = np.minimum(left_length[xs], right_length[ys])
    apart = np.minimum(
        np.abs(left_length[xs] - right_length[ys]),
        np.abs(left_plain_length[xs] - right_plain_length[ys]),
    )
    # A three-letter name one letter from another is often another name (Лев/Лен), but one
    # letter short of a longer name is a letter dropped (Іан for Іван, Гль for Гуль), of a
    # three-letter one too: two letters are seldom a name (Лв for Лев, Сч for Сич, Зя for Зоя).
    # Two letters against four are not (Ян, Ivan: one edit only in plain Latin, ian/ivan).
    longer = np.maximum(left_length[xs], right_length[ys])
    dropped = (shorter == SLIP_MIN_LENGTH - 2) & (longer == SLIP_MIN_LENGTH - 1)
    three = (shorter == SLIP_MIN_LENGTH - 1) & (apart == 1)
    candidates = ((shorter >= SLIP_MIN_LENGTH) & (apart <= 1)) | three | dropped
    at = np.flatnonzero(candidates)
    result = np.zeros(len(xs))
    if len(at):
        lx, ry = xs[at], ys[at]
        written = pairwise(left[lx], right[ry], OSA.distance)
        plain = pairwise(left_plain[lx], right_plain[ry], OSA.distance)
        result[at[np.minimum(written, plain) <= 1]] = NAME_THRESHOLDS[1]
    if two_slips:
        result[_two_slips(a, xs, b, ys, result == 0)] = NAME_THRESHOLDS[2]
    return result


def _two_slips(
    a: NameTable, xs: np.ndarray, b: NameTable, ys: np.ndarray, open_: np.ndarray
) -> np.ndarray:
    """Which `open_` pairs are long names that begin alike and are two edits apart as spelt in
    plain Latin. A slip on top of another Latin habit (Levandovithc: Левандович in French,
    two letters swapped; VORCAHKOV for Варчаков) leaves a long family name two edits from its
    plain spelling and further still as keys. Names that begin with other letters are other
    families (Бухаров and Захаров are two letters apart), and two edits may part two families
    of one shape too: such a pair is only loosely alike (the doubt `rules` weigh).
    """
    left, left_length, left_first = a.plain_spelt()
    right, right_length, right_first = b.plain_spelt()
    candidates = (
        open_
        & (np.minimum(left_length[xs], right_length[ys]) >= TWO_SLIPS_LENGTH)
        & (np.abs(left_length[xs] - right_length[ys]) <= 2)
        & (left_first[xs] == right_first[ys])
    )
    at = np.flatnonzero(candidates)
    edits = pairwise(left[xs[at]], right[ys[at]], OSA.distance)
    near: np.ndarray = at[edits <= 2]
    return near


def name_level(similarity: np.ndarray) -> np.ndarray:
    level = np.zeros(len(similarity), dtype=np.int8)
    level[similarity >= NAME_THRESHOLDS[2]] = LOOSEST
    level[similarity >= NAME_THRESHOLDS[1]] = LOOSEST + 1
    level[similarity >= NAME_THRESHOLDS[0]] = NEARLY_ALIKE
    level[similarity >= 0.999999] = EXACT
    level[np.isnan(similarity)] = MISSING
    return level


def _birth(a: Prepared, ia: np.ndarray, b: Prepared, ib: np.ndarray) -> np.ndarray:
    ya, ma, da = a.year[ia], a.month[ia], a.day[ia]
    yb, mb, db = b.year[ib], b.month[ib], b.day[ib]
    level = np.full(len(ia), DATE_OTHER, dtype=np.int8)
    parts = (ya == yb).astype(int) + (ma == mb) + (da == db)
    level[parts == 2] = DATE_PART
    # A year apart, with day and month as written or swapped: the year is the clerk's slip.
    near_year = np.abs(ya - yb) == 1
    level[near_year & (((ma == mb) & (da == db)) | ((ma == db) & (da == mb)))] = DATE_YEAR
    level[(ya == yb) & (ma == db) & (da == mb) & (ma != da)] = DATE_SWAPPED
    level[parts == 3] = DATE_SAME
    # A date standing for its year alone (01.01 for an unknown day) agrees in no day or month:
    # the same year says as little as a date missing; another year still tells two people.
    year_only = a.year_only[ia] | b.year_only[ib]
    level[year_only] = np.where(ya[year_only] == yb[year_only], MISSING, DATE_OTHER)
    level[(ya < 0) | (yb < 0)] = MISSING
    return level


def birth_far(
    level: np.ndarray, a: Prepared, ia: np.ndarray, b: Prepared, ib: np.ndarray
) -> np.ndarray:
    """Birth dates that disagree beyond any slip of the pen: two parts differ (and neither a
    day/month swap nor a year off by one explains it), or only the year differs, in more than
    one digit or beyond two neighbouring digits swapped.
    """
    ya, yb, ma, mb, da, db = a.year[ia], b.year[ib], a.month[ia], b.month[ib], a.day[ia], b.day[ib]
    year_only = (level == DATE_PART) & (ya != yb)
    slip = one_slip_apart(ya, yb, YEAR_DIGITS)
    # A year off by one on top of a day moved to fit a shorter month (29.02 to 28.02): two
    # slips of one clerk, not another person. Any other day in the same month is a second
    # difference, as a namesake's would be.
    near_year = np.abs(ya - yb) == 1
    two_slips = near_year & (ma == mb) & (np.minimum(da, db) >= MONTH_END)
    far: np.ndarray = ((level == DATE_OTHER) | (year_only & ~slip)) & ~two_slips
    return far


def birth_doubtful(level: np.ndarray) -> np.ndarray:
    """Birth dates that differ by what may be a slip of the pen or may be another person: one
    part (a day, a month, or one digit of the year). Namesakes and relatives of common names
    are told apart by just such a date; only a person can tell which it is. (A year off by one
    on top of day and month swapped is two slips, weighed as such: `slips`.)
    """
    doubtful: np.ndarray = level == DATE_PART
    return doubtful


def slips(
    level: np.ndarray, a: Prepared, ia: np.ndarray, b: Prepared, ib: np.ndarray
) -> np.ndarray:
    """For birth dates a year apart, whether day and month are swapped too (1, two slips) or
    as written (0, one); MISSING for any other dates. Two slips at once are rarer in one
    person's records than one, and as rare as one between strangers: the model weighs the
    second slip as the lists show it, instead of a year apart counting the same either way.
    """
    swapped = (a.month[ia] == b.day[ib]) & (a.day[ia] == b.month[ib]) & (a.month[ia] != a.day[ia])
    result = np.full(len(level), MISSING, dtype=np.int8)
    year = level == DATE_YEAR
    result[year] = swapped[year]
    return result


def _equal_codes(a: np.ndarray, ia: np.ndarray, b: np.ndarray, ib: np.ndarray) -> np.ndarray:
    left, right = a[ia], b[ib]
    level: np.ndarray = np.where(left == right, SAME_CODE, 0).astype(np.int8)
    level[(left == 0) | (right == 0)] = MISSING
    return level


def _unit_level(a: Prepared, ia: np.ndarray, b: Prepared, ib: np.ndarray) -> np.ndarray:
    """SAME_CODE for one unit, 0 for two, MISSING where the cells name nothing comparable. A
    unit's number on one side and a formation on the other are MISSING here: linking levels
    them as the lists' own pairs of one person teach (`units.learned_across`)."""
    same, comparable = same_unit(a.units, ia, b.units, ib)
    level: np.ndarray = np.where(same, SAME_CODE, 0).astype(np.int8)
    level[~comparable] = MISSING
    return level


def _initials_level(*marks: np.ndarray) -> np.ndarray:
    """How many of a pair's initials fit the other names (0, 1, 2 or more), MISSING where no
    initial met a name."""
    level, met = fitting(*marks)
    level[~met] = MISSING
    return level


def compare(a: Prepared, b: Prepared, ia: np.ndarray, ib: np.ndarray) -> Comparison:
    family, family_initial = initials_apart(_names(a, "family_name", ia, b, "family_name", ib))
    given, given_initial = initials_apart(_names(a, "given_name", ia, b, "given_name", ib))
    straight = np.nan_to_num(family) + np.nan_to_num(given)
    # Only a clearly better fit counts as a swap ("Іван Петро" would otherwise flip at random),
    # so pairs whose names already fit need no crossed comparison: crossed is at most 2.
    open_ = np.flatnonzero(straight < 2 - SWAP_MARGIN)
    family_x = np.full(len(ia), np.nan)
    given_x = np.full(len(ia), np.nan)
    if len(open_):
        family_x[open_] = _names(a, "family_name", ia[open_], b, "given_name", ib[open_])
        given_x[open_] = _names(a, "given_name", ia[open_], b, "family_name", ib[open_])
    family_x, family_x_initial = initials_apart(family_x)
    given_x, given_x_initial = initials_apart(given_x)
    crossed = np.nan_to_num(family_x) + np.nan_to_num(given_x)
    swapped = crossed > straight + SWAP_MARGIN
    family = np.where(swapped, family_x, family)
    given = np.where(swapped, given_x, given)
    family_initial = np.where(swapped, family_x_initial, family_initial)
    given_initial = np.where(swapped, given_x_initial, given_initial)
    # Patronymics are told apart by the father's name, not by the endings they all share.
    patronymic, patronymic_initial = initials_apart(
        _names(a, "patronymic", ia, b, "patronymic", ib, stems=True)
    )
    levels = {
        "family": name_level(family),
        "given": name_level(given),
        "patronymic": name_level(patronymic),
        "birth": _birth(a, ia, b, ib),
        "unit": _unit_level(a, ia, b, ib),
        "sex": _equal_codes(a.sex, ia, b.sex, ib),
        "category": _equal_codes(a.category, ia, b.category, ib),
        "initials": _initials_level(family_initial, given_initial, patronymic_initial),
    }
    levels["slips"] = slips(levels["birth"], a, ia, b, ib)
    levels["family"] = _family_slips(a, ia, b, ib, levels, swapped)
    return Comparison(
        levels=levels,
        swapped=swapped,
        birth_far=birth_far(levels["birth"], a, ia, b, ib),
        birth_doubtful=birth_doubtful(levels["birth"]),
        patronymic_slips=_patronymic_slips(a, ia, b, ib, levels["patronymic"]),
    )
