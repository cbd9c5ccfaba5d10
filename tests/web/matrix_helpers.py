"""What the access matrix, the leak scan and the schemathesis run share: an exchange in both
directions (each party holds persons and asks for persons), its users signed in, and one real,
valid request for every route of the API, so that a 200 is a real success.

The exchange is kept in three states, each a SQLite file copied afresh for a test that writes:
`kept` (lists verified both ways, the signers' keys registered, plan `june-terms` kept but not
opened), `opened` (its stages opened) and `handed` (both parties' stage-1 handovers signed,
waiting for confirmations). The users' tokens are in the files, so every copy knows them and
no test pays for Argon2 again.
"""

from __future__ import annotations

import csv
import shutil
from collections.abc import Callable, Iterator
from contextlib import contextmanager
from dataclasses import dataclass, field
from datetime import date, timedelta
from importlib import resources
from pathlib import Path
from typing import Any

import pytest
from argon2 import PasswordHasher
from fastapi.testclient import TestClient

from parley.ledger.keys import SigningKey, new_key, read_key
from parley.planning.terms import parse_terms
from parley.service import plan_office, records, users
from parley.service.access import Principal
from parley.service.custody import record_handover
from parley.service.ledger import new_registered_key
from parley.service.records import open_store
from parley.service.verification import review_queue, verify_requests
from parley.settings import Settings
from parley.synth import synth_lists, write_synth_lists
from parley.web import create_app

from web_helpers import PASSWORD, USERS

PARTIES = ("UA", "RU")
PLAN = "june-terms"
STAGE = "1"
BASES = ("kept", "opened", "handed")
# Whose signature a prepared entry needs -> the user who prepares it.
SIGNER_USER = {"UA": "ua-lead", "RU": "ru-lead", "mediator": "mediator"}
TERMS = (resources.files("parley.planning") / "examples" / "june-terms.yaml").read_bytes()
_MEDIATOR = Principal("mediator", "mediator")


@dataclass(frozen=True)
class Exchange:
    folder: Path
    keys: dict[str, Path]  # signer (UA, RU, mediator) -> key file
    tokens: dict[str, str]  # user -> bearer token, alive in every copy
    review_pair: tuple[str, str, str]  # a pair waiting for review: requester, request, registry

    def db(self, base: str) -> Path:
        return self.folder / f"{base}.db"

    def key(self, signer: str) -> SigningKey:
        return read_key(self.keys[signer])

    def headers(self, name: str) -> dict[str, str]:
        if name == "anonymous":
            return {}
        return {"Authorization": f"Bearer {self.tokens[name]}"}

    def copy(self, base: str, folder: Path) -> str:
        """A fresh copy of a state, for a test that writes; its database URL."""
        folder.mkdir(parents=True, exist_ok=True)
        target = folder / f"{base}-{len(list(folder.iterdir()))}.db"
        shutil.copy(self.db(base), target)
        return f"sqlite:///{target}"


def _add_a_doubtful_namesake(lists: Path) -> None:
    """Register, in RU's registry, a namesake of a UA request that nobody holds, born a day
    apart: one part of a birth date is a slip or another man, which only a person can tell,
    so verification leaves the pair to the review desk however well the linker does."""
    with (lists / "truth_ua.csv").open(encoding="utf-8", newline="") as f:
        held = {row["request_id"] for row in csv.DictReader(f)}
    with (lists / "ua_requests.csv").open(encoding="utf-8", newline="") as f:
        asked = next(
            row
            for row in csv.DictReader(f)
            if row["id"] not in held and row["birth_date"] and row["patronymic"]
        )
    born = date.fromisoformat(asked["birth_date"])
    twin = asked | {
        "id": "RU-H-9999999",
        "birth_date": (born + timedelta(days=1 if born.day < 28 else -1)).isoformat(),
    }
    registry = lists / "ru_registry.csv"
    with registry.open(encoding="utf-8", newline="") as f:
        header = next(csv.reader(f))
    with registry.open("a", encoding="utf-8", newline="") as f:
        csv.DictWriter(f, fieldnames=header).writerow({k: twin.get(k, "") for k in header})


