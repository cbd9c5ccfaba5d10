"""What the shared service keeps beside the ledger: users, sessions, failed sign-ins, the
access log and entries prepared for signing. A user's change is also a fact in the ledger,
written in the same transaction.
"""

from __future__ import annotations

from collections.abc import Sequence
from dataclasses import dataclass
from datetime import UTC, datetime
from typing import Any

from sqlalchemy import delete, func, insert, select, update
from sqlalchemy.dialects import postgresql, sqlite

from parley.domain.events import Fact
from parley.store.engine import writing
from parley.store.schema import AccessRow, LoginFailureRow, PreparedRow, SessionRow, UserRow
from parley.store.store import Store, _Appender


@dataclass(frozen=True)
class UserRecord:
    name: str
    role: str
    party: str | None
    password_hash: str
    disabled: bool
    created_at: datetime


@dataclass(frozen=True)
class Access:
    at: datetime
    user: str
    role: str
    method: str
    path: str
    records: int
    data_of: str | None


def _user(row: Any) -> UserRecord:
    return UserRecord(row.name, row.role, row.party, row.password_hash, row.disabled,
                      row.created_at)  # fmt: skip


def _user_fact(user: UserRecord) -> Fact:
    data = {"name": user.name, "role": user.role, "party": user.party, "disabled": user.disabled}
    return Fact("user", user.name, data)


def add_user(store: Store, user: UserRecord) -> None:
    with writing(store.engine) as connection:
        found = connection.execute(select(UserRow.name).where(UserRow.name == user.name)).first()
        if found:
            raise ValueError(f"user {user.name!r} exists")
        connection.execute(insert(UserRow).values(**vars(user)))
        _Appender(connection).record([_user_fact(user)])


def set_disabled(store: Store, name: str, disabled: bool) -> UserRecord:
    """Disable (or enable) a user; a disabled user's sessions end at once."""
    with writing(store.engine) as connection:
        row = connection.execute(select(UserRow).where(UserRow.name == name)).first()
        if row is None:
            raise LookupError(f"no user {name!r}")
        connection.execute(update(UserRow).where(UserRow.name == name).values(disabled=disabled))
        if disabled:
            connection.execute(delete(SessionRow).where(SessionRow.user_name == name))
        user = UserRecord(**{**vars(_user(row)), "disabled": disabled})
        _Appender(connection).record([_user_fact(user)])
        return user


def get_user(store: Store, name: str) -> UserRecord | None:
    with store.engine.connect() as connection:
        row = connection.execute(select(UserRow).where(UserRow.name == name)).first()
        return _user(row) if row else None


def users(store: Store) -> list[UserRecord]:
    with store.engine.connect() as connection:
        return [_user(r) for r in connection.execute(select(UserRow).order_by(UserRow.name))]


# -- sessions -----------------------------------------------------------------------------


def add_session(
    store: Store, token_hash: str, user: str, kind: str, csrf: str | None,
    now: datetime, expires: datetime,
) -> None:  # fmt: skip
    with writing(store.engine) as connection:
        connection.execute(delete(SessionRow).where(SessionRow.expires_at < now))
        connection.execute(
            insert(SessionRow).values(
                token_hash=token_hash,
                user_name=user,
                kind=kind,
                csrf=csrf,
                created_at=now,
                expires_at=expires,
            )
        )


def session_user(
    store: Store, token_hash: str, kind: str, now: datetime
) -> tuple[UserRecord, str | None] | None:
    """The live, enabled user behind a session, and its CSRF token; None otherwise."""
    with store.engine.connect() as connection:
        row = connection.execute(
            select(UserRow, SessionRow.csrf, SessionRow.expires_at)
            .join(SessionRow, SessionRow.user_name == UserRow.name)
            .where(SessionRow.token_hash == token_hash, SessionRow.kind == kind)
        ).first()
    if row is None or row.disabled or _aware(row.expires_at) <= now:
        return None
    return _user(row), row.csrf


def end_session(store: Store, token_hash: str) -> None:
    with writing(store.engine) as connection:
        connection.execute(delete(SessionRow).where(SessionRow.token_hash == token_hash))


