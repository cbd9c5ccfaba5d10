"""`parley demo --scenario synthetic`: a whole exchange on generated data, as a new user would
run it — the round and agreement recorded, lists verified, a plan made from that agreement,
three signers' keys, handovers with a few absences, confirmations, and the report — every step
through the same functions the commands use.
"""

from __future__ import annotations

import random
import tempfile
from collections.abc import Callable
from contextlib import suppress
from dataclasses import dataclass, field
from datetime import date
from importlib import resources
from pathlib import Path
from typing import Any

from parley.domain.agreements import Agreement, Clause, Eligibility
from parley.domain.facts import record_facts
from parley.domain.parties import Party
from parley.domain.record import Record
from parley.domain.talks import Round
from parley.ledger.keys import SigningKey, read_key
from parley.planning.plan import Plan, make_plan
from parley.planning.terms import PlanTerms, load_terms
from parley.service import records as app
from parley.service.custody import Absence, confirm_stage, open_stages, record_handover
from parley.service.ledger import new_registered_key
from parley.service.plans import terms_of
from parley.service.verification import status_counts, verify_requests
from parley.settings import Settings
from parley.store import Store
from parley.synth import synth_lists, write_synth_lists
from parley.synth.held import synth_held

SIGNERS = ("RU", "UA", "mediator", "recorder")
STEPS = 9
AGREEMENT = "synthetic-terms"


@dataclass
class SyntheticRun:
    keys_dir: Path
    verification: dict[str, int] = field(default_factory=dict)
    plan: Plan | None = None
    absent: int = 0
    report: dict[str, Any] = field(default_factory=dict)


def run_synthetic(
    store: Store,
    settings: Settings,
    seed: int,
    step: Callable[[str], None] = lambda _s: None,
    keys_dir: Path | None = None,
) -> SyntheticRun:
    """A whole synthetic exchange in `store`. The signers' private keys go to `keys_dir`, or
    to a new private temporary folder that outlives the run: the demo's user may sign with
    them afterwards (the last stage waits for the mediator)."""
    if any(e.type == "stage.planned" for e in store.entries()):
        raise ValueError("this database already holds an exchange: give the demo a new --db")
    rng = random.Random(seed)
    if keys_dir is None:
        keys_dir = Path(tempfile.mkdtemp(prefix="parley-demo-keys-"))
    run = SyntheticRun(keys_dir)
    step("generating request lists and registries")
    with tempfile.TemporaryDirectory() as folder:
        write_synth_lists(synth_lists(seed, 0.05), Path(folder))
        step("importing the lists")
        app.import_persons(store, Path(folder) / "ua_requests.csv", "request", "UA")
        app.import_persons(store, Path(folder) / "ru_registry.csv", "registry", "RU")
    step("verifying UA's requests against RU's registry")
    verify_requests(store, "UA", "RU", 0.9, 0.4)
    run.verification = status_counts(store, "UA")
    step("recording the round and its agreement")
    agreement = demo_agreement()
    store.record_facts(record_facts(demo_record(agreement), source="synthetic"))
    step("planning the stages from the agreement")
    terms, _ = terms_of(agreement, ("RU", "UA"), date(2025, 6, 9), stages=3, capacity=120)
    persons = synth_held("RU", 800, seed) + synth_held("UA", 800, seed)
    run.plan = make_plan(terms, persons)
    step("making the signers' keys")
    keys: dict[str, SigningKey] = {}
    for signer in SIGNERS:
        path = run.keys_dir / f"{signer}.key"
        new_registered_key(store, signer, path)
        keys[signer] = read_key(path)
    step("opening the stages")
    open_stages(store, run.plan, {c.id: c.category for c in terms.clauses}, agreement=AGREEMENT)
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


def demo_agreement() -> Agreement:
    """The example terms (june-terms.yaml) as an agreement of the record, so that the plan is
    made from a recorded agreement and what crosses counts towards it.
    """
    example = resources.files("parley.planning") / "examples" / "june-terms.yaml"
    return agreement_of(load_terms(Path(str(example))), AGREEMENT, "round-1")


def agreement_of(terms: PlanTerms, agreement_id: str, round_id: str) -> Agreement:
    clauses = []
    every = {f"{d.sender}->{d.receiver}": "all" for d in terms.directions}
    for c in terms.clauses:
        clauses.append(
            Clause(
                id=c.id,
                title=c.id,
                categories=(c.category,),
                eligibility=Eligibility(**c.eligible.model_dump()),
                quantity=every if c.quantity == "all" else dict(c.quantity),
                ratio=c.ratio,
            )
        )
    title = "Terms of the synthetic exchange"
    return Agreement(id=agreement_id, round=round_id, title=title, clauses=tuple(clauses))


def demo_record(agreement: Agreement) -> Record:
    parties = (Party(code="RU", name="Russia"), Party(code="UA", name="Ukraine"))
    talks = Round(
        id=agreement.round,
        number=1,
        date=date(2025, 6, 2),
        outcomes=("Agreed the terms the synthetic exchange carries out",),
    )
    return Record(parties=parties, rounds=(talks,), agreements=(agreement,))
