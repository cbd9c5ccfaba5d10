"""The store: appends facts as chained events and keeps the projections in step, one
transaction per command, so a refused or failed command leaves nothing behind.
"""

from __future__ import annotations

from collections.abc import Iterable, Sequence
from dataclasses import dataclass
from datetime import UTC, datetime
from typing import Any

from sqlalchemy import Connection, delete, func, insert, select, text, update
from sqlalchemy.exc import OperationalError

from parley.domain.events import GENESIS_HASH, Changes, Event, Fact, event_hash
from parley.domain.people import Person
from parley.ledger.entries import Entry, Signature, private_fact, seal
from parley.ledger.keys import SigningKey
from parley.store import migrate
from parley.store.engine import StoreError, connect_engine, writing
from parley.store.schema import EventRow, FactRow, PersonRow, PreparedRow

# Facts about persons (names, ids, verification results, reviews): their data travels in the
# event's private part, the public log carries a digest (docs/ledger-format.md).
PRIVATE_KINDS = frozenset({"person", "verification", "review", "disclosure", "user", "plan"})
# An arbitrary constant that names Parley's append lock on PostgreSQL.
_PG_APPEND_LOCK = 7_212_025


class HeadMoved(Exception):
    """Another entry was appended after this one was prepared: it must be prepared again."""


@dataclass(frozen=True)
class NewEntry:
    """A ledger entry to append: its seq, hash and signatures are made at append time."""

    type: str
    key: str
    payload: dict[str, Any]
    keys: tuple[SigningKey, ...] = ()
    private: dict[str, Any] | None = None


