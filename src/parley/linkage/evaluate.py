"""Scoring a match table against the truth of a synthetic exchange: precision, recall, F1, how
much is left to a person (review share), recall per distortion kind, and hard-negative errors.

Pure: frames in, figures out. Only `decision == "match"` rows are predicted matches; `review`
rows are neither right nor wrong, they are the requests a person must look at. Ids are compared
as strings, so `7` and `"7"` are the same id.
"""

from __future__ import annotations

from collections.abc import Iterable, Sequence
from dataclasses import dataclass

import pandas as pd

NO_DISTORTION = "none"

Pair = tuple[str, str]


@dataclass(frozen=True)
class Scores:
    """The figures of one match table against its truth."""

    true_positives: int
    false_positives: int
    false_negatives: int
    precision: float
    recall: float
    f1: float
    requests: int
    requests_in_review: int
    review_share: float  # share of requests with at least one `review` row
    review_pairs: int
    per_distortion: dict[str, tuple[int, int]]  # kind -> (found, total) over truth pairs
    hard_negative_errors: dict[str, int]  # kind -> hard-negative pairs output as `match`


def _text(column: pd.Series) -> list[str]:
    return [str(value).strip() for value in column.tolist()]


def _pairs(frame: pd.DataFrame) -> list[Pair]:
    return list(zip(_text(frame["request_id"]), _text(frame["registry_id"]), strict=True))


def _kinds(cell: object) -> list[str]:
    if cell is None or (isinstance(cell, float) and pd.isna(cell)):
        return []
    return [kind.strip() for kind in str(cell).split(";") if kind.strip()]


def _ratio(part: int, whole: int) -> float:
    """part / whole, and 1.0 when there is nothing to measure (no prediction, no truth)."""
    return part / whole if whole else 1.0


def _per_distortion(truth: pd.DataFrame, predicted: set[Pair]) -> dict[str, tuple[int, int]]:
    pairs = _pairs(truth)
    cells: Iterable[object] = (
        truth["distortions"].tolist() if "distortions" in truth.columns else [None] * len(pairs)
    )
    found: dict[str, int] = {}
    total: dict[str, int] = {}
    seen: set[Pair] = set()
    for pair, cell in zip(pairs, cells, strict=True):
        if pair in seen:
            continue
        seen.add(pair)
        for kind in _kinds(cell) or [NO_DISTORTION]:
            total[kind] = total.get(kind, 0) + 1
            found[kind] = found.get(kind, 0) + (pair in predicted)
    return {kind: (found[kind], total[kind]) for kind in sorted(total)}


def _hard_negative_errors(
    hard_negatives: pd.DataFrame | None, predicted: set[Pair], truth: set[Pair]
) -> dict[str, int]:
    if hard_negatives is None:
        return {}
    kinds = (
        _text(hard_negatives["kind"])
        if "kind" in hard_negatives.columns
        else ["hard_negative"] * len(hard_negatives)
    )
    errors: dict[str, int] = {}
    seen: set[tuple[Pair, str]] = set()
    for pair, kind in zip(_pairs(hard_negatives), kinds, strict=True):
        if (pair, kind) in seen:
            continue
        seen.add((pair, kind))
        # A pair that is also in the truth is a true match, whatever the negative list says.
        wrong = pair in predicted and pair not in truth
        errors[kind] = errors.get(kind, 0) + wrong
    return dict(sorted(errors.items()))


def score_matches(
    matches: pd.DataFrame,
    truth: pd.DataFrame,
    hard_negatives: pd.DataFrame | None = None,
    *,
    requests: int | None = None,
) -> Scores:
    """Score `matches` (request_id, registry_id, decision, ...) against `truth`
    (request_id, registry_id[, distortions]).

    `requests` is how many requests the list had, the denominator of the review share; left out,
    it is the number of distinct request ids in the truth and the match table together.
    """
    decisions = _text(matches["decision"]) if len(matches) else []
    all_pairs = _pairs(matches) if len(matches) else []
    predicted = {p for p, d in zip(all_pairs, decisions, strict=True) if d == "match"}
    in_review = {p for p, d in zip(all_pairs, decisions, strict=True) if d == "review"}
    true_pairs = set(_pairs(truth))

    tp = len(predicted & true_pairs)
    fp = len(predicted - true_pairs)
    fn = len(true_pairs - predicted)
    precision = _ratio(tp, tp + fp)
    recall = _ratio(tp, tp + fn)
    f1 = 2 * precision * recall / (precision + recall) if precision + recall else 0.0

    review_requests = {request for request, _ in in_review}
    if requests is None:
        requests = len({r for r, _ in true_pairs} | {r for r, _ in all_pairs})
    return Scores(
        true_positives=tp,
        false_positives=fp,
        false_negatives=fn,
        precision=precision,
        recall=recall,
        f1=f1,
        requests=requests,
        requests_in_review=len(review_requests),
        review_share=len(review_requests) / requests if requests else 0.0,
        review_pairs=len(in_review),
        per_distortion=_per_distortion(truth, predicted),
        hard_negative_errors=_hard_negative_errors(hard_negatives, predicted, true_pairs),
    )


def text_table(header: tuple[str, ...], rows: Sequence[tuple[str, ...]]) -> str:
    widths = [max(len(row[i]) for row in [header, *rows]) for i in range(len(header))]

    def line(row: tuple[str, ...]) -> str:
        first = row[0].ljust(widths[0])
        rest = (cell.rjust(width) for cell, width in zip(row[1:], widths[1:], strict=True))
        return "  ".join([first, *rest]).rstrip()

    rule = "  ".join("-" * width for width in widths)
    return "\n".join([line(header), rule, *(line(row) for row in rows)])


def headline_rows(scores: Scores) -> list[tuple[str, str]]:
    """The headline figures as (label, value) text pairs, for any table renderer."""
    return [
        ("true positives", f"{scores.true_positives:,}"),
        ("false positives", f"{scores.false_positives:,}"),
        ("false negatives", f"{scores.false_negatives:,}"),
        ("precision", f"{scores.precision:.4f}"),
        ("recall", f"{scores.recall:.4f}"),
        ("F1", f"{scores.f1:.4f}"),
        ("requests", f"{scores.requests:,}"),
        ("requests in review", f"{scores.requests_in_review:,}"),
        ("review share", f"{scores.review_share:.2%}"),
        ("review pairs", f"{scores.review_pairs:,}"),
    ]


def distortion_rows(scores: Scores) -> list[tuple[str, str, str, str]]:
    """Recall per distortion kind as (kind, found, total, recall) text rows."""
    return [
        (kind, f"{found:,}", f"{total:,}", f"{_ratio(found, total):.4f}")
        for kind, (found, total) in scores.per_distortion.items()
    ]


def scores_table(scores: Scores) -> str:
    """Plain-text tables: headline figures, recall per distortion kind, hard-negative errors."""
    parts = [text_table(("figure", "value"), headline_rows(scores))]
    if scores.per_distortion:
        parts.append(
            text_table(("distortion", "found", "total", "recall"), distortion_rows(scores))
        )
    if scores.hard_negative_errors:
        rows = [(kind, f"{n:,}") for kind, n in scores.hard_negative_errors.items()]
        parts.append(text_table(("hard negative", "output as match"), rows))
    return "\n\n".join(parts) + "\n"
