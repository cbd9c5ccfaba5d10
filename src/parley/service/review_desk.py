"""The mediator's review queue as a desk: each waiting pair with the request and the candidate
side by side in their own scripts, a Latin transliteration of each, the score and the reasons.
"""

from __future__ import annotations

import re
from typing import Any

import translitua

from parley.domain.facts import person_key
from parley.domain.people import Person
from parley.service.access import NotFound, Principal, require
from parley.service.access_log import record_read
from parley.service.records import known_parties
from parley.service.verification import (
    QueueItem,
    Verdict,
    decisions_for,
    record_review,
    result_key,
    review_queue,
    waiting_pairs,
)
from parley.store import Store

_UKRAINIAN_ONLY = re.compile(r"[ґєіїҐЄІЇ]")
_CYRILLIC = re.compile(r"[\u0400-\u04ff]")


def latin(text: str | None) -> str | None:
    """A Latin spelling to read a name by: Ukraine's national standard for Ukrainian, the
    Russian passport standard for Russian, the text itself when it is Latin already.
    """
    if not text or not _CYRILLIC.search(text):
        return text
    if _UKRAINIAN_ONLY.search(text):
        return str(translitua.translit(text))
    return str(translitua.translit(text, translitua.RussianInternationalPassport1997))


def _side(person: Person | None) -> dict[str, Any] | None:
    if person is None:
        return None
    data = person.model_dump(mode="json")
    data["latin"] = {
        f: latin(getattr(person, f)) for f in ("family_name", "given_name", "patronymic")
    }
    return data


def queue_page(
    store: Store, principal: Principal, requester: str | None, limit: int, path: str
) -> dict[str, Any]:
    require(principal, "review.read")
    queue = review_queue(store, requester)
    shown = queue[:limit]
    keys = [person_key("request", q.requester, q.request_id) for q in shown]
    keys += [person_key("registry", q.holder, q.registry_id) for q in shown]
    found = {
        (f["list_kind"], f["party"], f["person"]["id"]): Person.model_validate(f["person"])
        for f in store.facts_by_keys("person", sorted(set(keys)))
    }

    def person(kind: str, party: str, person_id: str) -> Person | None:
        return found.get((kind, party, person_id))

    items = [
        {
            "requester": q.requester,
            "holder": q.holder,
            "request_id": q.request_id,
            "registry_id": q.registry_id,
            "score": q.score,
            "reason": q.reason,
            "request": _side(person("request", q.requester, q.request_id)),
            "candidate": _side(person("registry", q.holder, q.registry_id)),
        }
        for q in shown
    ]
    record_read(store, principal, "GET", path, 2 * len(items), None)
    return {"total": len(queue), "items": items}


def decide(
    store: Store, principal: Principal, requester: str, request_id: str, registry_id: str,
    verdict: Verdict, note: str,
) -> dict[str, Any]:  # fmt: skip
    """One decision on one waiting pair; NotFound when the pair is not in the queue."""
    require(principal, "review.decide")
    item = _waiting(store, requester, request_id, registry_id)
    if item is None:
        raise NotFound(f"no pair {request_id} / {registry_id} waits for review")
    record_review(store, item, verdict, principal.name, note)
    return {"request_id": request_id, "registry_id": registry_id, "verdict": verdict,
            "reviewer": principal.name}  # fmt: skip


def _waiting(store: Store, requester: str, request_id: str, registry_id: str) -> QueueItem | None:
    """The pair, if it waits for review: read by key, not by building the whole queue."""
    holders = sorted(known_parties(store) - {requester})
    results = store.facts_by_keys(
        "verification", [result_key(requester, holder, request_id) for holder in holders]
    )
    decisions = decisions_for(store, results)
    for result in results:
        for pair in waiting_pairs(result, decisions):
            if pair.registry_id == registry_id:
                return pair
    return None
