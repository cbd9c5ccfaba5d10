from datetime import date

import pytest
from pydantic import ValidationError

from parley.domain.parties import Party
from parley.domain.record import Record
from parley.domain.stages import Stage, Transfer


def test_references_must_resolve() -> None:
    stage = Stage(
        id="s",
        date=date(2025, 5, 23),
        agreement="nowhere",
        transfers=(Transfer(from_party="RU", to_party="XX", categories=("serviceman",)),),
    )
    with pytest.raises(ValidationError) as error:
        Record(parties=(Party(code="RU", name="Russia"),), stages=(stage,))
    assert "unknown agreement 'nowhere'" in str(error.value)
    assert "unknown party 'XX'" in str(error.value)


def test_a_transfer_goes_between_two_parties() -> None:
    with pytest.raises(ValidationError):
        Transfer(from_party="RU", to_party="RU", categories=("serviceman",))


def test_record_end_defaults_to_the_last_stage() -> None:
    stages = (Stage(id="a", date=date(2025, 5, 1)), Stage(id="b", date=date(2025, 9, 1)))
    assert Record(stages=stages).end == date(2025, 9, 1)
    assert Record(stages=stages, covers_until=date(2025, 10, 1)).end == date(2025, 10, 1)
