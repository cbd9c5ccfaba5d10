"""Signing without the key leaving the office: the server prepares the next entry (seq,
prev_hash, type, payload, hash), the office signs `hash` with its own Ed25519 key, and the
server appends the entry only if the signature is good and the head has not moved since.

One entry a round trip: a handover of several categories, or a mediator confirming a stage
of several handovers, takes as many rounds; `remaining` says how many are still to come.
"""

from __future__ import annotations

from collections.abc import Sequence
from dataclasses import dataclass
from datetime import UTC, datetime, timedelta
from typing import Any

from parley.domain.events import GENESIS_HASH, event_hash
from parley.ledger.entries import Entry, Signature
from parley.ledger.keys import signature_valid
from parley.service.access import Forbidden, NotFound, Principal, require
from parley.service.custody import (
    Absence,
    checked_log,
    confirmation_entries,
    handover_entries,
)
from parley.store import NewEntry, Store
from parley.store import offices as db

# A prepared entry not signed within this long is dropped.
PREPARED_LIFETIME = timedelta(minutes=30)


class NotPrepared(NotFound):
    """No prepared entry has this hash (never prepared, already appended, or expired)."""


class BadSignature(ValueError):
    """The signature is not a registered key's signature over the prepared hash."""


@dataclass(frozen=True)
class ToSign:
    seq: int
    prev_hash: str
    type: str
    payload: dict[str, Any]
    hash: str
    signer: str
    remaining: int  # entries still to prepare after this one

    def to_json(self) -> dict[str, Any]:
        return {
            "seq": self.seq,
            "prev_hash": self.prev_hash,
            "type": self.type,
            "payload": self.payload,
            "hash": self.hash,
            "signer": self.signer,
            "remaining": self.remaining,
        }


def _signer(principal: Principal) -> str:
    require(principal, "ledger.sign", principal.party)
    signer = principal.signer
    if signer is None:  # only leads and the mediator hold ledger.sign
        raise Forbidden("ledger.sign")
    return signer


def prepare_handover(
    store: Store,
    principal: Principal,
    stage: str,
    crossed: Sequence[str] | None = None,
    absent: Sequence[Absence] = (),
    remains: int = 0,
    remains_ids: Sequence[str] = (),
) -> ToSign:
    """The next handover entry of the principal's party in `stage`, to be signed by its lead."""
    sender = _signer(principal)
    if sender == "mediator":
        raise Forbidden("ledger.sign for a party (the mediator confirms, it hands nobody over)")
    _open_stage(store, stage)
    checked = checked_log(store)
    new = handover_entries(
        store, stage, sender, crossed, absent, remains, remains_ids, checked=checked
    )
    return _prepare(store, principal, sender, new, checked.head)


def prepare_confirmation(store: Store, principal: Principal, stage: str) -> ToSign:
    """The next confirmation the principal's office owes in `stage`."""
    signer = _signer(principal)
    _open_stage(store, stage)
    checked = checked_log(store)
    new = confirmation_entries(store, stage, signer, checked)
    return _prepare(store, principal, signer, new, checked.head)


def _open_stage(store: Store, stage: str) -> None:
    """NotFound (404) for a stage nobody opened: an unknown object, not a bad request."""
    opened = {str(e.payload.get("stage")) for e in store.entries(types=["stage.planned"])}
    if stage not in opened:
        raise NotFound(f"no stage {stage!r} is open")


def prepare_key(store: Store, principal: Principal, public_key: str) -> ToSign:
    """A key registration for the principal's office, signed by the key it registers."""
    signer = _signer(principal)
    if len(public_key) != 64 or any(c not in "0123456789abcdef" for c in public_key):
        raise ValueError("public_key must be 64 lowercase hex digits (a raw Ed25519 key)")
    payload = {"signer": signer, "public_key": public_key}
    new = [NewEntry("key.registered", f"key/{signer}", payload)]
    return _prepare(store, principal, signer, new, store.head())


def _prepare(
    store: Store,
    principal: Principal,
    signer: str,
    new: Sequence[NewEntry],
    head: tuple[int, str] | None,
) -> ToSign:
    """Keep the first of `new` to be signed, on `head`, the head it was decided on: prepared
    on a later one, it could repeat what another office appended meanwhile.
    """
    first = new[0]
    last, prev = head or (0, GENESIS_HASH)
    seq = last + 1
    digest = event_hash(seq, prev, first.type, first.payload)
    now = datetime.now(UTC)
    db.drop_prepared(store, now - PREPARED_LIFETIME)
    db.put_prepared(
        store,
        [db.Prepared(digest, principal.name, signer, seq, prev, first.type, first.key,
                     first.payload, first.private, now)],
    )  # fmt: skip
    return ToSign(seq, prev, first.type, first.payload, digest, signer, len(new) - 1)


def commit(
    store: Store, principal: Principal, digest: str, signature: str, public_key: str | None = None
) -> Entry:
    """Append the prepared entry `digest` with the office's signature over it.

    HeadMoved when another entry came first (prepare again); BadSignature when the signature
    is not by a key registered for the signer (for a key registration: by the key itself).
    """
    signer = _signer(principal)
    prepared = db.get_prepared(store, digest)
    if prepared is None or prepared.created_at < datetime.now(UTC) - PREPARED_LIFETIME:
        raise NotPrepared(f"no entry with hash {digest} waits to be signed: prepare it")
    if prepared.signer != signer:
        raise Forbidden(f"ledger.sign for {prepared.signer}")
    if prepared.type == "key.registered":
        candidates = {str(prepared.payload["public_key"])}
    else:
        candidates = set(checked_log(store).keys.get(signer, set()))
    if public_key is not None:
        candidates &= {public_key}
    good = [k for k in sorted(candidates) if signature_valid(k, signature, digest)]
    if not good:
        raise BadSignature(
            f"the signature is not {signer}'s over hash {digest} by a registered key"
        )
    signed = (Signature(signer, good[0], signature),)
    entry = Entry(prepared.seq, prepared.prev_hash, prepared.type, prepared.payload,
                  prepared.hash, signed, prepared.private)  # fmt: skip
    return store.append_signed(entry, prepared.key)
