"""The synthetic list generator: deterministic, sized as asked, valid import files, a truth that
holds together, every distortion present, and distortions that are what they say."""

from __future__ import annotations

import csv
import re
from collections import Counter
from pathlib import Path
from random import Random

import pytest
import typer
from typer.testing import CliRunner

from parley.cli import synth as synth_cli
from parley.domain.people import Person
from parley.imports import read_person_file
from parley.synth import (
    DISTORTION_KINDS,
    FILE_NAMES,
    HARD_NEGATIVE_KINDS,
    LATIN_KINDS,
    Exchange,
    SynthLists,
    synth_lists,
    write_synth_lists,
)
from parley.synth.latin import bgn_pcgn_russian
from parley.synth.names import feminine, given_names, ru_patronymic, uk_patronymic
from parley.synth.people import People
from parley.synth.translate import ru_to_uk_letters

CYRILLIC = re.compile("[\u0400-\u04ff]")
LATIN = set(LATIN_KINDS)


@pytest.fixture(scope="module")
def full() -> SynthLists:
    return synth_lists(seed=2024, scale=1.0)


@pytest.fixture(scope="module")
def small_dir(tmp_path_factory: pytest.TempPathFactory) -> Path:
    out = tmp_path_factory.mktemp("synth")
    write_synth_lists(synth_lists(seed=11, scale=0.1), out)
    return out


def _rows(path: Path) -> list[dict[str, str]]:
    with path.open(encoding="utf-8", newline="") as stream:
        return list(csv.DictReader(stream))


def _exchanges(lists: SynthLists) -> list[Exchange]:
    return [lists.ua, lists.ru]


def test_same_seed_same_files_other_seed_other_files(tmp_path: Path) -> None:
    first = write_synth_lists(synth_lists(5, 0.05), tmp_path / "a")
    again = write_synth_lists(synth_lists(5, 0.05), tmp_path / "b")
    other = write_synth_lists(synth_lists(6, 0.05), tmp_path / "c")
    assert [p.name for p in first] == [p.name for p in again]
    for a, b in zip(first, again, strict=True):
        assert a.read_bytes() == b.read_bytes(), a.name
    assert first[0].read_bytes() != other[0].read_bytes()


@pytest.mark.parametrize(("scale", "requests", "registry"), [(0.05, 225, 450), (0.1, 450, 900)])
def test_sizes_follow_the_scale(scale: float, requests: int, registry: int) -> None:
    lists = synth_lists(3, scale)
    for exchange in _exchanges(lists):
        assert len(exchange.requests) == requests
        assert len(exchange.registry) == registry
        asked = {p.request_id for p in exchange.truth}
        assert 0.78 * requests <= len(asked) <= 0.96 * requests


def test_scale_one_proportions(full: SynthLists) -> None:
    for exchange in _exchanges(full):
        assert len(exchange.requests) == 4500
        assert len(exchange.registry) == 9000
        per_request = Counter(p.request_id for p in exchange.truth)
        held = len(per_request) / len(exchange.requests)
        twice = sum(1 for n in per_request.values() if n == 2) / len(per_request)
        assert 0.85 <= held <= 0.90
        assert 0.01 <= twice <= 0.03
        assert max(per_request.values()) <= 2
        negatives = len({n.request_id for n in exchange.hard_negatives}) / len(exchange.requests)
        assert 0.015 <= negatives <= 0.035


def test_written_files_read_back_as_person_lists(small_dir: Path) -> None:
    for requests, registry, _, _ in FILE_NAMES.values():
        for name, size in ((requests, 450), (registry, 900)):
            imported = read_person_file(small_dir / name)
            assert len(imported.persons) == size
            assert len({p.id for p in imported.persons}) == size
            assert not imported.warnings


def test_truth_and_negatives_reference_existing_ids(small_dir: Path) -> None:
    for requests, registry, truth, negatives in FILE_NAMES.values():
        request_ids = {row["id"] for row in _rows(small_dir / requests)}
        registry_ids = {row["id"] for row in _rows(small_dir / registry)}
        pairs = _rows(small_dir / truth)
        assert pairs and set(pairs[0]) == {"request_id", "registry_id", "distortions"}
        for pair in pairs:
            assert pair["request_id"] in request_ids
            assert pair["registry_id"] in registry_ids
            kinds = [k for k in pair["distortions"].split(";") if k]
            assert set(kinds) <= set(DISTORTION_KINDS)
        hard = _rows(small_dir / negatives)
        assert hard and set(hard[0]) == {"request_id", "registry_id", "kind"}
        true_pairs = {(p["request_id"], p["registry_id"]) for p in pairs}
        true_records = {p["registry_id"] for p in pairs}
        for row in hard:
            assert row["request_id"] in request_ids
            assert row["registry_id"] in registry_ids
            assert row["kind"] in HARD_NEGATIVE_KINDS
            assert (row["request_id"], row["registry_id"]) not in true_pairs
            assert row["registry_id"] not in true_records


