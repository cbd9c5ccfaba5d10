"""Rebuild the name tables shipped in src/parley/linkage/data/ (after a change of Parley's name
rules or of the names-translator version; a test says when they are stale).

    .venv/bin/python scripts/build-name-tables.py
"""

from pathlib import Path

import parley.linkage
from parley.linkage.names import write_shipped_tables

if __name__ == "__main__":
    for written in write_shipped_tables(Path(parley.linkage.__file__).parent / "data"):
        print(written)
