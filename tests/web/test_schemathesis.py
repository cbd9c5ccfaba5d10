"""schemathesis over the app's own OpenAPI, in-process through ASGI: no answer is a server
error, and none falls outside what the OpenAPI says of it (status, content type, body).

Run as the public, a party's lead and the mediator, with data that fits the schema (positive)
and data that does not (negative, on operations that take a query or a body). Bounded and
repeatable: a few examples an operation, derandomized, no example database, no shrinking.
The run has its own copy of the exchange, so fuzzing the token route locks nobody out of
another test's database.
"""

from __future__ import annotations

from collections.abc import Iterator
from contextlib import suppress
from dataclasses import dataclass, field
from typing import Any

import pytest
import schemathesis
from hypothesis import HealthCheck, Phase, given, settings
from hypothesis.errors import Unsatisfiable
from schemathesis import GenerationMode
from schemathesis.checks import not_a_server_error
from schemathesis.python import asgi
from schemathesis.specs.openapi.checks import (
    content_type_conformance,
    response_schema_conformance,
    status_code_conformance,
)

from parley.settings import Settings
from parley.web import create_app

from matrix_helpers import PLAN, STAGE, Exchange
from matrix_helpers import exchange as exchange  # the fixture

CHECKS = [
    not_a_server_error,
    status_code_conformance,
    content_type_conformance,
    response_schema_conformance,
]
EXAMPLES = 10
TOKEN_EXAMPLES = 4  # each a full Argon2 check: the route is fuzzed once, by the public
# The public meets 401 before any body is read, so only signed-in users get negative data.
RUNS = [
    ("anonymous", GenerationMode.POSITIVE),
    *((who, mode) for who in ("ua-lead", "mediator") for mode in GenerationMode),
]


@dataclass
class Tally:
    examples: int = 0
    operations: int = 0
    statuses: dict[int, int] = field(default_factory=dict)
    failures: dict[str, str] = field(default_factory=dict)  # operation: first failure


TALLIES: dict[str, Tally] = {}


@dataclass(frozen=True)
class Api:
    schema: Any  # schemathesis' schema of the app's OpenAPI
    client: Any  # one in-process client for every call (a new one a call costs much more)


@pytest.fixture(scope="module")
def api(exchange: Exchange, tmp_path_factory: pytest.TempPathFactory) -> Iterator[Api]:
    url = exchange.copy("handed", tmp_path_factory.mktemp("schemathesis"))
    app = create_app(Settings(db_url=url))
    try:
        with asgi.get_client(app) as client:
            yield Api(schemathesis.openapi.from_asgi("/openapi.json", app), client)
    finally:
        app.state.store.close()


def _negatable(operation: Any) -> bool:
    """Negative data needs something to break: a query or a body (a bare path string is
    always valid, and Hypothesis would search in vain)."""
    return bool(len(operation.query) or len(operation.body))


# Real values for path parameters: random ones mostly meet 403 or 404 before any handler.
REAL = {"holder": "UA", "by": "UA", "party": "UA", "plan_id": PLAN, "stage": STAGE}


def fuzz(
    api: Api,
    operation: Any,
    headers: dict[str, str],
    mode: GenerationMode,
    tally: Tally,
    path: dict[str, str] | None = None,
) -> None:
    examples = TOKEN_EXAMPLES if operation.path == "/api/token" else EXAMPLES

    @settings(
        max_examples=examples,
        derandomize=True,
        database=None,
        deadline=None,
        phases=[Phase.explicit, Phase.generate],
        suppress_health_check=list(HealthCheck),
    )
    @given(case=operation.as_strategy(generation_mode=mode, path_parameters=path))
    def run(case: schemathesis.Case) -> None:
        tally.examples += 1
        try:  # an exception in the app reaches here through the ASGI client: a 500
            answer = case.call(session=api.client, headers=headers)
            tally.statuses[answer.status_code] = tally.statuses.get(answer.status_code, 0) + 1
            case.validate_response(answer, checks=CHECKS, headers=headers)
        except (Exception, BaseExceptionGroup) as error:
            tally.failures.setdefault(case.operation.label, str(error)[:1500])

    with suppress(Unsatisfiable):  # nothing of this mode fits the operation
        run()
    tally.operations += 1


@pytest.mark.parametrize(("who", "mode"), RUNS, ids=[f"{w}-{m.value}" for w, m in RUNS])
def test_schemathesis(who: str, mode: GenerationMode, api: Api, exchange: Exchange) -> None:
    headers = exchange.headers(who)
    tally = TALLIES.setdefault(f"{who} {mode.value}", Tally())
    for result in api.schema.get_all_operations():
        operation = result.ok()
        if operation.path == "/api/token" and who != "anonymous":
            continue  # signing in takes no token: once is enough
        if mode is GenerationMode.NEGATIVE and not _negatable(operation):
            continue
        fuzz(api, operation, headers, mode, tally)
        names = [p.name for p in operation.path_parameters]
        if names and mode is GenerationMode.POSITIVE:
            fuzz(api, operation, headers, mode, tally, {n: REAL[n] for n in names})
    statuses = dict(sorted(tally.statuses.items()))
    print(
        f"\nschemathesis {who} {mode.value}: {tally.operations} operation runs, "
        f"{tally.examples} examples, statuses {statuses}"
    )
    assert tally.examples >= 3 * tally.operations
    assert not tally.failures, "\n\n".join(f"{k}:\n{v}" for k, v in tally.failures.items())


def test_the_openapi_names_every_route_once(api: Api) -> None:
    labels = [r.ok().label for r in api.schema.get_all_operations()]
    assert len(labels) == len(set(labels)) >= 30
