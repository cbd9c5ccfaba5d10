"""Running allocation-heavy steps without the cyclic garbage collector."""

from __future__ import annotations

import gc
from collections.abc import Iterator
from contextlib import contextmanager


@contextmanager
def without_cycle_collection() -> Iterator[None]:
    """Linking allocates millions of small objects and no reference cycles: the cyclic collector
    would only walk them again and again (a third of the time at scale 10).
    """
    collecting = gc.isenabled()
    gc.disable()
    try:
        yield
    finally:
        if collecting:
            gc.enable()
