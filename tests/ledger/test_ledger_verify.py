"""A signed log verifies; any tampering is found and named by its seq."""

import json
from dataclasses import replace

import pytest

from parley.domain.events import event_hash
from parley.ledger.entries import read_lines, seal, write_line
from parley.ledger.keys import new_key
from parley.ledger.verify import verify

from ledger_helpers import KEYS, sample_chain


def lines(public: bool = False) -> list[str]:
    return [write_line(e, public) for e in sample_chain().entries]


def verdict(text_lines: list[str]):  # type: ignore[no-untyped-def]
    return verify(read_lines(text_lines))


def test_a_signed_log_verifies_and_knows_what_is_confirmed() -> None:
    result = verdict(lines())
    assert result.ok, result.problem
    assert result.entries == 9 and result.signatures == 9
    assert result.confirmed(6) and not result.confirmed(9)
    assert str(result).startswith("ledger verified: 9 entries")


def test_the_public_log_still_verifies() -> None:
    public = lines(public=True)
    assert all('"private"' not in line for line in public)
    assert verdict(public).ok


@pytest.mark.parametrize("seq", range(1, 10))
def test_changing_a_payload_byte_is_found_at_its_seq(seq: int) -> None:
    text = lines()
    data = json.loads(text[seq - 1])
    data["payload"]["tampered"] = 1
    text[seq - 1] = json.dumps(data)
    result = verdict(text)
    assert not result.ok and result.bad_seq == seq and "hash" in str(result.problem)


def test_a_deleted_line_is_found() -> None:
    text = lines()
    del text[4]
    result = verdict(text)
    assert not result.ok and result.bad_seq == 6 and "missing" in str(result.problem)


def test_two_swapped_lines_are_found() -> None:
    text = lines()
    text[2], text[3] = text[3], text[2]
    result = verdict(text)
    assert not result.ok and result.bad_seq == 4


def test_a_re_signed_entry_with_an_unregistered_key_is_found() -> None:
    chain = sample_chain()
    stranger = new_key("RU")
    bad = chain.entries[5]
    chain.entries[5] = seal(bad.seq, bad.prev_hash, bad.type, bad.payload, [stranger], bad.private)
    result = verify(chain.entries)
    assert not result.ok and result.bad_seq == 6 and "not registered" in str(result.problem)


def test_a_truncated_signature_is_found() -> None:
    chain = sample_chain()
    entry = chain.entries[6]
    cut = replace(entry.signatures[0], signature=entry.signatures[0].signature[:-2])
    chain.entries[6] = replace(entry, signatures=(cut,))
    result = verify(chain.entries)
    assert not result.ok and result.bad_seq == 7 and "not valid" in str(result.problem)


def test_private_persons_must_match_their_digest() -> None:
    chain = sample_chain()
    entry = chain.entries[5]
    assert entry.private is not None
    chain.entries[5] = replace(entry, private={**entry.private, "persons": ["RU-H-1"]})
    result = verify(chain.entries)
    assert not result.ok and result.bad_seq == 6 and "persons_digest" in str(result.problem)


def test_only_sender_receiver_and_mediator_may_confirm() -> None:
    chain = sample_chain()
    handover = chain.entries[5]
    chain.append(
        "handover.confirmed",
        {"handover_seq": 6, "handover_hash": handover.hash, "signer": "recorder"},
        [KEYS["recorder"]],
    )
    result = verify(chain.entries)
    assert not result.ok and result.bad_seq == 10 and "cannot confirm" in str(result.problem)


def test_a_handover_must_be_signed_by_its_sender() -> None:
    chain = sample_chain()
    chain.append(
        "handover",
        {"stage": "s2", "from": "RU", "to": "UA", "category": "remains", "count": 5,
         "persons_digest": "00"},
        [KEYS["UA"]],
    )  # fmt: skip
    result = verify(chain.entries)
    assert not result.ok and result.bad_seq == 10 and "sender" in str(result.problem)


def test_a_published_head_must_still_be_extended() -> None:
    chain = sample_chain()
    head = (5, chain.entries[4].hash)
    assert verify(chain.entries, head=head).ok
    assert not verify(chain.entries, head=(5, "0" * 64)).ok
    assert not verify(chain.entries[:3], head=head).ok


def test_hashes_follow_the_documented_recipe() -> None:
    import hashlib

    entry = sample_chain().entries[0]
    body = {"seq": 1, "prev_hash": "0" * 64, "type": entry.type, "payload": entry.payload}
    text = json.dumps(body, sort_keys=True, separators=(",", ":"), ensure_ascii=False)
    assert entry.hash == hashlib.sha256(text.encode("utf-8")).hexdigest()
    assert entry.hash == event_hash(1, "0" * 64, entry.type, entry.payload)


def test_a_correction_must_replace_a_current_handover_of_the_same_sender() -> None:
    from parley.ledger.entries import private_persons

    chain = sample_chain()
    private, digest = private_persons([])
    chain.append(
        "handover",
        {"stage": "s1", "from": "UA", "to": "RU", "category": "serviceman", "count": 0,
         "persons_digest": digest, "corrects": [6]},
        [KEYS["UA"]], private,
    )  # fmt: skip
    result = verify(chain.entries)
    assert (
        not result.ok and result.bad_seq == 10 and "another stage or sender" in str(result.problem)
    )
