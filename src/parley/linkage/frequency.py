"""How common each name is on the two lists at hand, in its canonical cross-script form.

Two records that agree on Олександр Олександрович agree far more often by chance than two that
agree on Гнатюк: the chance agreement of an exact name is its own frequency, measured on both
lists (the larger of the two, so that a name common on either side never counts as rare).
"""

from __future__ import annotations

import numpy as np
import pandas as pd

from parley.linkage.prepare import Prepared

# Model field -> list column, for the fields whose exact agreement is weighed by frequency.
TF_FIELDS = {"family": "family_name", "given": "given_name", "patronymic": "patronymic"}
TOP = 10


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

    def exact_u(
        self, ia: np.ndarray, ib: np.ndarray, within_registry: bool = False
    ) -> dict[str, np.ndarray]:
        """Per field, the chance agreement of each pair's own name (where it agrees exactly):
        the larger of the two names' frequencies on the lists. `within_registry`: the pairs
        are of two registry records.
        """
        side = "held" if within_registry else "asked"
        left = self.b if within_registry else self.a
        result: dict[str, np.ndarray] = {}
        for field, column in TF_FIELDS.items():
            share = self.share[field]
            x = _canon_of_rows(left, column, ia, self.canon[(side, column)])
            y = _canon_of_rows(self.b, column, ib, self.canon[("held", column)])
            sx = np.where(x >= 0, share[np.maximum(x, 0)] if len(share) else 0.0, 0.0)
            sy = np.where(y >= 0, share[np.maximum(y, 0)] if len(share) else 0.0, 0.0)
            result[field] = np.maximum(np.maximum(sx, sy), self.floor)
        return result

    def most_common(self, top: int = TOP) -> dict[str, list[tuple[str, float]]]:
        """The `top` most common names per field, with their share of records."""
        result: dict[str, list[tuple[str, float]]] = {}
        for field, share in self.share.items():
            order = np.argsort(-share, kind="stable")[:top]
            result[field] = [(self.text[field].get(int(k), "?"), float(share[k])) for k in order]
        return result
