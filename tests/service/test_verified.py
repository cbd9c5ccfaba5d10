"""The service's kept verification: only what was appended is checked, yet tampering is found
by the next full check."""

from __future__ import annotations

import pytest
from sqlalchemy import update

from parley.domain.events import Fact
from parley.service import verified as kept
from parley.service.ledger import verify_store
from parley.store import Store
from parley.store.schema import EventRow


def _facts(store: Store, start: int, count: int) -> None:
    store.record_facts([Fact("note", f"n{i}", {"i": i}) for i in range(start, start + count)])


def test_what_is_appended_is_checked_and_agrees_with_a_full_check(store: Store) -> None:
    _facts(store, 0, 5)
    first = kept.verified(store)
    assert first.ok and first.entries == 5
    _facts(store, 5, 3)
    grown = kept.verified(store)
    assert grown is not first and grown.entries == 8
    assert grown.head == verify_store(store).head and first.entries == 5  # the old one kept


def test_tampering_is_found_by_the_next_full_check(
    store: Store, monkeypatch: pytest.MonkeyPatch
) -> None:
    _facts(store, 0, 5)
    assert kept.verified(store).ok
    with store.engine.begin() as c:
        c.execute(update(EventRow).where(EventRow.seq == 2).values(payload={"kind": "forged"}))
    monkeypatch.setattr(kept, "FULL_CHECK_SECONDS", 0.0)
    found = kept.verified(store)
    assert not found.ok and found.bad_seq == 2


def test_a_rewritten_head_row_forces_a_full_check(store: Store) -> None:
    _facts(store, 0, 3)
    assert kept.verified(store).ok
    with store.engine.begin() as c:
        c.execute(update(EventRow).where(EventRow.seq == 3).values(hash="0" * 64))
    _facts(store, 3, 1)
    assert not kept.verified(store).ok
