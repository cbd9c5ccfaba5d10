"""Importing and exporting person lists (.csv and .xlsx): an adapter above `parley.domain`."""

from parley.imports.errors import ImportRefused, RowError
from parley.imports.persons import (
    ImportedList,
    PartyCheck,
    read_person_file,
    write_person_file,
)

__all__ = [
    "ImportRefused",
    "ImportedList",
    "PartyCheck",
    "RowError",
    "read_person_file",
    "write_person_file",
]
