"""The pages in a real browser (Debian's Chromium, driven by Playwright), against the service
served by uvicorn over a copy of the demo: a refused list, a review decision, a stage
confirmed by both leads and the mediator. Screenshots are kept in build/test-artifacts/.
"""

from __future__ import annotations

import os
import socket
import threading
import time
from collections.abc import Iterator
from importlib import resources
from pathlib import Path
from typing import Any

import pytest
from test_pages import under_review

from parley.ledger.custody import handovers
from parley.ledger.keys import read_key
from parley.planning.plan import Plan
from parley.planning.terms import load_terms
from parley.service import plan_office
from parley.service.access import Principal
from parley.service.custody import open_stages, record_handover
from parley.service.ledger import verify_store
from parley.settings import Settings
from parley.store import Store
from parley.web import create_app

from web_helpers import PASSWORD, Demo

CHROMIUM = Path("/usr/bin/chromium")
SHOTS = Path(__file__).resolve().parents[2] / "build" / "test-artifacts" / "screenshots"
ARGS = ["--no-sandbox", "--disable-gpu", "--disable-background-networking",
        "--disable-component-update", "--disable-sync", "--no-first-run"]  # fmt: skip
TIMEOUT_MS = 10_000

# CI sets PARLEY_REQUIRE_BROWSER=1: there a missing Chromium fails the run instead of skipping.
REQUIRED = os.environ.get("PARLEY_REQUIRE_BROWSER") == "1"
pytestmark = [
    pytest.mark.browser,
    pytest.mark.skipif(
        not CHROMIUM.exists() and not REQUIRED,
        reason="Chromium is not installed at /usr/bin/chromium",
    ),
]


@pytest.fixture(scope="module")
def browser() -> Iterator[Any]:
    sync_api = pytest.importorskip("playwright.sync_api", reason="playwright is not installed")
    playwright = sync_api.sync_playwright().start()
    chromium = playwright.chromium.launch(executable_path=str(CHROMIUM), args=ARGS)
    yield chromium
    chromium.close()
    playwright.stop()


class Served:
    def __init__(self, url: str, store: Store) -> None:
        self.url, self.store = url, store


@pytest.fixture
def served(demo_url: str) -> Iterator[Served]:
    """The app on a free loopback port, in a thread of this process."""
    import uvicorn

    app = create_app(Settings(db_url=demo_url))
    with socket.socket() as probe:
        probe.bind(("127.0.0.1", 0))
        port = probe.getsockname()[1]
    server = uvicorn.Server(
        uvicorn.Config(app, host="127.0.0.1", port=port, log_level="warning", lifespan="off")
    )
    thread = threading.Thread(target=server.run, daemon=True)
    thread.start()
    deadline = time.monotonic() + 10
    while not server.started:
        assert time.monotonic() < deadline and thread.is_alive(), "uvicorn did not start"
        time.sleep(0.02)
    yield Served(f"http://127.0.0.1:{port}", app.state.store)
    server.should_exit = True
    thread.join(10)


def page_as(browser: Any, served: Served, name: str) -> Any:
    """A new browser context signed in as `name` through the login form."""
    context = browser.new_context(viewport={"width": 1280, "height": 900})
    context.set_default_timeout(TIMEOUT_MS)
    page = context.new_page()
    page.goto(f"{served.url}/login")
    page.fill("#username", name)
    page.fill("#password", PASSWORD)
    page.click("button[type=submit]")
    page.wait_for_url(f"{served.url}/")
    return page


def shot(page: Any, name: str) -> Path:
    SHOTS.mkdir(parents=True, exist_ok=True)
    path = SHOTS / f"{name}.png"
    page.screenshot(path=str(path), full_page=True)
    print(f"screenshot: {path}")
    return path


def test_a_bad_list_upload_shows_its_row_error_and_writes_nothing(
    browser: Any, served: Served, tmp_path: Path
) -> None:
    bad = tmp_path / "ua-requests.csv"
    bad.write_text(
        "id,family_name,given_name,birth_date\n"
        "UA-Q-990001,Коваль,Іван,1990-01-01\n"
        "UA-Q-990002,Шевчук,Олег,1991-13-40\n",
        encoding="utf-8",
    )
    head, ids = served.store.head(), served.store.person_ids("request", "UA")
    page = page_as(browser, served, "ua-clerk")
    page.click("nav >> text=Lists")
    page.check("input[name=kind][value=request]")
    page.set_input_files("#file", str(bad))
    page.click("form.upload button[type=submit]")
    row = page.locator("table.row-errors tbody tr").first
    row.wait_for()
    cells = row.locator("td").all_inner_texts()
    assert cells[:3] == ["ua-requests.csv", "3", "birth_date"], cells
    assert "nothing was written" in page.inner_text("#upload-refused")
    shot(page, "1-list-refused")
    assert served.store.head() == head
    assert served.store.person_ids("request", "UA") == ids
    page.context.close()


