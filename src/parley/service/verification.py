"""Stored verification: link a party's request list with the registry of the party holding its
people, keep the results as facts, and record every reviewer's decision with who and when.

A request's status is derived, never typed in: `matched` (the linker was sure, or a reviewer
accepted a candidate), `under review` (candidates wait for a person), `not found`.
"""

from __future__ import annotations

from collections.abc import Callable
from dataclasses import dataclass
from datetime import UTC, datetime
from typing import Any, Literal

from parley.domain.events import Changes, Fact
from parley.linkage import link
from parley.linkage.prepare import frame_of
from parley.store import Store

Verdict = Literal["accept", "reject", "skip"]
Status = Literal["matched", "under review", "not found"]


def result_key(requester: str, holder: str, request_id: str) -> str:
    return f"{requester}/{holder}/{request_id}"


def verify_requests(
    store: Store,
    requester: str,
    holder: str,
    threshold_match: float,
    threshold_review: float,
    on_step: Callable[[str], None] = lambda _step: None,
) -> tuple[Changes, dict[str, int]]:
    """Link the stored request list of `requester` with the stored registry of `holder`."""
    on_step("reading the stored lists")
    requests = store.persons("request", requester)
    registry = store.persons("registry", holder)
    if not requests:
        raise ValueError(f"no request list of {requester} is stored (parley requests import)")
    on_step(f"linking {len(requests):,} requests with {len(registry):,} registry records")
    matches = link(
        frame_of(requests),
        frame_of(registry),
        threshold_match=threshold_match,
        threshold_review=threshold_review,
    )
    candidates: dict[str, list[dict[str, Any]]] = {p.id: [] for p in requests}
    for row in matches.itertuples(index=False):
        candidates[str(row.request_id)].append(
            {
                "registry_id": str(row.registry_id),
                "score": float(row.score),
                "decision": str(row.decision),
                "reason": str(row.reason),
            }
        )
    facts = []
    for request_id, found in candidates.items():
        outcome = "not_found"
        if any(c["decision"] == "match" for c in found):
            outcome = "match"
        elif found:
            outcome = "review"
        data = {
            "requester": requester,
            "holder": holder,
            "request_id": request_id,
            "outcome": outcome,
            "candidates": found,
            "thresholds": {"match": threshold_match, "review": threshold_review},
        }
        facts.append(Fact("verification", result_key(requester, holder, request_id), data))
    on_step("recording the results")
    changes = store.record_facts(facts)
    return changes, status_counts(store, requester)


@dataclass(frozen=True)
class QueueItem:
    requester: str
    holder: str
    request_id: str
    registry_id: str
    score: float
    reason: str


def review_decisions(store: Store) -> dict[tuple[str, str, str], dict[str, Any]]:
    found = {}
    for decision in store.facts("review"):
        key = (decision["requester"], decision["request_id"], decision["registry_id"])
        found[key] = decision
    return found


def request_status(result: dict[str, Any], decisions: dict[tuple[str, str, str], Any]) -> Status:
    if result["outcome"] == "match":
        return "matched"
    if result["outcome"] == "not_found":
        return "not found"
    verdicts = [
        decisions.get((result["requester"], result["request_id"], c["registry_id"]), {}).get(
            "verdict"
        )
        for c in result["candidates"]
    ]
    if "accept" in verdicts:
        return "matched"
    if verdicts and all(v == "reject" for v in verdicts):
        return "not found"
    return "under review"


def decisions_for(
    store: Store, results: list[dict[str, Any]]
) -> dict[tuple[str, str, str], dict[str, Any]]:
    """The review decisions on these results' candidates only, read by key: what
    `review_decisions` gives for them, without reading every decision ever made.
    """
    keys = [
        f"{r['requester']}/{r['request_id']}/{c['registry_id']}"
        for r in results
        for c in r["candidates"]
    ]
    return {
        (d["requester"], d["request_id"], d["registry_id"]): d
        for d in store.facts_by_keys("review", keys)
    }


def matched_registry_ids(
    result: dict[str, Any], decisions: dict[tuple[str, str, str], Any]
) -> list[str]:
    """The registry ids a request was found to be: the linker's matches not rejected on review,
    and the candidates a reviewer accepted.
    """
    found = []
    for candidate in result["candidates"]:
        key = (result["requester"], result["request_id"], candidate["registry_id"])
        verdict = decisions.get(key, {}).get("verdict")
        if verdict == "accept" or (candidate["decision"] == "match" and verdict != "reject"):
            found.append(str(candidate["registry_id"]))
    return found


def waiting_pairs(
    result: dict[str, Any], decisions: dict[tuple[str, str, str], Any]
) -> list[QueueItem]:
    """The result's candidate pairs that wait for a person (undecided or skipped)."""
    if request_status(result, decisions) != "under review":
        return []
    waiting = []
    for c in result["candidates"]:
        key = (result["requester"], result["request_id"], c["registry_id"])
        if decisions.get(key, {}).get("verdict") in ("accept", "reject"):
            continue
        waiting.append(
            QueueItem(result["requester"], result["holder"], result["request_id"],
                      c["registry_id"], c["score"], c["reason"])
        )  # fmt: skip
    return waiting


def status_counts(store: Store, requester: str) -> dict[str, int]:
    decisions = review_decisions(store)
    counts = {"matched": 0, "under review": 0, "not found": 0}
    for result in store.facts("verification"):
        if result["requester"] == requester:
            counts[request_status(result, decisions)] += 1
    return counts


def review_queue(store: Store, requester: str | None = None) -> list[QueueItem]:
    """Candidate pairs waiting for a person: undecided or skipped, best scores first."""
    decisions = review_decisions(store)
    queue = [
        pair
        for result in store.facts("verification")
        if not requester or result["requester"] == requester
        for pair in waiting_pairs(result, decisions)
    ]
    return sorted(queue, key=lambda q: (-q.score, q.request_id))


def record_review(
    store: Store, item: QueueItem, verdict: Verdict, reviewer: str, note: str = ""
) -> Changes:
    """One reviewer's decision on one candidate pair, with who and when."""
    data = {
        "requester": item.requester,
        "holder": item.holder,
        "request_id": item.request_id,
        "registry_id": item.registry_id,
        "verdict": verdict,
        "reviewer": reviewer,
        "at": datetime.now(UTC).isoformat(timespec="seconds"),
        "note": note,
    }
    key = f"{item.requester}/{item.request_id}/{item.registry_id}"
    return store.record_facts([Fact("review", key, data)])
