import numpy as np
import pytest
from hypothesis import given
from hypothesis import strategies as st

from parley.linkage.compare import DATE_OTHER, DATE_SAME, DATE_SWAPPED, EXACT, FIELDS, MISSING
from parley.linkage.model import (
    M_DIFFERS_CEILING,
    M_DIFFERS_FLOOR,
    M_PRIORS,
    PRIOR_WEIGHT,
    U_PRIORS,
    Model,
    anchored_birth_shares,
    expectation_maximisation,
    given_alternatives,
    held_share,
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


def test_a_lone_candidate_is_weighed_against_the_request_not_being_held() -> None:
    # Odds 4 (p 0.8) against "not held" (share 0.2): 4 / (0.2 + 4).
    result = given_alternatives(
        np.array([0.8]), np.array([0]), np.array([7]), 0.8, np.array([True])
    )
    assert result[0] == pytest.approx(4 / 4.2)


def test_two_namesakes_share_their_request() -> None:
    p = np.array([0.8, 0.8])
    result = given_alternatives(p, np.array([0, 0]), np.array([1, 2]), 0.8, np.ones(2, bool))
    assert result == pytest.approx([4 / 8.2, 4 / 8.2])


def test_a_person_registered_twice_counts_once_by_his_likelier_record() -> None:
    # Records 1 and 2 are one person (5): the request's alternatives are that person or none.
    p = np.array([0.8, 0.5])
    result = given_alternatives(p, np.array([0, 0]), np.array([5, 5]), 0.8, np.ones(2, bool))
    assert result == pytest.approx([4 / 4.2, 1 / 1.2])


def test_ineligible_pairs_keep_their_score_and_taken_persons_are_no_alternative() -> None:
    p = np.array([0.8, 0.8, 0.3])
    requests, persons = np.array([0, 0, 0]), np.array([1, 2, 3])
    eligible = np.array([True, True, False])
    plain = given_alternatives(p, requests, persons, 0.8, eligible)
    assert plain[2] == 0.3
    assert plain[0] == pytest.approx(4 / 8.2)
    taken = np.array([False, True, False])
    assert given_alternatives(p, requests, persons, 0.8, eligible, taken)[0] == pytest.approx(
        4 / 4.2
    )


@given(
    st.lists(
        st.tuples(st.integers(0, 3), st.integers(0, 4), st.floats(0.0, 1.0)),
        min_size=1,
        max_size=12,
        unique_by=lambda t: (t[0], t[1]),
    ),
    st.floats(0.0, 0.99),
)
def test_a_request_s_persons_and_none_share_one_certainty(
    pairs: list[tuple[int, int, float]], held: float
) -> None:
    requests = np.array([r for r, _, _ in pairs])
    persons = np.array([q for _, q, _ in pairs])
    p = np.array([x for _, _, x in pairs])
    result = given_alternatives(p, requests, persons, held, np.ones(len(pairs), bool))
    assert ((result >= 0) & (result <= 1)).all()
    for request in set(requests.tolist()):
        assert result[requests == request].sum() <= 1 + 1e-9


def test_the_held_share_is_the_prior_over_the_registry_and_never_all() -> None:
    assert held_share(_model(1e-4), 2_000) == pytest.approx(0.2)
    assert held_share(_model(0.5), 2_000) == 0.99


def test_a_near_family_name_is_weighed_by_its_frequency_and_given_names_are_not() -> None:
    u = {field: np.array(U_PRIORS[field]) for field in FIELDS}
    model = Model(m={field: np.array(M_PRIORS[field]) for field in FIELDS}, u=u, prior=1e-6)
    levels = {field: np.full(2, MISSING, dtype=np.int8) for field in FIELDS}
    levels["family"][:] = EXACT - 1  # Полторакин/Полотракин, Иванов/Иваонв
    rare, common = 1e-5, 1e-2
    exact_u = {field: np.array([rare, common]) for field in ("family", "given", "patronymic")}
    weighed = model.weights(levels, exact_u)
    assert weighed[0] - weighed[1] == pytest.approx(np.log2(common / rare))
    assert model.weights(levels)[0] < weighed[0]
    levels["family"][:] = MISSING
    levels["given"][:] = EXACT - 1
    assert model.weights(levels, exact_u)[0] == model.weights(levels, exact_u)[1]


def _birth_model(swapped: float) -> Model:
    m = {field: np.array(M_PRIORS[field]) for field in FIELDS}
    u = {field: np.array(U_PRIORS[field]) for field in FIELDS}
    rest = np.delete(np.arange(5), DATE_SWAPPED)
    m["birth"][rest] *= (1 - swapped) / m["birth"][rest].sum()
    m["birth"][DATE_SWAPPED] = swapped
    return Model(m=m, u=u, prior=0.01)


def test_swaps_are_raised_to_what_one_person_s_records_show_never_lowered() -> None:
    model = _birth_model(0.001)  # what EM learns where namesakes crowd the candidates
    assert model.swaps_fitted is None
    model.take_swaps(0.034)
    assert model.m["birth"][DATE_SWAPPED] == pytest.approx(0.034)
    assert model.swaps_fitted == pytest.approx(0.001)  # said in the model file
    assert model.m["birth"].sum() == pytest.approx(1.0)
    model.take_swaps(0.01)
    assert model.m["birth"][DATE_SWAPPED] == pytest.approx(0.034)


def test_birth_levels_are_counted_on_pairs_one_person_by_all_else() -> None:
    # 1,000 pairs that every name and the unit make one person, 40 of them with day and month
    # swapped; 500 namesakes (another given name and patronymic) born another day, which EM
    # would count too.
    model = _birth_model(0.03)
    anchored, namesakes = 1_000, 500
    count = anchored + namesakes
    levels = {field: np.full(count, MISSING, dtype=np.int8) for field in FIELDS}
    levels["family"][:] = EXACT
    levels["given"][:anchored] = EXACT
    levels["given"][anchored:] = 0
    levels["patronymic"][:anchored] = EXACT
    levels["patronymic"][anchored:] = 0
    levels["unit"][:anchored] = 1
    levels["birth"][:] = DATE_SAME
    levels["birth"][:40] = DATE_SWAPPED
    levels["birth"][anchored:] = DATE_OTHER
    shares = anchored_birth_shares(model, levels, None)
    assert shares[DATE_SWAPPED] == pytest.approx(40 / (anchored + PRIOR_WEIGHT))
    assert shares[DATE_OTHER] == 0.0
