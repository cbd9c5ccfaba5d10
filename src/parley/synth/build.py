"""Assembling both directions of an exchange: who is asked for, who is held, who is registered
twice, who only looks like someone asked for."""

from __future__ import annotations

from collections.abc import Callable
from dataclasses import dataclass, field, replace
from random import Random

from parley.domain.people import Person
from parley.nogc import without_cycle_collection
from parley.synth import clerks
from parley.synth.mixes import Mix, mix_named
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
from parley.synth.names import Pool
from parley.synth.people import People

REQUESTS_AT_SCALE_1 = 4500
REGISTRY_AT_SCALE_1 = 9000
# The default mix's shares (`parley.synth.mixes.Mix` has them all): the rest of the requested
# are missing in action or dead; of those held, a few are registered twice, each record with
# its own distortions.
P_HELD = Mix().p_held
P_TWICE = Mix().p_twice
_PREFIX = {"uk": "UA", "ru": "RU"}

Progress = Callable[[str, int], None]


def synth_lists(
    seed: int, scale: float = 1.0, progress: Progress | None = None, mix: str = "default"
) -> SynthLists:
    """Synthetic request lists and registries for both directions, with their truth.

    Pure and deterministic: the same seed, scale and mix give the same lists. At scale 1 each
    direction has about 4,500 requests and 9,000 registry records. `progress`, if given, is
    called with a step's name and the number of persons done in it. `mix` names a parameter
    set of `parley.synth.mixes.MIXES` ("default", "unheld", "relatives", "latin", "hard").
    """
    if scale <= 0:
        raise ValueError("scale must be positive")
    chosen = mix_named(mix)
    # Another mix draws from another stream: its lists are not the default's, slightly edited.
    tag = "" if mix == "default" else f":{mix}"
    # No cycles: collector passes over the name dictionaries' objects cost a quarter of the time.
    with without_cycle_collection():
        return SynthLists(
            seed=seed,
            scale=scale,
            ua=build_exchange(
                seed, scale, asker="uk", holder="ru", progress=progress, mix=chosen, tag=tag
            ),
            ru=build_exchange(
                seed, scale, asker="ru", holder="uk", progress=progress, mix=chosen, tag=tag
            ),
        )


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
    seed: int,
    scale: float,
    *,
    asker: Lang,
    holder: Lang,
    progress: Progress | None = None,
    mix: Mix | None = None,
    tag: str = "",
) -> Exchange:
    mix = mix or Mix()
    rng = Random(f"parley-synth:{seed}:{asker}{tag}")
    people = People(asker, rng, mix)
    n_requests = max(1, round(REQUESTS_AT_SCALE_1 * scale))
    n_registry = max(n_requests, round(REGISTRY_AT_SCALE_1 * scale))
    draft = _Draft()
    for index in range(n_requests):
        person = people.person()
        # A father and son pair is hardest when the son bears his father's name.
        father_son = (
            person.sex == "M" and bool(mix.p_father_son) and rng.random() < mix.p_father_son
        )
        if father_son and rng.random() < mix.p_named_after_father:
            person = replace(person, given=person.father)
        draft.asked.append(person)
        held = rng.random() < mix.p_held
        if held:
            draft.entries.append(_Entry(person, request=index))
            if rng.random() < mix.p_twice:
                draft.entries.append(_Entry(person, request=index))
        look = rng.random()
        if look < mix.p_brother and person.sex == "M":
            draft.entries.append(_Entry(people.brother(person), hard_negative=(index, "brother")))
        elif look < mix.p_brother + mix.p_namesake and (
            # Namesakes share common names; a rarer name has one less often.
            people.has_common_name(person) or rng.random() < 0.3
        ):
            twin = people.namesake(person)
            draft.entries.append(_Entry(twin, hard_negative=(index, "namesake")))
        if mix.has_lookalikes:
            for twin, kind in _lookalikes(person, held, father_son, mix, people, rng):
                draft.entries.append(_Entry(twin, hard_negative=(index, kind)))
    while len(draft.entries) < n_registry:
        draft.entries.append(_Entry(people.person()))
    if progress:
        progress(f"{asker}: persons", n_requests + len(draft.entries))
    return _render(draft, asker, holder, rng, progress, mix, people)


def _lookalikes(
    person: Identity, held: bool, father_son: bool, mix: Mix, people: People, rng: Random
) -> list[tuple[Identity, HardNegativeKind]]:
    """The other mixes' look-alikes of one requested person, registered beside him (or in his
    stead, when he is not held)."""
    found: list[tuple[Identity, HardNegativeKind]] = []
    if not held and rng.random() < mix.p_unheld_lookalike:
        if rng.random() < mix.p_unheld_common:
            found.append((people.common_twin(person), "common_name"))
        else:
            found.append((people.near_namesake(person, mix.p_same_unit), "unheld_namesake"))
    elif held and rng.random() < mix.p_common_name:
        found.append((people.common_twin(person), "common_name"))
    if person.sex == "M" and rng.random() < mix.p_cousin:
        found.append((people.cousin(person), "cousin"))
    if father_son:
        found.append((people.father_or_son(person), "father_son"))
    return found


