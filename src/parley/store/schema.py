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
