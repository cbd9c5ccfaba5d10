"""`parley demo --scenario synthetic`: a whole exchange on generated data, as a new user would
run it — lists verified, a plan, three signers' keys, handovers with a few absences,
confirmations, and the report — every step through the same functions the commands use.
"""

from __future__ import annotations

import random
import tempfile
from collections.abc import Callable
from contextlib import suppress
from dataclasses import dataclass, field
from importlib import resources
from pathlib import Path
from typing import Any

from parley.ledger.keys import SigningKey, read_key
from parley.planning.plan import Plan, make_plan
from parley.planning.terms import load_terms
from parley.service import records as app
from parley.service.custody import Absence, confirm_stage, open_stages, record_handover
from parley.service.ledger import new_registered_key
from parley.service.verification import status_counts, verify_requests
from parley.settings import Settings
from parley.store import Store
from parley.synth import synth_lists, write_synth_lists
from parley.synth.held import synth_held

SIGNERS = ("RU", "UA", "mediator", "recorder")
STEPS = 8


@dataclass
class SyntheticRun:
    keys_dir: Path
    verification: dict[str, int] = field(default_factory=dict)
    plan: Plan | None = None
    absent: int = 0
    report: dict[str, Any] = field(default_factory=dict)


def run_synthetic(
    store: Store, settings: Settings, seed: int, step: Callable[[str], None] = lambda _s: None
) -> SyntheticRun:
    if any(e.type == "stage.planned" for e in store.entries()):
        raise ValueError("this database already holds an exchange: give the demo a new --db")
    rng = random.Random(seed)
    run = SyntheticRun(Path(tempfile.mkdtemp(prefix="parley-demo-keys-")))
    step("generating request lists and registries")
    with tempfile.TemporaryDirectory() as folder:
        write_synth_lists(synth_lists(seed, 0.05), Path(folder))
        step("importing the lists")
        app.import_persons(store, Path(folder) / "ua_requests.csv", "request", "UA")
        app.import_persons(store, Path(folder) / "ru_registry.csv", "registry", "RU")
    step("verifying UA's requests against RU's registry")
    verify_requests(store, "UA", "RU", 0.9, 0.4)
    run.verification = status_counts(store, "UA")
    step("planning the stages")
    example = resources.files("parley.planning") / "examples" / "june-terms.yaml"
    terms = load_terms(Path(str(example)))
    terms = terms.model_copy(update={"stages": 3, "capacity": 120})
    persons = synth_held("RU", 800, seed) + synth_held("UA", 800, seed)
    run.plan = make_plan(terms, persons)
    step("making the signers' keys")
    keys: dict[str, SigningKey] = {}
    for signer in SIGNERS:
        path = run.keys_dir / f"{signer}.key"
        new_registered_key(store, signer, path)
        keys[signer] = read_key(path)
    step("opening the stages")
    open_stages(store, run.plan, {c.id: c.category for c in terms.clauses})
    step("handing over, with the day's absences")
    for stage in run.plan.stages:
        for sender in terms.parties:
            planned = [t.person_id for t in stage.transfers if t.sender == sender]
            if not planned:
                continue
            absent = [
                Absence(person_id, rng.choice(("refused", "unfit", "not_found")))
                for person_id in planned
                if rng.random() < 0.02
            ]
            run.absent += len(absent)
            record_handover(store, str(stage.number), sender, keys[sender], None, absent)
    step("confirming: receivers and the mediator")
    last = len(run.plan.stages)
    for stage in run.plan.stages:
        for signer in (*terms.parties, "mediator"):
            if stage.number == last and signer == "mediator":
                continue  # the last stage still waits for the mediator: shown as pending
            # Nothing to confirm (a direction nobody crossed in) is no failure of the demo.
            with suppress(ValueError):
                confirm_stage(store, str(stage.number), signer, keys[signer])
    run.report = app.report(store, settings)
    return run
