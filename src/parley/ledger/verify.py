"""Verifying a ledger: the chain, every hash and signature, who may sign what.

Stops at the first entry that is wrong and names its seq and what is wrong with it.
"""

from __future__ import annotations

from collections.abc import Iterable
from dataclasses import dataclass, field, replace
from typing import Any

from parley.domain.events import GENESIS_HASH, event_hash
from parley.ledger.entries import Entry, fact_digest, persons_digest
from parley.ledger.keys import signature_valid
from parley.parallel import in_halves

MEDIATOR, RECORDER = "mediator", "recorder"
HANDOVER_FIELDS = ("stage", "from", "to", "category", "count", "persons_digest")


@dataclass
class Verification:
    ok: bool = True
    entries: int = 0
    signatures: int = 0
    bad_seq: int | None = None
    problem: str | None = None
    head: tuple[int, str] | None = None  # the last seq and hash
    handovers: dict[int, dict[str, Any]] = field(default_factory=dict)  # seq -> payload
    confirmed_by: dict[int, set[str]] = field(default_factory=dict)  # handover seq -> signers
    hashes: list[str] = field(default_factory=list)  # of the entries verified, by seq - 1
    superseded: set[int] = field(default_factory=set)  # handovers a later one corrected
    keys: dict[str, set[str]] = field(default_factory=dict)  # signer -> keys registered so far
    # stage -> the recorded agreement whose plan opened it (stage.planned entries naming one)
    agreements: dict[str, str] = field(default_factory=dict)

    def copy(self) -> Verification:
        """A copy that `extend` may change while others read this one (payloads are shared:
        nothing changes them once verified).
        """
        return replace(
            self,
            handovers=dict(self.handovers),
            confirmed_by={seq: set(signers) for seq, signers in self.confirmed_by.items()},
            hashes=list(self.hashes),
            superseded=set(self.superseded),
            keys={signer: set(keys) for signer, keys in self.keys.items()},
            agreements=dict(self.agreements),
        )

    def seen_hash(self, seq: int) -> str | None:
        return self.hashes[seq - 1] if 1 <= seq <= len(self.hashes) else None

    def confirmed(self, handover_seq: int) -> bool:
        """Sender, receiver and mediator have all signed for this handover."""
        handover = self.handovers[handover_seq]
        needed = {str(handover["from"]), str(handover["to"]), MEDIATOR}
        return needed <= self.confirmed_by.get(handover_seq, set())

    def fail(self, seq: int, problem: str) -> Verification:
        self.ok, self.bad_seq, self.problem = False, seq, problem
        return self

    def __str__(self) -> str:
        if self.ok:
            seq, digest = self.head or (0, GENESIS_HASH)
            return (
                f"ledger verified: {self.entries:,} entries, {self.signatures:,} signatures; "
                f"head {seq}:{digest}"
            )
        return f"ledger NOT verified: seq {self.bad_seq}: {self.problem}"


def verify(entries: Iterable[Entry], head: tuple[int, str] | None = None) -> Verification:
    """Check a whole log, in order; `head` (seq, hash) a published head it must still extend."""
    return extend(Verification(), entries, head)


def extend(
    result: Verification, entries: Iterable[Entry], head: tuple[int, str] | None = None
) -> Verification:
    """Go on checking a log that `result` verified up to its head: `entries` are the ones
    after it. `result` is updated in place (a failed one stays failed); a verifier that keeps
    its result checks only what was appended since.
    """
    if not result.ok:
        return result
    prev_seq, prev = result.head or (0, GENESIS_HASH)
    expected = prev_seq + 1
    entries = list(entries)
    valid = _valid_signatures(entries)
    for entry in entries:
        if entry.seq != expected:
            return result.fail(entry.seq, f"expected seq {expected}: an entry is missing or moved")
        if entry.prev_hash != prev:
            return result.fail(entry.seq, "prev_hash is not the hash of the entry before")
        if event_hash(entry.seq, entry.prev_hash, entry.type, entry.payload) != entry.hash:
            return result.fail(entry.seq, "hash does not match the entry's content")
        problem = _signatures(entry, result.keys, valid) or _meaning(entry, result)
        if problem:
            return result.fail(entry.seq, problem)
        result.hashes.append(entry.hash)
        result.entries += 1
        result.signatures += len(entry.signatures)
        prev, expected = entry.hash, expected + 1
    result.head = (expected - 1, prev)
    if head is not None:
        seq, digest = head
        if seq > expected - 1:
            return result.fail(seq, f"the log ends at seq {expected - 1}: it lost the head")
        if result.seen_hash(seq) != digest:
            return result.fail(seq, "the log no longer extends the published head")
    return result


