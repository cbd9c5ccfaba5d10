"""`parley stage handover|confirm --server URL`: signing as a client of the shared service.

The server prepares each entry, this office checks that the hash is the hash of what it is
shown and signs it with its own key, and the server appends it; the key never leaves here.
One entry a round trip; when another entry came first (409), prepare again.
"""

from __future__ import annotations

import random
import sys
import time
from collections.abc import Iterator
from contextlib import contextmanager
from typing import Any

import httpx
import typer
from rich.markup import escape

from parley.cli.common import errors
from parley.domain.events import event_hash
from parley.ledger.keys import SigningKey

TIMEOUT = 30.0  # seconds: a confirmation is quick; a server this slow is not working
RETRIES = 8  # prepares again in a row after a moved head before giving up
BACKOFF = 0.05  # seconds before the first new prepare; doubles, with jitter


class RemoteError(Exception):
    """The server refused, or could not be reached; the message is one line for the user."""

    def __init__(self, message: str, status: int | None = None) -> None:
        super().__init__(message)
        self.status = status


class HeadMoved(RemoteError):
    """Another entry was appended between prepare and commit."""


def _detail(answer: httpx.Response) -> str:
    """The server's `detail` in words: a string, or refused input as a list of messages."""
    try:
        detail = answer.json().get("detail")
    except (ValueError, AttributeError):
        detail = None
    if isinstance(detail, list):
        words = [str(d.get("msg", d)) if isinstance(d, dict) else str(d) for d in detail]
        return "; ".join(words) or answer.reason_phrase
    return str(detail) if detail else f"{answer.status_code} {answer.reason_phrase}"


class Remote:
    """A signed-in session with the service at `server`."""

    def __init__(self, server: str, http: httpx.Client | None = None) -> None:
        self.server = server.rstrip("/")
        self.http = http or httpx.Client(base_url=self.server, timeout=TIMEOUT)

    def close(self) -> None:
        self.http.close()

    def _call(self, method: str, path: str, **kwargs: Any) -> Any:
        try:
            answer = self.http.request(method, path, **kwargs)
        except httpx.HTTPError as error:  # refused connection, timeout, broken answer...
            reason = str(error) or type(error).__name__
            raise RemoteError(f"cannot reach {self.server}: {reason}") from None
        except httpx.InvalidURL as error:
            raise RemoteError(f"{self.server} is not a server URL: {error}") from None
        if answer.status_code == 409:
            raise HeadMoved(_detail(answer), 409)
        if answer.status_code >= 400:
            status = answer.status_code
            raise RemoteError(f"{self.server} answered {status}: {_detail(answer)}", status)
        try:
            return answer.json()
        except ValueError:
            raise RemoteError(f"{self.server} answered {path} with no JSON") from None

    def sign_in(self, user: str, password: str) -> None:
        token = self._call("POST", "/api/token", data={"username": user, "password": password})
        self.http.headers["Authorization"] = f"Bearer {token['access_token']}"

    def signer(self) -> str:
        """Whose signature the signed-in user gives: a lead its party's, the mediator's."""
        me = self._call("GET", "/api/v1/me")
        if me.get("role") == "mediator":
            return "mediator"
        if me.get("role") == "lead" and me.get("party"):
            return str(me["party"])
        raise RemoteError(
            f"{me.get('name')} is a {me.get('role')}: only a party's lead or the mediator signs"
        )

    def prepare(self, stage: str, kind: str, body: dict[str, Any] | None) -> dict[str, Any]:
        result: dict[str, Any] = self._call(
            "POST", f"/api/v1/stages/{stage}/{kind}/prepare", json=body
        )
        return result

    def commit(self, stage: str, kind: str, digest: str, signature: str) -> dict[str, Any]:
        result: dict[str, Any] = self._call(
            "POST",
            f"/api/v1/stages/{stage}/{kind}/commit",
            json={"hash": digest, "signature": signature},
        )
        return result


def _checked(to_sign: dict[str, Any], key: SigningKey, kind: str, stage: str) -> str:
    """The hash to sign, once it is the hash of the entry shown and that entry is what was
    asked for: the office signs what it has seen, not whatever the server sends.
    """
    expected = "handover" if kind == "handover" else "handover.confirmed"
    payload = to_sign["payload"]
    digest = event_hash(to_sign["seq"], to_sign["prev_hash"], to_sign["type"], payload)
    if digest != to_sign["hash"]:
        raise RemoteError("the server's entry does not hash to the hash it asks to sign")
    if to_sign["type"] != expected or to_sign["signer"] != key.signer:
        raise RemoteError(
            f"the server asks {to_sign['signer']} to sign a {to_sign['type']}, not "
            f"{key.signer} a {expected}"
        )
    if kind == "handover" and (payload.get("stage"), payload.get("from")) != (stage, key.signer):
        raise RemoteError(f"the server's handover is not {key.signer}'s in stage {stage}")
    return digest


# What a prepare answers (422) when there is nothing left: after a commit of ours, the rest
# was appended by another client of the same office, which is no failure.
_DONE = ("nothing in stage", "has already recorded")


def sign_all(
    remote: Remote, stage: str, kind: str, key: SigningKey, body: dict[str, Any] | None = None
) -> list[dict[str, Any]]:
    """Prepare, check, sign and commit entries until none remain; the entries appended."""
    appended: list[dict[str, Any]] = []
    moved = 0
    while True:
        try:
            to_sign = remote.prepare(stage, kind, body)
        except RemoteError as error:
            if appended and error.status == 422 and any(w in str(error) for w in _DONE):
                return appended
            raise
        digest = _checked(to_sign, key, kind, stage)
        try:
            appended.append(remote.commit(stage, kind, digest, key.sign(digest)))
        except HeadMoved:
            moved += 1
            if moved > RETRIES:
                raise RemoteError(
                    f"the ledger kept moving on ({moved} times in a row): try again later"
                ) from None
            errors.print(f"the ledger moved on (seq {to_sign['seq']} taken): preparing again")
            time.sleep(BACKOFF * 2 ** (moved - 1) * random.uniform(0.5, 1.5))
            continue
        moved = 0
        if to_sign["remaining"] == 0:
            return appended


def signed(
    server: str,
    user: str,
    secret: str,
    stage: str,
    kind: str,
    key: SigningKey,
    body: dict[str, Any] | None = None,
) -> list[dict[str, Any]]:
    """Sign in as `user`, make sure that user signs for the key's signer, and sign."""
    remote = Remote(server)
    try:
        remote.sign_in(user, secret)
        signs_for = remote.signer()
        if signs_for != key.signer:
            raise RemoteError(f"{user} signs for {signs_for}, not for {key.signer}")
        return sign_all(remote, stage, kind, key, body)
    finally:
        remote.close()


def password(from_stdin: bool, environ: dict[str, str]) -> str:
    """--password-stdin, else $PARLEY_PASSWORD, else asked for without echo."""
    if from_stdin:
        return sys.stdin.readline().rstrip("\r\n")
    if environ.get("PARLEY_PASSWORD"):
        return environ["PARLEY_PASSWORD"]
    answer: str = typer.prompt("password", hide_input=True)
    return answer


@contextmanager
def remote_errors() -> Iterator[None]:
    """A refusal or an unreachable server as one line and a non-zero exit, no traceback."""
    try:
        yield
    except RemoteError as error:
        errors.print(f"[bold red]error:[/] {escape(str(error))}", highlight=False, soft_wrap=True)
        # 1: the server refused what was asked; 2: no answer to judge, or a broken server
        raise typer.Exit(1 if error.status and error.status < 500 else 2) from None