def build_exchange(folder: Path) -> Exchange:
    kept = folder / "kept.db"
    store = open_store(Settings(db_url=f"sqlite:///{kept}"))
    lists = folder / "lists"
    write_synth_lists(synth_lists(2, 0.03), lists)
    _add_a_doubtful_namesake(lists)
    for name, kind, party in (
        ("ua_requests.csv", "request", "UA"),
        ("ru_registry.csv", "registry", "RU"),
        ("ru_requests.csv", "request", "RU"),
        ("ua_registry.csv", "registry", "UA"),
    ):
        records.import_persons(store, lists / name, kind, party)
    # A low review threshold, so that doubtful pairs wait for the review desk.
    verify_requests(store, "UA", "RU", 0.9, 0.3)
    verify_requests(store, "RU", "UA", 0.9, 0.3)
    waiting = review_queue(store)
    assert waiting, "the exchange needs a pair waiting for review"
    pair = (waiting[0].requester, waiting[0].request_id, waiting[0].registry_id)
    # Cheap Argon2 parameters for these users (the hash is still Argon2id, and checked the
    # same way): what this exchange tests is access, not the cost of a sign-in.
    with pytest.MonkeyPatch.context() as patch:
        patch.setattr(users, "_hasher", PasswordHasher(time_cost=1, memory_cost=1024))
        for name, (role, party) in USERS.items():
            users.add_user(store, name, role, party, PASSWORD)
    keys = {s: folder / f"{s}.key" for s in SIGNER_USER}
    for signer, path in keys.items():
        new_registered_key(store, signer, path)
    plan_office.make_stored_plan(store, _MEDIATOR, parse_terms(TERMS.decode(), "june-terms.yaml"))
    tokens = {n: users.sign_in(store, n, PASSWORD, "bearer", 24 * 3600).token for n in USERS}
    store.close()
    exchange = Exchange(folder, keys, tokens, pair)

    shutil.copy(kept, exchange.db("opened"))
    store = open_store(Settings(db_url=f"sqlite:///{exchange.db('opened')}"))
    plan_office.open_stored_plan(store, _MEDIATOR, PLAN)
    store.close()

    shutil.copy(exchange.db("opened"), exchange.db("handed"))
    store = open_store(Settings(db_url=f"sqlite:///{exchange.db('handed')}"))
    for party in PARTIES:
        record_handover(store, STAGE, party, exchange.key(party))
    store.close()
    return exchange


_BUILT: dict[str, Exchange] = {}


@pytest.fixture(scope="session")
def exchange(tmp_path_factory: pytest.TempPathFactory) -> Exchange:
    """The exchange, built once a session however many modules import this fixture."""
    if "exchange" not in _BUILT:
        _BUILT["exchange"] = build_exchange(tmp_path_factory.mktemp("matrix-exchange"))
    return _BUILT["exchange"]


@contextmanager
def service(url: str) -> Iterator[TestClient]:
    """The app over `url`, its store closed afterwards (many copies are opened in a run)."""
    app = create_app(Settings(db_url=url))
    try:
        with TestClient(app) as client:
            yield client
    finally:
        app.state.store.close()


# -- one real request per route ------------------------------------------------------------


@dataclass
class Call:
    method: str
    url: str
    kwargs: dict[str, Any] = field(default_factory=dict)


@dataclass
class Ctx:
    client: TestClient
    exchange: Exchange

    def send(self, call: Call, who: str) -> Any:
        return self.client.request(
            call.method, call.url, headers=self.exchange.headers(who), **call.kwargs
        )


Builder = Callable[[Ctx, str, str | None], Call]


@dataclass(frozen=True)
class Route:
    build: Builder
    base: str = "handed"  # the state a real success needs
    variants: tuple[str | None, ...] = (None,)  # the party in the path, or whose entry
    paged: str | None = None  # the body's list, for a route read a page at a time


def get(url: str) -> Builder:
    return lambda _c, _w, v: Call("GET", url.format(v=v))


def post(url: str, **kwargs: Any) -> Builder:
    return lambda _c, _w, v: Call("POST", url.format(v=v), dict(kwargs))


def person_file(party: str) -> bytes:
    """A small valid person list (README "Person files"), with names no synthetic list has."""
    return (
        "id,family_name,given_name,birth_date,sex,category\n"
        f"{party}-MX-0001,Matrixova,Olena,1990-01-02,F,civilian\n"
        f"{party}-MX-0002,Matrixenko,Petro,02.03.1985,M,serviceman\n"
    ).encode()


def upload(url: str) -> Builder:
    def build(_c: Ctx, _w: str, party: str | None) -> Call:
        file = (f"{party}-list.csv", person_file(str(party)), "text/csv")
        return Call("POST", url.format(v=party), {"files": {"file": file}})

    return build


def token(_c: Ctx, who: str, _v: str | None) -> Call:
    name = "ua-clerk" if who == "anonymous" else who
    return Call("POST", "/api/token", {"data": {"username": name, "password": PASSWORD}})


def review_decision(ctx: Ctx, _w: str, _v: str | None) -> Call:
    requester, request_id, registry_id = ctx.exchange.review_pair
    body = {"requester": requester, "request_id": request_id, "registry_id": registry_id,
            "verdict": "accept", "note": "seen by the matrix"}  # fmt: skip
    return Call("POST", "/api/v1/review", {"json": body})


def signer_of(who: str) -> str:
    return {"ua-lead": "UA", "ru-lead": "RU"}.get(who, "mediator")


def key_prepare(_c: Ctx, who: str, _v: str | None) -> Call:
    body = {"public_key": new_key(signer_of(who)).public_key}
    return Call("POST", "/api/v1/keys/prepare", {"json": body})


def prepared(ctx: Ctx, path: str, body: Any, whose: str) -> str:
    """The hash of an entry prepared by `whose` office (set-up for a commit)."""
    user = SIGNER_USER[whose]
    ready = ctx.client.post(path, json=body, headers=ctx.exchange.headers(user))
    assert ready.status_code == 200, f"set-up: {path} as {user}: {ready.text}"
    digest: str = ready.json()["hash"]
    return digest


