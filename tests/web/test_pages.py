"""The pages without a browser: what each role sees, reading without JavaScript, CSRF on every
form, the session cookie, and the forms' effects on the store.
"""

from __future__ import annotations

import re
from importlib import resources
from pathlib import Path

import pytest
from fastapi.testclient import TestClient

from parley.domain.events import Fact
from parley.service.verification import record_review, result_key, review_queue
from parley.store import Store

from web_helpers import PASSWORD, PRINCIPALS, USERS

PAGES = ("/", "/report", "/claims", "/lists", "/review", "/plans", "/stages", "/access-log")
PUBLIC_PAGES = {"/", "/report", "/claims"}
MEDIATOR_ONLY = {"/review"}
CSRF_META = re.compile(r'<meta name="csrf-token" content="([^"]+)">')
NAV = re.compile(r'<nav aria-label="Pages">(.*?)</nav>', re.S)


def login(client: TestClient, name: str, password: str = PASSWORD) -> str:
    """Sign in through the login form; the session's CSRF token, from the page's meta tag."""
    form = client.get("/login")
    token = client.cookies.get("parley_login")
    assert token and f'value="{token}"' in form.text
    answer = client.post(
        "/login",
        data={"username": name, "password": password, "csrf_token": token},
        follow_redirects=False,
    )
    assert answer.status_code == 303, answer.text
    found = CSRF_META.search(client.get("/").text)
    assert found
    return found.group(1)


def store_of(client: TestClient) -> Store:
    store: Store = client.app.state.store  # type: ignore[attr-defined]
    return store


def expected_status(name: str, path: str) -> int:
    if path in PUBLIC_PAGES:
        return 200
    if name == "anonymous":
        return 303  # sent to sign in
    if path in MEDIATOR_ONLY and name != "mediator":
        return 403
    return 200


@pytest.mark.parametrize("name", PRINCIPALS)
def test_each_page_for_each_role(client: TestClient, name: str) -> None:
    if name != "anonymous":
        login(client, name)
    for path in PAGES:
        answer = client.get(path, follow_redirects=False)
        assert answer.status_code == expected_status(name, path), (name, path, answer.text[:300])
        if answer.status_code == 303:
            assert answer.headers["location"].startswith("/login?next=")
            continue
        if path == "/report":
            assert "<svg" in answer.text  # the report itself, as parley report writes it
            continue
        nav = NAV.search(answer.text)
        assert nav, path
        links = set(re.findall(r'href="([^"]+)"', nav.group(1)))
        assert ("/review" in links) == (name == "mediator")
        assert ("/lists" in links) == (name != "anonymous")
        assert "/" in links and "/claims" in links
        if name == "anonymous":
            assert "Sign out" not in answer.text
        else:
            role = USERS[name][0]
            assert name in answer.text and "Sign out" in answer.text
            assert ("mediator's secretariat" if role == "mediator" else f"{role} · ") in answer.text


def test_a_page_the_role_may_not_use_names_the_permission(client: TestClient) -> None:
    login(client, "ua-clerk")
    answer = client.get("/review")
    assert answer.status_code == 403 and "review.read" in answer.text
    other = client.get("/lists?party=RU")
    assert other.status_code == 403 and "requests.read for RU" in other.text
    assert "RU-H-" not in other.text
    unknown = client.get("/plans/no-such-plan")
    assert unknown.status_code == 404 and "no plan &#39;no-such-plan&#39;" in unknown.text


def test_reading_needs_no_javascript(client: TestClient) -> None:
    """Every figure is in the HTML the server sends; scripts come only from /static."""
    login(client, "mediator")
    stages = client.get("/stages").text
    assert "Stage 3" in stages and "waiting for mediator" in stages
    lists = client.get("/lists?party=UA").text
    assert "UA-Q-000001" in lists and 'id="status-counts"' in lists
    dashboard = client.get("/").text
    assert 'id="confirmed-total"' in dashboard and "<svg" in dashboard
    for path in PAGES:
        html = client.get(path).text
        scripts = re.findall(r"<script([^>]*)>", html)
        assert all('src="/static/' in attrs for attrs in scripts), (path, scripts)
        assert "https://" not in " ".join(re.findall(r'(?:src|href)="([^"]+)"', html))
    htmx = client.get("/static/htmx.min.js")
    assert htmx.status_code == 200 and "htmx" in htmx.text[:200]


def test_every_form_carries_the_csrf_token(client: TestClient) -> None:
    csrf = login(client, "mediator")
    client.post("/plans", files=_terms(), data={"csrf_token": csrf})  # a plan, for its forms
    for path in (*PAGES, "/plans/june-terms"):
        html = client.get(path).text
        for form in re.findall(r'<form[^>]*method="post".*?</form>', html, re.S):
            assert f'name="csrf_token" value="{csrf}"' in form, (path, form[:200])


