"""The access matrix: every route of the API × the six principals -> the status the issue's
rules give. The table is written here from those rules, not read from parley.service.access,
so a wrong grant there shows as a wrong status here.

Each case sends a real, valid request (matrix_helpers.ROUTES), so a 200 is a real success.
Reads share one database; every write runs on a fresh copy of the state it needs.
"""

from __future__ import annotations

import re
from collections.abc import Iterator
from pathlib import Path

import pytest
from fastapi import FastAPI
from fastapi.testclient import TestClient

from matrix_helpers import ROUTES, Call, Ctx, Exchange, api_routes, documented, service
from matrix_helpers import exchange as exchange  # the fixture
from web_helpers import PRINCIPALS

# Columns: the principals, in this order.
assert PRINCIPALS == ("anonymous", "ua-clerk", "ua-lead", "ru-clerk", "ru-lead", "mediator")
# fmt: off
#              anonymous ua-clerk ua-lead ru-clerk ru-lead mediator
PUBLIC =      (200,      200,     200,    200,     200,    200)
SIGNED_IN =   (401,      200,     200,    200,     200,    200)
UA_OFFICE =   (401,      200,     200,    403,     403,    200)
RU_OFFICE =   (401,      403,     403,    200,     200,    200)
MEDIATOR =    (401,      403,     403,    403,     403,    200)
SIGNERS =     (401,      403,     200,    403,     200,    200)
PARTY_LEADS = (401,      403,     200,    403,     200,    403)  # handing over: not the mediator
UA_LEAD =     (401,      403,     200,    403,     403,    403)
RU_LEAD =     (401,      403,     403,    403,     200,    403)
OFFICE = {"UA": UA_OFFICE, "RU": RU_OFFICE}
SIGNER = {"UA": UA_LEAD, "RU": RU_LEAD, "mediator": MEDIATOR}

# (method, path) -> (the permission a 403 names, {variant: the row}); a variant is the party
# in the path, or for a commit, whose office prepared and signed the entry.
EXPECTED: dict[tuple[str, str], tuple[str | None, dict[str | None, tuple[int, ...]]]] = {
    ("POST", "/api/token"): (None, {None: PUBLIC}),
    **{
        ("GET", f"/api/v1/{name}"): ("public.read", {None: PUBLIC})
        for name in ("report", "rounds", "agreements", "stages", "tallies", "claims",
                     "fulfilment", "handovers", "ledger/head", "ledger/export")
    },
    ("GET", "/api/v1/ledger/export/private"): ("ledger.private", {None: MEDIATOR}),
    ("GET", "/api/v1/me"): (None, {None: SIGNED_IN}),
    ("GET", "/api/v1/registry/{holder}"): ("registry.read", OFFICE),
    ("POST", "/api/v1/registry/{holder}"): ("registry.write", OFFICE),
    ("GET", "/api/v1/requests/{by}"): ("requests.read", OFFICE),
    ("POST", "/api/v1/requests/{by}"): ("requests.write", OFFICE),
    ("GET", "/api/v1/requests/{by}/status"): ("requests.read", OFFICE),
    ("GET", "/api/v1/disclosures/{party}"): ("disclosures.read", OFFICE),
    ("POST", "/api/v1/disclosures/{party}"): (
        "disclosures.write",
        {"UA": MEDIATOR, "RU": MEDIATOR},
    ),
    ("GET", "/api/v1/plans"): ("plans.read", {None: SIGNED_IN}),
    ("POST", "/api/v1/plans"): ("plans.write", {None: MEDIATOR}),
    ("GET", "/api/v1/plans/{plan_id}"): ("plans.read", {None: SIGNED_IN}),
    ("POST", "/api/v1/plans/{plan_id}/open"): ("stages.open", {None: MEDIATOR}),
    ("GET", "/api/v1/access-log"): ("access_log.read", {None: SIGNED_IN}),
    ("POST", "/api/v1/verification"): ("verification.run", {None: MEDIATOR}),
    ("GET", "/api/v1/review"): ("review.read", {None: MEDIATOR}),
    ("POST", "/api/v1/review"): ("review.decide", {None: MEDIATOR}),
    ("GET", "/api/v1/users"): ("users.read", {None: MEDIATOR}),
    ("POST", "/api/v1/stages/{stage}/handover/prepare"): ("ledger.sign", {None: PARTY_LEADS}),
    ("POST", "/api/v1/stages/{stage}/handover/commit"): (
        "ledger.sign",
        {"UA": UA_LEAD, "RU": RU_LEAD},
    ),
    ("POST", "/api/v1/stages/{stage}/confirm/prepare"): ("ledger.sign", {None: SIGNERS}),
    ("POST", "/api/v1/stages/{stage}/confirm/commit"): ("ledger.sign", SIGNER),
    ("POST", "/api/v1/keys/prepare"): ("ledger.sign", {None: SIGNERS}),
    ("POST", "/api/v1/keys/commit"): ("ledger.sign", SIGNER),
}
# fmt: on

