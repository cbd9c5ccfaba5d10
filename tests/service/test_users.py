"""Users: Argon2 passwords, sessions that die with their user, slowed guessing, recorded
changes."""

from __future__ import annotations

import pytest

from parley.service import users
from parley.store import Store
from parley.store import offices as db


def test_a_user_signs_in_and_the_token_names_them(store: Store) -> None:
    users.add_user(store, "ua-lead", "lead", "UA", "long-password")
    stored = db.get_user(store, "ua-lead")
    assert stored is not None and stored.password_hash.startswith("$argon2id$")
    session = users.sign_in(store, "ua-lead", "long-password", "bearer", 60)
    found = users.session_of(store, session.token, "bearer")
    assert found is not None and found[0].name == "ua-lead" and found[0].party == "UA"
    assert users.session_of(store, session.token, "cookie") is None  # kinds do not mix


def test_wrong_password_unknown_user_and_disabled_user_are_refused_alike(store: Store) -> None:
    users.add_user(store, "m", "mediator", None, "long-password")
    for name, password in (("m", "wrong-password"), ("nobody", "long-password")):
        with pytest.raises(users.SignInRefused, match="wrong user name or password"):
            users.sign_in(store, name, password, "bearer", 60)
    session = users.sign_in(store, "m", "long-password", "bearer", 60)
    users.disable_user(store, "m")
    assert users.session_of(store, session.token, "bearer") is None
    with pytest.raises(users.SignInRefused):
        users.sign_in(store, "m", "long-password", "bearer", 60)


def test_tokens_expire(store: Store) -> None:
    users.add_user(store, "m", "mediator", None, "long-password")
    session = users.sign_in(store, "m", "long-password", "bearer", 0)
    assert users.session_of(store, session.token, "bearer") is None


def test_repeated_failures_are_slowed(store: Store) -> None:
    users.add_user(store, "c", "clerk", "UA", "long-password")
    for _ in range(users.MAX_FAILURES):
        with pytest.raises(users.SignInRefused):
            users.sign_in(store, "c", "not-it-at-all", "bearer", 60)
    with pytest.raises(users.TooManyAttempts) as refused:
        users.sign_in(store, "c", "long-password", "bearer", 60)
    assert refused.value.retry_after > 0


@pytest.mark.parametrize(
    ("name", "role", "party", "password", "message"),
    [
        ("a b", "clerk", "UA", "long-password", "not a user name"),
        ("a", "chief", "UA", "long-password", "unknown role"),
        ("a", "mediator", "UA", "long-password", "belong to no party"),
        ("a", "clerk", None, "long-password", "belongs to a party"),
        ("a", "clerk", "UA", "short", "at least 8"),
    ],
)
def test_bad_users_are_refused(
    store: Store, name: str, role: str, party: str | None, password: str, message: str
) -> None:
    with pytest.raises(ValueError, match=message):
        users.add_user(store, name, role, party, password)


def test_user_changes_are_recorded_in_the_ledger_without_the_password(store: Store) -> None:
    users.add_user(store, "c", "clerk", "UA", "long-password")
    users.disable_user(store, "c")
    changes = [e for e in store.entries() if e.type.startswith("user.")]
    assert [e.type for e in changes] == ["user.recorded", "user.corrected"]
    assert all("data" not in e.payload for e in changes)  # a digest in public, data private
    assert changes[-1].private is not None and changes[-1].private["data"]["disabled"] is True
    assert "argon2" not in str([e.private for e in changes])
    with pytest.raises(ValueError, match="exists"):
        users.add_user(store, "c", "clerk", "UA", "long-password")
