"""Writing the lists as import files, and their truth as plain CSV tables."""

from __future__ import annotations

import csv
from collections.abc import Iterable, Sequence
from datetime import date
from pathlib import Path

from parley.domain.columns import PERSON_FIELDS
from parley.imports import write_person_file
from parley.synth.model import Exchange, RegistryRecord, SynthLists

# direction ("ua": Ukraine asks, "ru": Russia asks) -> (requests, registry, truth, hard negatives)
FILE_NAMES: dict[str, tuple[str, str, str, str]] = {
    "ua": ("ua_requests.csv", "ru_registry.csv", "truth_ua.csv", "hard_negatives_ua.csv"),
    "ru": ("ru_requests.csv", "ua_registry.csv", "truth_ru.csv", "hard_negatives_ru.csv"),
}
TRUTH_COLUMNS = ("request_id", "registry_id", "distortions")
HARD_NEGATIVE_COLUMNS = ("request_id", "registry_id", "kind")


def write_synth_lists(lists: SynthLists, out_dir: Path) -> list[Path]:
    """Write both directions into `out_dir` (created if missing); return the files written."""
    out_dir.mkdir(parents=True, exist_ok=True)
    written: list[Path] = []
    for direction, exchange in (("ua", lists.ua), ("ru", lists.ru)):
        written += write_exchange(exchange, out_dir, FILE_NAMES[direction])
    return written


def write_exchange(
    exchange: Exchange, out_dir: Path, names: tuple[str, str, str, str]
) -> list[Path]:
    requests, registry, truth, negatives = (out_dir / name for name in names)
    write_person_file(exchange.requests, requests)
    write_registry(exchange.registry, registry)
    _write_rows(
        truth,
        TRUTH_COLUMNS,
        ((p.request_id, p.registry_id, ";".join(p.distortions)) for p in exchange.truth),
    )
    _write_rows(
        negatives,
        HARD_NEGATIVE_COLUMNS,
        ((n.request_id, n.registry_id, n.kind) for n in exchange.hard_negatives),
    )
    return [requests, registry, truth, negatives]


def write_registry(records: Iterable[RegistryRecord], path: Path) -> None:
    """Like `write_person_file` (same columns, same CSV dialect), except that a record marked
    `dotted_date` carries its birth date as DD.MM.YYYY, which the importer also reads."""
    _write_rows(path, PERSON_FIELDS, (_cells(record) for record in records))


def _cells(record: RegistryRecord) -> list[str]:
    cells: list[str] = []
    for name in PERSON_FIELDS:
        value = getattr(record.person, name)
        if value is None:
            cells.append("")
        elif isinstance(value, bool):
            cells.append("true" if value else "false")
        elif isinstance(value, date):
            dotted = record.dotted_date and name == "birth_date"
            cells.append(value.strftime("%d.%m.%Y") if dotted else value.isoformat())
        else:
            cells.append(str(value))
    return cells


def _write_rows(path: Path, header: Sequence[str], rows: Iterable[Sequence[str]]) -> None:
    with path.open("w", encoding="utf-8", newline="") as stream:
        writer = csv.writer(stream)
        writer.writerow(header)
        writer.writerows(rows)
