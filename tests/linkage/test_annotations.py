from datetime import date

import pandas as pd
import pytest
from hypothesis import given, settings
from hypothesis import strategies as st

from parley.domain.people import Person
from parley.linkage import link
from parley.linkage.annotations import _may_hold, strip_annotations, without_annotations


@pytest.mark.parametrize(
    ("written", "name"),
    [("РЯД. КОВАЛЕНКО", "КОВАЛЕНКО"), ("МОЛ. СЕРЖАНТ КОВАЛЬЧУК", "КОВАЛЬЧУК"),
     ("ст. лейтенант Шевченко Анатолій", "Шевченко Анатолій"), ("капитан Романюк", "Романюк"),
     ("БОРИСОВ (ПОЗЫВНОЙ «БОРОДА»)", "БОРИСОВ"), ("Іван «Зубр»", "Іван"),
     ("Петров (повторно)", "Петров"), ("САВЧЕНКО (2)", "САВЧЕНКО"), ("Колесник *", "Колесник"),
     ("Коваленко?", "Коваленко"), ("Мар'яна", "Мар'яна"), ('В"ячеслав', 'В"ячеслав'),
     ("Майор", "Майор")],  # a family name that is a rank, alone in its cell, stays
)  # fmt: skip
def test_what_a_clerk_adds_to_a_name_is_struck(written: str, name: str) -> None:
    assert strip_annotations(written) == name


def test_cells_without_annotations_are_kept_as_written() -> None:
    frame = pd.DataFrame(
        {"family_name": ["Коваленко", "РЯД. КОВАЛЕНКО"], "given_name": ["Назар", "н/д"],
         "patronymic": [None, "Романович"]}
    )  # fmt: skip
    read = without_annotations(frame)
    assert read["family_name"].tolist() == ["Коваленко", "КОВАЛЕНКО"]
    assert read["given_name"].tolist() == ["Назар", "н/д"]
    assert read["patronymic"].tolist()[1] == "Романович"
    assert frame["family_name"].tolist()[1] == "РЯД. КОВАЛЕНКО"  # the caller's is kept


def test_a_rank_before_the_names_of_a_shifted_row_is_no_family_name() -> None:
    born = date(1970, 3, 4)
    asked = Person(id="U1", family_name="МАТРОС ГАНЧЕВ ЄВГЕН", given_name="Костянтинович",
                   birth_date=born, military_unit="3 мб 92 ОШБр")  # fmt: skip
    held = [Person(id="R1", family_name="Ганчев", given_name="Евгений",
                   patronymic="Константинович", birth_date=born)]  # fmt: skip
    result = link([asked], held)
    assert result["decision"].tolist() == ["match"]


@settings(max_examples=300, deadline=None)
@given(st.lists(st.one_of(st.none(), st.text(alphabet='аБ («»"*?\t\x00-', max_size=6))))
def test_every_cell_that_may_hold_an_annotation_is_looked_at(values: list[str | None]) -> None:
    """The one search over all of a column's values finds each that holds a bracket, a
    quote, a mark or a space, at its own position, and no other."""
    holds = [
        k for k, v in enumerate(values) if v is not None and any(c in v for c in "(«\"*? \t")
    ]  # fmt: skip
    assert _may_hold(list(values)) == holds
