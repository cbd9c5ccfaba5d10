"""The store's contract, one suite run against every backend (SQLite and PostgreSQL) through the
`store` fixture: schema migration, fact recording and correction, the hash chain, atomic
refusal, the persons projection, a whole scenario, and concurrent writers.
"""

from __future__ import annotations

import subprocess
import sys
import threading
from datetime import date
from typing import Any

import pytest
from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st
from sqlalchemy import inspect, select
from sqlalchemy.orm import Session

from parley.domain.events import GENESIS_HASH, Event, Fact, chain_problems, event_hash
from parley.domain.facts import person_facts
from parley.domain.people import Person
from parley.domain.record import Record
from parley.scenarios import load_scenario
from parley.service.records import current_record, load_scenario_into
from parley.store import Store
from parley.store.schema import FactRow, PersonRow


def _round(key: str, **data: Any) -> Fact:
    return Fact("round", key, {"id": key, **data})


def _assert_chain_intact(events: list[Event]) -> None:
    assert chain_problems(events) == []
    assert [e.seq for e in events] == list(range(1, len(events) + 1))
    previous = GENESIS_HASH
    for e in events:
        assert e.prev_hash == previous
        assert e.hash == event_hash(e.seq, e.prev_hash, e.type, e.payload)
        previous = e.hash


def _snapshot(store: Store) -> tuple[Any, ...]:
    """Everything a command could have written: events, and both projections."""
    with Session(store.engine) as session:
        facts = session.execute(select(FactRow.kind, FactRow.key, FactRow.data)).all()
        persons = session.execute(select(PersonRow.person_id, PersonRow.family_name)).all()
    return (store.events(), sorted(map(tuple, facts)), sorted(map(tuple, persons)))


# -- schema ---------------------------------------------------------------------------------


def test_migrate_creates_the_schema_once(store_url: str) -> None:
    store = Store(store_url)
    try:
        assert inspect(store.engine).get_table_names() == []
        assert store.migrate() is True
        tables = set(inspect(store.engine).get_table_names())
        assert {"events", "facts", "persons", "alembic_version"} <= tables
        assert store.migrate() is False
        assert store.events() == []
    finally:
        store.close()
    again = Store(store_url)  # a fresh process opening the same database: nothing to do
    try:
        assert again.migrate() is False
    finally:
        again.close()


# -- recording and correcting ---------------------------------------------------------------


def test_record_facts_counts_new_changed_unchanged(store: Store) -> None:
    first = store.record_facts([_round("r1", n=1), _round("r2", n=2), _round("r3", n=3)])
    assert (first.new, first.changed, first.unchanged) == (3, 0, 0)
    assert first.corrections == []

    second = store.record_facts([_round("r1", n=1), _round("r2", n=20), _round("r4", n=4)])
    assert (second.new, second.changed, second.unchanged) == (1, 1, 1)
    assert second.corrections == ["round r2"]
    assert second.written == 2
    assert [f["n"] for f in store.facts("round")] == [1, 3, 20, 4]  # in order of last event
    assert store.facts("stage") == []


def test_recording_the_same_facts_again_writes_no_event(store: Store) -> None:
    facts = [_round("r1", n=1), Fact("stage", "s1", {"id": "s1", "persons": [1, 2]})]
    store.record_facts(facts)
    before = store.events()
    changes = store.record_facts(facts)
    assert (changes.new, changes.changed, changes.unchanged) == (0, 0, 2)
    assert store.events() == before
    assert store.record_facts([]).written == 0
    assert store.events() == before


def test_a_changed_fact_is_recorded_as_a_correction(store: Store) -> None:
    store.record_facts([_round("r0", venue="Ankara")])
    store.record_facts([_round("r1", venue="Istanbul"), _round("r2", venue="Geneva")])
    original = next(e for e in store.events() if e.payload["key"] == "r1")
    assert original.type == "round.recorded"
    assert original.corrects is None
    assert "corrects" not in original.payload

    store.record_facts([_round("r1", venue="Dolmabahçe Palace, Istanbul")])
    correction = store.events()[-1]
    assert correction.type == "round.corrected"
    assert correction.corrects == original.seq
    assert correction.payload == {
        "kind": "round",
        "key": "r1",
        "data": {"id": "r1", "venue": "Dolmabahçe Palace, Istanbul"},
        "corrects": original.seq,
    }
    venues = {f["id"]: f["venue"] for f in store.facts("round")}
    assert venues == {"r0": "Ankara", "r1": "Dolmabahçe Palace, Istanbul", "r2": "Geneva"}

    # A second correction corrects the first correction, not the original.
    store.record_facts([_round("r1", venue="Istanbul")])
    assert store.events()[-1].corrects == correction.seq