class Store:
    def __init__(self, url: str) -> None:
        self.url = url
        self.engine = connect_engine(url)

    def migrate(self) -> bool:
        try:
            return migrate.upgrade(self.engine)
        except OperationalError as error:
            raise StoreError(f"cannot open database {self.url!r}: {error.orig}") from None

    def close(self) -> None:
        self.engine.dispose()

    # -- writing ---------------------------------------------------------------------------

    def record_facts(self, facts: Iterable[Fact]) -> Changes:
        """Record facts in one transaction: new ones are added, changed ones corrected, the same
        ones left alone. Re-recording what is already there writes nothing.
        """
        with writing(self.engine) as connection:
            return _Appender(connection).record(list(facts))

    def append_entry(
        self,
        type_: str,
        key: str,
        payload: dict[str, Any],
        keys: Sequence[SigningKey] = (),
        private: dict[str, Any] | None = None,
    ) -> Entry:
        """Append one ledger entry, signed by `keys` once its seq and hash are known (inside
        the append lock: concurrent writers never fork the chain).
        """
        return self.append_entries([NewEntry(type_, key, payload, tuple(keys), private)])[0]

    def append_entries(
        self, new: Sequence[NewEntry], after: tuple[int, str] | None = None
    ) -> list[Entry]:
        """Append several entries in one transaction: all of them or none. `after` is the head
        (seq, hash) they were decided on: HeadMoved if another writer came first.
        """
        with writing(self.engine) as connection:
            appender = _Appender(connection)
            if after is not None and (appender.seq, appender.hash) != tuple(after):
                raise HeadMoved(f"the ledger moved on to seq {appender.seq} since seq {after[0]}")
            rows, entries = [], []
            for item in new:
                row = appender._event(item.type, item.key, item.payload, None)
                entry = seal(
                    row["seq"], row["prev_hash"], item.type, item.payload, item.keys, item.private
                )
                row["signatures"] = [
                    {"signer": s.signer, "public_key": s.public_key, "signature": s.signature}
                    for s in entry.signatures
                ]
                row["private"] = item.private
                rows.append(row)
                entries.append(entry)
            if rows:
                connection.execute(insert(EventRow), rows)
            return entries

    def append_signed(self, entry: Entry, key: str) -> Entry:
        """Append an entry prepared earlier and signed elsewhere (an office's own key), only if
        it still extends the head it was prepared on; HeadMoved otherwise.
        """
        with writing(self.engine) as connection:
            appender = _Appender(connection)
            if (appender.seq, appender.hash) != (entry.seq - 1, entry.prev_hash):
                raise HeadMoved(
                    f"the ledger moved on to seq {appender.seq} since seq {entry.seq} was "
                    "prepared: prepare again"
                )
            row = appender._event(entry.type, key, entry.payload, None)
            if row["hash"] != entry.hash:
                raise ValueError("the entry's hash does not match its content")
            row["signatures"] = [
                {"signer": s.signer, "public_key": s.public_key, "signature": s.signature}
                for s in entry.signatures
            ]
            row["private"] = entry.private
            connection.execute(insert(EventRow), [row])
            connection.execute(delete(PreparedRow).where(PreparedRow.hash == entry.hash))
            return entry

    # -- reading ---------------------------------------------------------------------------

    def entries(self, after: int = 0, types: Sequence[str] = ()) -> list[Entry]:
        """The log as ledger entries, in order: the whole of it, or those after seq `after`,
        or only those of some `types`.
        """
        query = select(
            EventRow.seq, EventRow.prev_hash, EventRow.type, EventRow.payload,
            EventRow.hash, EventRow.signatures, EventRow.private,
        ).where(EventRow.seq > after).order_by(EventRow.seq)  # fmt: skip
        if types:
            query = query.where(EventRow.type.in_(types))
        with self.engine.connect() as connection:
            return [_entry(r) for r in connection.execute(query)]

    def head(self) -> tuple[int, str] | None:
        """The last seq and its hash, or None for an empty log: one row read."""
        with self.engine.connect() as connection:
            row = connection.execute(
                select(EventRow.seq, EventRow.hash).order_by(EventRow.seq.desc()).limit(1)
            ).first()
            return (row.seq, row.hash) if row else None

    def hash_at(self, seq: int) -> str | None:
        with self.engine.connect() as connection:
            row = connection.execute(select(EventRow.hash).where(EventRow.seq == seq)).first()
            return row.hash if row else None

    def facts(self, kind: str) -> list[dict[str, Any]]:
        with self.engine.connect() as connection:
            rows = connection.execute(
                select(FactRow.data).where(FactRow.kind == kind).order_by(FactRow.event_seq)
            )
            return [dict(row.data) for row in rows]

    def facts_by_keys(self, kind: str, keys: Sequence[str]) -> list[dict[str, Any]]:
        """The facts of `kind` with these keys (those that exist), in no particular order."""
        found: list[dict[str, Any]] = []
        with self.engine.connect() as connection:
            for start in range(0, len(keys), 500):  # bounded IN lists for every backend
                rows = connection.execute(
                    select(FactRow.data).where(
                        FactRow.kind == kind, FactRow.key.in_(keys[start : start + 500])
                    )
                )
                found += [dict(row.data) for row in rows]
        return found

    def facts_with_prefix(self, kind: str, prefix: str) -> list[dict[str, Any]]:
        with self.engine.connect() as connection:
            rows = connection.execute(
                select(FactRow.data)
                .where(FactRow.kind == kind, FactRow.key.startswith(prefix, autoescape=True))
                .order_by(FactRow.event_seq)
            )
            return [dict(row.data) for row in rows]

    def list_parties(self) -> set[str]:
        """The parties that have a stored list (registry or request list)."""
        with self.engine.connect() as connection:
            return set(connection.execute(select(PersonRow.party).distinct()).scalars())

    def facts_version(self, kinds: Sequence[str]) -> int:
        """The seq of the last event that changed a fact of these kinds (0: none yet)."""
        with self.engine.connect() as connection:
            found = connection.execute(
                select(func.max(FactRow.event_seq)).where(FactRow.kind.in_(kinds))
            ).scalar_one()
            return int(found or 0)

    def persons(self, list_kind: str, party: str) -> list[Person]:
        with self.engine.connect() as connection:
            rows = connection.execute(
                select(FactRow.data)
                .where(FactRow.kind == "person", FactRow.key.startswith(f"{list_kind}/{party}/"))
                .order_by(FactRow.event_seq)
            )
            return [Person.model_validate(row.data["person"]) for row in rows]

    def persons_page(
        self, list_kind: str, party: str, limit: int, offset: int
    ) -> tuple[int, list[dict[str, Any]]]:
        """How many persons the list holds, and `limit` of them from `offset`, in list order,
        each as it was recorded (the JSON form of `Person`: no model is built for a page).
        """
        where = (FactRow.kind == "person", FactRow.key.startswith(f"{list_kind}/{party}/"))
        with self.engine.connect() as connection:
            total = connection.execute(
                select(func.count())
                .select_from(PersonRow)
                .where(PersonRow.list_kind == list_kind, PersonRow.party == party)
            ).scalar_one()
            rows = connection.execute(
                select(FactRow.data).where(*where).order_by(FactRow.event_seq, FactRow.key)
                .limit(limit).offset(offset)
            )  # fmt: skip
            return int(total), [dict(row.data["person"]) for row in rows]

    def has_list(self, party: str) -> bool:
        """Whether `party` has a stored registry or request list (one indexed lookup)."""
        with self.engine.connect() as connection:
            found = connection.execute(
                select(PersonRow.person_id)
                .where(PersonRow.list_kind.in_(("registry", "request")), PersonRow.party == party)
                .limit(1)
            ).first()
            return found is not None

    def person_ids(self, list_kind: str, party: str) -> set[str]:
        with self.engine.connect() as connection:
            rows = connection.execute(
                select(PersonRow.person_id).where(
                    PersonRow.list_kind == list_kind, PersonRow.party == party
                )
            )
            return {row.person_id for row in rows}

    def person_counts(self) -> dict[tuple[str, str], int]:
        with self.engine.connect() as connection:
            rows = connection.execute(select(PersonRow.list_kind, PersonRow.party))
            counts: dict[tuple[str, str], int] = {}
            for row in rows:
                counts[(row.list_kind, row.party)] = counts.get((row.list_kind, row.party), 0) + 1
            return counts

    def events(self) -> list[Event]:
        with self.engine.connect() as connection:
            rows = connection.execute(select(EventRow.__table__).order_by(EventRow.seq))
            return [
                Event(
                    seq=r.seq,
                    prev_hash=r.prev_hash,
                    type=r.type,
                    payload=dict(r.payload),
                    hash=r.hash,
                    corrects=r.corrects,
                )
                for r in rows
            ]


