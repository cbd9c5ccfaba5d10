"""The generator's mixes: the default one unchanged to the byte, each other mix deterministic and
doing what its name says, with a truth that still holds together."""

from __future__ import annotations

import csv
import hashlib
from collections import Counter
from datetime import timedelta
from pathlib import Path
from random import Random

import pytest
import typer
from typer.testing import CliRunner

from parley.cli import synth as synth_cli
from parley.synth import FILE_NAMES, Exchange, SynthLists, synth_lists, write_synth_lists
from parley.synth.clerks import DIMINUTIVES
from parley.synth.habits import HABITS, spell
from parley.synth.mixes import COMMON_FAMILY, MIXES, mix_named
from parley.synth.model import ALL_DISTORTION_KINDS, ALL_HARD_NEGATIVE_KINDS
from parley.synth.people import People

# sha256 over (name, bytes) of every file `write_synth_lists` wrote, taken from the generator as
# it was before mixes existed: the benchmarks' and the tests' lists must not move.
DEFAULT_DIGESTS = {
    (1, 0.03): "90cd1196a53e71fb94b941178e1360f72bfcbac153c55695d263291944a045e9",
    (7, 0.05): "1656bb7ed549a3cd06981a39110606afbba5ae7c9e2b97f1c39dd246f43f7308",
}
OTHER_MIXES = [name for name in MIXES if name != "default"]


def _digest(paths: list[Path]) -> str:
    digest = hashlib.sha256()
    for path in paths:
        digest.update(path.name.encode())
        digest.update(path.read_bytes())
    return digest.hexdigest()


@pytest.fixture(scope="module")
def mixed() -> dict[str, SynthLists]:
    return {name: synth_lists(3, 0.05, mix=name) for name in OTHER_MIXES}


def _exchanges(lists: SynthLists) -> list[Exchange]:
    return [lists.ua, lists.ru]


@pytest.mark.parametrize(("seed", "scale"), sorted(DEFAULT_DIGESTS))
def test_default_mix_gives_the_files_it_always_gave(
    seed: int, scale: float, tmp_path: Path
) -> None:
    implicit = write_synth_lists(synth_lists(seed, scale), tmp_path / "a")
    named = write_synth_lists(synth_lists(seed, scale, mix="default"), tmp_path / "b")
    assert _digest(implicit) == _digest(named) == DEFAULT_DIGESTS[(seed, scale)]


@pytest.mark.parametrize("mix", ["unheld", "hard"])
def test_a_mix_is_deterministic_and_seeds_differ(mix: str, tmp_path: Path) -> None:
    first = write_synth_lists(synth_lists(5, 0.03, mix=mix), tmp_path / "a")
    again = write_synth_lists(synth_lists(5, 0.03, mix=mix), tmp_path / "b")
    other = write_synth_lists(synth_lists(6, 0.03, mix=mix), tmp_path / "c")
    default = write_synth_lists(synth_lists(5, 0.03), tmp_path / "d")
    for a, b in zip(first, again, strict=True):
        assert a.read_bytes() == b.read_bytes(), a.name
    for a, b in zip(first, other, strict=True):
        assert a.read_bytes() != b.read_bytes(), a.name
    assert first[0].read_bytes() != default[0].read_bytes()


def test_unknown_mix_is_refused() -> None:
    with pytest.raises(ValueError, match="unknown mix"):
        synth_lists(1, 0.02, mix="nonesuch")
    assert mix_named("hard") is MIXES["hard"]


def test_truth_holds_together_in_every_mix(mixed: dict[str, SynthLists]) -> None:
    for name, lists in mixed.items():
        for exchange in _exchanges(lists):
            requests = {p.id for p in exchange.requests}
            records = {r.person.id for r in exchange.registry}
            again = [
                p
                for p in exchange.requests
                if "asked_twice" in exchange.request_errors.get(p.id, ())
            ]
            assert len(exchange.requests) - len(again) == 225, name
            assert len(exchange.registry) == 450, name
            true_pairs = {(p.request_id, p.registry_id) for p in exchange.truth}
            true_records = {p.registry_id for p in exchange.truth}
            for pair in exchange.truth:
                assert pair.request_id in requests and pair.registry_id in records
                assert set(pair.distortions) <= set(ALL_DISTORTION_KINDS)
            for negative in exchange.hard_negatives:
                assert negative.request_id in requests and negative.registry_id in records
                assert negative.kind in ALL_HARD_NEGATIVE_KINDS
                assert (negative.request_id, negative.registry_id) not in true_pairs
                assert negative.registry_id not in true_records