# An Ed25519 check costs ~0.2 ms: from this many signatures on, both CPUs check them.
SPLIT_SIGNATURES_FROM = 4_000


def _check(triples: list[tuple[str, str, str]]) -> list[bool]:
    return [signature_valid(*triple) for triple in triples]


def _valid_signatures(entries: list[Entry]) -> set[tuple[str, str, str]]:
    """(public key, signature, hash) of every valid signature in the log, checked up front
    (in two processes on a long log); the walk below then only looks them up.
    """
    triples = [(s.public_key, s.signature, e.hash) for e in entries for s in e.signatures]
    results = in_halves(_check, triples, SPLIT_SIGNATURES_FROM)
    return {t for t, ok in zip(triples, results, strict=True) if ok}


def _signatures(
    entry: Entry, keys: dict[str, set[str]], valid: set[tuple[str, str, str]]
) -> str | None:
    for s in entry.signatures:
        if (s.public_key, s.signature, entry.hash) not in valid:
            return f"signature by {s.signer} is not valid for this entry"
    if entry.type == "key.registered":
        signer, public_key = entry.payload.get("signer"), entry.payload.get("public_key")
        if not any(s.signer == signer and s.public_key == public_key for s in entry.signatures):
            return "a key registration must be signed by the key it registers"
        keys.setdefault(str(signer), set()).add(str(public_key))
        return None
    for s in entry.signatures:
        if s.public_key not in keys.get(s.signer, set()):
            return f"signed by a key of {s.signer} that was not registered before"
    return None


def _signed_by(entry: Entry, signer: str) -> bool:
    return any(s.signer == signer for s in entry.signatures)


def _meaning(entry: Entry, result: Verification) -> str | None:
    """What each type a verifier relies on must hold."""
    payload = entry.payload
    if "digest" in payload and entry.private is not None:  # a fact about persons
        try:
            digest = fact_digest(
                str(entry.private["key"]), entry.private["data"], str(entry.private["salt"])
            )
        except (KeyError, ValueError):
            return "the private part must hold key, data and a hex salt"
        if digest != payload["digest"]:
            return "digest does not match the private part"
    if entry.type == "handover":
        missing = [f for f in HANDOVER_FIELDS if f not in payload]
        if missing:
            return f"a handover without {', '.join(missing)}"
        if not _signed_by(entry, str(payload["from"])):
            return f"a handover must be signed by its sender {payload['from']}"
        if entry.private is not None:
            persons, salt = entry.private.get("persons"), entry.private.get("salt")
            if not isinstance(persons, list) or not isinstance(salt, str):
                return "the private part must hold persons and salt"
            try:
                digest = persons_digest([str(p) for p in persons], salt)
            except ValueError:
                return "the private salt is not hex"
            if digest != payload["persons_digest"]:
                return "persons_digest does not match the persons listed"
        corrects = payload.get("corrects", [])
        for old in corrects if isinstance(corrects, list) else [corrects]:
            earlier = result.handovers.get(old) if isinstance(old, int) else None
            if earlier is None or old in result.superseded:
                return f"corrects seq {old}, which is not a current handover"
            if (earlier["stage"], earlier["from"]) != (payload["stage"], payload["from"]):
                return f"corrects seq {old}, a handover of another stage or sender"
            result.superseded.add(old)
        result.handovers[entry.seq] = payload
        result.confirmed_by[entry.seq] = {str(payload["from"])}
    elif entry.type == "handover.confirmed":
        handover_seq, signer = payload.get("handover_seq"), str(payload.get("signer"))
        if not isinstance(handover_seq, int) or handover_seq not in result.handovers:
            return f"confirms seq {handover_seq}, which is not an earlier handover"
        handover = result.handovers[handover_seq]
        if result.seen_hash(handover_seq) != payload.get("handover_hash"):
            return "handover_hash is not the hash of the handover it confirms"
        if signer not in (handover["from"], handover["to"], MEDIATOR):
            return f"{signer} cannot confirm a handover from {handover['from']} to {handover['to']}"
        if not _signed_by(entry, signer):
            return f"a confirmation by {signer} must be signed by {signer}"
        result.confirmed_by[handover_seq].add(signer)
    elif entry.type == "stage.reported" and not _signed_by(entry, RECORDER):
        return "a reported stage must be signed by the recorder"
    elif entry.type == "stage.planned" and payload.get("agreement"):
        result.agreements[str(payload["stage"])] = str(payload["agreement"])
    return None
