"""What a user of Parley does, as library functions: the CLI (and any other adapter) is a thin
shell over these. Each writing function is one transaction: all of it or nothing.
"""

from __future__ import annotations

import re
import weakref
from collections.abc import Callable
from dataclasses import asdict, dataclass, field
from pathlib import Path
from typing import Any

from parley.domain.events import GENESIS_HASH, Changes, Fact, canonical_json
from parley.domain.facts import RECORD_KINDS, person_facts, record_facts, record_from_facts
from parley.domain.parties import PARTY_CODE
from parley.domain.people import ListKind
from parley.domain.record import Record, reference_problems
from parley.domain.tallies import Crossing
from parley.imports import ImportRefused, PartyCheck, RowError, read_person_file
from parley.ledger.custody import confirmed_tallies, crossings
from parley.ledger.verify import Verification, verify
from parley.reports.build import build_report
from parley.scenarios import Scenario, ScenarioError, load_scenario
from parley.service.verified import verified
from parley.settings import Settings
from parley.store import Store


def open_store(settings: Settings) -> Store:
    """Open the configured database, bringing its schema up to date first."""
    store = Store(settings.db_url)
    store.migrate()
    return store


def load_scenario_into(store: Store, name_or_path: str | Path) -> tuple[Scenario, Changes]:
    scenario = load_scenario(name_or_path)
    merged = _merged(store, scenario.record)
    problems = reference_problems(merged)
    if problems:
        raise ScenarioError(str(name_or_path), problems)
    facts = record_facts(scenario.record, source=scenario.scenario.id)
    meta = scenario.scenario.model_dump(mode="json")
    changes = store.record_facts([*facts, Fact("scenario", scenario.scenario.id, meta)])
    return scenario, changes


def _merged(store: Store, incoming: Record) -> Record:
    """The stored record with the incoming one laid over it, without validating references."""
    stored = current_record(store)
    fields: dict[str, Any] = {}
    for name in ("parties", "mediators", "rounds", "agreements", "stages", "claims"):
        ident = "code" if name in ("parties", "mediators") else "id"
        merged = {getattr(x, ident): x for x in getattr(stored, name)}
        merged.update({getattr(x, ident): x for x in getattr(incoming, name)})
        fields[name] = tuple(merged.values())
    return Record.model_construct(**fields, covers_until=incoming.covers_until)


def current_record(store: Store) -> Record:
    return record_from_facts({kind: store.facts(kind) for kind in RECORD_KINDS})


def known_parties(store: Store) -> set[str]:
    """Parties the record names, and parties with a stored list."""
    return {str(p["code"]) for p in store.facts("party")} | store.list_parties()


def scenarios_loaded(store: Store) -> list[dict[str, Any]]:
    return store.facts("scenario")


@dataclass
class PersonImport:
    source: str
    changes: Changes
    warnings: list[str] = field(default_factory=list)
    not_in_file: int = 0


def import_persons(
    store: Store,
    path: Path,
    list_kind: ListKind,
    party: str,
    on_step: Callable[[str], None] = lambda _step: None,
) -> PersonImport:
    """Import a registry (persons `party` holds) or a request list (persons `party` asks back).

    The whole file or nothing: any bad row refuses it, naming file, row and column.
    `on_step` hears what is being done, for progress displays.
    """
    known = [str(p["code"]) for p in store.facts("party")]  # not the whole record
    if (known and party not in known) or not _is_party_code(party):
        hint = f"known parties: {', '.join(known)}" if known else "load a scenario first"
        problem = RowError(path.name, None, None, f"unknown party code {party!r} ({hint})")
        raise ImportRefused(path.name, [problem])
    on_step(f"reading {path.name}")
    imported = read_person_file(path, party=PartyCheck(party, frozenset(known)))
    stored_ids = store.person_ids(list_kind, party)
    on_step(f"recording {len(imported.persons):,} persons")
    changes = store.record_facts(person_facts(list_kind, party, imported.persons))
    in_file = {p.id for p in imported.persons}
    return PersonImport(
        source=imported.source,
        changes=changes,
        warnings=list(imported.warnings),
        not_in_file=len(stored_ids - in_file),
    )


def _is_party_code(code: str) -> bool:
    return re.fullmatch(PARTY_CODE, code) is not None


class LedgerNotVerified(ValueError):
    """The log does not verify: no figures unless asked for anyway."""


def report(
    store: Store,
    settings: Settings,
    unverified: bool = False,
    checked: Verification | None = None,
) -> dict[str, Any]:
    """The report, from a verified log only; LedgerNotVerified (naming the first bad seq)
    when the log does not verify, unless `unverified` asks for the figures anyway.
    `checked` is the log's verification when the caller has it already.
    """
    checked = checked if checked is not None else verify(store.entries())
    if not unverified:
        _require_verified(checked, "the report shows no figures (--unverified to see them)")
    record = current_record(store)
    scenarios = scenarios_loaded(store)
    data = build_report(
        record,
        scenario=scenarios[-1] if scenarios else None,
        about_tolerance=settings.about_tolerance,
        verified=checked.ok,
        # A log that does not verify gives no confirmed figure, even when asked to show one.
        crossings=crossings(checked) if checked.ok else (),
    )
    seq, digest = checked.head or (0, GENESIS_HASH)
    data["ledger"] = {
        "verified": checked.ok,
        "problem": None if checked.ok else str(checked),
        "head": {"seq": seq, "hash": digest} if checked.ok else None,
        **(confirmed_tallies(checked) if checked.ok else {}),
    }
    return data


def record_and_crossings(store: Store) -> tuple[Record, list[Crossing]]:
    """The record and the handovers confirmed in the verified ledger: what every tally counts.
    LedgerNotVerified when the log does not verify.
    """
    checked = verify(store.entries())
    _require_verified(checked, "no figures are derived from it")
    return current_record(store), crossings(checked)


def _require_verified(checked: Verification, consequence: str) -> None:
    """LedgerNotVerified, naming the first bad entry and what follows from it, unless the log
    verifies."""
    if not checked.ok:
        raise LedgerNotVerified(f"{checked}; {consequence}")


_shared: weakref.WeakKeyDictionary[Store, tuple[Any, dict[str, Any]]] = weakref.WeakKeyDictionary()


def shared_report(store: Store, settings: Settings) -> dict[str, Any]:
    """The report for a process that serves it often: made again only when something it shows
    has changed — a fact of the record, or what was handed over and confirmed — not on every
    entry appended. Shared between callers: read it, never change it.
    """
    checked = verified(store)
    if not checked.ok:
        return report(store, settings, checked=checked)  # LedgerNotVerified
    kept = _shared.get(store)
    if kept is not None and kept[1]["ledger"]["head"] == _head(checked):
        return kept[1]  # nothing appended since
    counted = {"ledger": confirmed_tallies(checked), "crossings": _crossed(checked)}
    version = (store.facts_version((*RECORD_KINDS, "scenario")), canonical_json(counted))
    data = kept[1] if kept is not None and kept[0] == version else None
    if data is None:
        data = report(store, settings, checked=checked)
    else:  # the same figures on a later head
        data = {**data, "ledger": {**data["ledger"], "head": _head(checked)}}
    _shared[store] = (version, data)
    return data


def _crossed(checked: Verification) -> list[dict[str, Any]]:
    return [
        {**asdict(c), "date": c.date.isoformat() if c.date else None} for c in crossings(checked)
    ]


def _head(checked: Verification) -> dict[str, Any]:
    seq, digest = checked.head or (0, GENESIS_HASH)
    return {"seq": seq, "hash": digest}
