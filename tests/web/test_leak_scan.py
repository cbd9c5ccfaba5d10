"""The leak scan: no answer to a party's user, on any route of the API, holds an id or a family
name from the other party's registry or request list — until the mediator discloses, and then
exactly the disclosed registry records. The public ledger export holds no person of either.

Every route of matrix_helpers.ROUTES (so every GET and POST of the OpenAPI) is called with each
path variant, list routes page by page; writes run on fresh copies, as in the access matrix.
"""

from __future__ import annotations

import json
import re
import shutil
from contextlib import ExitStack
from dataclasses import dataclass, field
from pathlib import Path
from typing import Any

import pytest
from fastapi.testclient import TestClient

from parley.store import Store

from matrix_helpers import BASES, PARTIES, ROUTES, Call, Ctx, Exchange, api_routes, service
from matrix_helpers import exchange as exchange  # the fixture

PARTY_USERS = {"UA": ("ua-clerk", "ua-lead"), "RU": ("ru-clerk", "ru-lead")}
OTHER = {"UA": "RU", "RU": "UA"}
KINDS = ("registry", "request")
WORD = re.compile(r"\w+")


@dataclass(frozen=True)
class Lists:
    """What the database holds of each list: ids, and the words of every name."""

    ids: dict[tuple[str, str], set[str]]  # (kind, party) -> ids
    family: dict[tuple[str, str], set[str]]  # (kind, party) -> family-name words
    words: dict[str, set[str]]  # party -> every name word on its own lists

    @classmethod
    def read(cls, db: Path) -> Lists:
        store = Store(f"sqlite:///{db}")
        try:
            ids = {(k, p): store.person_ids(k, p) for k in KINDS for p in PARTIES}
            persons = {(k, p): store.persons(k, p) for k in KINDS for p in PARTIES}
        finally:
            store.close()
        family = {
            key: {w for p in ps for w in _words(p.family_name)} for key, ps in persons.items()
        }
        words = {
            party: {w for k in KINDS for p in persons[(k, party)] for w in _words(p.full_name)}
            for party in PARTIES
        }
        return cls(ids, family, words)

    def forbidden(self, party: str) -> tuple[set[str], set[str]]:
        """The other party's ids, and its family-name words that `party`'s own lists lack (the
        same person is often on one party's registry and the other's requests)."""
        other = OTHER[party]
        ids = set().union(*(self.ids[(k, other)] for k in KINDS))
        names = set().union(*(self.family[(k, other)] for k in KINDS)) - self.words[party]
        return ids, names


def _words(text: str) -> set[str]:
    return {w.casefold() for w in WORD.findall(text)}


def readable(answer: Any) -> str:
    """The body as text with every character as itself (JSON may escape non-ASCII)."""
    kind = answer.headers.get("content-type", "")
    if "ndjson" in kind:
        lines = [json.loads(line) for line in answer.text.splitlines() if line.strip()]
        return "\n".join(json.dumps(line, ensure_ascii=False) for line in lines)
    if "json" in kind:
        return json.dumps(answer.json(), ensure_ascii=False)
    return str(answer.text)


@dataclass
class Scan:
    bodies: list[tuple[str, str]] = field(default_factory=list)  # (what was asked, the body)
    routes: set[tuple[str, str]] = field(default_factory=set)

    def found(self, ids: set[str], names: set[str]) -> list[str]:
        pattern = re.compile("|".join(re.escape(i) for i in sorted(ids, key=len, reverse=True)))
        problems = []
        for asked, body in self.bodies:
            leaked = set(pattern.findall(body)) if ids else set()
            words = _words(body) & names
            if leaked or words:
                problems.append(f"{asked}: ids {sorted(leaked)[:5]}, names {sorted(words)[:5]}")
        return problems


