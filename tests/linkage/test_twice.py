"""A person asked for twice (two offices' requests for one man) is matched on both requests;
two requests that one of them contradicts are not."""

from datetime import date

import numpy as np
import pandas as pd
from hypothesis import given, settings
from hypothesis import strategies as st
from test_link import P

from parley.domain.people import Person
from parley.linkage import link
from parley.linkage.twice import _likeliest_per_person, persons

BORN = date(1987, 3, 14)


def _others() -> tuple[list[Person], list[Person]]:
    """Other people on both lists, so that the lists have a model to fit."""
    given = ("Іван", "Петро", "Олег", "Андрій", "Сергій", "Богдан")
    family = ("Шевчук", "Бондар", "Гнатюк", "Лисенко", "Коваль", "Мороз", "Ткач")
    born = [date(1970 + k % 30, 1 + k % 12, 1 + k % 27) for k in range(60)]
    asked = [P(f"Q{k}", family[k % 7], given[k % 6], "Петрович", born[k]) for k in range(60)]
    held = [p.model_copy(update={"id": f"H{k}"}) for k, p in enumerate(asked[:40])]
    return asked, held


def _rows(result: pd.DataFrame, record: str) -> pd.DataFrame:
    return result[result["registry_id"] == record].set_index("request_id")


def _asked_by_two_offices() -> tuple[list[Person], list[Person]]:
    asked, held = _others()
    asked += [
        P("HQ-1", "Кравчук", "Олександр", "Миколайович", BORN, unit="в/ч А1234"),
        P("HOTLINE-7", "КРАВЧУК", "Олександр", "Миколайович", BORN),
    ]
    held += [P("R1", "Кравчук", "Александр", "Николаевич", BORN, unit="А1234")]
    return asked, held


def test_a_person_asked_for_by_two_offices_is_matched_on_both_requests() -> None:
    rows = _rows(link(*_asked_by_two_offices()), "R1")
    assert set(rows.index) == {"HQ-1", "HOTLINE-7"}
    assert (rows["decision"] == "match").all()
    assert all("same person asked for twice: HOTLINE-7, HQ-1" in r for r in rows["reason"])


def test_two_requests_one_of_which_the_record_contradicts_go_to_review() -> None:
    asked, held = _others()
    asked += [
        P("HQ-1", "Кравчук", "Олександр", "Миколайович", BORN),
        P("HOTLINE-7", "Кравчук", "Олександр", "Миколайович", BORN, unit="в/ч А1234"),
    ]
    held += [P("R1", "Кравчук", "Александр", "Николаевич", BORN, unit="в/ч А7777")]
    rows = _rows(link(asked, held), "R1")
    assert not (rows["decision"] == "match").any()
    assert "another request for him is not a match for this record" in rows.loc["HQ-1", "reason"]


def test_brothers_asked_for_together_are_two_people() -> None:
    asked, held = _others()
    asked += [
        P("HQ-1", "Кравчук", "Олександр", "Миколайович", BORN, unit="в/ч А1234"),
        P("HQ-2", "Кравчук", "Сергій", "Миколайович", date(1990, 6, 2), unit="в/ч А1234"),
    ]
    held += [
        P("R1", "Кравчук", "Александр", "Николаевич", BORN, unit="А1234"),
        P("R2", "Кравчук", "Сергей", "Николаевич", date(1990, 6, 2), unit="А1234"),
    ]
    result = link(asked, held)
    matched = result[result["decision"] == "match"]
    pairs = set(zip(matched["request_id"], matched["registry_id"], strict=True))
    assert {("HQ-1", "R1"), ("HQ-2", "R2")} <= pairs
    assert not result["reason"].str.contains("asked for twice").any()


def test_persons_join_records_judged_one_person() -> None:
    person = persons({(0, 2): True, (2, 3): True, (1, 4): False}, 5)
    assert person[0] == person[2] == person[3]
    assert len(set(np.delete(person, [2, 3]).tolist())) == 3


def test_the_persons_asked_for_twice_are_listed() -> None:
    asked, held = _asked_by_two_offices()
    assert link(asked, held).attrs["asked_twice"] == [["HOTLINE-7", "HQ-1"]]
    assert link(asked[:-1], held).attrs["asked_twice"] == []


@settings(max_examples=200, deadline=None)
@given(
    st.lists(
        st.tuples(
            st.integers(0, 9), st.integers(0, 6), st.sampled_from([0.2, 0.9, 0.99]), st.booleans()
        ),
        min_size=1,
        max_size=40,
        unique_by=lambda pair: (pair[0], pair[1]),
    ),
    st.lists(st.integers(0, 9), min_size=10, max_size=10),
)
def test_each_person_keeps_his_likeliest_pair_with_a_record(
    pairs: list[tuple[int, int, float, bool]], person_of: list[int]
) -> None:
    """Among one person's pairs with one record, the one kept may be a match if any may, then
    is the likeliest, then the first; one pair a person and record, ordered by both."""
    request = np.array([p[0] for p in pairs])
    record = np.array([p[1] for p in pairs])
    probability = np.array([p[2] for p in pairs])
    capped = np.array([p[3] for p in pairs])
    person = np.array(person_of)[request]
    expected = sorted(
        min(
            (k for k in range(len(pairs)) if (person[k], record[k]) == key),
            key=lambda k: (capped[k], -probability[k], k),
        )
        for key in {(person[k], record[k]) for k in range(len(pairs))}
    )
    kept = _likeliest_per_person(person, record, probability, capped)
    assert sorted(kept.tolist()) == expected
    order = [(person[k], record[k]) for k in kept]
    assert order == sorted(order)
