"""What the web tests share besides fixtures: the demo users, signing in, the demo keys."""

from __future__ import annotations

from dataclasses import dataclass
from pathlib import Path

from fastapi.testclient import TestClient

from parley.ledger.keys import SigningKey, read_key

PASSWORD = "demo-password"
# name -> (role, party); the public is "anonymous", with no user.
USERS: dict[str, tuple[str, str | None]] = {
    "ua-clerk": ("clerk", "UA"),
    "ua-lead": ("lead", "UA"),
    "ru-clerk": ("clerk", "RU"),
    "ru-lead": ("lead", "RU"),
    "mediator": ("mediator", None),
}
PRINCIPALS = ("anonymous", *USERS)


@dataclass(frozen=True)
class Demo:
    db: Path  # the pristine database: copy it before writing
    keys: dict[str, Path]  # signer (RU, UA, mediator) -> key file

    def key(self, signer: str) -> SigningKey:
        return read_key(self.keys[signer])


def sign_in(client: TestClient, name: str) -> dict[str, str]:
    """Authorization headers for a demo user; none for the public."""
    if name == "anonymous":
        return {}
    answer = client.post("/api/token", data={"username": name, "password": PASSWORD})
    assert answer.status_code == 200, answer.text
    return {"Authorization": f"Bearer {answer.json()['access_token']}"}
