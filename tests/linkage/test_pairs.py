"""The table of every candidate pair with what the linker saw of it."""

from datetime import date

import numpy as np
import pandas as pd
from test_link import REGISTRY, REQUESTS, P

from parley.linkage import link
from parley.linkage.compare import FIELDS, MISSING
from parley.linkage.pairs import FLAGS, MIN_PROBABILITY, STANDING, link_with_pairs, pair_table
from parley.synth import synth_lists

COLUMNS = [
    "request_id",
    "registry_id",
    *(f"level_{field}" for field in FIELDS),
    *FLAGS,
    "weight",
    "probability",
    "frequency_family",
    "frequency_given",
    "frequency_patronymic",
    *(f"{side}{column}" for side in ("request_", "record_") for column in STANDING),
]


def _pair(table: pd.DataFrame, request: str, record: str) -> pd.Series:
    rows = table[(table["request_id"] == request) & (table["registry_id"] == record)]
    assert len(rows) == 1, (request, record)
    return rows.iloc[0]


def test_the_columns_are_the_contract_and_an_empty_run_keeps_them() -> None:
    assert list(pair_table(REQUESTS, REGISTRY).columns) == COLUMNS
    assert list(pair_table([], REGISTRY).columns) == COLUMNS


def test_the_brother_is_there_with_the_fields_that_part_him_when_strangers_are_asked_for() -> None:
    table = pair_table(REQUESTS, REGISTRY, min_probability=0.0)
    himself, brother = _pair(table, "U4", "R4"), _pair(table, "U4", "R6")
    assert himself["level_given"] == 4 and brother["level_given"] < 4
    assert brother["birth_far"] and not himself["birth_far"]
    assert himself["level_unit"] == brother["level_unit"] == 1
    assert himself["weight"] > brother["weight"]
    assert himself["probability"] > 0.99 and brother["probability"] < MIN_PROBABILITY
    # By default the strangers' pairs are left out.
    default = pair_table(REQUESTS, REGISTRY)
    assert ("U4", "R6") not in set(zip(default["request_id"], default["registry_id"], strict=True))
    # U4's candidates (himself twice over, R4 and R5, and his brother): the best one stands
    # above the next, the others below the best.
    mine = table[table["request_id"] == "U4"].sort_values("request_rank")
    assert list(mine["request_rank"]) == list(range(1, len(mine) + 1))
    assert (mine["request_candidates"] == len(mine)).all()
    assert mine["request_margin"].iloc[0] >= 0 > mine["request_margin"].iloc[-1]


def test_a_missing_date_is_the_missing_level_and_a_lone_pair_has_no_margin() -> None:
    requests = [P("A", "Коваленко", "Олександр", "Петрович", None)]
    registry = [P("X", "Коваленко", "Александр", "Петрович", date(1990, 3, 4))]
    row = _pair(pair_table(requests, registry), "A", "X")
    assert row["level_birth"] == MISSING
    assert row["request_candidates"] == row["record_candidates"] == 1
    assert np.isnan(row["request_margin"]) and np.isnan(row["record_margin"])


def test_every_pair_link_lists_is_in_the_table_on_generated_lists() -> None:
    lists = synth_lists(3, 0.2, mix="hard").ua
    requests = list(lists.requests)
    registry = [record.person for record in lists.registry]
    listed = link(requests, registry)
    table = pair_table(requests, registry)
    keys = set(zip(table["request_id"], table["registry_id"], strict=True))
    assert set(zip(listed["request_id"], listed["registry_id"], strict=True)) <= keys
    truth = {(t.request_id, t.registry_id) for t in lists.truth}
    found = table[[k in truth for k in zip(table["request_id"], table["registry_id"], strict=True)]]
    assert found["probability"].median() > 0.99
    assert table["probability"].between(0, 1).all()


def test_linking_with_the_pairs_weighs_once_and_gives_what_each_gives_alone() -> None:
    lists = synth_lists(5, 0.1, mix="unheld").ru
    requests = list(lists.requests)
    registry = [record.person for record in lists.registry]
    matches, table = link_with_pairs(requests, registry, threshold_review=0.3)
    pd.testing.assert_frame_equal(matches, link(requests, registry, threshold_review=0.3))
    pd.testing.assert_frame_equal(table, pair_table(requests, registry))
    assert matches.attrs == link(requests, registry, threshold_review=0.3).attrs
