"""Facts as events: how every change to the record is written down, and how events chain.

An event's hash covers its sequence number, the previous event's hash, its type and its payload,
so no recorded fact can be edited, dropped or reordered without breaking every later hash.
"""

from __future__ import annotations

import hashlib
import json
from dataclasses import dataclass, field
from typing import Any

GENESIS_HASH = "0" * 64


@dataclass(frozen=True, slots=True)
class Fact:
    """One thing the record states, identified by kind and key (e.g. "stage", "2025-05-23")."""

    kind: str
    key: str
    data: dict[str, Any]


@dataclass(frozen=True, slots=True)
class Event:
    seq: int
    prev_hash: str
    type: str
    payload: dict[str, Any]
    hash: str
    corrects: int | None = None
    extra: dict[str, Any] = field(default_factory=dict)


def canonical_json(value: Any) -> str:
    return json.dumps(value, sort_keys=True, separators=(",", ":"), ensure_ascii=False)


def event_hash(seq: int, prev_hash: str, type_: str, payload: dict[str, Any]) -> str:
    body = {"seq": seq, "prev_hash": prev_hash, "type": type_, "payload": payload}
    return hashlib.sha256(canonical_json(body).encode("utf-8")).hexdigest()


def chain_problems(events: list[Event]) -> list[str]:
    """Every break in the chain, in order; empty when each event follows the one before it."""
    problems = []
    prev = GENESIS_HASH
    for expected_seq, event in enumerate(events, start=1):
        if event.seq != expected_seq:
            problems.append(f"seq {event.seq}: expected seq {expected_seq} (gap or reorder)")
        if event.prev_hash != prev:
            problems.append(f"seq {event.seq}: prev_hash does not match the event before it")
        if event_hash(event.seq, event.prev_hash, event.type, event.payload) != event.hash:
            problems.append(f"seq {event.seq}: hash does not match its content")
        prev = event.hash
    return problems


@dataclass
class Changes:
    """What one command did to the record."""

    new: int = 0
    changed: int = 0
    unchanged: int = 0
    corrections: list[str] = field(default_factory=list)

    @property
    def written(self) -> int:
        return self.new + self.changed

    def __str__(self) -> str:
        return f"{self.new} new, {self.changed} changed, {self.unchanged} unchanged"
