"""The signing client's loop against a scripted server (httpx.MockTransport): what it signs,
when it prepares again, when it stops. The real service is driven in tests/web/test_cli_remote.py.
"""

from __future__ import annotations

import json
from collections.abc import Callable
from typing import Any

import httpx
import pytest

from parley.cli import remote
from parley.domain.events import GENESIS_HASH, event_hash
from parley.ledger.keys import new_key, signature_valid

Answer = Callable[[httpx.Request], httpx.Response]


def _to_sign(seq: int, handover_seq: int, remaining: int, signer: str = "mediator") -> dict:
    payload = {"handover_seq": handover_seq, "handover_hash": "0" * 64, "signer": signer}
    digest = event_hash(seq, GENESIS_HASH, "handover.confirmed", payload)
    return {
        **{"seq": seq, "prev_hash": GENESIS_HASH, "type": "handover.confirmed"},
        **{"payload": payload, "hash": digest, "signer": signer, "remaining": remaining},
    }


def _client(answer: Answer) -> remote.Remote:
    http = httpx.Client(base_url="http://office.test", transport=httpx.MockTransport(answer))
    return remote.Remote("http://office.test", http)


def _nothing_left(stage: str = "3") -> httpx.Response:
    msg = f"nothing in stage {stage} for mediator to confirm"
    return httpx.Response(422, json={"detail": [{"loc": ["body"], "msg": msg, "type": "x"}]})


def test_each_prepared_entry_is_checked_signed_and_committed(
    monkeypatch: pytest.MonkeyPatch,
) -> None:
    monkeypatch.setattr(remote, "BACKOFF", 0.0)
    key = new_key("mediator")
    queue = [_to_sign(10, 4, 1), _to_sign(10, 4, 1), _to_sign(11, 5, 0)]
    commits: list[dict[str, Any]] = []

    def answer(request: httpx.Request) -> httpx.Response:
        if request.url.path.endswith("/prepare"):
            return httpx.Response(200, json=queue[0])
        body = json.loads(request.content)
        commits.append(body)
        if len(commits) == 1:  # someone else came first: prepare again
            queue.pop(0)
            return httpx.Response(409, json={"detail": "the head moved"})
        entry = queue.pop(0)
        return httpx.Response(200, json={k: entry[k] for k in ("seq", "hash", "type", "payload")})

    appended = remote.sign_all(_client(answer), "3", "confirm", key)
    assert [e["payload"]["handover_seq"] for e in appended] == [4, 5]
    assert len(commits) == 3  # remaining 0 ends it: no prepare after the last
    assert all(signature_valid(key.public_key, c["signature"], c["hash"]) for c in commits)


def test_nothing_left_after_a_commit_is_success_and_before_any_an_error() -> None:
    key = new_key("mediator")
    prepared = [_to_sign(10, 4, 1)]  # says one more, but another mediator client took it

    def answer(request: httpx.Request) -> httpx.Response:
        if request.url.path.endswith("/prepare"):
            return httpx.Response(200, json=prepared.pop()) if prepared else _nothing_left()
        entry = _to_sign(10, 4, 1)
        return httpx.Response(200, json={k: entry[k] for k in ("seq", "hash", "type", "payload")})

    assert len(remote.sign_all(_client(answer), "3", "confirm", key)) == 1
    with pytest.raises(remote.RemoteError, match="422: nothing in stage 3") as refused:
        remote.sign_all(_client(answer), "3", "confirm", key)
    assert refused.value.status == 422


def test_a_hash_that_is_not_the_entry_shown_is_not_signed() -> None:
    key = new_key("mediator")
    forged = {**_to_sign(10, 4, 0), "hash": "ab" * 32}
    committed: list[httpx.Request] = []

    def answer(request: httpx.Request) -> httpx.Response:
        if request.url.path.endswith("/commit"):
            committed.append(request)
        return httpx.Response(200, json=forged)

    with pytest.raises(remote.RemoteError, match="does not hash to the hash"):
        remote.sign_all(_client(answer), "3", "confirm", key)
    other = _to_sign(10, 4, 0, signer="UA")
    with pytest.raises(remote.RemoteError, match="asks UA to sign"):
        remote.sign_all(_client(lambda _r: httpx.Response(200, json=other)), "3", "confirm", key)
    assert not committed


def test_a_head_that_keeps_moving_gives_up(monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.setattr(remote, "BACKOFF", 0.0)
    key = new_key("mediator")

    def answer(request: httpx.Request) -> httpx.Response:
        if request.url.path.endswith("/prepare"):
            return httpx.Response(200, json=_to_sign(10, 4, 0))
        return httpx.Response(409, json={"detail": "the head moved"})

    with pytest.raises(remote.RemoteError, match="kept moving on"):
        remote.sign_all(_client(answer), "3", "confirm", key)


def test_the_password_comes_from_stdin_then_the_environment(
    monkeypatch: pytest.MonkeyPatch,
) -> None:
    import io

    monkeypatch.setattr("sys.stdin", io.StringIO("from-stdin\n"))
    assert remote.password(True, {"PARLEY_PASSWORD": "from-env"}) == "from-stdin"
    assert remote.password(False, {"PARLEY_PASSWORD": "from-env"}) == "from-env"
    asked: list[bool] = []
    monkeypatch.setattr(remote.typer, "prompt", lambda _t, hide_input: asked.append(hide_input))
    remote.password(False, {})
    assert asked == [True]  # typed without echo
