"""The agreement file contract: what it accepts, what it refuses and how it says so."""

import json
from pathlib import Path

import pytest

from parley.planning.terms import (
    TermsError,
    load_terms,
    parse_terms,
    published_schema,
    terms_schema,
)

GOOD = """\
id: x
parties: [RU, UA]
plan_date: 2025-06-09
stages: 2
capacity: 10
clauses:
  - id: wounded
    category: serviceman
    eligible: {seriously_wounded: true}
    quantity: all
    ratio: unilateral
  - id: general
    category: serviceman
    eligible: {}
    quantity: {RU->UA: 5, UA->RU: 5}
    ratio: "1:1"
"""


def refused(text: str, source: str = "terms.yaml") -> str:
    with pytest.raises(TermsError) as caught:
        parse_terms(text, source)
    return str(caught.value)


def test_the_example_agreement_loads(example_terms) -> None:  # type: ignore[no-untyped-def]
    assert [c.id for c in example_terms.clauses] == [
        "wounded",
        "ill",
        "young",
        "general",
        "civilians",
    ]
    general = example_terms.clauses[3]
    assert general.limit(example_terms.directions[0]) == 1000
    assert example_terms.clauses[2].eligible.under_age == 25


def test_json_is_read_too(tmp_path: Path) -> None:
    import yaml

    path = tmp_path / "terms.json"
    path.write_text(json.dumps(yaml.safe_load(GOOD), default=str), encoding="utf-8")
    assert load_terms(path).id == "x"


def test_an_unknown_clause_key_is_refused_with_its_line() -> None:
    message = refused(GOOD.replace("ratio: unilateral", "ratio: unilateral\n    priority: 1"))
    assert "terms.yaml" in message and "line 12" in message and "priority" in message


def test_an_unknown_eligibility_key_is_refused() -> None:
    assert "eligible.wounded" in refused(
        GOOD.replace("{seriously_wounded: true}", "{wounded: true}")
    )


def test_a_quantity_for_a_party_not_in_parties_is_refused() -> None:
    message = refused(GOOD.replace("UA->RU: 5", "UA->BY: 5"))
    assert "UA->BY" in message and "not in parties" in message


def test_duplicate_clause_ids_are_refused() -> None:
    assert "used twice" in refused(GOOD.replace("id: general", "id: wounded"))


@pytest.mark.parametrize(
    ("change", "says"),
    [
        (("stages: 2", "stages: 0"), "stages"),
        (("capacity: 10", "capacity: -1"), "capacity"),
        (("plan_date: 2025-06-09", "plan_date: 9 June"), "plan_date"),
        (("ratio: unilateral", "ratio: 2:1"), "ratio"),
        (("quantity: all", "quantity: many"), "quantity"),
        (("parties: [RU, UA]", "parties: [RU, RU]"), "two different parties"),
    ],
)
def test_bad_values_are_refused_naming_the_key(change: tuple[str, str], says: str) -> None:
    assert says in refused(GOOD.replace(*change))


def test_not_yaml_is_refused() -> None:
    assert "not valid YAML" in refused("id: [unclosed")


def test_the_published_schema_is_current() -> None:
    assert published_schema() == json.loads(json.dumps(terms_schema()))