def test_unheld_mix_leaves_most_requests_without_a_partner_but_with_a_look_alike(
    mixed: dict[str, SynthLists],
) -> None:
    for exchange in _exchanges(mixed["unheld"]):
        n = len(exchange.requests)
        held = {p.request_id for p in exchange.truth}
        assert 0.5 <= 1 - len(held) / n <= 0.7
        unheld_lookalikes = {
            h.request_id
            for h in exchange.hard_negatives
            if h.kind in ("unheld_namesake", "common_name") and h.request_id not in held
        }
        assert len(unheld_lookalikes) >= 0.25 * (n - len(held))
        assert {h.kind for h in exchange.hard_negatives} >= {"unheld_namesake", "common_name"}


def test_relatives_look_like_what_they_are() -> None:
    people = People("uk", Random(4), MIXES["relatives"])
    for _ in range(200):
        man = people.person(category="serviceman")
        if man.sex != "M":
            continue
        cousin = people.cousin(man)
        assert (cousin.family, cousin.unit) == (man.family, man.unit)
        assert cousin.given != man.given and cousin.birth != man.birth
        assert abs((cousin.birth - man.birth).days) <= 11 * 366
        kin = people.father_or_son(man)
        assert kin.family == man.family
        if kin.birth < man.birth:  # his father: the father's name makes his patronymic
            assert kin.given == man.father
            assert man.birth - kin.birth >= timedelta(days=int(19.9 * 365))
        else:  # his son
            assert kin.father == man.given
        twin = people.common_twin(man)
        assert (twin.given, twin.father, twin.birth) == (man.given, man.father, man.birth)
        assert twin.family != man.family


def test_relatives_mix_makes_common_names_common(mixed: dict[str, SynthLists]) -> None:
    lists = mixed["relatives"]
    kinds = Counter(h.kind for e in _exchanges(lists) for h in e.hard_negatives)
    assert {"brother", "cousin", "father_son"} <= set(kinds)
    common = set(COMMON_FAMILY["uk"])
    asked = [p for p in lists.ua.requests if p.family_name in common]  # Ukrainians, as written
    assert len(asked) / len(lists.ua.requests) >= 0.08
    names = Counter((p.family_name, p.given_name) for p in lists.ua.requests)
    assert names.most_common(1)[0][1] >= 3  # strangers sharing family and given name


@pytest.mark.parametrize(
    ("habit", "shevchenko", "oleksandr"),
    [
        ("latin_french", "Chevtchenko", {"Olexandre", "Alexandre", "Oleksandr"}),
        ("latin_soviet", "Chevtchenko", {"Oleksandr"}),
        ("latin_german", "Schewtschenko", {"Olexander", "Alexander"}),
        ("latin_polish", "Szewczenko", {"Ołeksandr", "Aleksander"}),
        ("latin_icao", "Shevchenko", {"Oleksandr"}),
        ("latin_turkish", "Şevçenko", {"Oleksandr"}),
    ],
)
def test_a_known_name_in_each_habit(habit: str, shevchenko: str, oleksandr: set[str]) -> None:
    table = HABITS[habit]
    assert spell("Шевченко", table, "uk") == shevchenko
    assert spell("ШЕВЧЕНКО", table, "uk") == shevchenko.upper()
    assert {spell("Олександр", table, "uk", variant) for variant in range(6)} == oleksandr


def test_habit_letters() -> None:
    icao, french = HABITS["latin_icao"], HABITS["latin_french"]
    german, polish = HABITS["latin_german"], HABITS["latin_polish"]
    assert spell("Щербак", icao, "ru") == "Shcherbak"
    assert spell("Юрьев", icao, "ru") == "Iurev"
    assert spell("Подъячев", icao, "ru") == "Podieiachev"
    assert spell("Журавлёв", icao, "ru") == "Zhuravlev"
    assert spell("Жуков", french, "ru") == "Joukov"
    assert spell("Васильев", french, "ru") == "Vassilev"
    assert spell("Сидоров", french, "ru") == "Sidorov"  # no ss at the start of a word
    assert spell("Хижняк", german, "uk") == "Chyshnjak"
    assert spell("Ковальський", polish, "uk") == "Kowalski"
    assert spell("Жилін", polish, "uk") == "Żylin"
    turkish = HABITS["latin_turkish"]
    assert spell("Журавльов", turkish, "uk") == "Juravlov"
    assert spell("Чичерин", turkish, "ru") == "Çiçerin"
    for habit in HABITS.values():
        for lang in ("uk", "ru"):
            assert spell("Гаврилюк", habit, lang).isascii() or habit in (polish, turkish)


