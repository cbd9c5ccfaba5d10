"""Seeded synthetic request lists and registries of a Russia–Ukraine exchange, with their truth,
for testing and benchmarking the linker.

`synth_lists(seed, scale, mix=...)` draws both directions (`parley.synth.mixes.MIXES` names the
mixes: "default", "unheld", "relatives", "latin", "hard"); `write_synth_lists(lists, out_dir)`
writes them as import files (`ua_requests.csv`, `ru_registry.csv`, `truth_ua.csv`,
`hard_negatives_ua.csv`, and the `ru_`/`ua_` counterparts of the reverse direction).
"""

from parley.synth.build import synth_lists
from parley.synth.mixes import MIXES, Mix
from parley.synth.model import (
    ALL_DISTORTION_KINDS,
    ALL_HARD_NEGATIVE_KINDS,
    DISTORTION_KINDS,
    HARD_NEGATIVE_KINDS,
    LATIN_KINDS,
    REQUEST_ERROR_KINDS,
    Exchange,
    HardNegative,
    RegistryRecord,
    SynthLists,
    TruthPair,
)
from parley.synth.write import FILE_NAMES, write_synth_lists

__all__ = [
    "ALL_DISTORTION_KINDS",
    "ALL_HARD_NEGATIVE_KINDS",
    "DISTORTION_KINDS",
    "FILE_NAMES",
    "HARD_NEGATIVE_KINDS",
    "LATIN_KINDS",
    "MIXES",
    "REQUEST_ERROR_KINDS",
    "Exchange",
    "HardNegative",
    "Mix",
    "RegistryRecord",
    "SynthLists",
    "TruthPair",
    "synth_lists",
    "write_synth_lists",
]