def test_a_post_without_the_csrf_token_is_refused(client: TestClient) -> None:
    login(client, "mediator")
    store = store_of(client)
    head = store.head()
    bad = ("id,family_name,given_name\nUA-Q-990001,Коваль,Іван\n").encode()
    for path, data, files in (
        ("/lists", {"kind": "request", "party": "UA"}, {"file": ("ok.csv", bad, "text/csv")}),
        ("/plans", {}, _terms()),
        ("/logout", {}, None),
        ("/lists", {"kind": "request", "party": "UA", "csrf_token": "forged"},
         {"file": ("ok.csv", bad, "text/csv")}),
    ):  # fmt: skip
        answer = client.post(path, data=data, files=files, follow_redirects=False)
        assert answer.status_code == 403, (path, answer.text[:200])
        assert "security token" in answer.text
    assert store.head() == head
    assert client.get("/lists", follow_redirects=False).status_code == 200  # still signed in


def test_login_sets_a_strict_http_only_cookie(client: TestClient) -> None:
    client.get("/login")
    answer = client.post(
        "/login",
        data={"username": "ua-lead", "password": PASSWORD,
              "csrf_token": client.cookies.get("parley_login")},
        follow_redirects=False,
    )  # fmt: skip
    assert answer.status_code == 303
    cookie = next(
        c for c in answer.headers.get_list("set-cookie") if c.startswith("parley_session=")
    )
    attributes = {a.strip().lower() for a in cookie.split(";")}
    assert {"httponly", "samesite=strict", "path=/"} <= attributes
    assert any(a.startswith("max-age=") for a in attributes)


def test_wrong_password_and_too_many_attempts(client: TestClient) -> None:
    client.get("/login")
    token = client.cookies.get("parley_login")
    for _ in range(5):
        answer = client.post(
            "/login", data={"username": "ru-clerk", "password": "not-it!!", "csrf_token": token}
        )
        assert answer.status_code == 401 and "Wrong user name or password" in answer.text
    answer = client.post(
        "/login", data={"username": "ru-clerk", "password": PASSWORD, "csrf_token": token}
    )
    assert answer.status_code == 429 and "Too many attempts" in answer.text
    assert "parley_session" not in client.cookies


def test_a_login_without_its_form_token_is_refused(client: TestClient) -> None:
    answer = client.post("/login", data={"username": "ua-lead", "password": PASSWORD})
    assert answer.status_code == 403 and "parley_session" not in client.cookies


def test_login_goes_back_only_to_this_site(client: TestClient) -> None:
    assert client.get("/review", follow_redirects=False).headers["location"] == (
        "/login?next=/review"
    )
    client.get("/login")
    for target, expected in (("/review", "/review"), ("//elsewhere.example/", "/"),
                             ("https://elsewhere.example/", "/")):  # fmt: skip
        answer = client.post(
            "/login",
            data={"username": "mediator", "password": PASSWORD, "next": target,
                  "csrf_token": client.cookies.get("parley_login") or ""},
            follow_redirects=False,
        )  # fmt: skip
        assert answer.headers["location"] == expected
        client.get("/login")


def test_logout_ends_the_session(client: TestClient) -> None:
    csrf = login(client, "ru-lead")
    token = client.cookies.get("parley_session")
    answer = client.post("/logout", data={"csrf_token": csrf}, follow_redirects=False)
    assert answer.status_code == 303
    assert "parley_session" not in client.cookies
    client.cookies.set("parley_session", token)  # the old cookie, replayed: dead
    assert client.get("/lists", follow_redirects=False).status_code == 303
    api = client.get("/api/v1/requests/RU/status")
    assert api.status_code == 401


def test_a_refused_list_shows_its_rows_and_writes_nothing(client: TestClient) -> None:
    csrf = login(client, "ua-clerk")
    store = store_of(client)
    head, ids = store.head(), store.person_ids("request", "UA")
    content = "id,family_name,given_name,birth_date\nUA-Q-990001,,Іван,1990-02-31\n".encode()
    answer = client.post(
        "/lists",
        data={"csrf_token": csrf, "kind": "request", "party": "UA"},
        files={"file": ("bad.csv", content, "text/csv")},
    )
    assert answer.status_code == 422
    table = re.search(r'<table class="row-errors">.*?</table>', answer.text, re.S)
    assert table and "nothing was written" in answer.text
    rows = re.findall(r"<tr><td>(.*?)</td><td[^>]*>(.*?)</td><td>(.*?)</td>", table.group(0))
    assert ("bad.csv", "2", "family_name") in rows and ("bad.csv", "2", "birth_date") in rows
    assert store.head() == head and store.person_ids("request", "UA") == ids