def commit(kind: str) -> Builder:
    """A commit of an entry `whose` office prepared and signed with its registered key."""
    prepare = f"/api/v1/stages/{STAGE}/{kind}/prepare"

    def build(ctx: Ctx, _w: str, whose: str | None) -> Call:
        digest = prepared(ctx, prepare, {}, str(whose))
        signed = {"hash": digest, "signature": ctx.exchange.key(str(whose)).sign(digest)}
        return Call("POST", f"/api/v1/stages/{STAGE}/{kind}/commit", {"json": signed})

    return build


def key_commit(ctx: Ctx, _w: str, whose: str | None) -> Call:
    key = new_key(str(whose))
    digest = prepared(ctx, "/api/v1/keys/prepare", {"public_key": key.public_key}, str(whose))
    signed = {"hash": digest, "signature": key.sign(digest)}
    return Call("POST", "/api/v1/keys/commit", {"json": signed})


SIGNERS = ("UA", "RU", "mediator")
# Routes read as they are, with no parameter.
PLAIN_GETS = ("report", "rounds", "agreements", "stages", "tallies", "claims", "fulfilment",
              "handovers", "ledger/head", "ledger/export", "ledger/export/private", "me",
              "plans", "users")  # fmt: skip
ROUTES: dict[tuple[str, str], Route] = {
    ("POST", "/api/token"): Route(token),
    **{("GET", f"/api/v1/{name}"): Route(get(f"/api/v1/{name}")) for name in PLAIN_GETS},
    ("GET", "/api/v1/registry/{holder}"): Route(
        get("/api/v1/registry/{v}?limit=100"), variants=PARTIES, paged="persons"
    ),
    ("POST", "/api/v1/registry/{holder}"): Route(upload("/api/v1/registry/{v}"), variants=PARTIES),
    ("GET", "/api/v1/requests/{by}"): Route(
        get("/api/v1/requests/{v}?limit=100"), variants=PARTIES, paged="requests"
    ),
    ("POST", "/api/v1/requests/{by}"): Route(upload("/api/v1/requests/{v}"), variants=PARTIES),
    ("GET", "/api/v1/requests/{by}/status"): Route(
        get("/api/v1/requests/{v}/status"), variants=PARTIES
    ),
    ("GET", "/api/v1/disclosures/{party}"): Route(get("/api/v1/disclosures/{v}"), variants=PARTIES),
    ("POST", "/api/v1/disclosures/{party}"): Route(
        post("/api/v1/disclosures/{v}"), variants=PARTIES
    ),
    ("POST", "/api/v1/plans"): Route(
        post("/api/v1/plans", files={"file": ("june-terms.yaml", TERMS, "application/yaml")}),
        base="kept",
    ),
    ("GET", "/api/v1/plans/{plan_id}"): Route(get(f"/api/v1/plans/{PLAN}")),
    ("POST", "/api/v1/plans/{plan_id}/open"): Route(
        post(f"/api/v1/plans/{PLAN}/open"), base="kept"
    ),
    ("GET", "/api/v1/access-log"): Route(get("/api/v1/access-log?limit=100"), paged="entries"),
    ("POST", "/api/v1/verification"): Route(
        post("/api/v1/verification", json={"by": "UA", "against": "RU"})
    ),
    ("GET", "/api/v1/review"): Route(get("/api/v1/review?limit=50")),
    ("POST", "/api/v1/review"): Route(review_decision),
    ("POST", "/api/v1/stages/{stage}/handover/prepare"): Route(
        post(f"/api/v1/stages/{STAGE}/handover/prepare", json={}), base="opened"
    ),
    ("POST", "/api/v1/stages/{stage}/handover/commit"): Route(
        commit("handover"), base="opened", variants=PARTIES
    ),
    ("POST", "/api/v1/stages/{stage}/confirm/prepare"): Route(
        post(f"/api/v1/stages/{STAGE}/confirm/prepare")
    ),
    ("POST", "/api/v1/stages/{stage}/confirm/commit"): Route(commit("confirm"), variants=SIGNERS),
    ("POST", "/api/v1/keys/prepare"): Route(key_prepare),
    ("POST", "/api/v1/keys/commit"): Route(key_commit, variants=SIGNERS),
}


def api_routes(client: TestClient) -> set[tuple[str, str]]:
    """Every (method, path) of the app's OpenAPI under /api (the pages are not the API)."""
    paths = client.get("/openapi.json").json()["paths"]
    return {
        (method.upper(), path)
        for path, operations in paths.items()
        if path.startswith("/api")
        for method in operations
        if method in ("get", "post", "put", "patch", "delete")
    }


def documented(client: TestClient) -> dict[tuple[str, str], set[int]]:
    """(method, path) -> the statuses its OpenAPI description declares."""
    paths = client.get("/openapi.json").json()["paths"]
    return {
        (method.upper(), path): {int(s) for s in operation["responses"]}
        for path, operations in paths.items()
        for method, operation in operations.items()
    }
