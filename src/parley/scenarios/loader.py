"""Reading scenario files (YAML or JSON) into a validated Record, with errors that name the line."""

from __future__ import annotations

import json
from importlib import resources
from pathlib import Path
from typing import Any, Literal

import yaml
from pydantic import ValidationError

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


class ScenarioError(Exception):
    def __init__(self, source: str, problems: list[str]) -> None:
        self.source = source
        self.problems = problems
        lines = [f"{source}: refused, {len(problems)} problem(s); nothing was loaded"]
        super().__init__("\n".join(lines + [f"  {p}" for p in problems]))


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
        data = json.loads(text) if source.endswith(".json") else yaml.safe_load(text)
        node = None if source.endswith(".json") else yaml.compose(text)
    except (yaml.YAMLError, json.JSONDecodeError) as error:
        raise ScenarioError(source, [f"not valid YAML/JSON: {error}"]) from None
    if not isinstance(data, dict):
        raise ScenarioError(source, ["the file must hold a mapping (parley-scenario/1)"])
    try:
        return Scenario.model_validate(data)
    except ValidationError as error:
        raise ScenarioError(source, [_describe(e, node) for e in error.errors()]) from None


def _describe(error: Any, root: yaml.Node | None) -> str:
    location = error.get("loc", ())
    path = "".join(f"[{p}]" if isinstance(p, int) else f".{p}" for p in location).lstrip(".")
    line = _line_of(root, location)
    where = f"line {line}, " if line else ""
    message = str(error.get("msg", "invalid")).removeprefix("Value error, ")
    return f"{where}{path or 'top level'}: {message}"


def _line_of(node: yaml.Node | None, location: tuple[Any, ...]) -> int | None:
    """The 1-based line of the YAML node at a validation error's location, as far as it goes."""
    if node is None:
        return None
    line = node.start_mark.line + 1
    for step in location:
        child = _child(node, step)
        if child is None:
            break
        node = child
        line = node.start_mark.line + 1
    return line


def _child(node: yaml.Node, step: Any) -> yaml.Node | None:
    if isinstance(node, yaml.SequenceNode) and isinstance(step, int):
        return node.value[step] if step < len(node.value) else None
    if isinstance(node, yaml.MappingNode):
        for key, value in node.value:
            if key.value == step:
                return value  # type: ignore[no-any-return]
        for key, value in node.value:
            if key.value == "<<":  # YAML merge key: look into what it merges in
                found = _child(value, step)
                if found is not None:
                    return found
    return None
