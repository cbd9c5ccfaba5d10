"""Numbers one typing slip apart: one digit mistyped (1985/1995, А4850/А4859) or two
neighbouring digits swapped (1984/1948, А4318/А4381). Years and unit numbers are typed by hand
and slip alike; a second slip is another number."""

from __future__ import annotations

import numpy as np


def one_slip_apart(x: np.ndarray, y: np.ndarray, width: np.ndarray | int) -> np.ndarray:
    """For numbers of `width` digits each (an array, or one width for all), whether x and y
    differ by one slip. Equal numbers are no slip apart."""
    widest = int(np.max(width)) if np.size(width) else 0
    digits_x = [(x // 10**p) % 10 for p in range(widest)]
    digits_y = [(y // 10**p) % 10 for p in range(widest)]
    differ = [dx != dy for dx, dy in zip(digits_x, digits_y, strict=True)]
    count = sum((d.astype(np.int64) for d in differ), np.zeros(len(x), dtype=np.int64))
    swapped = np.zeros(len(x), dtype=bool)
    for p in range(widest - 1):
        swapped |= differ[p] & (digits_x[p] == digits_y[p + 1]) & (digits_x[p + 1] == digits_y[p])
    result: np.ndarray = (count == 1) | ((count == 2) & swapped)
    return result
