"""How common each name is on the two lists at hand, in its canonical cross-script form.

Two records that agree on Олександр Олександрович agree far more often by chance than two that
agree on Гнатюк: the chance agreement of an exact name is its own frequency, measured on both
lists (the larger of the two, so that a name common on either side never counts as rare).
"""

from __future__ import annotations

from typing import Literal

import numpy as np
import pandas as pd

from parley.linkage.prepare import Prepared

# Model field -> list column, for the fields whose exact agreement is weighed by frequency.
TF_FIELDS = {"family": "family_name", "given": "given_name", "patronymic": "patronymic"}
TOP = 10
# Pseudo-records of the whole lists' share behind a family's own (`_Families`): measured at 3
# and 10, alike.
FAMILY_PRIOR_RECORDS = 10.0
_WORDS = 1 << 32  # codes family * _WORDS + name: canonical names number far fewer


def _shares(p: Prepared, column: str, canon: np.ndarray, words: int) -> np.ndarray:
    """Share of the list's records under each canonical name (`canon`: each table entry's
    place among the `words` canonical names)."""
    positions = p.name_index[column]
    used = canon[positions[positions >= 0]] if len(canon) else np.empty(0, np.int64)
    counts = np.bincount(used[used >= 0], minlength=words).astype(float)
    return counts / max(len(p), 1)


def _canon_of_rows(p: Prepared, column: str, rows: np.ndarray, canon: np.ndarray) -> np.ndarray:
    positions = p.name_index[column]
    at = positions[rows]
    result: np.ndarray = np.where(at >= 0, canon[np.maximum(at, 0)] if len(canon) else -1, -1)
    return result


class NameFrequencies:
    """Frequencies of the canonical names of both lists, per name field."""

    def __init__(self, a: Prepared, b: Prepared) -> None:
        self.share: dict[str, np.ndarray] = {}
        self.text: dict[str, dict[int, str]] = {}
        self.floor = 1 / max(min(len(a), len(b)), 1)
        self.a, self.b = a, b
        # Each table entry's place among the canonical names, per list ("asked", "held") and
        # column.
        self.canon: dict[tuple[str, str], np.ndarray] = {}
        lists = {"asked": a, "held": b}
        for field, column in TF_FIELDS.items():
            words = pd.Index(pd.unique(np.array(a.names[column].canon + b.names[column].canon,
                                                dtype=object)))  # fmt: skip
            for side, p in lists.items():
                canon = np.array(p.names[column].canon, dtype=object)
                self.canon[(side, column)] = words.get_indexer(canon)
            self.share[field] = np.maximum(
                _shares(a, column, self.canon[("asked", column)], len(words)),
                _shares(b, column, self.canon[("held", column)], len(words)),
            )
            # A spelling to show for each canonical name (the registry's first, else the asker's).
            shown: dict[int, str] = {}
            for side in ("held", "asked"):
                p, at = lists[side], self.canon[(side, column)]
                for k, text in zip(at.tolist(), p.names[column].text, strict=True):
                    shown.setdefault(k, text)
            self.text[field] = shown
        self._families = _Families(self)

    def words_of(self, side: str, field: str) -> np.ndarray:
        """The canonical name (its word) of each record of one list ("asked" or "held"); -1
        where the name is missing."""
        column = TF_FIELDS[field]
        p = self.a if side == "asked" else self.b
        return _canon_of_rows(p, column, np.arange(len(p)), self.canon[(side, column)])

    def exact_u(
        self, ia: np.ndarray, ib: np.ndarray, within: Literal["registry", "requests"] | None = None
    ) -> dict[str, np.ndarray]:
        """Per field, the chance agreement of each pair's own name (where it agrees exactly):
        the larger of the two names' frequencies on the lists. `within` "registry" or
        "requests": the pairs are of two records of that list; else of a request (ia) and a
        registry record (ib).
        """
        left, left_side = (self.b, "held") if within == "registry" else (self.a, "asked")
        right, right_side = (self.a, "asked") if within == "requests" else (self.b, "held")
        result: dict[str, np.ndarray] = {}
        xs: dict[str, np.ndarray] = {}
        ys: dict[str, np.ndarray] = {}
        for field, column in TF_FIELDS.items():
            share = self.share[field]
            x = xs[field] = _canon_of_rows(left, column, ia, self.canon[(left_side, column)])
            y = ys[field] = _canon_of_rows(right, column, ib, self.canon[(right_side, column)])
            sx = np.where(x >= 0, share[np.maximum(x, 0)] if len(share) else 0.0, 0.0)
            sy = np.where(y >= 0, share[np.maximum(y, 0)] if len(share) else 0.0, 0.0)
            result[field] = np.maximum(np.maximum(sx, sy), self.floor)
        # Where the family names agree, a given name or patronymic is as common as it is in
        # that family, if more so.
        for field in ("given", "patronymic"):
            in_family = self._families.share_within(field, xs, ys, result[field])
            result[field] = np.maximum(result[field], in_family)
        return result

    def most_common(self, top: int = TOP) -> dict[str, list[tuple[str, float]]]:
        """The `top` most common names per field, with their share of records."""
        result: dict[str, list[tuple[str, float]]] = {}
        for field, share in self.share.items():
            order = np.argsort(-share, kind="stable")[:top]
            result[field] = [(self.text[field].get(int(k), "?"), float(share[k])) for k in order]
        return result


class _Families:
    """How common each given name and patronymic is among the bearers of one family name, on
    both lists: names run in families and peoples (Валиев Ильдар Ринатович; Коваленко
    Петрович, brothers), so that two records agreeing on all three agree by chance far more
    often than the three names' own frequencies, multiplied, say."""

    def __init__(self, frequencies: NameFrequencies) -> None:
        sides = ("asked", "held")
        family = np.concatenate([frequencies.words_of(side, "family") for side in sides])
        named = family >= 0
        self.bearers = np.bincount(family[named], minlength=int(family.max(initial=0)) + 1)
        self.codes: dict[str, tuple[np.ndarray, np.ndarray]] = {}
        for field in ("given", "patronymic"):
            word = np.concatenate([frequencies.words_of(side, field) for side in sides])
            both = named & (word >= 0)
            codes, counts = np.unique(
                family[both].astype(np.int64) * _WORDS + word[both], return_counts=True
            )
            self.codes[field] = (codes, counts)

    def share_within(
        self,
        field: str,
        xs: dict[str, np.ndarray],
        ys: dict[str, np.ndarray],
        marginal: np.ndarray,
    ) -> np.ndarray:
        """For pairs whose family names and `field` are the same canonical names, that name's
        share among the family's other bearers (the pair's own two records left out), drawn
        toward `marginal` by FAMILY_PRIOR_RECORDS; 0 for the other pairs."""
        same = (xs["family"] == ys["family"]) & (xs["family"] >= 0)
        same &= (xs[field] == ys[field]) & (xs[field] >= 0)
        result = np.zeros(len(marginal))
        at = np.flatnonzero(same)
        if len(at) == 0:
            return result
        family = xs["family"][at]
        code = family.astype(np.int64) * _WORDS + xs[field][at]
        codes, counts = self.codes[field]
        place = np.minimum(np.searchsorted(codes, code), max(len(codes) - 1, 0))
        together = np.where(codes[place] == code, counts[place], 0) if len(codes) else 0
        others = np.maximum(together - 2, 0)
        bearers = np.maximum(self.bearers[family] - 2, 0)
        prior = FAMILY_PRIOR_RECORDS
        result[at] = (others + prior * marginal[at]) / (bearers + prior)
        return result