def test_the_event_chain_verifies(store: Store) -> None:
    store.record_facts([_round(f"r{i}", n=i) for i in range(5)])
    store.record_facts([_round("r2", n=22), Fact("note", "ü", {"text": "Türkiye — Україна"})])
    store.record_facts([_round("r2", n=222)])
    events = store.events()
    assert len(events) == 8
    assert events[0].prev_hash == "0" * 64
    _assert_chain_intact(events)


def test_a_refused_batch_writes_nothing(store: Store) -> None:
    store.record_facts([_round("r1", n=1), _round("r2", n=2)])
    before = _snapshot(store)
    batch = [_round("r3", n=3), _round("r1", n=10), _round("r4", n=4), _round("r4", n=5)]
    with pytest.raises(ValueError, match="given twice"):
        store.record_facts(batch)
    assert _snapshot(store) == before
    assert len(before[0]) == 2


def test_a_command_that_fails_after_writing_leaves_nothing_behind(store: Store) -> None:
    # The bad person is only noticed when the persons projection is written, after the events
    # and facts rows are already inserted: the transaction must take them all back.
    store.record_facts([_round("r1", n=1)])
    before = _snapshot(store)
    good = person_facts("registry", "RU", [Person(id="1", family_name="Иванов", given_name="Иван")])
    bad = Fact("person", "registry/RU/2", {"list_kind": "registry", "party": "RU", "person": {}})
    with pytest.raises(ValueError):  # pydantic's ValidationError is a ValueError
        store.record_facts([_round("r2", n=2), _round("r1", n=10), *good, bad])
    assert _snapshot(store) == before


# -- persons ----------------------------------------------------------------------------------

RU_REGISTRY = [
    Person(
        id="0042",
        family_name="Иванов",
        given_name="Пётр",
        patronymic="Сергеевич",
        birth_date=date(1991, 2, 28),
        sex="M",
        military_unit="в/ч 12345",
        seriously_wounded=True,
        consent="yes",
        captured_on=date(2024, 8, 6),
        extra={"звание": "рядовой", "note": "=1+1"},
    ),
    Person(id="7", family_name="Шевченко", given_name="Олена", sex="F", category="civilian"),
    Person(id="А-1", family_name="Ёлкин", given_name="Яков", seriously_ill=True, consent="no"),
]
UA_REQUEST = [Person(id="1", family_name="Коваленко", given_name="Андрій")]


def test_persons_round_trip_and_project_one_row_each(store: Store) -> None:
    store.record_facts(person_facts("registry", "RU", RU_REGISTRY))
    store.record_facts(person_facts("request", "UA", UA_REQUEST))
    store.record_facts(person_facts("request", "RU", UA_REQUEST))

    assert store.persons("registry", "RU") == RU_REGISTRY
    assert store.persons("request", "UA") == UA_REQUEST
    assert store.persons("registry", "UA") == []
    assert store.person_counts() == {
        ("registry", "RU"): 3,
        ("request", "UA"): 1,
        ("request", "RU"): 1,
    }

    seqs = {e.private["key"]: e.seq for e in store.entries() if e.private}
    # Not calling the store inside this session: on SQLite its open transaction holds the lock.
    with Session(store.engine) as session:
        rows = session.scalars(
            select(PersonRow).where(PersonRow.list_kind == "registry", PersonRow.party == "RU")
        ).all()
        assert len(rows) == len(RU_REGISTRY)
        by_id = {row.person_id: row for row in rows}
        for person in RU_REGISTRY:
            row = by_id[person.id]
            expected = person.model_dump(exclude={"id"})
            assert {name: getattr(row, name) for name in expected} == expected
            assert row.event_seq == seqs[f"registry/RU/{person.id}"]
        assert by_id["0042"].birth_date == date(1991, 2, 28)
        assert by_id["0042"].extra == {"звание": "рядовой", "note": "=1+1"}


