"""What an import reports when a file is refused: one `RowError` per problem, raised together."""

from __future__ import annotations

from dataclasses import dataclass


@dataclass(frozen=True)
class RowError:
    """One problem, placed as a spreadsheet would show it (the header is row 1)."""

    file: str
    row: int | None
    column: str | None
    message: str

    def __str__(self) -> str:
        place = self.file
        if self.row is not None:
            place += f", row {self.row}"
        if self.column is not None:
            place += f", column {self.column}"
        return f"{place}: {self.message}"


class ImportRefused(Exception):
    """The file was refused as a whole: a list is imported entirely or not at all.

    `errors` may be capped (see `max_errors`); `total` counts every problem found.
    """

    def __init__(self, source: str, errors: list[RowError], total: int | None = None) -> None:
        self.source = source
        self.errors = list(errors)
        self.total = len(self.errors) if total is None else total
        super().__init__(str(self))

    def __reduce__(self) -> tuple[type[ImportRefused], tuple[str, list[RowError], int]]:
        # Exception pickling replays `args`; this class is built from its fields instead.
        return (type(self), (self.source, self.errors, self.total))

    def __str__(self) -> str:
        noun = "problem" if self.total == 1 else "problems"
        lines = [f"{self.source}: refused, {self.total} {noun}; nothing was imported"]
        lines.extend(str(error) for error in self.errors)
        if self.total > len(self.errors):
            lines.append(f"… and {self.total - len(self.errors)} more")
        return "\n".join(lines)


class ErrorLog:
    """Collects errors while a file is scanned, keeping the first `limit` and counting the rest."""

    def __init__(self, source: str, limit: int) -> None:
        if limit < 0:
            raise ValueError("max_errors must not be negative")
        self.source = source
        self.limit = limit
        self.errors: list[RowError] = []
        self.total = 0

    def add(self, row: int | None, column: str | None, message: str) -> None:
        self.total += 1
        if len(self.errors) < self.limit:
            self.errors.append(RowError(self.source, row, column, message))

    def raise_if_any(self) -> None:
        if self.total:
            raise ImportRefused(self.source, self.errors, self.total)


def refuse(source: str, message: str, row: int | None = None) -> ImportRefused:
    """A refusal for a problem with the file as a whole (cannot be read, wrong kind, no header)."""
    return ImportRefused(source, [RowError(source, row, None, message)])