class _Appender:
    """Appends events on one connection inside its transaction, holding the append lock."""

    def __init__(self, connection: Connection) -> None:
        self.connection = connection
        if connection.dialect.name == "postgresql":
            connection.execute(text("SELECT pg_advisory_xact_lock(:k)"), {"k": _PG_APPEND_LOCK})
        head = connection.execute(
            select(EventRow.seq, EventRow.hash).order_by(EventRow.seq.desc()).limit(1)
        ).first()
        self.seq: int = head.seq if head else 0
        self.hash: str = head.hash if head else GENESIS_HASH
        self.now = datetime.now(UTC)

    def record(self, facts: Sequence[Fact]) -> Changes:
        changes = Changes()
        current = self._current(facts)
        events: list[dict[str, Any]] = []
        new_facts: list[dict[str, Any]] = []
        changed_facts: list[dict[str, Any]] = []
        seen: set[tuple[str, str]] = set()
        for fact in facts:
            if (fact.kind, fact.key) in seen:
                raise ValueError(f"{fact.kind} {fact.key!r} given twice in one command")
            seen.add((fact.kind, fact.key))
            before = current.get((fact.kind, fact.key))
            if before is not None and before[0] == fact.data:
                changes.unchanged += 1
                continue
            private = None
            if fact.kind in PRIVATE_KINDS:  # about persons: only a digest in the public log
                private, digest = private_fact(fact.key, fact.data)
                payload: dict[str, Any] = {"kind": fact.kind, "digest": digest}
            else:
                payload = {"kind": fact.kind, "key": fact.key, "data": fact.data}
            corrects = None
            if before is None:
                type_ = f"{fact.kind}.recorded"
                changes.new += 1
            else:
                type_ = f"{fact.kind}.corrected"
                corrects = before[1]
                payload["corrects"] = corrects
                changes.changed += 1
                changes.corrections.append(f"{fact.kind} {fact.key}")
            events.append(self._event(type_, fact.key, payload, corrects) | {"private": private})
            row = {"kind": fact.kind, "key": fact.key, "data": fact.data, "event_seq": self.seq}
            (new_facts if before is None else changed_facts).append(row)
        if events:
            self.connection.execute(insert(EventRow), events)
        if new_facts:
            self.connection.execute(insert(FactRow), new_facts)
        for row in changed_facts:
            self.connection.execute(
                update(FactRow)
                .where(FactRow.kind == row["kind"], FactRow.key == row["key"])
                .values(data=row["data"], event_seq=row["event_seq"])
            )
        self._project_persons(new_facts, changed_facts)
        return changes

    def _event(
        self, type_: str, key: str, payload: dict[str, Any], corrects: int | None
    ) -> dict[str, Any]:
        seq = self.seq + 1
        digest = event_hash(seq, self.hash, type_, payload)
        row = {
            "seq": seq,
            "prev_hash": self.hash,
            "hash": digest,
            "type": type_,
            "key": key,
            "payload": payload,
            "corrects": corrects,
            "recorded_at": self.now,
            "signatures": None,
            "private": None,
        }
        self.seq, self.hash = seq, digest
        return row

    def _current(self, facts: Sequence[Fact]) -> dict[tuple[str, str], tuple[Any, int]]:
        kinds = {f.kind for f in facts}
        if not kinds:
            return {}
        rows = self.connection.execute(
            select(FactRow.kind, FactRow.key, FactRow.data, FactRow.event_seq).where(
                FactRow.kind.in_(kinds)
            )
        )
        return {(r.kind, r.key): (r.data, r.event_seq) for r in rows}

    def _project_persons(
        self, new_facts: list[dict[str, Any]], changed_facts: list[dict[str, Any]]
    ) -> None:
        new_rows = [_person_row(f) for f in new_facts if f["kind"] == "person"]
        if new_rows:
            self.connection.execute(insert(PersonRow), new_rows)
        for fact in changed_facts:
            if fact["kind"] != "person":
                continue
            row = _person_row(fact)
            self.connection.execute(
                update(PersonRow)
                .where(
                    PersonRow.list_kind == row["list_kind"],
                    PersonRow.party == row["party"],
                    PersonRow.person_id == row["person_id"],
                )
                .values(**row)
            )


def _entry(row: Any) -> Entry:
    signatures = tuple(Signature(**s) for s in row.signatures or ())
    private = dict(row.private) if row.private is not None else None
    return Entry(row.seq, row.prev_hash, row.type, dict(row.payload), row.hash, signatures, private)


def _person_row(fact: dict[str, Any]) -> dict[str, Any]:
    data = fact["data"]
    person = Person.model_validate(data["person"])
    fields = person.model_dump(exclude={"id"})
    return {
        "list_kind": data["list_kind"],
        "party": data["party"],
        "person_id": person.id,
        **fields,
        "event_seq": fact["event_seq"],
    }