def test_a_corrected_person_updates_its_row(store: Store) -> None:
    store.record_facts(person_facts("registry", "RU", RU_REGISTRY))
    fixed = RU_REGISTRY[1].model_copy(update={"family_name": "Шевченко-Бойко", "consent": "yes"})
    changes = store.record_facts(person_facts("registry", "RU", [fixed]))
    assert (changes.new, changes.changed) == (0, 1)
    assert store.persons("registry", "RU") == [RU_REGISTRY[0], RU_REGISTRY[2], fixed]
    assert store.person_counts() == {("registry", "RU"): 3}
    last = store.events()[-1].seq
    with Session(store.engine) as session:
        row = session.get(PersonRow, ("registry", "RU", "7"))
        assert row is not None
        assert (row.family_name, row.consent) == ("Шевченко-Бойко", "yes")
        assert row.event_seq == last


# -- a whole scenario -------------------------------------------------------------------------


def _in_date_order(record: Record) -> Record:
    """The record with rounds and stages in the order record_from_facts (domain) gives them:
    by date. The scenario file lists the remains repatriations after all the exchanges."""
    rounds = sorted(record.rounds, key=lambda r: (r.date, r.number))
    stages = sorted(record.stages, key=lambda s: (s.date, s.id))
    return record.model_copy(update={"rounds": tuple(rounds), "stages": tuple(stages)})


def test_the_istanbul_scenario_loads_and_reads_back_equal(store: Store) -> None:
    _, changes = load_scenario_into(store, "istanbul-2025")
    assert changes.new > 0
    expected = _in_date_order(load_scenario("istanbul-2025").record)
    assert current_record(store).model_dump() == expected.model_dump()

    _, again = load_scenario_into(store, "istanbul-2025")
    assert (again.new, again.changed) == (0, 0)
    assert again.unchanged == changes.new
    _assert_chain_intact(store.events())


# -- concurrent writers -----------------------------------------------------------------------

WRITER = """
import sys
from parley.domain.events import Fact
from parley.store import Store

url, tag, count = sys.argv[1], sys.argv[2], int(sys.argv[3])
store = Store(url)
store.migrate()
for i in range(count):
    store.record_facts([Fact("note", f"{tag}-{i}-{j}", {"by": tag, "i": i}) for j in range(2)])
store.close()
"""


def _assert_all_notes(store: Store, tags: list[str], count: int) -> None:
    events = store.events()
    _assert_chain_intact(events)
    expected = {f"{tag}-{i}-{j}" for tag in tags for i in range(count) for j in range(2)}
    assert len(events) == len(expected)
    assert {e.payload["key"] for e in events} == expected
    assert len(store.facts("note")) == len(expected)


def test_concurrent_threads_append_one_chain(store: Store) -> None:
    tags, count = [f"t{n}" for n in range(4)], 25
    errors: list[BaseException] = []
    start = threading.Barrier(len(tags))

    def write(tag: str) -> None:
        try:
            start.wait()
            for i in range(count):
                notes = [Fact("note", f"{tag}-{i}-{j}", {"by": tag, "i": i}) for j in range(2)]
                store.record_facts(notes)
        except BaseException as error:
            errors.append(error)

    threads = [threading.Thread(target=write, args=(tag,)) for tag in tags]
    for thread in threads:
        thread.start()
    for thread in threads:
        thread.join()
    assert errors == []
    _assert_all_notes(store, tags, count)


def _spawn(script: str, url: str, tags: list[str], count: int) -> list[subprocess.Popen[str]]:
    """One process a tag, each running `script` against the database at `url`."""
    return [
        subprocess.Popen(
            [sys.executable, "-c", script, url, tag, str(count)],
            stdout=subprocess.PIPE,
            stderr=subprocess.PIPE,
            text=True,
        )
        for tag in tags
    ]


def _run_writers(url: str, tags: list[str], count: int) -> None:
    for writer in _spawn(WRITER, url, tags, count):
        _, stderr = writer.communicate(timeout=300)
        assert writer.returncode == 0, stderr