def scan(
    exchange: Exchange, states: dict[str, Path], who: str, folder: Path, writes: bool = True
) -> Scan:
    """Every route as `who`: reads on the `handed` state (list routes page by page), writes on
    a fresh copy of the state each needs (one copy a state: a party's writes touch only its
    own lists and entries, and each set-up asserts that it worked)."""
    done = Scan()
    with ExitStack() as stack:
        apps: dict[str, Ctx] = {}

        def ctx(base: str) -> Ctx:
            if base not in apps:
                folder.mkdir(parents=True, exist_ok=True)
                copy = folder / f"{base}.db"
                shutil.copy(states[base], copy)
                client = stack.enter_context(service(f"sqlite:///{copy}"))
                apps[base] = Ctx(client, exchange)
            return apps[base]

        reads = Ctx(stack.enter_context(service(f"sqlite:///{states['handed']}")), exchange)
        for route, plan in ROUTES.items():
            for variant in plan.variants:
                if route[0] == "GET":
                    done.routes.add(route)
                    _read(reads, plan.build(reads, who, variant), plan.paged, who, done)
                elif writes:
                    done.routes.add(route)
                    call = plan.build(ctx(plan.base), who, variant)
                    answer = ctx(plan.base).send(call, who)
                    done.bodies.append((f"{who}: POST {call.url}", readable(answer)))
    return done


def copies(exchange: Exchange, folder: Path, disclose: tuple[str, ...] = ()) -> dict[str, Path]:
    """A copy of each state of the exchange, after the mediator disclosed to `disclose`."""
    folder.mkdir(parents=True, exist_ok=True)
    states = {}
    for base in BASES:
        states[base] = folder / f"{base}.db"
        shutil.copy(exchange.db(base), states[base])
        with service(f"sqlite:///{states[base]}") as client:
            for party in disclose:
                answer = client.post(
                    f"/api/v1/disclosures/{party}", headers=exchange.headers("mediator")
                )
                assert answer.status_code == 200, answer.text
    return states


def _read(ctx: Ctx, call: Call, paged: str | None, who: str, done: Scan) -> None:
    offset = 0
    while True:
        url = call.url if not paged else f"{call.url}&offset={offset}"
        answer = ctx.send(Call("GET", url), who)
        done.bodies.append((f"{who}: GET {url}", readable(answer)))
        if not paged or answer.status_code != 200:
            return
        body = answer.json()
        offset += len(body[paged])
        if not body[paged] or offset >= body["total"]:
            return


@pytest.fixture(scope="module")
def lists(exchange: Exchange) -> Lists:
    return Lists.read(exchange.db("handed"))


@pytest.fixture(scope="module")
def before(exchange: Exchange, tmp_path_factory: pytest.TempPathFactory) -> dict[str, Scan]:
    """Every party user's scan of the exchange, before any disclosure."""
    folder = tmp_path_factory.mktemp("leak-scan")
    states = copies(exchange, folder / "states")
    return {
        who: scan(exchange, states, who, folder / who)
        for users in PARTY_USERS.values()
        for who in users
    }


def test_the_scan_covers_every_route(
    exchange: Exchange, lists: Lists, before: dict[str, Scan]
) -> None:
    with service(f"sqlite:///{exchange.db('handed')}") as client:
        wanted = {r for r in api_routes(client) if r[0] in ("GET", "POST")}
    for who, done in before.items():
        print(f"\nleak scan {who}: {len(done.routes)} routes, {len(done.bodies)} bodies")
        assert done.routes == wanted, who
        # Own lists, read whole: the pages reached every record.
        party = "UA" if who.startswith("ua") else "RU"
        seen = " ".join(body for asked, body in done.bodies if f"/{party}?" in asked)
        assert all(i in seen for k in KINDS for i in lists.ids[(k, party)]), who


@pytest.mark.parametrize("party", PARTIES)
def test_no_party_sees_the_other_partys_lists(
    party: str, lists: Lists, before: dict[str, Scan]
) -> None:
    ids, names = lists.forbidden(party)
    assert len(ids) > 300 and len(names) > 20  # the scan looks for something
    for who in PARTY_USERS[party]:
        assert not before[who].found(ids, names), who


