"""What each office reads and sends through the shared service, with the access table applied
and every read of personal data written to the access log.

A party's office sees the persons it holds, its own request lists and the status of each
request; registry records of the other party only once the mediator has disclosed them.
"""

from __future__ import annotations

from collections import Counter
from collections.abc import Sequence
from datetime import UTC, datetime
from pathlib import Path
from typing import Any

from parley.domain.events import Changes, Fact
from parley.domain.facts import person_key
from parley.domain.people import ListKind
from parley.service.access import NotFound, Principal, require
from parley.service.access_log import record_read
from parley.service.records import PersonImport, import_persons
from parley.service.verification import (
    decisions_for,
    matched_registry_ids,
    request_status,
    result_key,
    review_decisions,
)
from parley.store import Store

NOT_VERIFIED = "not yet verified"
MAX_PAGE = 1000


def _known(store: Store, party: str) -> None:
    """NotFound (404) for a party nobody knows: asked only once access is granted, so the
    answer tells a party's office nothing it may not know.
    """
    if not store.has_list(party) and party not in {str(p["code"]) for p in store.facts("party")}:
        raise NotFound(f"no party {party!r}")


def registry_page(
    store: Store, principal: Principal, holder: str, limit: int, offset: int, path: str
) -> dict[str, Any]:
    """The persons `holder` holds, a page at a time."""
    require(principal, "registry.read", holder)
    _known(store, holder)
    total, persons = store.persons_page("registry", holder, limit, offset)
    record_read(store, principal, "GET", path, len(persons), holder)
    return {"holder": holder, "total": total, "persons": persons}


def statuses(store: Store, by: str) -> dict[str, str]:
    """Each stored request of `by` that was verified -> matched / under review / not found."""
    decisions = review_decisions(store)
    return {
        str(r["request_id"]): request_status(r, decisions)
        for r in store.facts("verification")
        if r["requester"] == by
    }


def _page_statuses(store: Store, by: str, request_ids: Sequence[str]) -> dict[str, str]:
    """The status of just these requests of `by`, read by key: a page costs a page."""
    holders = sorted(store.list_parties() - {by})
    keys = [result_key(by, h, rid) for h in holders for rid in request_ids]
    results = store.facts_by_keys("verification", keys)
    decisions = decisions_for(store, [r for r in results if r["outcome"] == "review"])
    return {str(r["request_id"]): request_status(r, decisions) for r in results}


def requests_page(
    store: Store, principal: Principal, by: str, limit: int, offset: int, path: str
) -> dict[str, Any]:
    """`by`'s requests with the status of each; the records disclosed for them, if any."""
    require(principal, "requests.read", by)
    _known(store, by)
    total, persons = store.persons_page("request", by, limit, offset)
    ids = [str(p["id"]) for p in persons]
    found = _page_statuses(store, by, ids)
    disclosed = _disclosed(store, by, ids)
    requests = []
    for person_id, p in zip(ids, persons, strict=True):
        item = {**p, "status": found.get(person_id, NOT_VERIFIED)}
        if person_id in disclosed:
            item["disclosed"] = disclosed[person_id]
        requests.append(item)
    record_read(store, principal, "GET", path, len(persons), by)
    shown = Counter(str(r["holder"]) for rs in disclosed.values() for r in rs)
    for holder, count in sorted(shown.items()):  # the holder's records, read here too
        record_read(store, principal, "GET", path, count, holder)
    return {"by": by, "total": total, "requests": requests}


def status_counts(store: Store, principal: Principal, by: str) -> dict[str, int]:
    require(principal, "requests.read", by)
    _known(store, by)
    found = statuses(store, by)
    counts = {"matched": 0, "under review": 0, "not found": 0, NOT_VERIFIED: 0}
    for request_id in store.person_ids("request", by):
        counts[found.get(request_id, NOT_VERIFIED)] += 1
    return counts


def upload_list(
    store: Store, principal: Principal, kind: ListKind, party: str, path: Path
) -> PersonImport:
    """A registry (persons `party` holds) or a request list (persons `party` asks back): the
    whole file or nothing (ImportRefused names file, row and column).
    """
    require(principal, "registry.write" if kind == "registry" else "requests.write", party)
    return import_persons(store, path, kind, party)


# -- disclosure ----------------------------------------------------------------------------


def disclose(
    store: Store, principal: Principal, party: str, request_ids: Sequence[str] | None = None
) -> tuple[int, Changes]:
    """Disclose to `party` the registry records matched to its requests (all matched ones, or
    those of `request_ids`). Each disclosure is a ledger fact; only then does `party` see them.
    """
    require(principal, "disclosures.write", party)
    _known(store, party)
    decisions = review_decisions(store)
    wanted = set(request_ids) if request_ids is not None else None
    facts = []
    at = datetime.now(UTC).isoformat(timespec="seconds")
    for result in store.facts("verification"):
        if result["requester"] != party or request_status(result, decisions) != "matched":
            continue
        if wanted is not None and result["request_id"] not in wanted:
            continue
        for registry_id in matched_registry_ids(result, decisions):
            key = f"{party}/{result['request_id']}/{registry_id}"
            data = {"party": party, "holder": result["holder"], "request_id": result["request_id"],
                    "registry_id": registry_id, "by": principal.name, "at": at}  # fmt: skip
            facts.append(Fact("disclosure", key, data))
    known = {(d["party"], d["request_id"], d["registry_id"]) for d in store.facts("disclosure")}
    new = [f for f in facts if (f.data["party"], f.data["request_id"], f.data["registry_id"])
           not in known]  # fmt: skip
    changes = store.record_facts(new)
    # What was written, not what looked new before: a concurrent disclosure of the same record
    # is then counted by one request only.
    return changes.new, changes


def _disclosed(
    store: Store, party: str, request_ids: Sequence[str] | None = None
) -> dict[str, list[dict[str, Any]]]:
    """request id -> the registry records disclosed to `party` for it (for these requests)."""
    wanted = store.facts_with_prefix("disclosure", f"{party}/")
    if request_ids is not None:
        on_page = set(request_ids)
        wanted = [d for d in wanted if d["request_id"] in on_page]
    if not wanted:
        return {}
    keys = [person_key("registry", str(d["holder"]), str(d["registry_id"])) for d in wanted]
    records = {
        (str(f["party"]), str(f["person"]["id"])): dict(f["person"])
        for f in store.facts_by_keys("person", keys)
    }
    out: dict[str, list[dict[str, Any]]] = {}
    for d in wanted:
        person = records.get((str(d["holder"]), str(d["registry_id"])))
        if person is not None:
            out.setdefault(str(d["request_id"]), []).append({"holder": d["holder"], **person})
    return out


def disclosures(store: Store, principal: Principal, party: str, path: str) -> dict[str, Any]:
    require(principal, "disclosures.read", party)
    _known(store, party)
    found = _disclosed(store, party)
    records = [{"request_id": rid, **r} for rid, rs in sorted(found.items()) for r in rs]
    holders = {str(r["holder"]) for r in records}
    if records:
        record_read(store, principal, "GET", path, len(records),
                    holders.pop() if len(holders) == 1 else None)  # fmt: skip
    return {"party": party, "total": len(records), "records": records}
