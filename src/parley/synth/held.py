"""Seeded held-persons files for the planner: who each party holds, with the facts planning
needs (category, age, wounds and illness, consent, capture date, whether requested).
"""

from __future__ import annotations

import random
from datetime import date, timedelta
from pathlib import Path

from parley.imports.tables import write_table
from parley.planning.held import HELD_COLUMNS, HeldPerson

WAR_BEGAN = date(2022, 2, 24)
AS_OF = date(2025, 6, 1)


def synth_held(holder: str, count: int, seed: int) -> list[HeldPerson]:
    """`count` persons held by `holder`, the same for the same seed."""
    rng = random.Random(f"held/{holder}/{seed}")
    persons = []
    for n in range(1, count + 1):
        civilian = rng.random() < 0.08
        age = rng.choice((19, 20, 21, 22, 23, 24)) if rng.random() < 0.15 else rng.randint(25, 58)
        birth = AS_OF - timedelta(days=365 * age + rng.randint(0, 364))
        captured = WAR_BEGAN + timedelta(days=rng.randint(0, (AS_OF - WAR_BEGAN).days))
        persons.append(
            HeldPerson(
                id=f"{holder}-H-{n:06d}",
                holder=holder,
                category="civilian" if civilian else "serviceman",
                birth_date=None if rng.random() < 0.03 else birth,
                seriously_wounded=rng.random() < 0.04,
                seriously_ill=rng.random() < 0.03,
                consent=rng.choices(("yes", "unknown", "no"), (0.86, 0.10, 0.04))[0],
                captured_on=None if rng.random() < 0.05 else captured,
                requested=rng.random() < (0.6 if civilian else 0.5),
            )
        )
    return persons


def write_held(persons: list[HeldPerson], path: Path) -> Path:
    def cells(p: HeldPerson) -> list[str | date | None]:
        return [
            p.id, p.category, p.birth_date,
            str(p.seriously_wounded).lower(), str(p.seriously_ill).lower(),
            p.consent, p.captured_on, str(p.requested).lower(),
        ]  # fmt: skip

    path.parent.mkdir(parents=True, exist_ok=True)
    write_table(path, HELD_COLUMNS, (cells(p) for p in persons))
    return path