def test_after_disclosure_a_party_sees_exactly_what_was_disclosed(
    exchange: Exchange, lists: Lists, tmp_path: Path
) -> None:
    states = copies(exchange, tmp_path / "states", disclose=("UA",))
    db = states["handed"]
    with service(f"sqlite:///{db}") as client:
        shown_in_requests, shown_in_disclosures = _disclosed_as_seen(client, exchange)
    store = Store(f"sqlite:///{db}")
    try:
        facts = [d for d in store.facts("disclosure") if d["party"] == "UA"]
        matched = {r["request_id"] for r in store.facts("verification") if r["requester"] == "UA"}
    finally:
        store.close()
    disclosed = {str(d["registry_id"]) for d in facts}
    assert len(facts) > 0
    assert disclosed <= lists.ids[("registry", "RU")]
    assert {d["request_id"] for d in facts} <= matched
    assert shown_in_requests == disclosed == shown_in_disclosures

    ids, names = lists.forbidden("UA")
    store = Store(f"sqlite:///{db}")
    try:
        seen_names = {
            w for p in store.persons("registry", "RU") if p.id in disclosed
            for w in _words(p.full_name)
        }  # fmt: skip
    finally:
        store.close()
    for who in PARTY_USERS["UA"]:
        # Reads only: a disclosure changes what is read, not what a write answers.
        done = scan(exchange, states, who, tmp_path / who, writes=False)
        assert not done.found(ids - disclosed, names - seen_names), who
        assert any(d in body for d in disclosed for _, body in done.bodies)
    ids, names = lists.forbidden("RU")  # nothing was disclosed to RU
    done = scan(exchange, states, "ru-clerk", tmp_path / "ru-clerk", writes=False)
    assert not done.found(ids, names)


def _disclosed_as_seen(client: TestClient, exchange: Exchange) -> tuple[set[str], set[str]]:
    """The RU registry ids UA's clerk sees: in its requests' `disclosed`, in its disclosures."""
    headers = exchange.headers("ua-clerk")
    in_requests: set[str] = set()
    offset = 0
    while True:
        page = client.get(f"/api/v1/requests/UA?limit=50&offset={offset}", headers=headers)
        body = page.json()
        for request in body["requests"]:
            if "disclosed" in request:
                assert request["status"] == "matched", request
                in_requests |= {r["id"] for r in request["disclosed"] if r["holder"] == "RU"}
        offset += len(body["requests"])
        if offset >= body["total"]:
            break
    records = client.get("/api/v1/disclosures/UA", headers=headers).json()["records"]
    assert all(r["holder"] == "RU" for r in records)
    return in_requests, {r["id"] for r in records}


def test_the_public_ledger_export_holds_no_person(
    exchange: Exchange, lists: Lists, tmp_path: Path
) -> None:
    every_id = set().union(*lists.ids.values())
    every_name = set().union(*lists.family.values())
    db = tmp_path / "export.db"
    shutil.copy(exchange.db("handed"), db)
    with service(f"sqlite:///{db}") as client:
        client.post("/api/v1/disclosures/UA", headers=exchange.headers("mediator"))
        client.post("/api/v1/disclosures/RU", headers=exchange.headers("mediator"))
        answer = client.get("/api/v1/ledger/export")
        private = client.get("/api/v1/ledger/export/private", headers=exchange.headers("mediator"))
    assert answer.status_code == 200
    exported = Scan([("anonymous: GET /api/v1/ledger/export", readable(answer))])
    assert len(answer.text.splitlines()) > 1000
    assert not exported.found(every_id, every_name)
    # The private export does hold them: the scan would see a leak if there were one.
    assert Scan([("private", readable(private))]).found(every_id, every_name)