def test_an_accepted_list_is_stored_and_counted(client: TestClient) -> None:
    csrf = login(client, "ua-clerk")
    store = store_of(client)
    before = len(store.person_ids("request", "UA"))
    content = "id,family_name,given_name\nUA-Q-990001,Коваль,Іван\n".encode()
    answer = client.post(
        "/lists",
        data={"csrf_token": csrf, "kind": "request", "party": "UA"},
        files={"file": ("more.csv", content, "text/csv")},
    )
    assert answer.status_code == 200 and "1 new" in answer.text
    assert len(store.person_ids("request", "UA")) == before + 1
    counts = re.search(r'id="status-counts".*?</dl>', answer.text, re.S)
    assert counts and "not yet verified" in counts.group(0)
    refused = client.post(
        "/lists",
        data={"csrf_token": csrf, "kind": "registry", "party": "RU"},
        files={"file": ("theirs.csv", content, "text/csv")},
    )
    assert refused.status_code == 403 and "registry.write for RU" in refused.text
    no_file = client.post("/lists", data={"csrf_token": csrf, "kind": "request", "party": "UA"})
    assert no_file.status_code == 422 and "body / file: Field required" in no_file.text
    assert no_file.headers["content-type"].startswith("text/html")


def under_review(store: Store) -> tuple[str, list[str]]:
    """Make one of UA's requests the only one waiting for review, with two RU candidates:
    (request, candidates). Pairs the demo's verification left waiting are decided first.
    """
    for waiting in review_queue(store):
        record_review(store, waiting, "reject", "test set-up")
    request_id = "UA-Q-000001"
    candidates = sorted(store.person_ids("registry", "RU"))[:2]
    found = [
        {"registry_id": c, "score": score, "decision": "review", "reason": reason}
        for c, score, reason in zip(
            candidates,
            (0.71, 0.55),
            ("names alike; birth date differs", "family name alike"),
            strict=True,
        )
    ]
    data = {"requester": "UA", "holder": "RU", "request_id": request_id, "outcome": "review",
            "candidates": found, "thresholds": {"match": 0.9, "review": 0.4}}  # fmt: skip
    store.record_facts([Fact("verification", result_key("UA", "RU", request_id), data)])
    return request_id, candidates


def test_a_review_decision_as_a_plain_form_and_with_htmx(client: TestClient) -> None:
    csrf = login(client, "mediator")
    store = store_of(client)
    request_id, (registry_id, other) = under_review(store)
    page = client.get("/review").text
    assert request_id in page and registry_id in page and other in page
    assert "birth date differs" in page
    assert "Lopato Fedir" in page  # the Latin line beside the Cyrillic
    form = {"csrf_token": csrf, "requester": "UA", "request_id": request_id,
            "registry_id": registry_id}  # fmt: skip
    skipped = client.post(
        "/review", data={**form, "verdict": "skip"}, headers={"HX-Request": "true"}
    )
    assert skipped.status_code == 200 and "stays in the queue" in skipped.text
    assert "<html" not in skipped.text  # a fragment for htmx to swap in
    answer = client.post(
        "/review", data={**form, "verdict": "accept", "note": "same unit"}, follow_redirects=False
    )
    assert answer.status_code == 303 and "decided=accept" in answer.headers["location"]
    decision = [r for r in store.facts("review") if r["request_id"] == request_id][-1]
    assert decision["verdict"] == "accept" and decision["note"] == "same unit"
    assert decision["reviewer"] == "mediator"
    after = client.get("/review").text  # the request is matched: none of its pairs waits
    assert "Nothing waits for review" in after
    again = client.post("/review", data={**form, "verdict": "accept"})
    assert again.status_code == 404


def _terms() -> dict[str, tuple[str, bytes, str]]:
    example = resources.files("parley.planning") / "examples" / "june-terms.yaml"
    return {"file": ("june-terms.yaml", Path(str(example)).read_bytes(), "application/yaml")}


def test_plans_made_read_by_each_side_and_refused_when_broken(client: TestClient) -> None:
    csrf = login(client, "mediator")
    made = client.post("/plans", files=_terms(), data={"csrf_token": csrf}, follow_redirects=False)
    assert made.status_code == 303 and made.headers["location"].startswith("/plans/june-terms")
    summary = client.get("/plans/june-terms").text
    assert "Shortfall" in summary and "parity: UA holds only 0 eligible" in summary
    opened = client.post("/plans/june-terms/open", data={"csrf_token": csrf})
    assert opened.status_code == 200 and "4, 5" in opened.text  # after the demo's three
    again = client.post("/plans/june-terms/open", data={"csrf_token": csrf})
    assert again.status_code == 422 and "already open" in again.text
    broken = client.post(
        "/plans",
        files={"file": ("bad.yaml", b"id: x\nstages: many\n", "application/yaml")},
        data={"csrf_token": csrf},
    )
    assert broken.status_code == 422 and "bad.yaml" in broken.text

    party = TestClient(client.app)
    login(party, "ru-lead")
    view = party.get("/plans/june-terms").text
    assert "RU hands over" in view and "Shortfall" not in view
    assert party.post("/plans", files=_terms(), data={}).status_code == 403


def test_a_party_page_holds_no_id_of_the_other_party(client: TestClient) -> None:
    login(client, "ua-lead")
    for path in (*PAGES, "/lists?show=registry", "/lists?offset=50"):
        html = client.get(path).text
        assert "RU-H-" not in html, path


def test_the_access_log_page(client: TestClient) -> None:
    login(client, "ru-clerk")
    client.get("/lists?show=registry")
    page = client.get("/access-log").text
    assert "/lists" in page and "ru-clerk" in page
