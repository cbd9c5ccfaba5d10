"""Ed25519 signing keys: one file per key, private to its owner, never in the database.

A key file is JSON: {"signer": "UA", "public_key": hex, "private_key": hex}. It is created
with mode 0600, and refused — as ssh refuses an unprotected private key — when anyone but the
owner may read it.
"""

from __future__ import annotations

import json
import os
import stat
from dataclasses import dataclass
from functools import lru_cache
from pathlib import Path

from cryptography.exceptions import InvalidSignature
from cryptography.hazmat.primitives.asymmetric.ed25519 import Ed25519PrivateKey, Ed25519PublicKey

SIGNER_ROLES = ("mediator", "recorder")  # besides the parties' codes


class KeyFileError(Exception):
    """A key file that cannot be used; the message says why and what to do."""


@dataclass(frozen=True)
class SigningKey:
    signer: str
    private: Ed25519PrivateKey

    @property
    def public_key(self) -> str:
        return self.private.public_key().public_bytes_raw().hex()

    def sign(self, event_hash: str) -> str:
        """Hex Ed25519 signature over the 32 raw bytes of an event's hash."""
        return self.private.sign(bytes.fromhex(event_hash)).hex()


def new_key(signer: str) -> SigningKey:
    return SigningKey(signer, Ed25519PrivateKey.generate())


def write_key(key: SigningKey, path: Path) -> None:
    """Create the key file, readable and writable by its owner only; never overwrite one."""
    content = json.dumps(
        {
            "signer": key.signer,
            "public_key": key.public_key,
            "private_key": key.private.private_bytes_raw().hex(),
        }
    )
    try:
        descriptor = os.open(path, os.O_WRONLY | os.O_CREAT | os.O_EXCL, 0o600)
    except FileExistsError:
        raise KeyFileError(f"{path} exists: a key file is never overwritten") from None
    with os.fdopen(descriptor, "w", encoding="utf-8") as stream:
        stream.write(content + "\n")


def read_key(path: Path) -> SigningKey:
    """The key in a key file; refused when others may read it or it is not a key file."""
    try:
        mode = path.stat().st_mode
    except OSError as error:
        raise KeyFileError(f"cannot read the key file {path}: {error.strerror}") from None
    if mode & (stat.S_IRWXG | stat.S_IRWXO):
        raise KeyFileError(
            f"{path} is accessible by others (mode {stat.S_IMODE(mode):04o}): a private key "
            f"must be readable by its owner only; run chmod 600 {path}"
        )
    try:
        data = json.loads(path.read_text("utf-8"))
        private = Ed25519PrivateKey.from_private_bytes(bytes.fromhex(data["private_key"]))
        key = SigningKey(str(data["signer"]), private)
    except (ValueError, KeyError, TypeError, UnicodeDecodeError):
        raise KeyFileError(f"{path} is not a Parley key file") from None
    if data.get("public_key") != key.public_key:
        raise KeyFileError(f"{path}: its public key does not belong to its private key")
    return key


@lru_cache(maxsize=1024)
def _public(public_key: str) -> Ed25519PublicKey:
    return Ed25519PublicKey.from_public_bytes(bytes.fromhex(public_key))


def signature_valid(public_key: str, signature: str, event_hash: str) -> bool:
    """Whether `signature` (hex) is the key's Ed25519 signature over the hash's raw bytes."""
    try:
        _public(public_key).verify(bytes.fromhex(signature), bytes.fromhex(event_hash))
    except (InvalidSignature, ValueError):
        return False
    return True
