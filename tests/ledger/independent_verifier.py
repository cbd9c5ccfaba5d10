"""A verifier written only from docs/ledger-format.md: json, hashlib and an Ed25519 library,
nothing of Parley. `python independent_verifier.py events.jsonl` prints OK or the first bad seq.
"""

import hashlib
import json
import sys

from cryptography.exceptions import InvalidSignature
from cryptography.hazmat.primitives.asymmetric.ed25519 import Ed25519PublicKey


def check(lines: list[str]) -> tuple[bool, int | None, str]:
    prev, expected = "0" * 64, 1
    keys: dict[str, set[str]] = {}
    handovers: dict[int, dict] = {}
    hashes: dict[int, str] = {}
    corrected: set[int] = set()
    for line in lines:
        if not line.strip():
            continue
        e = json.loads(line)
        seq = e["seq"]
        if seq != expected:
            return False, seq, "seq"
        if e["prev_hash"] != prev:
            return False, seq, "prev_hash"
        body = {"seq": seq, "prev_hash": e["prev_hash"], "type": e["type"], "payload": e["payload"]}
        text = json.dumps(body, sort_keys=True, separators=(",", ":"), ensure_ascii=False)
        if hashlib.sha256(text.encode("utf-8")).hexdigest() != e["hash"]:
            return False, seq, "hash"
        for s in e["signatures"]:
            try:
                Ed25519PublicKey.from_public_bytes(bytes.fromhex(s["public_key"])).verify(
                    bytes.fromhex(s["signature"]), bytes.fromhex(e["hash"])
                )
            except (InvalidSignature, ValueError):
                return False, seq, "signature"
        signers = {s["signer"] for s in e["signatures"]}
        p = e["payload"]
        if e["type"] == "key.registered":
            if not any(
                s["signer"] == p["signer"] and s["public_key"] == p["public_key"]
                for s in e["signatures"]
            ):
                return False, seq, "registration not self-signed"
            keys.setdefault(p["signer"], set()).add(p["public_key"])
        elif any(s["public_key"] not in keys.get(s["signer"], set()) for s in e["signatures"]):
            return False, seq, "unregistered key"
        if "digest" in p and "private" in e:
            q = e["private"]
            body = json.dumps(
                {"key": q["key"], "data": q["data"]},
                sort_keys=True,
                separators=(",", ":"),
                ensure_ascii=False,
            )
            if (
                hashlib.sha256(bytes.fromhex(q["salt"]) + body.encode("utf-8")).hexdigest()
                != p["digest"]
            ):
                return False, seq, "digest"
        if e["type"] == "handover":
            if p["from"] not in signers:
                return False, seq, "handover not signed by sender"
            if "private" in e:
                listed = json.dumps(sorted(e["private"]["persons"]), separators=(",", ":"))
                digest = hashlib.sha256(
                    bytes.fromhex(e["private"]["salt"]) + listed.encode()
                ).hexdigest()
                if digest != p["persons_digest"]:
                    return False, seq, "persons_digest"
            for old in p.get("corrects", []):
                h = handovers.get(old)
                if (
                    h is None
                    or old in corrected
                    or (h["stage"], h["from"]) != (p["stage"], p["from"])
                ):
                    return False, seq, "corrects no current handover of this stage and sender"
                corrected.add(old)
            handovers[seq] = p
        elif e["type"] == "handover.confirmed":
            h = handovers.get(p["handover_seq"])
            if h is None or hashes.get(p["handover_seq"]) != p["handover_hash"]:
                return False, seq, "confirms no earlier handover"
            if p["signer"] not in (h["from"], h["to"], "mediator") or p["signer"] not in signers:
                return False, seq, "wrong confirmer"
        elif e["type"] == "stage.reported" and "recorder" not in signers:
            return False, seq, "reported stage not signed by the recorder"
        hashes[seq] = e["hash"]
        prev, expected = e["hash"], expected + 1
    return True, None, "OK"


if __name__ == "__main__":
    with open(sys.argv[1], encoding="utf-8") as stream:
        ok, seq, what = check(stream.readlines())
    print("OK" if ok else f"seq {seq}: {what}")
    sys.exit(0 if ok else 1)