def test_every_distortion_and_negative_kind_occurs_at_scale_one(full: SynthLists) -> None:
    for exchange in _exchanges(full):
        kinds = Counter(k for pair in exchange.truth for k in pair.distortions)
        assert set(kinds) == set(DISTORTION_KINDS), set(DISTORTION_KINDS) - set(kinds)
        assert {n.kind for n in exchange.hard_negatives} == set(HARD_NEGATIVE_KINDS)
        n = len(exchange.registry)
        rate = Counter(k for record in exchange.registry for k in record.distortions)
        latin = sum(rate[k] for k in LATIN) / n
        assert 0.2 <= latin <= 0.3
        assert 0.1 <= rate["typo"] / n <= 0.2
        assert 0.22 <= rate["no_unit"] / n <= 0.32  # of the records with a unit (servicemen)
        assert 0.02 <= rate["dob_year"] / n <= 0.06
        untouched = sum(1 for record in exchange.registry if not record.distortions) / n
        assert untouched < 0.1


def test_distortions_are_what_they_say(full: SynthLists) -> None:
    for exchange in _exchanges(full):
        asked = {p.id: p for p in exchange.requests}
        records = {r.person.id: r for r in exchange.registry}
        for pair in exchange.truth:
            request, record = asked[pair.request_id], records[pair.registry_id]
            person, kinds = record.person, set(pair.distortions)
            names = [person.family_name, person.given_name, person.patronymic or ""]
            assert ("no_patronymic" in kinds) == (person.patronymic is None)
            assert ("dob_missing" in kinds) == (person.birth_date is None)
            assert record.dotted_date == ("date_format" in kinds)
            if "upper_case" in kinds:
                assert all(n == n.upper() for n in names)
            if "no_unit" in kinds:
                assert person.military_unit is None
            if kinds & LATIN:
                assert len(kinds & LATIN) == 1
                assert not any(CYRILLIC.search(t) for t in [*names, person.military_unit or ""])
            born, was = person.birth_date, request.birth_date
            if born and was and kinds.isdisjoint({"dob_year", "dob_swapped"}):
                assert born == was
            if born and was and "dob_swapped" in kinds and "dob_year" not in kinds:
                assert (born.day, born.month) == (was.month, was.day)
                assert born != was
            if born and was and "dob_year" in kinds and "dob_swapped" not in kinds:
                assert abs(born.year - was.year) == 1
            if not kinds and request.id not in exchange.request_errors:
                # A request may write ё as е or the apostrophe as ʼ: a style, not a slip.
                assert _plain(person.full_name) == _plain(request.full_name)


def _plain(text: str) -> str:
    return text.replace("ё", "е").replace("Ё", "Е").replace("ʼ", "'")


def test_dotted_dates_are_written_and_read_back(small_dir: Path) -> None:
    for _, registry, truth, _ in FILE_NAMES.values():
        rows = {row["id"]: row for row in _rows(small_dir / registry)}
        for pair in _rows(small_dir / truth):
            cell = rows[pair["registry_id"]]["birth_date"]
            if "date_format" in pair["distortions"].split(";"):
                assert re.fullmatch(r"\d\d\.\d\d\.\d{4}", cell)
            elif cell:
                assert re.fullmatch(r"\d{4}-\d\d-\d\d", cell)


def _translated(exchange: Exchange, requested: str) -> Counter[str]:
    """Given names a registry shows for requests with given name `requested`, among Cyrillic
    records translated without swapped columns or typos."""
    asked = {p.id: p for p in exchange.requests}
    records = {r.person.id: r.person for r in exchange.registry}
    seen: Counter[str] = Counter()
    for pair in exchange.truth:
        kinds = set(pair.distortions)
        plain = kinds.isdisjoint({"swapped_names", "typo", "upper_case", "i_variants"})
        chosen = asked[pair.request_id].given_name == requested
        if chosen and "translated" in kinds and plain and not kinds & LATIN:
            seen[records[pair.registry_id].given_name] += 1
    return seen


def test_reverse_direction_is_russian_to_ukrainian(full: SynthLists) -> None:
    assert full.ru.asker == "ru" and full.ru.holder == "uk"
    from_russian = _translated(full.ru, "Александр")
    assert from_russian.most_common(1)[0][0] == "Олександр"
    from_ukrainian = _translated(full.ua, "Олександр")
    assert from_ukrainian.most_common(1)[0][0] == "Александр"
    assert all(CYRILLIC.search(p.full_name) for p in full.ru.requests)
    ukrainian_letters = re.compile("[іїєґ]", re.IGNORECASE)
    assert not any(ukrainian_letters.search(p.full_name) for p in full.ru.requests)
    assert any(ukrainian_letters.search(p.full_name) for p in full.ua.requests)


