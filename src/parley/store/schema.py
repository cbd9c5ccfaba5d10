"""Tables: the append-only event log, and the projections that queries read, derived from it."""

from __future__ import annotations

from datetime import date, datetime

from sqlalchemy import JSON, Date, DateTime, ForeignKey, Integer, MetaData, String, Text
from sqlalchemy.orm import DeclarativeBase, Mapped, mapped_column

NAMING = {
    "pk": "pk_%(table_name)s",
    "fk": "fk_%(table_name)s_%(column_0_name)s_%(referred_table_name)s",
    "uq": "uq_%(table_name)s_%(column_0_name)s",
    "ix": "ix_%(table_name)s_%(column_0_name)s",
}


class Base(DeclarativeBase):
    metadata = MetaData(naming_convention=NAMING)


class EventRow(Base):
    """One fact as it was recorded. Rows are only ever inserted, never updated or deleted."""

    __tablename__ = "events"

    seq: Mapped[int] = mapped_column(Integer, primary_key=True, autoincrement=False)
    prev_hash: Mapped[str] = mapped_column(String(64))
    hash: Mapped[str] = mapped_column(String(64), unique=True)
    type: Mapped[str] = mapped_column(String(64), index=True)
    key: Mapped[str] = mapped_column(String(255), index=True)
    payload: Mapped[dict[str, object]] = mapped_column(JSON)
    corrects: Mapped[int | None] = mapped_column(ForeignKey("events.seq"), nullable=True)
    recorded_at: Mapped[datetime] = mapped_column(DateTime(timezone=True))
    # [{signer, public_key, signature}]; None (older events) means unsigned.
    signatures: Mapped[list[dict[str, str]] | None] = mapped_column(JSON, nullable=True)
    # Outside the hash, never exported publicly: e.g. a handover's registry ids and salt.
    private: Mapped[dict[str, object] | None] = mapped_column(JSON, nullable=True)


class FactRow(Base):
    """The current state of each fact of the record (rounds, agreements, stages, claims...)."""

    __tablename__ = "facts"

    kind: Mapped[str] = mapped_column(String(32), primary_key=True)
    key: Mapped[str] = mapped_column(String(255), primary_key=True)
    data: Mapped[dict[str, object]] = mapped_column(JSON)
    event_seq: Mapped[int] = mapped_column(ForeignKey("events.seq"))


class PersonRow(Base):
    """The current state of each person on a registry or request list, one column per field."""

    __tablename__ = "persons"

    list_kind: Mapped[str] = mapped_column(String(16), primary_key=True)
    party: Mapped[str] = mapped_column(String(8), primary_key=True)
    person_id: Mapped[str] = mapped_column(String(255), primary_key=True)
    family_name: Mapped[str] = mapped_column(Text)
    given_name: Mapped[str] = mapped_column(Text)
    patronymic: Mapped[str | None] = mapped_column(Text, nullable=True)
    birth_date: Mapped[date | None] = mapped_column(Date, nullable=True)
    sex: Mapped[str | None] = mapped_column(String(1), nullable=True)
    military_unit: Mapped[str | None] = mapped_column(Text, nullable=True)
    category: Mapped[str] = mapped_column(String(16))
    seriously_wounded: Mapped[bool]
    seriously_ill: Mapped[bool]
    consent: Mapped[str] = mapped_column(String(8))
    captured_on: Mapped[date | None] = mapped_column(Date, nullable=True)
    extra: Mapped[dict[str, str]] = mapped_column(JSON)
    event_seq: Mapped[int] = mapped_column(ForeignKey("events.seq"))


class UserRow(Base):
    """A person who signs in: a party's clerk or lead, or the mediator's staff."""

    __tablename__ = "users"

    name: Mapped[str] = mapped_column(String(64), primary_key=True)
    role: Mapped[str] = mapped_column(String(16))
    party: Mapped[str | None] = mapped_column(String(8), nullable=True)
    password_hash: Mapped[str] = mapped_column(Text)
    disabled: Mapped[bool]
    created_at: Mapped[datetime] = mapped_column(DateTime(timezone=True))


class SessionRow(Base):
    """A bearer token or a page session; only its SHA-256 is kept, so a copy of the database
    signs nobody in. It dies when it expires or its user is disabled.
    """

    __tablename__ = "sessions"

    token_hash: Mapped[str] = mapped_column(String(64), primary_key=True)
    user_name: Mapped[str] = mapped_column(ForeignKey("users.name"), index=True)
    kind: Mapped[str] = mapped_column(String(8))  # bearer | cookie
    csrf: Mapped[str | None] = mapped_column(String(64), nullable=True)
    created_at: Mapped[datetime] = mapped_column(DateTime(timezone=True))
    expires_at: Mapped[datetime] = mapped_column(DateTime(timezone=True))


class LoginFailureRow(Base):
    """A failed sign-in, to slow down whoever guesses passwords (in every worker alike)."""

    __tablename__ = "login_failures"

    id: Mapped[int] = mapped_column(Integer, primary_key=True, autoincrement=True)
    user_name: Mapped[str] = mapped_column(String(64), index=True)
    at: Mapped[datetime] = mapped_column(DateTime(timezone=True))


class AccessRow(Base):
    """One read or export of personal data: who, when, what, how many records, whose.
    Only ever inserted (the migration adds triggers that refuse updates and deletes).
    """

    __tablename__ = "access_log"

    id: Mapped[int] = mapped_column(Integer, primary_key=True, autoincrement=True)
    at: Mapped[datetime] = mapped_column(DateTime(timezone=True))
    user_name: Mapped[str] = mapped_column(String(64))
    role: Mapped[str] = mapped_column(String(16))
    method: Mapped[str] = mapped_column(String(8))
    path: Mapped[str] = mapped_column(Text)
    records: Mapped[int] = mapped_column(Integer)
    # The party whose data was read (None: both parties', e.g. the mediator's private export).
    data_of: Mapped[str | None] = mapped_column(String(8), nullable=True, index=True)


class PreparedRow(Base):
    """An entry the server prepared for an office to sign; appended when the signature comes
    back, if the head has not moved.
    """

    __tablename__ = "prepared_entries"

    hash: Mapped[str] = mapped_column(String(64), primary_key=True)
    user_name: Mapped[str] = mapped_column(String(64))
    signer: Mapped[str] = mapped_column(String(16))
    seq: Mapped[int] = mapped_column(Integer)
    prev_hash: Mapped[str] = mapped_column(String(64))
    type: Mapped[str] = mapped_column(String(64))
    key: Mapped[str] = mapped_column(String(255))
    payload: Mapped[dict[str, object]] = mapped_column(JSON)
    private: Mapped[dict[str, object] | None] = mapped_column(JSON, nullable=True)
    created_at: Mapped[datetime] = mapped_column(DateTime(timezone=True))
