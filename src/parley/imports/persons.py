"""Person lists from files and back: a registry or request list, as the parties' clerks keep it.

A file is imported entirely or refused entirely: every bad cell is reported with file, row and
column, so that the sender can fix the list in one pass.
"""

from __future__ import annotations

from collections.abc import Iterable
from dataclasses import dataclass
from pathlib import Path

from parley.domain.columns import PERSON_FIELDS, REQUIRED_PERSON_FIELDS
from parley.domain.people import Person
from parley.imports.cells import PARSERS, BadValue
from parley.imports.errors import ErrorLog
from parley.imports.tables import SUFFIXES, Cell, Table, header_name, read_table, write_table


@dataclass(frozen=True)
class ImportedList:
    """The persons of one file, in file order, and what the importer noticed on the way."""

    persons: tuple[Person, ...]
    warnings: tuple[str, ...]
    source: str


# A field added to Person must get a parser in cells.py before files can carry it.
assert set(PARSERS) | set(REQUIRED_PERSON_FIELDS) == set(PERSON_FIELDS)


@dataclass(frozen=True)
class PartyCheck:
    """The party a list belongs to. A file may say it again in a `party` column, row by row
    (lists merged from several senders do); each such cell must name that same, known party.
    """

    party: str
    known: frozenset[str] = frozenset()

    def problem(self, text: str) -> str | None:
        code = text.strip().upper()
        if self.known and code not in self.known:
            return f"'{text}' is not a known party code (known: {', '.join(sorted(self.known))})"
        if code != self.party:
            return f"party '{text}' does not match the list's party {self.party}"
        return None


PARTY_COLUMN = "party"


def read_person_file(
    path: Path, *, party: PartyCheck | None = None, max_errors: int = 50
) -> ImportedList:
    """Read a person list from .csv or .xlsx; raise ImportRefused if anything in it is wrong.

    Empty cells take the field's default. Unknown columns are kept in `Person.extra`. With
    `party`, a `party` column is checked against it instead of being kept.
    """
    return persons_of_table(read_table(path), path.name, party=party, max_errors=max_errors)


def persons_of_table(
    table: Table, source: str, *, party: PartyCheck | None = None, max_errors: int = 50
) -> ImportedList:
    """`read_person_file` on a table already read from the file named `source`."""
    log = ErrorLog(source, max_errors)
    unknown = _check_header(table.header, log)
    if party is not None and PARTY_COLUMN in unknown:
        unknown.remove(PARTY_COLUMN)
    # Without a sound header every row would repeat the same complaint: stop here.
    log.raise_if_any()
    persons: list[Person] = []
    id_column = table.header.index("id")
    first_row_of_id: dict[str, int] = {}
    for number, cells in table.rows:
        person = _read_row(table, number, cells, log, party)
        # Checked apart from the row's other errors, so a bad first row still claims its id.
        ident = cells[id_column] if id_column < len(cells) else ""
        if ident in first_row_of_id:
            first = first_row_of_id[ident]
            log.add(number, "id", f"duplicate id '{ident}' (first on row {first})")
        elif ident:
            first_row_of_id[ident] = number
        if person is not None:
            persons.append(person)
    log.raise_if_any()
    warnings: list[str] = []
    if unknown:
        warnings.append(f"{source}: unknown columns kept with each record: {', '.join(unknown)}")
    return ImportedList(tuple(persons), tuple(warnings), source)


def _check_header(header: tuple[str, ...], log: ErrorLog) -> list[str]:
    """Log missing and repeated columns; return the unknown columns, in file order."""
    first_column: dict[str, int] = {}
    for column, name in enumerate(header, start=1):
        if not name:
            continue
        if name in first_column:
            log.add(
                1,
                name,
                f"column '{name}' appears twice in the header"
                f" (columns {first_column[name]} and {column})",
            )
        else:
            first_column[name] = column
    for name in REQUIRED_PERSON_FIELDS:
        if name not in first_column:
            log.add(1, name, f"required column '{name}' is missing")
    return [name for name in first_column if name not in PERSON_FIELDS]


def _read_row(
    table: Table, number: int, cells: tuple[str, ...], log: ErrorLog, party: PartyCheck | None
) -> Person | None:
    """The person on one row, or None after logging what is wrong with it."""
    errors_before = log.total
    fields: dict[str, object] = {}
    extra: dict[str, str] = {}
    for column, text in enumerate(cells, start=1):
        name = table.header[column - 1] if column <= len(table.header) else ""
        if not text:
            continue
        if not name:
            log.add(number, None, f"value '{text}' in column {column}, which has no header")
        elif name in PARSERS:
            try:
                fields[name] = PARSERS[name](text)
            except BadValue as exc:
                log.add(number, name, str(exc))
        elif name in REQUIRED_PERSON_FIELDS:
            fields[name] = text
        elif party is not None and name == PARTY_COLUMN:
            if problem := party.problem(text):
                log.add(number, name, problem)
        else:
            extra[name] = text
    for name in REQUIRED_PERSON_FIELDS:
        if name not in fields:
            log.add(number, name, f"{name} is missing (required)")
    if log.total > errors_before:
        return None
    try:
        return Person.model_validate({**fields, "extra": extra})
    except ValueError as exc:  # the checks above should leave nothing for the model to reject
        log.add(number, None, f"not a valid person: {exc}")
        return None


def write_person_file(persons: Iterable[Person], path: Path) -> None:
    """Write persons as .csv (UTF-8, comma) or .xlsx, by the suffix of `path`.

    Columns are PERSON_FIELDS, then every extra column any person carries, sorted by name;
    `read_person_file` reads the file back into equal persons.
    """
    if path.suffix.lower() not in SUFFIXES:
        raise ValueError(f"cannot write '{path.name}': use a .csv or .xlsx file name")
    persons = list(persons)
    extras = sorted({name for person in persons for name in person.extra})
    for name in extras:
        # Such a column would read back under another name, or clash with a field.
        if not name or name != header_name(name) or name in PERSON_FIELDS:
            raise ValueError(f"extra column name {name!r} cannot be written to a person list")
    rows = (
        [*_field_cells(person), *(person.extra.get(name) for name in extras)] for person in persons
    )
    write_table(path, [*PERSON_FIELDS, *extras], rows)


def _field_cells(person: Person) -> list[Cell]:
    cells: list[Cell] = []
    for name in PERSON_FIELDS:
        value = getattr(person, name)
        if isinstance(value, bool):
            cells.append("true" if value else "false")
        else:
            cells.append(value)
    return cells