def test_concurrent_processes_append_one_chain(store: Store) -> None:
    tags, count = ["p1", "p2", "p3"], 20
    _run_writers(store.url, tags, count)
    _assert_all_notes(store, tags, count)


def test_concurrent_processes_migrate_a_new_database_and_append(store_url: str) -> None:
    # Several workers starting at once on an empty database each migrate it first, as
    # parley.service.records.open_store does: exactly one must create the schema, none may fail.
    tags, count = ["m1", "m2", "m3"], 5
    _run_writers(store_url, tags, count)
    store = Store(store_url)
    try:
        assert store.migrate() is False
        _assert_all_notes(store, tags, count)
    finally:
        store.close()


# -- property: whatever is recorded reads back ----------------------------------------------

json_values = st.recursive(
    st.none()
    | st.booleans()
    | st.integers()
    | st.floats(allow_nan=False, allow_infinity=False)
    | st.text(max_size=10),
    lambda inner: (
        st.lists(inner, max_size=3) | st.dictionaries(st.text(max_size=5), inner, max_size=3)
    ),
    max_leaves=8,
)
facts_lists = st.lists(
    st.builds(
        Fact,
        kind=st.sampled_from(["round", "stage", "claim"]),
        key=st.text(min_size=1, max_size=30),
        data=st.dictionaries(st.text(max_size=8), json_values, max_size=4),
    ),
    max_size=12,
    unique_by=lambda f: (f.kind, f.key),
)


@settings(max_examples=30, deadline=None, suppress_health_check=[HealthCheck.too_slow])
@given(facts=facts_lists)
def test_recorded_facts_read_back_the_same(
    tmp_path_factory: pytest.TempPathFactory, facts: list[Fact]
) -> None:
    # A new database per example: function-scoped fixtures are not reset between examples.
    store = Store(f"sqlite:///{tmp_path_factory.mktemp('prop') / 'parley.db'}")
    try:
        store.migrate()
        changes = store.record_facts(facts)
        assert changes.new == len(facts)
        for kind in ("round", "stage", "claim"):
            assert store.facts(kind) == [f.data for f in facts if f.kind == kind]
        _assert_chain_intact(store.events())
        assert store.record_facts(facts).unchanged == len(facts)
    finally:
        store.close()


# -- the signed ledger: concurrent signed appends, and a writer killed mid-append -------------

SIGNER = """
import sys
from parley.ledger.keys import new_key
from parley.store import Store

url, tag, count = sys.argv[1], sys.argv[2], int(sys.argv[3])
store = Store(url)
store.migrate()
key = new_key(tag)
payload = {"signer": tag, "public_key": key.public_key}
store.append_entry("key.registered", f"key/{tag}", payload, [key])
print("ready", flush=True)
for i in range(count):
    store.append_entry("note.signed", f"{tag}/{i}", {"by": tag, "i": i}, [key])
store.close()
"""


def _signers(url: str, tags: list[str], count: int) -> list[subprocess.Popen[str]]:
    return _spawn(SIGNER, url, tags, count)


def test_eight_concurrent_signed_writers_leave_one_intact_chain(store: Store) -> None:
    from parley.ledger.verify import verify

    tags, count = [f"W{n}" for n in range(8)], 200
    for writer in _signers(store.url, tags, count):
        _, stderr = writer.communicate(timeout=600)
        assert writer.returncode == 0, stderr
    entries = store.entries()
    result = verify(entries)
    assert result.ok, str(result)
    assert len(entries) == len(tags) * (count + 1)
    assert result.signatures == len(entries)


def test_a_writer_killed_mid_append_leaves_a_log_that_verifies(store: Store) -> None:
    import signal
    import time

    from parley.ledger.verify import verify

    (writer,) = _signers(store.url, ["K1"], 100_000)
    assert writer.stdout is not None and writer.stdout.readline().strip() == "ready"
    time.sleep(1.0)  # appending by now
    writer.send_signal(signal.SIGKILL)
    writer.wait(timeout=60)
    entries = store.entries()
    assert len(entries) > 1
    assert verify(entries).ok
    store.append_entry("note", "after", {"after": True})  # and the chain goes on
    assert verify(store.entries()).ok
