"""Carrying out stages over the store: planned stages opened, handovers recorded by their
senders, confirmations by sender, receiver and mediator — every step a signed ledger entry.
"""

from __future__ import annotations

import hashlib
from collections import Counter
from collections.abc import Callable, Mapping, Sequence
from dataclasses import dataclass, replace

from parley.ledger.custody import ABSENCE_REASONS
from parley.ledger.entries import Entry, private_persons
from parley.ledger.keys import SigningKey
from parley.ledger.verify import MEDIATOR, Verification
from parley.planning.plan import Plan, Transfer
from parley.service.verified import verified
from parley.store import HeadMoved, NewEntry, Store


@dataclass(frozen=True)
class Absence:
    person_id: str
    reason: str  # one of ABSENCE_REASONS
    substitute: str | None = None  # who crossed instead, for "substituted"


# A writer that finds the ledger moved on between deciding and appending decides again, this
# many times at most (another office's entry came first).
ATTEMPTS = 8


def checked_log(store: Store) -> Verification:
    """The verified log; nothing is written on a log that does not verify."""
    result = verified(store)
    if not result.ok:
        raise ValueError(f"the ledger does not verify ({result}); nothing was recorded")
    return result


def _verified(store: Store, checked: Verification | None) -> tuple[list[Entry], Verification]:
    """The planned stages, and the verified log the caller decides on."""
    checked = checked if checked is not None else checked_log(store)
    return store.entries(types=("stage.planned",)), checked


def _append_decided(store: Store, decide: Callable[[Verification], list[NewEntry]]) -> list[Entry]:
    """Append what `decide` makes of the verified log, on the very head it decided on:
    two writers never both append what only one of them may (a handover, a confirmation).
    """
    for _ in range(ATTEMPTS - 1):
        checked = checked_log(store)
        try:
            return store.append_entries(decide(checked), after=checked.head)
        except HeadMoved:
            continue
    checked = checked_log(store)
    return store.append_entries(decide(checked), after=checked.head)


def recorded_agreement(store: Store, agreement_id: str) -> bool:
    """Whether the record holds an agreement of this id."""
    return bool(store.facts_by_keys("agreement", [agreement_id]))


def open_stages(
    store: Store,
    plan: Plan,
    categories: Mapping[str, str] | None,
    plan_id: str | None = None,
    agreement: str | None = None,
) -> list[Entry]:
    """Record each planned stage (counts public, the planned registry ids private). Each
    clause's category comes from `categories` (clause id -> category); without it, each
    person's category from the stored registries. `plan_id` names a plan the service keeps;
    without it, the plan is named by its digest. `agreement` names the recorded agreement the
    plan was made from: what the stages confirm counts towards it.

    Stages are numbered on from the last stage open, so a second plan's stage 1 is the next
    stage of the exchange (its payload keeps `plan_stage`); a plan is opened once only.
    """
    entries, checked = _verified(store, None)
    if agreement is not None and not recorded_agreement(store, agreement):
        raise ValueError(f"no agreement {agreement!r} is in the record")
    plan_key = plan_id or "sha256:" + hashlib.sha256(plan.to_json_bytes()).hexdigest()
    if any(e.payload.get("plan") == plan_key for e in entries):
        raise ValueError(f"the stages of plan {plan_key} are already open")
    numbers = [int(e.payload["stage"]) for e in entries if str(e.payload["stage"]).isdigit()]
    after = max(numbers, default=0)
    category_of = _categories(store, plan, categories)
    new = []
    for stage in plan.stages:
        name = str(after + stage.number)
        counts = Counter((t.sender, t.receiver, category_of(t)) for t in stage.transfers)
        payload: dict[str, object] = {
            "stage": name,
            "transfers": [
                {"from": a, "to": b, "category": c, "count": n}
                for (a, b, c), n in sorted(counts.items())
            ],
        }
        payload |= {"plan": plan_key, "plan_stage": stage.number}
        if agreement is not None:
            payload["agreement"] = agreement
        private = {
            "persons": [
                {"person_id": t.person_id, "from": t.sender, "to": t.receiver,
                 "clause": t.clause, "category": category_of(t)}
                for t in stage.transfers
            ]
        }  # fmt: skip
        new.append(NewEntry("stage.planned", f"stage/{name}", payload, (), private))
    return store.append_entries(new, after=checked.head)


