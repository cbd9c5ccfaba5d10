"""Scoring a match table against truth: exact arithmetic on small hand-made frames."""

from __future__ import annotations

import pandas as pd
import pytest

from parley.linkage.evaluate import Scores, score_matches, scores_table


def _matches(*rows: tuple[object, object, str]) -> pd.DataFrame:
    return pd.DataFrame(
        [
            {"request_id": q, "registry_id": r, "score": 0.9, "decision": d, "reason": "t"}
            for q, r, d in rows
        ],
        columns=["request_id", "registry_id", "score", "decision", "reason"],
    )


TRUTH = pd.DataFrame(
    {
        "request_id": ["q1", "q2", "q3", "q4", "q5"],
        "registry_id": ["r1", "r2", "r3", "r4", "r5"],
        "distortions": ["", "typo", "typo;swap", "date", None],
    }
)


@pytest.fixture
def scores() -> Scores:
    matches = _matches(
        ("q1", "r1", "match"),  # TP
        ("q2", "r2", "match"),  # TP
        ("q3", "r9", "match"),  # FP, and q3-r3 is FN
        ("q4", "r4", "review"),  # neither; q4-r4 is FN
        ("q4", "r8", "review"),
        ("q6", "r6", "review"),  # a request with no counterpart, sent to a person
        ("q7", "r7", "match"),  # FP
    )
    return score_matches(matches, TRUTH)


def test_counts(scores: Scores) -> None:
    assert (scores.true_positives, scores.false_positives, scores.false_negatives) == (2, 2, 3)


def test_rates(scores: Scores) -> None:
    assert scores.precision == pytest.approx(2 / 4)
    assert scores.recall == pytest.approx(2 / 5)
    assert scores.f1 == pytest.approx(2 * 0.5 * 0.4 / 0.9)


def test_review(scores: Scores) -> None:
    # requests seen: q1..q5 (truth) and q6, q7 (matches) -> 7
    assert scores.requests == 7
    assert scores.requests_in_review == 2  # q4, q6
    assert scores.review_pairs == 3
    assert scores.review_share == pytest.approx(2 / 7)


def test_review_share_uses_given_request_count() -> None:
    scores = score_matches(_matches(("q4", "r4", "review")), TRUTH, requests=40)
    assert scores.requests == 40
    assert scores.review_share == pytest.approx(1 / 40)


def test_per_distortion(scores: Scores) -> None:
    assert scores.per_distortion == {
        "date": (0, 1),
        "none": (1, 2),  # q1 found, q5 (null cell) missed
        "swap": (0, 1),
        "typo": (1, 2),  # q2 found, q3 missed
    }


def test_ids_compared_as_strings() -> None:
    truth = pd.DataFrame({"request_id": ["1", "2"], "registry_id": ["10", "20"]})
    matches = _matches((1, 10, "match"), (2, " 20", "match"))
    scores = score_matches(matches, truth)
    assert (scores.true_positives, scores.false_positives, scores.false_negatives) == (2, 0, 0)
    assert scores.f1 == 1.0
    assert scores.per_distortion == {"none": (2, 2)}


def test_duplicate_rows_count_once() -> None:
    matches = _matches(("q1", "r1", "match"), ("q1", "r1", "match"))
    scores = score_matches(matches, TRUTH)
    assert (scores.true_positives, scores.false_positives) == (1, 0)


def test_hard_negative_errors() -> None:
    negatives = pd.DataFrame(
        {
            "request_id": ["q1", "q2", "q3", "q3"],
            "registry_id": ["r7", "r8", "r9", "r3"],
            "kind": ["namesake", "namesake", "twin", "twin"],
        }
    )
    matches = _matches(
        ("q1", "r7", "match"),  # namesake output as match
        ("q2", "r8", "review"),  # review is no error
        ("q3", "r3", "match"),  # in truth: never an error even if listed
    )
    scores = score_matches(matches, TRUTH, negatives)
    assert scores.hard_negative_errors == {"namesake": 1, "twin": 0}
    assert score_matches(matches, TRUTH).hard_negative_errors == {}


def test_empty_match_table() -> None:
    scores = score_matches(_matches(), TRUTH)
    assert (scores.true_positives, scores.false_positives, scores.false_negatives) == (0, 0, 5)
    assert scores.precision == 1.0
    assert scores.recall == 0.0
    assert scores.f1 == 0.0
    assert scores.review_share == 0.0


def test_perfect() -> None:
    pairs = zip(TRUTH.request_id, TRUTH.registry_id, strict=True)
    matches = _matches(*((q, r, "match") for q, r in pairs))
    scores = score_matches(matches, TRUTH, requests=10)
    assert (scores.precision, scores.recall, scores.f1) == (1.0, 1.0, 1.0)
    assert scores.review_share == 0.0


def test_scores_table(scores: Scores) -> None:
    text = scores_table(scores)
    assert "precision" in text and "0.5000" in text
    assert "recall" in text and "0.4000" in text
    assert "review share" in text and "28.57%" in text
    lines = {line.split()[0]: line.split()[1:] for line in text.splitlines() if line.strip()}
    assert lines["typo"] == ["1", "2", "0.5000"]
    assert lines["none"] == ["1", "2", "0.5000"]
