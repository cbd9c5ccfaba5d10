import numpy as np
import pytest

from parley.linkage.digits import one_slip_apart


@pytest.mark.parametrize(
    ("x", "y", "width", "slip"),
    [(1985, 1995, 4, True),  # one digit mistyped
     (1984, 1948, 4, True),  # two neighbouring digits swapped
     (1967, 1976, 4, True),
     (1984, 1984, 4, False),  # the same number is no slip
     (1984, 1957, 4, False),  # two digits, not a swap
     (1489, 1948, 4, False),  # digits moved further than a neighbour
     (4318, 4381, 4, True),
     (71619, 71691, 5, True),
     (512, 5120, 4, False)],  # a digit more is another number
)  # fmt: skip
def test_numbers_one_slip_apart(x: int, y: int, width: int, slip: bool) -> None:
    assert one_slip_apart(np.array([x]), np.array([y]), width).tolist() == [slip]


def test_widths_differ_per_pair() -> None:
    x, y = np.array([123, 1234]), np.array([132, 1243])
    assert one_slip_apart(x, y, np.array([3, 4])).tolist() == [True, True]
