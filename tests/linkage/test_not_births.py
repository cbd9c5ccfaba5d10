"""A birth date that cannot be one (a date of capture or registration in its column) is read as
unknown, not as another person's birth date."""

from datetime import date

import numpy as np
import pandas as pd

from parley.domain.people import Person
from parley.linkage import link
from parley.linkage.prepare import frame_of, not_births, prepare


def _person(id: str, born: date | None, captured: date | None, **names: str) -> Person:
    return Person(
        id=id,
        family_name=names.get("family", "Ткаченко"),
        given_name=names.get("given", "Віталій"),
        patronymic=names.get("patronymic", "Ростиславович"),
        birth_date=born,
        military_unit=names.get("unit"),
        captured_on=captured,
    )


def _days(*dates: date | None) -> np.ndarray:
    return np.array([d.toordinal() if d else -1 for d in dates], dtype=np.int64)


def test_a_birth_date_within_a_year_of_the_capture_is_none() -> None:
    capture = date(2024, 4, 11)
    births = _days(date(2024, 3, 20), date(2023, 3, 1), date(1974, 11, 14), None, date(2024, 5, 1))
    captured = _days(capture, capture, capture, capture, None)
    # The last row has no capture date of its own: the list's earliest stands for it.
    assert not_births(births, captured).tolist() == [True, False, False, False, True]


def test_a_list_without_capture_dates_keeps_every_birth_date() -> None:
    births = _days(date(2024, 3, 20), date(1974, 11, 14))
    assert not not_births(births, _days(None, None)).any()


def test_prepare_reads_such_a_date_as_unknown() -> None:
    frame = frame_of(
        [
            _person("1", date(2024, 3, 20), date(2024, 4, 11)),
            _person("2", date(1974, 11, 14), date(2024, 4, 11)),
        ]
    )
    prepared = prepare(frame)
    assert prepared.not_birth.tolist() == [True, False]
    assert prepared.year.tolist() == [-1, 1974]


def test_a_capture_date_written_as_the_birth_date_does_not_part_a_man_from_his_record() -> None:
    others = [
        _person(f"o{k}", date(1960 + k % 40, 1 + k % 12, 1 + k % 28), date(2023, 5, 1),
                family=f"Шевчук{'о' * (k % 7)}", given=("Іван", "Петро", "Олег")[k % 3])
        for k in range(40)
    ]  # fmt: skip
    asked = [_person("q", date(1974, 11, 14), date(2024, 3, 10), unit="А1234"), *others]
    held = [
        _person("r", date(2024, 3, 20), date(2024, 4, 11), given="Виталий",
                patronymic="Ростиславович", unit="в/ч А1234"),
        *[p.model_copy(update={"id": "h" + p.id}) for p in others],
    ]  # fmt: skip
    result: pd.DataFrame = link(asked, held)
    row = result[(result["request_id"] == "q") & (result["registry_id"] == "r")]
    assert len(row) == 1
    assert row["decision"].iloc[0] in ("match", "review")
    assert "date of capture or registration (read as unknown)" in row["reason"].iloc[0]
