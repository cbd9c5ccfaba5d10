"""Ukrainian–Russian name translations from the names-translator dictionaries, and a disk cache
for the tables Parley derives from them (building them reads ~150,000 names: seconds, not ms).
"""

from __future__ import annotations

import hashlib
import os
import pickle
from collections.abc import Callable, Iterator
from importlib import metadata
from pathlib import Path
from typing import Any, TypeVar

T = TypeVar("T")


def translation_pairs(kind: str) -> Iterator[tuple[str, str]]:
    """(Ukrainian, Russian) spellings of first names, patronymics or family names."""
    from names_translator.dicts import default_dicts

    for ukrainian, russians in default_dicts().as_dict(kind).items():
        for russian in russians:
            yield ukrainian, russian


def cache_dir() -> Path:
    base = os.environ.get("PARLEY_CACHE") or os.environ.get("XDG_CACHE_HOME")
    return Path(base) / "parley" if base else Path.home() / ".cache" / "parley"


def cached(name: str, fingerprint: str, build: Callable[[], T]) -> T:
    """`build()`, kept on disk under a key of the dictionaries' version and `fingerprint` (which
    names the rules the table was built with), so a change of either builds it anew.
    """
    version = metadata.version("names-translator")
    digest = hashlib.sha256(f"{version}|{fingerprint}".encode()).hexdigest()[:16]
    path = cache_dir() / f"{name}-{digest}.pickle"
    try:
        with path.open("rb") as handle:
            loaded: Any = pickle.load(handle)
            return loaded  # type: ignore[no-any-return]
    except (OSError, pickle.UnpicklingError, EOFError, AttributeError):
        pass
    value = build()
    try:
        path.parent.mkdir(parents=True, exist_ok=True)
        partial = path.with_suffix(f".{os.getpid()}.tmp")
        with partial.open("wb") as handle:
            pickle.dump(value, handle, protocol=pickle.HIGHEST_PROTOCOL)
        partial.replace(path)  # atomic: a concurrent reader never sees half a file
    except OSError:
        pass  # a read-only home still links, only slower
    return value