def test_latin_mix_writes_other_habits_on_both_sides(mixed: dict[str, SynthLists]) -> None:
    for exchange in _exchanges(mixed["latin"]):
        kinds = Counter(k for p in exchange.truth for k in p.distortions)
        assert sum(kinds[k] for k in HABITS) >= 0.15 * len(exchange.truth)
        assert kinds["request_latin"] >= 0.1 * len(exchange.truth)
        latin_requests = [
            p for p in exchange.requests if "request_latin" in exchange.request_errors.get(p.id, ())
        ]
        assert latin_requests and all(
            p.full_name.isascii() or _polish(p.full_name) for p in latin_requests
        )


def _polish(text: str) -> bool:
    return all(ch.isascii() or ch in "ŁłŻżĄąĘęÓóŚśĆćŃńŹźÏïÊê" for ch in text)


def test_cli_writes_a_mix(tmp_path: Path) -> None:
    app = typer.Typer()

    @app.callback()
    def _root() -> None:
        pass

    synth_cli.register(app)
    out = tmp_path / "out"
    args = ["synth", "lists", "--seed", "4", "--scale", "0.02", "--mix", "hard", "--out", str(out)]
    result = CliRunner().invoke(app, args, env={"COLUMNS": "200"})
    assert result.exit_code == 0, result.output
    assert "mix hard" in result.output
    with (out / FILE_NAMES["ua"][3]).open(encoding="utf-8", newline="") as stream:
        kinds = {row["kind"] for row in csv.DictReader(stream)}
    assert kinds & {"unheld_namesake", "common_name", "cousin", "father_son"}
    refused = CliRunner().invoke(app, [*args[:-2], "--mix", "nonesuch", "--out", str(out)])
    assert refused.exit_code != 0


def test_a_look_alike_keeps_a_fact_that_tells_it_apart(mixed: dict[str, SynthLists]) -> None:
    for name in ("unheld", "hard"):
        for exchange in _exchanges(mixed[name]):
            asked = {p.id: p for p in exchange.requests}
            records = {r.person.id: r.person for r in exchange.registry}
            for negative in exchange.hard_negatives:
                if negative.kind != "unheld_namesake":  # the family name tells the others
                    continue
                request, record = asked[negative.request_id], records[negative.registry_id]
                both_births = request.birth_date is not None and record.birth_date is not None
                both_patronymics = bool(request.patronymic and record.patronymic)
                assert both_births or both_patronymics, (request, record)


def test_namesakes_mix_writes_look_alikes_as_carelessly_as_anyone() -> None:
    """Some of its namesakes lack the birth date or patronymic that would tell them apart:
    a registry does not know whom a record resembles."""
    told_by_nothing = 0
    for exchange in _exchanges(synth_lists(3, 0.2, mix="namesakes")):
        asked = {p.id: p for p in exchange.requests}
        records = {r.person.id: r.person for r in exchange.registry}
        for negative in exchange.hard_negatives:
            if negative.kind == "unheld_namesake":
                request, record = asked[negative.request_id], records[negative.registry_id]
                both_births = request.birth_date is not None and record.birth_date is not None
                both_patronymics = bool(request.patronymic and record.patronymic)
                told_by_nothing += not (both_births or both_patronymics)
    assert told_by_nothing > 0


def test_initials_mix_writes_given_names_and_patronymics_as_initials(
    mixed: dict[str, SynthLists],
) -> None:
    for exchange in _exchanges(mixed["initials"]):
        records = {r.person.id: r for r in exchange.registry}
        marked = [
            records[pair.registry_id] for pair in exchange.truth if "initials" in pair.distortions
        ]
        assert 0.08 <= len(marked) / len(exchange.truth) <= 0.25
        for record in marked:
            person = record.person
            swapped = "swapped_names" in record.distortions
            given = person.family_name if swapped else person.given_name
            assert len(given) == 2 and given.endswith(".")
            assert person.patronymic is None or person.patronymic.endswith(".")


