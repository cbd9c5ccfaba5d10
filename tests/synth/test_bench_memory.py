"""The benchmarks' memory reading: a linker child's own peak, not its parent's."""

from __future__ import annotations

import subprocess
import sys
from pathlib import Path

import numpy as np
import pytest

ROOT = Path(__file__).resolve().parents[2]
CHILD = "from benchmarks.memory import own_peak_rss_mb; print(own_peak_rss_mb())"
HELD_MB = 400


@pytest.mark.skipif(not Path("/proc/self/status").exists(), reason="reads Linux's VmHWM")
def test_a_child_reports_its_own_peak_not_the_one_of_the_process_that_started_it() -> None:
    # A parent holding a lot, as the benchmark does with the lists it generated: ru_maxrss
    # would report the parent's peak in the child.
    held = np.ones(HELD_MB * 2**20 // 8)
    done = subprocess.run(
        [sys.executable, "-c", CHILD], cwd=ROOT, capture_output=True, text=True, check=True
    )
    assert float(done.stdout) < HELD_MB / 2
    assert held.sum() > 0  # held until the child has run


def test_a_child_that_holds_much_reports_it() -> None:
    grow = f"import numpy as np; x = np.ones({HELD_MB} * 2**20 // 8); x.sum(); {CHILD}"
    done = subprocess.run(
        [sys.executable, "-c", grow], cwd=ROOT, capture_output=True, text=True, check=True
    )
    assert float(done.stdout) > HELD_MB