def test_request_slips_are_rare(full: SynthLists) -> None:
    for exchange in _exchanges(full):
        slips = Counter(k for kinds in exchange.request_errors.values() for k in kinds)
        n = len(exchange.requests)
        assert 0.01 <= slips["no_patronymic"] / n <= 0.05
        assert 0.005 <= slips["typo"] / n <= 0.04
        assert 0.01 <= slips["dob_missing"] / n <= 0.04
        missing = sum(1 for p in exchange.requests if p.birth_date is None)
        assert missing == slips["dob_missing"]


def test_people_are_plausible(full: SynthLists) -> None:
    persons: list[Person] = list(full.ua.requests)
    servicemen = [p for p in persons if p.category == "serviceman"]
    assert 0.85 <= len(servicemen) / len(persons) <= 0.95
    assert sum(1 for p in servicemen if p.sex == "M") / len(servicemen) > 0.9
    years = [p.birth_date.year for p in servicemen if p.birth_date]
    assert min(years) >= 1965 and max(years) <= 2006
    assert sum(1 for y in years if 1978 <= y <= 1998) / len(years) >= 0.5
    given = Counter(p.given_name for p in persons if p.sex == "M")
    assert given.most_common(1)[0][0] == "Олександр"
    families = Counter(p.family_name for p in persons)
    assert families.most_common(1)[0][1] >= 8  # Zipf-like: a few very common names
    assert len(families) > 0.6 * len(persons)  # and a long tail
    units = [p.military_unit for p in servicemen if p.military_unit]
    assert all(re.fullmatch(r"в/ч А?\d{4}|\d+ \w+( НГУ)?", u) for u in units)
    masculine = {"uk": ("ський", "цький", "ов", "ев", "єв"), "ru": ("ский", "цкий", "ов", "ев")}
    for exchange in _exchanges(full):
        for p in exchange.requests:
            if p.sex == "F":
                assert not p.family_name.endswith(masculine[exchange.asker]), p.family_name


def test_brothers_and_namesakes_look_alike() -> None:
    people = People("uk", Random(1))
    for _ in range(200):
        person = people.person(category="serviceman")
        brother = people.brother(person)
        assert (brother.family, brother.father, brother.unit) == (
            person.family,
            person.father,
            person.unit,
        )
        assert brother.given != person.given and brother.sex == "M"
        assert brother.birth != person.birth
        assert abs((brother.birth - person.birth).days) < 7 * 366
        twin = people.namesake(person)
        assert (twin.family, twin.given) == (person.family, person.given)
        assert twin.father != person.father or twin.birth != person.birth
        assert twin.unit != person.unit


def test_patronymics_and_feminine_forms() -> None:
    assert uk_patronymic("Микола", "M") == "Миколайович"
    assert uk_patronymic("Андрій", "F") == "Андріївна"
    assert uk_patronymic("Василь", "F") == "Василівна"
    assert uk_patronymic("Петро", "M") == "Петрович"
    assert ru_patronymic("Николай", "M") == "Николаевич"
    assert ru_patronymic("Юрий", "F") == "Юрьевна"
    assert ru_patronymic("Дмитрий", "M") == "Дмитриевич"
    assert ru_patronymic("Игорь", "M") == "Игоревич"
    assert ru_patronymic("Илья", "F") == "Ильинична"
    assert ru_patronymic("Фёдор", "M") == "Федорович"
    assert feminine("Ковальський", "uk") == "Ковальська"
    assert feminine("Петров", "uk") == "Петрова"
    assert feminine("Шевченко", "uk") == "Шевченко"
    assert feminine("Ткачук", "uk") == "Ткачук"
    assert feminine("Соколовский", "ru") == "Соколовская"
    assert feminine("Толстой", "ru") == "Толстая"
    assert feminine("Черных", "ru") == "Черных"
    assert len({(row.uk, row.ru) for row in given_names()}) == len(given_names())


def test_letter_correspondences_and_bgn() -> None:
    assert ru_to_uk_letters("Соловьёв") == "Соловйов"
    assert ru_to_uk_letters("Королёв") == "Корольов"
    assert ru_to_uk_letters("Ильин") == "Ільїн"
    assert ru_to_uk_letters("Егоров") == "Єгоров"
    assert ru_to_uk_letters("Рыбаков") == "Рибаков"
    assert ru_to_uk_letters("Покровская") == "Покровська"
    assert bgn_pcgn_russian("Алексеев") == "Alekseyev"
    assert bgn_pcgn_russian("Юрий") == "Yuriy"


def test_scale_must_be_positive() -> None:
    with pytest.raises(ValueError):
        synth_lists(1, 0)


def test_cli_writes_the_files(tmp_path: Path) -> None:
    app = typer.Typer()

    @app.callback()
    def _root() -> None:
        pass

    synth_cli.register(app)
    out = tmp_path / "out"
    result = CliRunner().invoke(
        app,
        ["synth", "lists", "--seed", "4", "--scale", "0.05", "--out", str(out)],
        env={"COLUMNS": "200"},
    )
    assert result.exit_code == 0, result.output
    for names in FILE_NAMES.values():
        for name in names:
            assert (out / name).is_file()
            assert name in result.output
    assert "225" in result.output and "450" in result.output
