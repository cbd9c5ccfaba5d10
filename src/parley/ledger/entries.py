"""Ledger entries as they are exported, one JSON object a line (docs/ledger-format.md)."""

from __future__ import annotations

import hashlib
import json
import secrets
from collections.abc import Iterable, Iterator, Sequence
from dataclasses import dataclass, field
from typing import Any

from parley.domain.events import GENESIS_HASH, event_hash
from parley.ledger.keys import SigningKey


@dataclass(frozen=True)
class Signature:
    signer: str
    public_key: str
    signature: str


@dataclass(frozen=True)
class Entry:
    seq: int
    prev_hash: str
    type: str
    payload: dict[str, Any]
    hash: str
    signatures: tuple[Signature, ...] = ()
    private: dict[str, Any] | None = None  # outside the hash: dropped from a public export

    def to_json(self, public: bool = False) -> dict[str, Any]:
        data: dict[str, Any] = {
            "seq": self.seq,
            "prev_hash": self.prev_hash,
            "type": self.type,
            "payload": self.payload,
            "hash": self.hash,
            "signatures": [
                {"signer": s.signer, "public_key": s.public_key, "signature": s.signature}
                for s in self.signatures
            ],
        }
        if self.private is not None and not public:
            data["private"] = self.private
        return data


class LineError(ValueError):
    """A line that is not a ledger entry: `line` is its 1-based number, `seq` the seq the entry
    there should have had (one after the last good one).
    """

    def __init__(self, line: int, seq: int, message: str) -> None:
        self.line, self.seq = line, seq
        super().__init__(f"seq {seq}: line {line} {message}")


def entry_from_json(data: Any) -> Entry:
    if not isinstance(data, dict):
        raise ValueError("not a JSON object")
    payload, signatures = data["payload"], data.get("signatures", [])
    if not isinstance(payload, dict) or not isinstance(signatures, list):
        raise ValueError("payload must be an object and signatures a list")
    private = data.get("private")
    if private is not None and not isinstance(private, dict):
        raise ValueError("private must be an object")
    return Entry(
        seq=int(data["seq"]),
        prev_hash=str(data["prev_hash"]),
        type=str(data["type"]),
        payload=payload,
        hash=str(data["hash"]),
        signatures=tuple(
            Signature(str(s["signer"]), str(s["public_key"]), str(s["signature"]))
            for s in signatures
        ),
        private=private,
    )


def read_lines(lines: Iterable[str]) -> Iterator[Entry]:
    """Entries from JSON lines; LineError for the first line that is not one."""
    seq = 0
    for number, line in enumerate(lines, start=1):
        if not line.strip():
            continue
        try:
            entry = entry_from_json(json.loads(line))
        except (ValueError, KeyError, TypeError) as error:
            raise LineError(number, seq + 1, f"is not a ledger entry ({error})") from None
        seq = entry.seq
        yield entry


def write_line(entry: Entry, public: bool = False) -> str:
    return json.dumps(entry.to_json(public), ensure_ascii=False, separators=(",", ":"))


def seal(
    seq: int,
    prev_hash: str,
    type_: str,
    payload: dict[str, Any],
    keys: Sequence[SigningKey] = (),
    private: dict[str, Any] | None = None,
) -> Entry:
    """An entry with its hash, signed by `keys`."""
    digest = event_hash(seq, prev_hash, type_, payload)
    signatures = tuple(Signature(k.signer, k.public_key, k.sign(digest)) for k in keys)
    return Entry(seq, prev_hash, type_, payload, digest, signatures, private)


def persons_digest(persons: Sequence[str], salt: str) -> str:
    """SHA-256 of the salt's bytes followed by the sorted registry ids as compact JSON."""
    listed = json.dumps(sorted(persons), separators=(",", ":")).encode("utf-8")
    return hashlib.sha256(bytes.fromhex(salt) + listed).hexdigest()


def fact_digest(key: str, data: Any, salt: str) -> str:
    """SHA-256 of the salt's bytes followed by the canonical JSON of {"data", "key"}."""
    body = json.dumps(
        {"key": key, "data": data}, sort_keys=True, separators=(",", ":"), ensure_ascii=False
    )
    return hashlib.sha256(bytes.fromhex(salt) + body.encode("utf-8")).hexdigest()


def private_fact(key: str, data: Any) -> tuple[dict[str, Any], str]:
    """A fact about a person kept out of the public log: its private part and its digest."""
    salt = secrets.token_hex(16)
    return {"key": key, "data": data, "salt": salt}, fact_digest(key, data, salt)


def private_persons(persons: Sequence[str]) -> tuple[dict[str, Any], str]:
    """The private part of a handover and the digest its payload carries."""
    salt = secrets.token_hex(16)
    return {"persons": sorted(persons), "salt": salt}, persons_digest(persons, salt)


@dataclass
class Chain:
    """Builds a log entry by entry (for tests, demos and the store's append)."""

    entries: list[Entry] = field(default_factory=list)

    def append(
        self,
        type_: str,
        payload: dict[str, Any],
        keys: Sequence[SigningKey] = (),
        private: dict[str, Any] | None = None,
    ) -> Entry:
        prev = self.entries[-1].hash if self.entries else GENESIS_HASH
        entry = seal(len(self.entries) + 1, prev, type_, payload, keys, private)
        self.entries.append(entry)
        return entry
