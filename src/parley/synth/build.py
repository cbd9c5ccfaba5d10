"""Assembling both directions of an exchange: who is asked for, who is held, who is registered
twice, who only looks like someone asked for."""

from __future__ import annotations

import gc
from collections.abc import Callable, Iterator
from contextlib import contextmanager
from dataclasses import dataclass, field
from random import Random

from parley.domain.people import Person
from parley.synth import clerks
from parley.synth.model import (
    Exchange,
    HardNegative,
    HardNegativeKind,
    Identity,
    Lang,
    RegistryRecord,
    SynthLists,
    TruthPair,
)
from parley.synth.people import People

REQUESTS_AT_SCALE_1 = 4500
REGISTRY_AT_SCALE_1 = 9000
P_HELD = 0.875  # the rest are missing in action or dead
P_TWICE = 0.02  # of those held: registered twice, each record with its own distortions
P_BROTHER = 0.014
P_NAMESAKE = 0.014
_PREFIX = {"uk": "UA", "ru": "RU"}

Progress = Callable[[str, int], None]


def synth_lists(seed: int, scale: float = 1.0, progress: Progress | None = None) -> SynthLists:
    """Synthetic request lists and registries for both directions, with their truth.

    Pure and deterministic: the same seed and scale give the same lists. At scale 1 each
    direction has about 4,500 requests and 9,000 registry records. `progress`, if given, is
    called with a step's name and the number of persons done in it.
    """
    if scale <= 0:
        raise ValueError("scale must be positive")
    with _collector_paused():
        return SynthLists(
            seed=seed,
            scale=scale,
            ua=build_exchange(seed, scale, asker="uk", holder="ru", progress=progress),
            ru=build_exchange(seed, scale, asker="ru", holder="uk", progress=progress),
        )


@contextmanager
def _collector_paused() -> Iterator[None]:
    """Pause the cyclic garbage collector while building: the lists make no cycles, and its
    passes over the name dictionaries' million objects would take a quarter of the time."""
    was_enabled = gc.isenabled()
    gc.disable()
    try:
        yield
    finally:
        if was_enabled:
            gc.enable()


@dataclass
class _Entry:
    """A registry entry before ids are given: who it is, and (if any) whom it answers."""

    person: Identity
    request: int | None = None  # index of the requested person it truly is
    hard_negative: tuple[int, HardNegativeKind] | None = None


@dataclass
class _Draft:
    asked: list[Identity] = field(default_factory=list)
    entries: list[_Entry] = field(default_factory=list)


def build_exchange(
    seed: int, scale: float, *, asker: Lang, holder: Lang, progress: Progress | None = None
) -> Exchange:
    rng = Random(f"parley-synth:{seed}:{asker}")
    people = People(asker, rng)
    n_requests = max(1, round(REQUESTS_AT_SCALE_1 * scale))
    n_registry = max(n_requests, round(REGISTRY_AT_SCALE_1 * scale))
    draft = _Draft()
    for index in range(n_requests):
        person = people.person()
        draft.asked.append(person)
        if rng.random() < P_HELD:
            draft.entries.append(_Entry(person, request=index))
            if rng.random() < P_TWICE:
                draft.entries.append(_Entry(person, request=index))
        look = rng.random()
        if look < P_BROTHER and person.sex == "M":
            draft.entries.append(_Entry(people.brother(person), hard_negative=(index, "brother")))
        elif look < P_BROTHER + P_NAMESAKE and (
            # Namesakes share common names; a rarer name has one less often.
            people.has_common_name(person) or rng.random() < 0.3
        ):
            twin = people.namesake(person)
            draft.entries.append(_Entry(twin, hard_negative=(index, "namesake")))
    while len(draft.entries) < n_registry:
        draft.entries.append(_Entry(people.person()))
    if progress:
        progress(f"{asker}: persons", n_requests + len(draft.entries))
    return _render(draft, asker, holder, rng, progress)


def _render(
    draft: _Draft, asker: Lang, holder: Lang, rng: Random, progress: Progress | None
) -> Exchange:
    request_order = list(range(len(draft.asked)))
    rng.shuffle(request_order)
    request_ids: dict[int, str] = {}
    requests: list[Person] = []
    request_errors: dict[str, tuple[str, ...]] = {}
    for position, index in enumerate(request_order, start=1):
        ident = f"{_PREFIX[asker]}-Q-{position:06d}"
        request_ids[index] = ident
        person, slips = clerks.request(draft.asked[index], ident, rng)
        requests.append(person)
        if slips:
            request_errors[ident] = slips
    if progress:
        progress(f"{asker}: requests", len(requests))
    rng.shuffle(draft.entries)
    registry: list[RegistryRecord] = []
    truth: list[TruthPair] = []
    negatives: list[HardNegative] = []
    first_kinds: dict[int, tuple[str, ...]] = {}
    for position, entry in enumerate(draft.entries, start=1):
        ident = f"{_PREFIX[holder]}-H-{position:07d}"
        record = clerks.registry(entry.person, ident, holder, rng)
        if entry.request is not None:
            # A second record of the same person is written by another clerk, differently.
            tries = 0
            while first_kinds.get(entry.request) == record.distortions and tries < 20:
                record = clerks.registry(entry.person, ident, holder, rng)
                tries += 1
            first_kinds.setdefault(entry.request, record.distortions)
            truth.append(TruthPair(request_ids[entry.request], ident, record.distortions))
        if entry.hard_negative is not None:
            index, kind = entry.hard_negative
            negatives.append(HardNegative(request_ids[index], ident, kind))
        registry.append(record)
    if progress:
        progress(f"{asker}: registry", len(registry))
    truth.sort(key=lambda p: (p.request_id, p.registry_id))
    negatives.sort(key=lambda n: (n.request_id, n.registry_id))
    return Exchange(
        asker=asker,
        holder=holder,
        requests=tuple(sorted(requests, key=lambda p: p.id)),
        registry=tuple(registry),
        truth=tuple(truth),
        hard_negatives=tuple(negatives),
        request_errors=request_errors,
    )