def _aware(moment: datetime) -> datetime:
    """SQLite hands back naive datetimes: they were written in UTC."""
    return moment if moment.tzinfo else moment.replace(tzinfo=UTC)


# -- failed sign-ins ----------------------------------------------------------------------


def record_failure(store: Store, user: str, now: datetime) -> None:
    with writing(store.engine) as connection:
        connection.execute(insert(LoginFailureRow).values(user_name=user, at=now))


def failures_since(store: Store, user: str, since: datetime) -> tuple[int, datetime | None]:
    """How many sign-ins for `user` failed since `since`, and when the earliest of them was."""
    with store.engine.connect() as connection:
        count, first = connection.execute(
            select(func.count(), func.min(LoginFailureRow.at)).where(
                LoginFailureRow.user_name == user, LoginFailureRow.at >= since
            )
        ).one()
        return int(count), _aware(first) if first is not None else None


def clear_failures(store: Store, user: str) -> None:
    with writing(store.engine) as connection:
        connection.execute(delete(LoginFailureRow).where(LoginFailureRow.user_name == user))


# -- the access log -----------------------------------------------------------------------


def log_access(store: Store, access: Access) -> None:
    with writing(store.engine) as connection:
        connection.execute(
            insert(AccessRow).values(
                at=access.at,
                user_name=access.user,
                role=access.role,
                method=access.method,
                path=access.path,
                records=access.records,
                data_of=access.data_of,
            )
        )


def accesses(
    store: Store, data_of: str | None, limit: int, offset: int
) -> tuple[int, list[Access]]:
    """The log, newest first; only the reads of `data_of`'s data when it is given."""
    where = [AccessRow.data_of == data_of] if data_of else []
    with store.engine.connect() as connection:
        total = connection.execute(select(func.count()).select_from(AccessRow).where(*where))
        rows = connection.execute(
            select(AccessRow)
            .where(*where)
            .order_by(AccessRow.id.desc())
            .limit(limit)
            .offset(offset)
        )
        return int(total.scalar_one()), [
            Access(_aware(r.at), r.user_name, r.role, r.method, r.path, r.records, r.data_of)
            for r in rows
        ]


# -- entries prepared for signing ----------------------------------------------------------


@dataclass(frozen=True)
class Prepared:
    hash: str
    user: str
    signer: str
    seq: int
    prev_hash: str
    type: str
    key: str
    payload: dict[str, Any]
    private: dict[str, Any] | None
    created_at: datetime


def put_prepared(store: Store, prepared: Sequence[Prepared]) -> None:
    """Keep entries prepared for signing. The same entry prepared again (a reload, a retried
    prepare, two clerks of one office) has the same hash: the row already kept stands.
    """
    with writing(store.engine) as connection:
        for p in prepared:
            values = {
                "hash": p.hash,
                "user_name": p.user,
                "signer": p.signer,
                "seq": p.seq,
                "prev_hash": p.prev_hash,
                "type": p.type,
                "key": p.key,
                "payload": p.payload,
                "private": p.private,
                "created_at": p.created_at,
            }
            if connection.dialect.name == "postgresql":
                pg = postgresql.insert(PreparedRow).values(values)
                connection.execute(pg.on_conflict_do_nothing(index_elements=["hash"]))
            else:
                lite = sqlite.insert(PreparedRow).values(values)
                connection.execute(lite.on_conflict_do_nothing(index_elements=["hash"]))


def get_prepared(store: Store, digest: str) -> Prepared | None:
    with store.engine.connect() as connection:
        r = connection.execute(select(PreparedRow).where(PreparedRow.hash == digest)).first()
    if r is None:
        return None
    return Prepared(r.hash, r.user_name, r.signer, r.seq, r.prev_hash, r.type, r.key,
                    dict(r.payload), dict(r.private) if r.private is not None else None,
                    _aware(r.created_at))  # fmt: skip


def drop_prepared(store: Store, before: datetime) -> None:
    with writing(store.engine) as connection:
        connection.execute(delete(PreparedRow).where(PreparedRow.created_at < before))