def _categories(
    store: Store, plan: Plan, categories: Mapping[str, str] | None
) -> Callable[[Transfer], str]:
    transfers = [t for s in plan.stages for t in s.transfers]
    if categories is not None:
        unknown = sorted({t.clause for t in transfers} - set(categories))
        if unknown:
            raise ValueError(f"no category for clause {', '.join(unknown)}")
        return lambda t: categories[t.clause]
    stored = {
        (sender, p.id): p.category
        for sender in {t.sender for t in transfers}
        for p in store.persons("registry", sender)
    }
    missing = [t.person_id for t in transfers if (t.sender, t.person_id) not in stored]
    if missing:
        raise ValueError(
            f"{len(missing)} planned persons (e.g. {missing[0]}) are not in the stored "
            "registries, so their category is unknown: give --agreement"
        )
    return lambda t: stored[(t.sender, t.person_id)]


def _planned(entries: Sequence[Entry], stage: str, sender: str) -> dict[str, dict[str, str]]:
    for e in entries:
        if e.type == "stage.planned" and str(e.payload["stage"]) == stage:
            persons = (e.private or {}).get("persons", [])
            return {p["person_id"]: p for p in persons if p["from"] == sender}
    raise ValueError(f"stage {stage} is not open (parley stage open --plan plan.json)")


def record_handover(
    store: Store,
    stage: str,
    sender: str,
    key: SigningKey,
    crossed: Sequence[str] | None = None,
    absent: Sequence[Absence] = (),
    remains: int = 0,
    remains_ids: Sequence[str] = (),
    correcting: bool = False,
) -> list[Entry]:
    """What crossed from `sender` in `stage`, signed by the sender: the planned persons but the
    absent (when `crossed` is None), or the persons given; one handover per category; remains
    by count, with the identifiers known. `correcting` replaces the sender's current handovers
    of the stage (they stay in the log; the new ones reference them, and need confirming anew).
    """
    if key.signer != sender:
        raise ValueError(
            f"the key is {key.signer}'s: a handover from {sender} is signed by {sender}"
        )
    new = handover_entries(store, stage, sender, crossed, absent, remains, remains_ids, correcting)
    return store.append_entries([replace(n, keys=(key,)) for n in new])


