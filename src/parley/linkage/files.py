"""Reading the lists to link and writing the matches, in the formats clerks send (CSV, XLSX)."""

from __future__ import annotations

from pathlib import Path

import pandas as pd

from parley.imports import read_person_file
from parley.linkage.prepare import frame_of


def read_list(path: Path) -> pd.DataFrame:
    """A request list or registry as a frame; a bad file is refused (ImportRefused) whole."""
    return frame_of(read_person_file(path).persons)


def write_matches(matches: pd.DataFrame, path: Path) -> None:
    suffix = path.suffix.lower()
    if suffix == ".xlsx":
        matches.to_excel(path, index=False)
    elif suffix == ".csv":
        matches.to_csv(path, index=False, encoding="utf-8")
    else:
        raise ValueError(f"cannot write '{path.name}': use a .csv or .xlsx file name")
