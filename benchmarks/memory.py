"""A benchmark child's own peak memory.

`getrusage(RUSAGE_SELF).ru_maxrss` is no measure of it on Linux: a process started by another
keeps, across `exec`, the peak of the process it was forked from, so a child of a benchmark that
holds lists of ninety thousand in memory reports the benchmark's peak whatever it used itself.
The kernel's high-water mark of the process's own memory (VmHWM) starts afresh at `exec`.
"""

from __future__ import annotations

import resource
import sys
from pathlib import Path

STATUS = Path("/proc/self/status")


def own_peak_rss_mb() -> float:
    """The highest resident memory of this process since it started, in MiB."""
    try:
        for line in STATUS.read_text(encoding="ascii").splitlines():
            if line.startswith("VmHWM:"):
                return int(line.split()[1]) / 1024  # kB
    except OSError:
        pass
    # Elsewhere ru_maxrss is the best there is: kilobytes on Linux, bytes on macOS.
    peak = resource.getrusage(resource.RUSAGE_SELF).ru_maxrss
    return peak / 2**20 if sys.platform == "darwin" else peak / 1024