def handover_entries(
    store: Store,
    stage: str,
    sender: str,
    crossed: Sequence[str] | None = None,
    absent: Sequence[Absence] = (),
    remains: int = 0,
    remains_ids: Sequence[str] = (),
    correcting: bool = False,
    checked: Verification | None = None,
) -> list[NewEntry]:
    """The unsigned handover entries `record_handover` appends. Without `correcting`, the
    categories the sender has already handed over in this stage are left out, so an office
    signing one entry at a time (the server's prepare and commit) can go on where it stopped.
    """
    entries, checked = _verified(store, checked)
    current = [
        seq
        for seq, p in checked.handovers.items()
        if p["stage"] == stage and p["from"] == sender and seq not in checked.superseded
    ]
    if correcting and not current:
        raise ValueError(f"{sender} has no handover in stage {stage} to correct")
    recorded = set() if correcting else {str(checked.handovers[s]["category"]) for s in current}
    corrects = current if correcting else []
    planned = _planned(entries, stage, sender)
    receiver = next(iter(planned.values()))["to"] if planned else None
    for a in absent:
        if a.reason not in ABSENCE_REASONS:
            raise ValueError(
                f"{a.person_id}: '{a.reason}' is not a reason ({', '.join(ABSENCE_REASONS)})"
            )
        if a.person_id not in planned:
            raise ValueError(f"{a.person_id} was not planned from {sender} in stage {stage}")
    substitutes = {a.substitute: planned[a.person_id] for a in absent if a.substitute}
    gone = {a.person_id for a in absent}
    ids = (
        [i for i in planned if i not in gone] + list(substitutes)
        if crossed is None
        else list(crossed)
    )
    by_category: dict[str, list[str]] = {}
    for person_id in ids:
        source = planned.get(person_id) or substitutes.get(person_id)
        if source is None:
            raise ValueError(
                f"{person_id} was not planned in stage {stage} (a substitute goes in --absent)"
            )
        by_category.setdefault(source["category"], []).append(person_id)
    if receiver is None:
        raise ValueError(f"nobody was planned from {sender} in stage {stage}")
    if remains_ids and len(remains_ids) > remains:
        raise ValueError(f"{len(remains_ids)} identifiers for {remains} remains")
    new = []
    for category, persons in sorted(by_category.items()):
        if category in recorded:
            continue
        private, digest = private_persons(persons)
        missing = [a for a in absent if planned[a.person_id]["category"] == category]
        private["absent"] = [vars(a) for a in missing]
        reasons = dict(Counter(a.reason for a in missing))
        payload = {"stage": stage, "from": sender, "to": receiver, "category": category,
                   "count": len(persons), "persons_digest": digest, "absent": reasons}  # fmt: skip
        if corrects:
            payload["corrects"], corrects = corrects, []
        new.append(
            NewEntry("handover", f"handover/{stage}/{sender}/{category}", payload, (), private)
        )
    if remains and "remains" not in recorded:
        private, digest = private_persons(list(remains_ids))
        payload = {"stage": stage, "from": sender, "to": receiver, "category": "remains",
                   "count": remains, "persons_digest": digest}  # fmt: skip
        if corrects:
            payload["corrects"], corrects = corrects, []
        new.append(NewEntry("handover", f"handover/{stage}/{sender}/remains", payload, (), private))
    if corrects:  # nothing crossed after all: a correction to zero
        private, digest = private_persons([])
        payload = {"stage": stage, "from": sender, "to": receiver, "category": "none",
                   "count": 0, "persons_digest": digest, "corrects": corrects}  # fmt: skip
        new.append(NewEntry("handover", f"handover/{stage}/{sender}/none", payload, (), private))
    if not new:
        raise ValueError(
            f"{sender} has already recorded its handover for stage {stage} "
            "(--correct replaces it with a new, referencing one)"
        )
    return new


def confirm_stage(store: Store, stage: str, signer: str, key: SigningKey) -> list[Entry]:
    """`signer` confirms every handover of the stage it is party to and has not confirmed."""
    if key.signer != signer:
        raise ValueError(f"the key is {key.signer}'s, not {signer}'s")
    return _append_decided(
        store,
        lambda checked: [
            replace(n, keys=(key,)) for n in confirmation_entries(store, stage, signer, checked)
        ],
    )


def confirmation_entries(
    store: Store, stage: str, signer: str, checked: Verification | None = None
) -> list[NewEntry]:
    """The unsigned confirmations `confirm_stage` appends, one per handover still waiting."""
    checked = checked if checked is not None else checked_log(store)
    new = []
    for seq, p in sorted(checked.handovers.items()):
        if str(p["stage"]) != stage or signer not in (p["from"], p["to"], MEDIATOR):
            continue
        if seq in checked.superseded:
            continue
        if signer in checked.confirmed_by.get(seq, set()):
            continue
        payload = {"handover_seq": seq, "handover_hash": checked.seen_hash(seq), "signer": signer}
        new.append(NewEntry("handover.confirmed", f"confirm/{seq}/{signer}", payload))
    if not new:
        raise ValueError(f"nothing in stage {stage} for {signer} to confirm")
    return new
