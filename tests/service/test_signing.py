"""Signing in the office: the server prepares, the office signs with its own key, the server
appends only a good signature on an unmoved head."""

from __future__ import annotations

from dataclasses import replace
from pathlib import Path

import pytest

from parley.ledger.keys import SigningKey, new_key
from parley.planning.plan import Plan, StagePlan, Transfer
from parley.service.access import Forbidden, Principal
from parley.service.custody import open_stages, record_handover
from parley.service.ledger import register_key, verify_store
from parley.service.signing import (
    BadSignature,
    NotPrepared,
    commit,
    prepare_confirmation,
    prepare_handover,
    prepare_key,
)
from parley.store import HeadMoved, Store

UA_LEAD = Principal("ua-lead", "lead", "UA")
RU_LEAD = Principal("ru-lead", "lead", "RU")
MEDIATOR = Principal("med", "mediator")


def _plan() -> Plan:
    transfers = (
        Transfer("RU-1", "RU", "UA", "c1"), Transfer("RU-2", "RU", "UA", "c2"),
        Transfer("UA-1", "UA", "RU", "c1"), Transfer("UA-2", "UA", "RU", "c2"),
    )  # fmt: skip
    return Plan("optimal", 0, 4, (StagePlan(1, transfers),), (), (), 0.0)


@pytest.fixture
def keys(store: Store) -> dict[str, SigningKey]:
    made = {s: new_key(s) for s in ("RU", "UA", "mediator")}
    for key in made.values():
        register_key(store, key)
    open_stages(store, _plan(), {"c1": "serviceman", "c2": "civilian"})
    return made


def test_a_handover_of_two_categories_takes_two_rounds(
    store: Store, keys: dict[str, SigningKey]
) -> None:
    first = prepare_handover(store, UA_LEAD, "1")
    assert (first.type, first.signer, first.remaining) == ("handover", "UA", 1)
    commit(store, UA_LEAD, first.hash, keys["UA"].sign(first.hash))
    second = prepare_handover(store, UA_LEAD, "1")
    assert second.remaining == 0 and second.payload["category"] != first.payload["category"]
    commit(store, UA_LEAD, second.hash, keys["UA"].sign(second.hash))
    with pytest.raises(ValueError, match="already recorded"):
        prepare_handover(store, UA_LEAD, "1")
    assert verify_store(store).ok


def test_confirmations_signed_by_each_office_make_a_handover_count(
    store: Store, keys: dict[str, SigningKey]
) -> None:
    record_handover(store, "1", "RU", keys["RU"])
    for who, signer in ((UA_LEAD, "UA"), (MEDIATOR, "mediator"), (RU_LEAD, "RU")):
        while True:
            try:
                step = prepare_confirmation(store, who, "1")
            except ValueError:
                break
            commit(store, who, step.hash, keys[signer].sign(step.hash))
    checked = verify_store(store)
    assert checked.ok
    assert all(checked.confirmed(seq) for seq in checked.handovers)


def test_a_moved_head_means_prepare_again(store: Store, keys: dict[str, SigningKey]) -> None:
    record_handover(store, "1", "RU", keys["RU"])
    early = prepare_confirmation(store, UA_LEAD, "1")
    late = prepare_confirmation(store, MEDIATOR, "1")
    commit(store, MEDIATOR, late.hash, keys["mediator"].sign(late.hash))
    with pytest.raises(HeadMoved, match="prepare again"):
        commit(store, UA_LEAD, early.hash, keys["UA"].sign(early.hash))
    again = prepare_confirmation(store, UA_LEAD, "1")
    commit(store, UA_LEAD, again.hash, keys["UA"].sign(again.hash))
    assert verify_store(store).ok


def test_a_signature_by_another_key_is_refused_and_nothing_appended(
    store: Store, keys: dict[str, SigningKey]
) -> None:
    record_handover(store, "1", "RU", keys["RU"])
    step = prepare_confirmation(store, UA_LEAD, "1")
    before = store.head()
    with pytest.raises(BadSignature):
        commit(store, UA_LEAD, step.hash, new_key("UA").sign(step.hash))
    with pytest.raises(Forbidden):  # RU's lead cannot commit what UA must sign
        commit(store, RU_LEAD, step.hash, keys["RU"].sign(step.hash))
    with pytest.raises(NotPrepared):
        commit(store, UA_LEAD, "0" * 64, keys["UA"].sign("0" * 64))
    assert store.head() == before


def test_clerks_do_not_sign_and_the_mediator_hands_nobody_over(
    store: Store, keys: dict[str, SigningKey]
) -> None:
    with pytest.raises(Forbidden):
        prepare_confirmation(store, Principal("c", "clerk", "UA"), "1")
    with pytest.raises(Forbidden):
        prepare_handover(store, MEDIATOR, "1")


def test_an_office_registers_its_own_key(store: Store, tmp_path: Path) -> None:
    key = new_key("UA")
    step = prepare_key(store, UA_LEAD, key.public_key)
    commit(store, UA_LEAD, step.hash, key.sign(step.hash))
    assert verify_store(store).ok
    with pytest.raises(ValueError, match="64 lowercase hex"):
        prepare_key(store, UA_LEAD, "xyz")


def test_a_confirmation_decided_on_an_old_head_is_decided_again(
    store: Store, keys: dict[str, SigningKey], monkeypatch: pytest.MonkeyPatch
) -> None:
    """Another office appends between deciding and appending: the writer decides again
    instead of appending the same confirmation twice."""
    from parley.service import custody

    record_handover(store, "1", "RU", keys["RU"])
    decide = custody.confirmation_entries
    interloped: list[int] = []

    def racing(*args: object, **kwargs: object) -> list[object]:
        found = decide(*args, **kwargs)  # type: ignore[arg-type]
        if not interloped:  # the other twin of UA's office gets there first
            interloped.append(1)
            store.append_entries([replace(found[0], keys=(keys["UA"],))])
        return found  # type: ignore[return-value]

    monkeypatch.setattr(custody, "confirmation_entries", racing)
    appended = custody.confirm_stage(store, "1", "UA", keys["UA"])
    assert len(appended) == 1  # the one the other twin had not confirmed
    confirmed = [e.payload["handover_seq"] for e in store.entries()
                 if e.type == "handover.confirmed"]  # fmt: skip
    assert sorted(confirmed) == sorted(set(confirmed)) and len(confirmed) == 2
    assert verify_store(store).ok
