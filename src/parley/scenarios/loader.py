"""Reading scenario files (YAML or JSON) into a validated Record, with errors that name the line."""

from __future__ import annotations

from importlib import resources
from pathlib import Path
from typing import Any, Literal

from parley.documents import DocumentError, parse_document
from parley.domain.base import Model
from parley.domain.record import Record

SCHEMA_FILE = "scenario.schema.json"
FORMAT = "parley-scenario/1"


class ScenarioMeta(Model):
    id: str
    title: str
    version: str
    description: str | None = None


class Scenario(Record):
    """A scenario file: the record plus what names and versions it."""

    format: Literal["parley-scenario/1"]
    scenario: ScenarioMeta

    @property
    def record(self) -> Record:
        fields = set(Record.model_fields)
        return Record.model_validate(self.model_dump(include=fields, by_alias=True))


class ScenarioError(DocumentError):
    pass


def available() -> list[str]:
    """Names of the scenarios shipped with Parley."""
    folder = resources.files(__package__)
    return sorted(
        p.name.removesuffix(".yaml") for p in folder.iterdir() if p.name.endswith(".yaml")
    )


def scenario_schema() -> dict[str, Any]:
    return Scenario.model_json_schema(by_alias=True)


def load_scenario(name_or_path: str | Path) -> Scenario:
    """A shipped scenario by name (`istanbul-2025`) or any scenario file by path."""
    path = Path(name_or_path)
    if str(name_or_path) in available():
        text = (resources.files(__package__) / f"{name_or_path}.yaml").read_text("utf-8")
        return parse_scenario(text, source=f"{name_or_path}.yaml")
    if not path.is_file():
        known = ", ".join(available())
        raise ScenarioError(str(name_or_path), [f"no such scenario or file (built in: {known})"])
    try:
        text = path.read_text("utf-8")
    except (OSError, UnicodeDecodeError) as error:
        raise ScenarioError(str(path), [f"cannot be read: {error}"]) from None
    return parse_scenario(text, source=str(path))


def parse_scenario(text: str, source: str = "<scenario>") -> Scenario:
    try:
        return parse_document(Scenario, text, source, kind=FORMAT)
    except DocumentError as error:
        raise ScenarioError(error.source, error.problems) from None
