"""What each office reads: its own lists, the status of its requests, and the other party's
records only once the mediator has disclosed them."""

from __future__ import annotations

from pathlib import Path

import pytest

from parley.imports import ImportRefused
from parley.service import offices
from parley.service.access import Forbidden, Principal
from parley.service.records import import_persons
from parley.service.verification import verify_requests
from parley.store import Store
from parley.synth import synth_lists, write_synth_lists

UA = Principal("ua", "clerk", "UA")
RU = Principal("ru", "clerk", "RU")
MEDIATOR = Principal("m", "mediator")


@pytest.fixture
def lists(store: Store, tmp_path: Path) -> Store:
    write_synth_lists(synth_lists(3, 0.02), tmp_path)
    import_persons(store, tmp_path / "ua_requests.csv", "request", "UA")
    import_persons(store, tmp_path / "ru_registry.csv", "registry", "RU")
    return store


def test_requests_are_not_yet_verified_until_verification(lists: Store) -> None:
    counts = offices.status_counts(lists, UA, "UA")
    assert counts["not yet verified"] == sum(counts.values()) > 0
    verify_requests(lists, "UA", "RU", 0.9, 0.4)
    counts = offices.status_counts(lists, UA, "UA")
    assert counts["not yet verified"] == 0 and counts["matched"] > 0


def test_the_other_partys_records_appear_only_once_disclosed(lists: Store) -> None:
    verify_requests(lists, "UA", "RU", 0.9, 0.4)
    ru_ids = lists.person_ids("registry", "RU")
    page = offices.requests_page(lists, UA, "UA", 1000, 0, "/r")
    assert not any("disclosed" in r for r in page["requests"])
    assert not ru_ids & set(str(page).split("'"))
    with pytest.raises(Forbidden):
        offices.registry_page(lists, UA, "RU", 10, 0, "/r")
    count, _ = offices.disclose(lists, MEDIATOR, "UA")
    assert count > 0 and offices.disclose(lists, MEDIATOR, "UA")[0] == 0  # once only
    seen = offices.disclosures(lists, UA, "UA", "/d")
    assert seen["total"] == count and {r["id"] for r in seen["records"]} <= ru_ids
    page = offices.requests_page(lists, UA, "UA", 1000, 0, "/r")
    matched = [r for r in page["requests"] if r["status"] == "matched"]
    assert matched and all(r.get("disclosed") for r in matched)
    with pytest.raises(Forbidden):
        offices.disclose(lists, UA, "UA")


def test_pages_and_unknown_parties(lists: Store) -> None:
    page = offices.registry_page(lists, RU, "RU", 5, 2, "/r")
    assert page["total"] == len(lists.person_ids("registry", "RU")) and len(page["persons"]) == 5
    with pytest.raises(LookupError):
        offices.registry_page(lists, MEDIATOR, "XX", 5, 0, "/r")
    with pytest.raises(Forbidden):  # a party's office learns nothing of parties not its own
        offices.registry_page(lists, UA, "XX", 5, 0, "/r")


def test_an_upload_is_taken_whole_or_refused_whole(lists: Store, tmp_path: Path) -> None:
    bad = tmp_path / "bad.csv"
    bad.write_text("id,family_name,given_name,birth_date\nX1,Shevchenko,Taras,31.02.1990\n")
    before = lists.head()
    with pytest.raises(ImportRefused, match=r"bad\.csv, row 2, column birth_date"):
        offices.upload_list(lists, UA, "request", "UA", bad)
    assert lists.head() == before
    with pytest.raises(Forbidden):
        offices.upload_list(lists, UA, "registry", "RU", bad)


def test_disclosed_records_read_on_a_requests_page_are_logged_for_their_holder(
    lists: Store,
) -> None:
    from parley.service.access_log import read_log

    verify_requests(lists, "UA", "RU", 0.9, 0.4)
    offices.disclose(lists, MEDIATOR, "UA")
    page = offices.requests_page(lists, UA, "UA", 1000, 0, "/api/v1/requests/UA")
    shown = sum(len(r.get("disclosed", [])) for r in page["requests"])
    ru_log = read_log(lists, RU, 10, 0)["entries"]
    assert [(e["path"], e["records"]) for e in ru_log] == [("/api/v1/requests/UA", shown)]