def _visibly_other(
    entry: _Entry,
    record: RegistryRecord,
    draft: _Draft,
    written: dict[int, Person],
    people: People,
    write: Callable[[Identity], RegistryRecord],
) -> tuple[RegistryRecord, _Entry]:
    """The look-alike's record with at least one fact that tells it from the requested person
    still written on both sides (the clerks may have left out the one birth date or patronymic
    that differs). Where the request itself lacks it, a stranger is registered instead: a pair
    no clerk could tell apart measures luck, not the linker."""
    assert entry.hard_negative is not None
    index = entry.hard_negative[0]
    asked, request = draft.asked[index], written[index]
    for _ in range(20):
        if _tells_apart(asked, entry.person, request, record):
            return record, entry
        record = write(entry.person)
    stranger = _Entry(people.person())
    return write(stranger.person), stranger


_PLACEHOLDERS = frozenset(text for texts in clerks.PLACEHOLDERS.values() for text in texts)


def _tells_apart(asked: Identity, twin: Identity, request: Person, written: RegistryRecord) -> bool:
    record = written.person
    if (asked.family, asked.given, asked.sex) != (twin.family, twin.given, twin.sex):
        return True  # names are always written
    # A placeholder (н/д) is no father's name, and 01.01 for the year alone tells only the year.
    patronymic = record.patronymic and record.patronymic not in _PLACEHOLDERS
    if asked.father != twin.father and request.patronymic and patronymic:
        return True
    if "year_only" in written.distortions and asked.birth.year == twin.birth.year:
        return False
    return asked.birth != twin.birth and bool(request.birth_date and record.birth_date)


def _asked_again(
    draft: _Draft,
    asker: Lang,
    rng: Random,
    request_latin: tuple[float, Pool[str]] | None,
    mix: Mix,
    request_errors: dict[str, tuple[str, ...]],
) -> dict[int, tuple[Person, tuple[str, ...]]]:
    """Requests of another office for some of the persons already asked for, each written by
    its own clerk (ids after the first office's)."""
    again: dict[int, tuple[Person, tuple[str, ...]]] = {}
    for index, person in enumerate(draft.asked):
        if rng.random() < mix.p_asked_twice:
            ident = f"{_PREFIX[asker]}-Q-{len(draft.asked) + len(again) + 1:06d}"
            written, slips = clerks.request(
                person, ident, rng, request_latin, mix.p_diminutive, mix.offices
            )
            again[index] = (written, (*slips, "asked_twice"))
            request_errors[ident] = again[index][1]
    return again


def _render(
    draft: _Draft,
    asker: Lang,
    holder: Lang,
    rng: Random,
    progress: Progress | None,
    mix: Mix,
    people: People | None = None,
) -> Exchange:
    request_order = list(range(len(draft.asked)))
    rng.shuffle(request_order)
    request_ids: dict[int, str] = {}
    written: dict[int, Person] = {}
    requests: list[Person] = []
    request_errors: dict[str, tuple[str, ...]] = {}
    request_latin = None
    if mix.p_request_latin:
        request_latin = (mix.p_request_latin, clerks.latin_pool(mix.request_latin))
    registry_latin = clerks.latin_pool(mix.latin)
    for position, index in enumerate(request_order, start=1):
        ident = f"{_PREFIX[asker]}-Q-{position:06d}"
        request_ids[index] = ident
        person, slips = clerks.request(
            draft.asked[index], ident, rng, request_latin, mix.p_diminutive, mix.offices
        )
        requests.append(person)
        written[index] = person
        if slips:
            request_errors[ident] = slips
    asked_again: dict[int, tuple[Person, tuple[str, ...]]] = {}
    if mix.p_asked_twice:  # else no draw at all: the other mixes' files stay the same
        asked_again = _asked_again(draft, asker, rng, request_latin, mix, request_errors)
    requests += [person for person, _ in asked_again.values()]
    if progress:
        progress(f"{asker}: requests", len(requests))
    rng.shuffle(draft.entries)
    registry: list[RegistryRecord] = []
    truth: list[TruthPair] = []
    negatives: list[HardNegative] = []
    first_kinds: dict[int, tuple[str, ...]] = {}

    def register(who: Identity, ident: str) -> RegistryRecord:
        """The person as one of the holder's clerks writes him, under this id."""
        return clerks.registry(
            who, ident, holder, rng, mix.p_latin, registry_latin, mix.p_initials,
            mix.p_dob_slip, mix.p_year_only, mix.p_placeholder,
            (mix.p_unit_formation, mix.p_unit_army, mix.p_misplaced),
        )  # fmt: skip

    for position, entry in enumerate(draft.entries, start=1):
        ident = f"{_PREFIX[holder]}-H-{position:07d}"
        record = register(entry.person, ident)
        if entry.request is not None:
            # A second record of the same person is written by another clerk, differently.
            tries = 0
            while first_kinds.get(entry.request) == record.distortions and tries < 20:
                record = register(entry.person, ident)
                tries += 1
            first_kinds.setdefault(entry.request, record.distortions)
            asked = request_ids[entry.request]
            kinds = record.distortions
            if "request_latin" in request_errors.get(asked, ()):
                kinds = (*kinds, "request_latin")  # the pair is harder, not the record
            truth.append(TruthPair(asked, ident, kinds))
            if entry.request in asked_again:  # the other office's request is his too
                truth.append(TruthPair(asked_again[entry.request][0].id, ident, kinds))
        if entry.hard_negative is not None and mix.visible_lookalikes and people is not None:

            def write(who: Identity, ident: str = ident) -> RegistryRecord:
                return register(who, ident)

            record, entry = _visibly_other(entry, record, draft, written, people, write)
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