def test_a_review_decision_from_the_review_page(browser: Any, served: Served) -> None:
    request_id, (first, second) = under_review(served.store)
    page = page_as(browser, served, "mediator")
    page.click("nav >> text=Review")
    item = page.locator(f'.review-item[data-pair="{request_id}/{first}"]')
    assert "Lopato Fedir" in item.inner_text()  # the Latin line beside the Cyrillic
    shot(page, "2-review-queue")
    page.keyboard.press("n")  # the note, by its shortcut
    page.keyboard.type("not him: sex and birth date differ")
    page.keyboard.press("Escape")
    page.keyboard.press("r")  # reject, by its shortcut: htmx replaces the pair in place
    page.locator(f'.review-item.decided[data-pair="{request_id}/{first}"]').wait_for()
    page.keyboard.press("s")  # the next pair: skipped, it stays in the queue
    skipped = page.locator(f'.review-item.decided[data-pair="{request_id}/{second}"]')
    skipped.wait_for()
    assert "stays in the queue" in skipped.inner_text()
    shot(page, "2-review-decided")
    decisions = {r["registry_id"]: r for r in served.store.facts("review")}
    assert decisions[first]["verdict"] == "reject" and decisions[first]["reviewer"] == "mediator"
    assert decisions[first]["note"] == "not him: sex and birth date differ"
    assert decisions[second]["verdict"] == "skip"
    page.context.close()


def _confirmed_total(page: Any, served: Served) -> int:
    page.goto(f"{served.url}/")
    return int(page.get_attribute("#confirmed-total", "data-count"))


def test_a_stage_confirmed_by_both_leads_and_the_mediator_moves_the_tallies(
    browser: Any, served: Served, demo: Demo
) -> None:
    # Both sides correct their handovers of the last stage (through the library, with their
    # keys): the new handovers wait for the other side's lead and for the mediator.
    for sender in ("UA", "RU"):
        record_handover(served.store, "3", sender, read_key(demo.keys[sender]), correcting=True)
    public = browser.new_context()
    public.set_default_timeout(TIMEOUT_MS)
    dashboard = public.new_page()
    before = _confirmed_total(dashboard, served)
    for name, signer in (("ua-lead", "UA"), ("ru-lead", "RU"), ("mediator", "mediator")):
        page = page_as(browser, served, name)
        page.click("nav >> text=Stages")
        assert signer in page.get_attribute("#stage-3", "data-waiting").split()
        page.set_input_files("#key-file", str(demo.keys[signer]))
        page.click('button.sign[data-action="confirm"][data-stage="3"]')
        page.locator("#sign-status.ok").wait_for()
        assert "signed as " + signer in page.inner_text("#sign-status")
        assert signer not in page.get_attribute("#stage-3", "data-waiting").split()
        shot(page, f"3-stage-confirmed-by-{signer}")
        page.context.close()
    after = _confirmed_total(dashboard, served)
    stage_3 = sum(h.count for h in handovers(verify_store(served.store)) if h.stage == "3")
    assert after == before + stage_3 > before
    assert "waiting for" not in dashboard.inner_text("#by-stage")
    shot(dashboard, "3-dashboard-after")
    public.close()


def test_a_handover_signed_on_the_stages_page(browser: Any, served: Served, demo: Demo) -> None:
    # A fourth stage, with nothing handed over yet: the first stage of a plan the service
    # keeps (RU's wounded and ill), numbered on after the demo's three.
    example = resources.files("parley.planning") / "examples" / "june-terms.yaml"
    terms = load_terms(Path(str(example)))
    plan_office.make_stored_plan(served.store, Principal("mediator", "mediator"), terms)
    kept = next(d for d in served.store.facts("plan") if d["id"] == terms.id)["plan"]
    first = next(s for s in kept["stages"] if s["transfers"])
    plan = Plan.from_json({**kept, "stages": [{**first, "number": 1}]})
    open_stages(served.store, plan, {c.id: c.category for c in terms.clauses})
    page = page_as(browser, served, "ru-lead")
    page.click("nav >> text=Stages")
    assert "nothing handed over yet" in page.inner_text("#stage-4")
    page.set_input_files("#key-file", str(demo.keys["UA"]))  # the wrong office's key: refused
    page.click('button.sign[data-action="handover"][data-stage="4"]')
    page.locator("#sign-status.bad").wait_for()
    assert "UA's key" in page.inner_text("#sign-status")
    page.set_input_files("#key-file", str(demo.keys["RU"]))
    page.click('button.sign[data-action="handover"][data-stage="4"]')
    page.locator("#sign-status.ok").wait_for()
    assert page.get_attribute("#stage-4", "data-waiting").split() == ["UA", "mediator"]
    shot(page, "4-handover-signed-by-RU")
    found = [h for h in handovers(verify_store(served.store)) if h.stage == "4"]
    assert sum(h.count for h in found) == len(first["transfers"])
    assert all(h.sender == "RU" and h.confirmed_by == {"RU"} for h in found)
    page.context.close()
