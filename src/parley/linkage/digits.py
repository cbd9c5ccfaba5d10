"""Numbers one typing slip apart: one digit mistyped (1985/1995, А4850/А4859) or two
neighbouring digits swapped (1984/1948, А4318/А4381). Years and unit numbers are typed by hand
and slip alike; a second slip is another number."""

from __future__ import annotations

import numpy as np


def _slip_differences(widest: int) -> np.ndarray:
    """Every difference one slip can make between numbers of up to `widest` digits: one digit
    changed, k·10^p; two neighbours swapped, 9·k·10^p (k = 1…9)."""
    ks = np.arange(1, 10, dtype=np.int64)
    powers = 10 ** np.arange(widest, dtype=np.int64)
    return np.unique(np.concatenate([np.outer(ks, powers), np.outer(9 * ks, powers)]).ravel())


def one_slip_apart(x: np.ndarray, y: np.ndarray, width: np.ndarray | int) -> np.ndarray:
    """For numbers of `width` digits each (an array, or one width for all), whether x and y
    differ by one slip. Equal numbers are no slip apart."""
    result = np.zeros(len(x), dtype=bool)
    widest = int(np.max(width)) if np.size(width) else 0
    # Only a difference one slip can make needs its digits read (1999/2000 differs by one).
    at = np.flatnonzero(np.isin(np.abs(x - y), _slip_differences(widest)))
    x, y = x[at], y[at]
    digits_x = [(x // 10**p) % 10 for p in range(widest)]
    digits_y = [(y // 10**p) % 10 for p in range(widest)]
    differ = [dx != dy for dx, dy in zip(digits_x, digits_y, strict=True)]
    count = sum((d.astype(np.int64) for d in differ), np.zeros(len(x), dtype=np.int64))
    swapped = np.zeros(len(x), dtype=bool)
    for p in range(widest - 1):
        swapped |= differ[p] & (digits_x[p] == digits_y[p + 1]) & (digits_x[p + 1] == digits_y[p])
    result[at] = (count == 1) | ((count == 2) & swapped)
    return result
