"""Importing and exporting person lists (.csv and .xlsx): an adapter above `parley.domain`.

The person-list functions are loaded when first asked for: a reader of plain columns (the
planner's) needs the errors, not the Person model.
"""

from typing import TYPE_CHECKING, Any

from parley.imports.errors import ImportRefused, RowError

if TYPE_CHECKING:
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


def __getattr__(name: str) -> Any:
    if name in __all__:
        from parley.imports import persons

        return getattr(persons, name)
    raise AttributeError(f"module 'parley.imports' has no attribute {name!r}")
