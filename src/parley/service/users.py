"""Users, passwords and sessions: who signs in, and as what.

Passwords are hashed with Argon2id; tokens are random, only their SHA-256 is stored, and they
die when they expire or their user is disabled. Repeated failed sign-ins for one name are
slowed down for everyone, in every worker alike, because the failures are in the database.
"""

from __future__ import annotations

import hashlib
import re
import secrets
from dataclasses import dataclass
from datetime import UTC, datetime, timedelta

from argon2 import PasswordHasher
from argon2.exceptions import InvalidHashError, VerificationError

from parley.domain.parties import PARTY_CODE
from parley.service.access import ROLES, Principal, Role
from parley.store import Store
from parley.store import offices as db
from parley.store.offices import UserRecord

NAME = r"[A-Za-z0-9][A-Za-z0-9._@-]{0,63}"
MIN_PASSWORD = 8
# At most this many failed sign-ins for one name in FAILURE_WINDOW; then 429 until it passes.
MAX_FAILURES = 5
FAILURE_WINDOW = timedelta(minutes=5)

_hasher = PasswordHasher()
# Checked against when the name is unknown, so a wrong name costs as long as a wrong password.
_DUMMY_HASH = _hasher.hash("parley: no such user")


class SignInRefused(Exception):
    """Wrong name or password, or a disabled user: the message never says which."""


class TooManyAttempts(Exception):
    def __init__(self, retry_after: int) -> None:
        self.retry_after = retry_after
        super().__init__(f"too many failed sign-ins: try again in {retry_after} s")


@dataclass(frozen=True)
class Session:
    token: str
    csrf: str
    expires_in: int  # seconds
    principal: Principal


def principal_of(user: UserRecord) -> Principal:
    role: Role = user.role  # type: ignore[assignment]  # the store holds only ROLES
    return Principal(user.name, role, user.party)


def add_user(store: Store, name: str, role: str, party: str | None, password: str) -> UserRecord:
    """A new user; a clerk or lead belongs to a party, the mediator's staff to none."""
    if not re.fullmatch(NAME, name):
        raise ValueError(f"{name!r} is not a user name (letters, digits, . _ @ -; up to 64)")
    if role not in ROLES:
        raise ValueError(f"unknown role {role!r} (one of {', '.join(ROLES)})")
    if role == "mediator" and party:
        raise ValueError("the mediator's staff belong to no party: leave out --party")
    if role != "mediator":
        if not party or not re.fullmatch(PARTY_CODE, party):
            raise ValueError(f"a {role} belongs to a party: give --party (e.g. UA)")
        known = {str(p["code"]) for p in store.facts("party")}
        if known and party not in known:
            raise ValueError(f"unknown party {party!r} (known: {', '.join(sorted(known))})")
    if len(password) < MIN_PASSWORD:
        raise ValueError(f"a password has at least {MIN_PASSWORD} characters")
    user = UserRecord(name, role, party or None, _hasher.hash(password), False, _now())
    db.add_user(store, user)
    return user


def list_users(store: Store) -> list[UserRecord]:
    return db.users(store)


def disable_user(store: Store, name: str) -> UserRecord:
    return db.set_disabled(store, name, True)


def sign_in(store: Store, name: str, password: str, kind: str, lifetime: int) -> Session:
    """A new session (kind `bearer` or `cookie`) lasting `lifetime` seconds."""
    now = _now()
    failures, first = db.failures_since(store, name, now - FAILURE_WINDOW)
    if failures >= MAX_FAILURES:  # until the window's earliest failure has passed out of it
        wait = (first or now) + FAILURE_WINDOW - now
        raise TooManyAttempts(max(1, int(wait.total_seconds()) + 1))
    user = db.get_user(store, name)
    if not _password_matches(user.password_hash if user else _DUMMY_HASH, password) or (
        user is None or user.disabled
    ):
        db.record_failure(store, name, now)
        raise SignInRefused("wrong user name or password, or the user is disabled")
    if failures:
        db.clear_failures(store, name)
    token, csrf = secrets.token_urlsafe(32), secrets.token_urlsafe(24)
    db.add_session(store, token_digest(token), user.name, kind, csrf, now,
                   now + timedelta(seconds=lifetime))  # fmt: skip
    return Session(token, csrf, lifetime, principal_of(user))


def session_of(store: Store, token: str, kind: str) -> tuple[Principal, str | None] | None:
    """The principal behind a live token, and the session's CSRF token; None if it is dead."""
    found = db.session_user(store, token_digest(token), kind, _now())
    if found is None:
        return None
    user, csrf = found
    return principal_of(user), csrf


def sign_out(store: Store, token: str) -> None:
    db.end_session(store, token_digest(token))


def token_digest(token: str) -> str:
    return hashlib.sha256(token.encode("utf-8")).hexdigest()


def _password_matches(stored: str, password: str) -> bool:
    try:
        return _hasher.verify(stored, password)
    except (VerificationError, InvalidHashError):
        return False


def _now() -> datetime:
    return datetime.now(UTC)