def test_slips_mix_mistypes_one_part_of_some_birth_dates(mixed: dict[str, SynthLists]) -> None:
    # A day one off or one digit struck wrong: one part of the date, never a year off by one
    # (that is dob_year), and only in the slips mix.
    for exchange in _exchanges(mixed["slips"]):
        requests = {p.id: p for p in exchange.requests}
        registry = {r.person.id: r.person for r in exchange.registry}
        slipped = [p for p in exchange.truth if "dob_slip" in p.distortions]
        assert 0.01 * len(exchange.truth) <= len(slipped) <= 0.06 * len(exchange.truth)
        for pair in slipped:
            was, born = requests[pair.request_id].birth_date, registry[pair.registry_id].birth_date
            if was is None or born is None or {"dob_year", "dob_swapped"} & set(pair.distortions):
                continue
            same = (was.year == born.year) + (was.month == born.month) + (was.day == born.day)
            assert same == 2
            assert abs(was.year - born.year) != 1
    for name in OTHER_MIXES:
        if name != "slips":
            kinds = {k for e in _exchanges(mixed[name]) for p in e.truth for k in p.distortions}
            assert "dob_slip" not in kinds


def test_mediator_mix_writes_the_mediators_habits(mixed: dict[str, SynthLists]) -> None:
    for exchange in _exchanges(mixed["mediator"]):
        kinds = Counter(k for p in exchange.truth for k in p.distortions)
        assert kinds["latin_turkish"] >= 0.05 * len(exchange.truth)
        assert kinds["year_only"] > 0 and kinds["placeholder"] > 0
        registered = {r.person.id: r for r in exchange.registry}
        for pair in exchange.truth:
            person = registered[pair.registry_id].person
            if "year_only" in pair.distortions:
                assert person.birth_date is not None
                assert (person.birth_date.month, person.birth_date.day) == (1, 1)
        pets = [
            p for p in exchange.requests if "diminutive" in exchange.request_errors.get(p.id, ())
        ]
        assert all(p.given_name in {x for xs in DIMINUTIVES.values() for x in xs} for p in pets)


def test_mediator_mix_writes_some_requests_by_the_family_s_name_for_him() -> None:
    lists = synth_lists(5, 0.2, mix="mediator").ua
    pets = [p for p in lists.requests if "diminutive" in lists.request_errors.get(p.id, ())]
    assert pets
    assert all(p.given_name in {x for xs in DIMINUTIVES.values() for x in xs} for p in pets)


def test_clerical_mix_writes_units_by_formation_and_names_in_the_wrong_columns(
    mixed: dict[str, SynthLists],
) -> None:
    for exchange in _exchanges(mixed["clerical"]):
        kinds = Counter(k for p in exchange.truth for k in p.distortions)
        assert kinds["unit_formation"] > 0 and kinds["unit_army"] > 0
        assert kinds["misplaced_names"] > 0
        registered = {r.person.id: r.person for r in exchange.registry}
        requested = {p.id: p for p in exchange.requests}
        formations: dict[str, set[str]] = {}
        for pair in exchange.truth:
            record, request = registered[pair.registry_id], requested[pair.request_id]
            if "unit_formation" in pair.distortions and request.military_unit:
                formation = str(record.military_unit).split()[:2]
                formations.setdefault(request.military_unit.lower(), set()).add(" ".join(formation))
            if "misplaced_names" in pair.distortions and record.patronymic is None:
                # shifted or run together: two names in one cell
                assert " " in record.family_name or " " in record.given_name
        # One unit number stands for one formation, however often it is written so.
        assert formations and all(len(names) == 1 for names in formations.values())


def test_offices_mix_asks_for_some_twice_and_writes_letters_and_ranks() -> None:
    lists = synth_lists(5, 0.2, mix="offices")
    for exchange in _exchanges(lists):
        errors = exchange.request_errors
        kinds = Counter(k for slips in errors.values() for k in slips)
        assert kinds["declined"] > 0 and kinds["asked_twice"] > 0
        assert kinds["rank"] + kinds["call_sign"] + kinds["note"] > 0
        again = {p.id for p in exchange.requests if "asked_twice" in errors.get(p.id, ())}
        # A person asked for twice, and held, is the truth of both his requests.
        records = Counter(t.registry_id for t in exchange.truth)
        twice = {t.registry_id for t in exchange.truth if t.request_id in again}
        assert twice and all(records[r] >= 2 for r in twice)
        requested = {p.id: p for p in exchange.requests}
        for ident in (i for i, slips in errors.items() if "declined" in slips):
            patronymic = requested[ident].patronymic
            assert patronymic is None or patronymic.endswith(("ча", "ни", "ны"))
