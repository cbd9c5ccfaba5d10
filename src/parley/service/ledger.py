"""The ledger over the store: registering keys, exporting, verifying, the head."""

from __future__ import annotations

import os
import re
import tempfile
from pathlib import Path

from parley.domain.events import canonical_json
from parley.domain.parties import PARTY_CODE
from parley.domain.record import Record
from parley.ledger.entries import Entry, read_lines, write_line
from parley.ledger.keys import (
    SIGNER_ROLES,
    KeyFileError,
    SigningKey,
    new_key,
    read_key,
    write_key,
)
from parley.ledger.verify import Verification, verify
from parley.store import NewEntry, Store


def register_key(store: Store, key: SigningKey) -> Entry:
    """Record a public key in the ledger, signed by that key."""
    payload = {"signer": key.signer, "public_key": key.public_key}
    return store.append_entry("key.registered", f"key/{key.signer}", payload, [key])


def new_registered_key(store: Store, signer: str, path: Path) -> Entry:
    """Make a key, write its file (mode 0600) and register it; no file is left behind if the
    registration fails, and no registration is made if the file cannot be written.
    """
    known = {str(p["code"]) for p in store.facts("party")}
    if signer not in SIGNER_ROLES and not (
        signer in known or (not known and re.fullmatch(PARTY_CODE, signer))
    ):
        choices = ", ".join(sorted(known | set(SIGNER_ROLES)))
        raise KeyFileError(f"unknown signer {signer!r} (one of {choices})")
    key = new_key(signer)
    write_key(key, path)
    try:
        return register_key(store, key)
    except BaseException:
        path.unlink(missing_ok=True)
        raise


def export_ledger(store: Store, path: Path, public: bool = False) -> int:
    """Write the log as JSON lines, whole or not at all; `public` drops every private part."""
    entries = store.entries()
    path.parent.mkdir(parents=True, exist_ok=True)
    with tempfile.NamedTemporaryFile(
        "w", encoding="utf-8", dir=path.parent, suffix=".tmp", delete=False
    ) as stream:
        for entry in entries:
            stream.write(write_line(entry, public) + "\n")
    os.replace(stream.name, path)
    return len(entries)


def verify_store(store: Store, head: tuple[int, str] | None = None) -> Verification:
    return verify(store.entries(), head)


def verify_file(path: Path, head: tuple[int, str] | None = None) -> Verification:
    with path.open(encoding="utf-8") as stream:
        return verify(read_lines(stream), head)


def parse_head(text: str) -> tuple[int, str]:
    """SEQ:HASH as `parley ledger head` prints it."""
    match = re.fullmatch(r"(\d+):([0-9a-f]{64})", text.strip())
    if not match:
        raise ValueError(f"'{text}' is not SEQ:HASH (64 lowercase hex digits)")
    return int(match[1]), match[2]


def reported_payloads(record: Record) -> list[tuple[str, dict[str, object]]]:
    """(key, payload) of a `stage.reported` entry for each transfer the record reports: a
    mixed transfer names its categories joined by '+'; an uncertain count is a range.
    """
    out = []
    for stage in record.stages:
        for t in stage.transfers:
            category = "+".join(t.categories)
            payload: dict[str, object] = {"stage": stage.id, "from": t.from_party}
            payload |= {"to": t.to_party, "category": category, "source": stage.source or ""}
            if t.count.max == t.count.min:
                payload["count"] = t.count.min
            else:
                payload["count_min"], payload["count_max"] = t.count.min, t.count.max
            out.append((f"reported/{stage.id}/{t.from_party}/{t.to_party}/{category}", payload))
    return out


def record_reported_stages(store: Store, record: Record, key: SigningKey) -> list[Entry]:
    """Enter the record's reported stages in the ledger, signed by the recorder; stages
    already entered with the same figures are left alone (loading twice adds nothing).
    """
    if key.signer != "recorder":
        raise KeyFileError(f"reported stages are signed by the recorder, not by {key.signer}")
    done = {
        (e.type, canonical_json(e.payload)) for e in store.entries() if e.type == "stage.reported"
    }
    new = [
        NewEntry("stage.reported", k, p, (key,))
        for k, p in reported_payloads(record)
        if ("stage.reported", canonical_json(p)) not in done
    ]
    return store.append_entries(new)


def recorder_key(store: Store, path: Path) -> SigningKey:
    """The recorder's key from its file, made and registered on first use (demos)."""
    if not path.exists():
        path.parent.mkdir(parents=True, exist_ok=True)
        new_registered_key(store, "recorder", path)
    key = read_key(path)
    registered = any(
        e.type == "key.registered" and e.payload.get("public_key") == key.public_key
        for e in store.entries()
    )
    if not registered:
        register_key(store, key)
    return key