CASES = [(route, variant) for route, (_, rows) in EXPECTED.items() for variant in rows]
PERSON_ID = re.compile(r"\b(?:UA|RU)-[A-Z]{1,2}-\d{4,}\b")


@pytest.fixture(scope="module")
def reads(exchange: Exchange, tmp_path_factory: pytest.TempPathFactory) -> Iterator[Ctx]:
    """One database for every read: reads only add to the access log."""
    url = exchange.copy("handed", tmp_path_factory.mktemp("matrix-reads"))
    with service(url) as client:
        yield Ctx(client, exchange)


@pytest.fixture(scope="module")
def spec(reads: Ctx) -> dict[tuple[str, str], set[int]]:
    return documented(reads.client)


def missing_from_table(client: TestClient) -> set[tuple[str, str]]:
    return api_routes(client) - set(EXPECTED)


def test_every_api_route_is_in_the_table(reads: Ctx) -> None:
    assert missing_from_table(reads.client) == set(), "add these routes to EXPECTED"
    assert set(EXPECTED) - api_routes(reads.client) == set(), "gone from the OpenAPI"
    assert set(ROUTES) == set(EXPECTED), "matrix_helpers.ROUTES must build every route"


def test_a_new_route_missing_from_the_table_fails(reads: Ctx) -> None:
    app: FastAPI = reads.client.app  # type: ignore[assignment]
    app.openapi_schema = None  # the OpenAPI is cached; make it anew with one more route
    app.get("/api/v1/forgotten")(lambda: {})
    try:
        assert missing_from_table(reads.client) == {("GET", "/api/v1/forgotten")}
    finally:
        app.router.routes.pop()
        app.openapi_schema = None
    assert missing_from_table(reads.client) == set()


def _check_forbidden(answer: object, permission: str | None, case: str) -> list[str]:
    """A 403 names the permission it lacks and nothing else: no id, no name, no record."""
    body = answer.json()  # type: ignore[attr-defined]
    problems = []
    if set(body) != {"detail"} or not isinstance(body["detail"], str):
        return [f"{case}: a 403 body is {{'detail': str}}, got {body}"]
    detail = body["detail"]
    # The permission, whom it is for, a note in brackets: room for no record.
    named = re.escape(permission) if permission else r"[\w.]+"
    words = rf"missing permission: {named}( for [\w ]+)?( \([^)]*\))?"
    if not re.fullmatch(words, detail):
        problems.append(f"{case}: the 403 does not name just {permission}: {detail!r}")
    if PERSON_ID.search(detail) or re.search("[\u0400-\u04ff]", detail):
        problems.append(f"{case}: the 403 holds a person id or name: {detail!r}")
    return problems


@pytest.mark.parametrize(
    ("route", "variant"), CASES, ids=[f"{m} {p} {v or ''}".strip() for (m, p), v in CASES]
)
def test_access_matrix(
    route: tuple[str, str],
    variant: str | None,
    reads: Ctx,
    exchange: Exchange,
    spec: dict[tuple[str, str], set[int]],
    tmp_path: Path,
) -> None:
    permission, rows = EXPECTED[route]
    plan = ROUTES[route]
    problems = []
    for who, wanted in zip(PRINCIPALS, rows[variant], strict=True):
        if route[0] == "GET":
            answer, call = _send(reads, who, variant, route)
        else:  # a write: a fresh copy of the state it needs, so no case depends on another
            with service(exchange.copy(plan.base, tmp_path)) as client:
                answer, call = _send(Ctx(client, exchange), who, variant, route)
        case = f"{who}: {call.method} {call.url}"
        if answer.status_code != wanted:
            problems.append(f"{case} -> {answer.status_code}, want {wanted}: {answer.text[:300]}")
        if answer.status_code not in spec[route]:
            problems.append(f"{case}: {answer.status_code} is not in its OpenAPI responses")
        if answer.status_code == 403:
            problems += _check_forbidden(answer, permission, case)
    assert not problems, "\n".join(problems)


