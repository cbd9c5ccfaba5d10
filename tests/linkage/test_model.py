import numpy as np

from parley.linkage.model import Model, prior_from_resolved


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
