"""The API's contracts in a few plain cases; the access matrix and the leak scan are apart."""

from __future__ import annotations

from fastapi.testclient import TestClient

from web_helpers import PASSWORD


def test_token_contract(client: TestClient) -> None:
    answer = client.post("/api/token", data={"username": "ua-clerk", "password": PASSWORD})
    assert answer.status_code == 200
    body = answer.json()
    assert set(body) == {"access_token", "token_type", "expires_in"}
    assert body["token_type"] == "bearer" and body["expires_in"] > 0


def test_wrong_password_is_401_and_repeated_failures_429(client: TestClient) -> None:
    for _ in range(5):
        answer = client.post("/api/token", data={"username": "ua-clerk", "password": "wrong!!!"})
        assert answer.status_code == 401
    answer = client.post("/api/token", data={"username": "ua-clerk", "password": PASSWORD})
    assert answer.status_code == 429
    assert int(answer.headers["retry-after"]) > 0


def test_registry_page_contract(client: TestClient, headers: dict[str, dict[str, str]]) -> None:
    answer = client.get("/api/v1/registry/RU?limit=3&offset=1", headers=headers["ru-clerk"])
    assert answer.status_code == 200
    body = answer.json()
    assert body["holder"] == "RU" and body["total"] >= 3
    assert len(body["persons"]) == 3 and all("id" in p for p in body["persons"])


def test_requests_page_contract(client: TestClient, headers: dict[str, dict[str, str]]) -> None:
    answer = client.get("/api/v1/requests/UA?limit=1000", headers=headers["ua-clerk"])
    body = answer.json()
    assert body["by"] == "UA" and body["total"] == len(body["requests"])
    statuses = {r["status"] for r in body["requests"]}
    assert statuses <= {"matched", "under review", "not found", "not yet verified"}
    assert (
        client.get("/api/v1/requests/UA?limit=1001", headers=headers["ua-clerk"]).status_code == 422
    )


def test_access_log_records_reads(client: TestClient, headers: dict[str, dict[str, str]]) -> None:
    client.get("/api/v1/registry/RU?limit=5", headers=headers["ru-lead"])
    log = client.get("/api/v1/access-log", headers=headers["ru-clerk"]).json()
    first = log["entries"][0]
    assert {"user", "at", "path"} <= set(first)
    assert first["user"] == "ru-lead" and first["records"] == 5