def _send(ctx: Ctx, who: str, variant: str | None, route: tuple[str, str]) -> tuple[object, Call]:
    call = ROUTES[route].build(ctx, who, variant)
    return ctx.send(call, who), call


NO_SUCH_ENTRY = {"hash": "0" * 64, "signature": "0" * 128}
UNKNOWN = [
    ("mediator", "GET", "/api/v1/registry/XX", None),
    ("mediator", "GET", "/api/v1/requests/XX", None),
    ("mediator", "GET", "/api/v1/requests/XX/status", None),
    ("mediator", "GET", "/api/v1/disclosures/XX", None),
    ("mediator", "POST", "/api/v1/disclosures/XX", None),
    ("ua-clerk", "GET", "/api/v1/plans/no-such-plan", None),
    ("mediator", "GET", "/api/v1/plans/no-such-plan", None),
    ("mediator", "POST", "/api/v1/plans/no-such-plan/open", None),
    ("mediator", "POST", "/api/v1/review",
     {"requester": "UA", "request_id": "UA-Q-999999", "registry_id": "RU-H-9999999",
      "verdict": "accept"}),
    ("ua-lead", "POST", "/api/v1/stages/99/handover/prepare", {}),
    ("ua-lead", "POST", "/api/v1/stages/99/confirm/prepare", None),
    ("mediator", "POST", "/api/v1/stages/99/confirm/prepare", None),
    ("ua-lead", "POST", "/api/v1/stages/1/handover/commit", NO_SUCH_ENTRY),
    ("ru-lead", "POST", "/api/v1/stages/1/confirm/commit", NO_SUCH_ENTRY),
    ("mediator", "POST", "/api/v1/keys/commit", NO_SUCH_ENTRY),
]  # fmt: skip


def _template(spec: dict[tuple[str, str], set[int]], method: str, url: str) -> tuple[str, str]:
    path = url.split("?")[0]
    for m, template in spec:
        pattern = re.sub(r"\{[^}]+\}", "[^/]+", template)
        if m == method and re.fullmatch(pattern, path):
            return m, template
    raise AssertionError(f"{method} {url} is no route")


def test_unknown_objects_are_404(reads: Ctx, spec: dict[tuple[str, str], set[int]]) -> None:
    problems = []
    for who, method, url, body in UNKNOWN:
        kwargs = {} if body is None else {"json": body}
        answer = reads.send(Call(method, url, kwargs), who)
        case = f"{who}: {method} {url}"
        if answer.status_code != 404:
            problems.append(f"{case} -> {answer.status_code}, want 404: {answer.text[:200]}")
        elif 404 not in spec[_template(spec, method, url)]:
            problems.append(f"{case}: 404 is not in its OpenAPI responses")
    assert not problems, "\n".join(problems)


def test_a_party_asking_for_an_unknown_party_is_refused_not_told(reads: Ctx) -> None:
    """403 whether or not the party exists: a party's office learns nothing from the answer."""
    for url in ("/api/v1/registry/XX", "/api/v1/registry/RU"):
        answer = reads.send(Call("GET", url), "ua-clerk")
        assert answer.status_code == 403
        assert answer.json()["detail"] == f"missing permission: registry.read for {url[-2:]}"


def test_a_dead_token_is_401_on_every_route(
    reads: Ctx, spec: dict[tuple[str, str], set[int]]
) -> None:
    """A stale or made-up token is told so (401), on public routes too; and it is documented."""
    problems = []
    for route, plan in ROUTES.items():
        if route == ("POST", "/api/token"):
            continue  # signing in takes no token
        call = plan.build(reads, "anonymous", plan.variants[0]) if "commit" not in route[1] else (
            Call("POST", route[1].replace("{stage}", "1"), {"json": NO_SUCH_ENTRY})
        )  # fmt: skip
        answer = reads.client.request(
            call.method, call.url, headers={"Authorization": "Bearer made-up"}, **call.kwargs
        )
        if answer.status_code != 401:
            problems.append(f"{route}: {answer.status_code}, want 401")
        if 401 not in spec[route]:
            problems.append(f"{route}: 401 is not in its OpenAPI responses")
    assert not problems, "\n".join(problems)
