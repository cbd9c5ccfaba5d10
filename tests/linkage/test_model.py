import numpy as np
import pytest

from parley.linkage.compare import DATE_SAME, EXACT, FIELDS, MISSING
from parley.linkage.model import (
    M_DIFFERS_CEILING,
    M_DIFFERS_FLOOR,
    U_PRIORS,
    Model,
    expectation_maximisation,
    prior_from_resolved,
)


def _model(prior: float) -> Model:
    return Model(m={}, u={}, prior=prior)


def test_the_prior_rises_to_the_share_of_requests_already_resolved() -> None:
    requests = np.array([0, 0, 1, 2, 3])
    # Requests 0 (twice), 1 and 2 have a pair far more likely a match than not; 3 has none.
    weights = np.array([40.0, 39.0, 40.0, 40.0, -5.0])
    eligible = np.ones(5, dtype=bool)
    assert prior_from_resolved(_model(1e-9), requests, weights, eligible, 1_000) == 3 / 1_000


def test_the_prior_is_never_lowered_and_ineligible_pairs_do_not_count() -> None:
    requests = np.array([0, 1])
    weights = np.array([40.0, 40.0])
    eligible = np.array([True, False])
    assert prior_from_resolved(_model(1e-9), requests, weights, eligible, 100) == 1 / 100
    assert prior_from_resolved(_model(0.2), requests, weights, eligible, 100) == 0.2


def test_em_keeps_a_category_slip_possible_however_the_lists_agree() -> None:
    # Every candidate pair agrees on the category: EM alone would make m("differs") vanish, and
    # one civilian registered as a serviceman would outweigh every name and date.
    count = 2_000
    levels = {field: np.full(count, MISSING, dtype=np.int8) for field in FIELDS}
    levels["family"][:] = EXACT
    levels["given"][:] = EXACT
    levels["category"][:] = 1
    u = {field: np.array(U_PRIORS[field]) for field in FIELDS}
    m, _ = expectation_maximisation(levels, u, expected_share=0.5)
    assert m["category"][0] == pytest.approx(M_DIFFERS_FLOOR["category"])
    assert m["category"].sum() == pytest.approx(1.0)


def test_em_holds_a_name_that_differs_under_its_ceiling() -> None:
    count = 2_000
    levels = {field: np.full(count, MISSING, dtype=np.int8) for field in FIELDS}
    levels["family"][:] = 0  # a class of brothers: the family name differs, all else agrees
    levels["given"][:] = EXACT
    levels["birth"][:] = DATE_SAME
    u = {field: np.array(U_PRIORS[field]) for field in FIELDS}
    m, _ = expectation_maximisation(levels, u, expected_share=0.5)
    assert m["family"][0] <= M_DIFFERS_CEILING["family"] + 1e-12
