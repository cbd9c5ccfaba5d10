"""Speed of the core paths, on a throwaway SQLite database: `make bench`.

Figures, not pass/fail: loading the istanbul-2025 scenario, building the report, and importing
a large registry (and re-importing it, which must write nothing).
"""

from __future__ import annotations

import random
import tempfile
import time
from collections.abc import Callable
from datetime import date, timedelta
from pathlib import Path

from parley.domain.people import Person
from parley.imports import write_person_file
from parley.service import records as app
from parley.settings import Settings

FAMILY = ["Коваленко", "Шевченко", "Бондаренко", "Ткаченко", "Кравченко", "Олійник", "Мельник"]
GIVEN = ["Олександр", "Андрій", "Сергій", "Дмитро", "Іван", "Михайло", "Петро", "Юрій"]


def registry(n: int, seed: int = 1) -> list[Person]:
    rng = random.Random(seed)
    return [
        Person(
            id=f"R{i}",
            family_name=rng.choice(FAMILY),
            given_name=rng.choice(GIVEN),
            patronymic=rng.choice(GIVEN) + "ович",
            birth_date=date(1970, 1, 1) + timedelta(days=rng.randrange(12_000)),
            military_unit=f"в/ч А{rng.randrange(1000, 9999)}",
            seriously_wounded=rng.random() < 0.05,
        )
        for i in range(n)
    ]


def timed(label: str, action: Callable[[], object]) -> float:
    start = time.perf_counter()
    action()
    seconds = time.perf_counter() - start
    print(f"{label:<48} {seconds:8.2f} s")
    return seconds


def main(persons: int = 50_000) -> None:
    with tempfile.TemporaryDirectory() as folder:
        settings = Settings(db_url=f"sqlite:///{Path(folder) / 'bench.db'}")
        store = app.open_store(settings)
        timed("load istanbul-2025", lambda: app.load_scenario_into(store, "istanbul-2025"))
        timed("build the report", lambda: app.report(store, settings))
        path = Path(folder) / "registry.csv"
        write_person_file(registry(persons), path)
        seconds = timed(
            f"import a registry of {persons:,}",
            lambda: app.import_persons(store, path, "registry", "RU"),
        )
        print(f"{'  persons per second':<48} {persons / seconds:8.0f}")
        timed("re-import it unchanged", lambda: app.import_persons(store, path, "registry", "RU"))
        store.close()


if __name__ == "__main__":
    main()
