"""YAML and JSON documents that people write by hand (scenarios, agreements): parsing, and
validation errors that name the line and key.
"""

from __future__ import annotations

import json
from typing import Any, TypeVar

import yaml
from pydantic import BaseModel, ValidationError

M = TypeVar("M", bound=BaseModel)


class DocumentError(Exception):
    """A document refused as a whole, with every problem found."""

    def __init__(self, source: str, problems: list[str], what: str = "nothing was loaded") -> None:
        self.source = source
        self.problems = problems
        lines = [f"{source}: refused, {len(problems)} problem(s); {what}"]
        super().__init__("\n".join(lines + [f"  {p}" for p in problems]))


def parse_document(model: type[M], text: str, source: str, kind: str) -> M:
    """`text` (JSON when `source` ends in .json, else YAML) validated as `model`."""
    try:
        data = json.loads(text) if source.endswith(".json") else yaml.safe_load(text)
        node = None if source.endswith(".json") else yaml.compose(text)
    except (yaml.YAMLError, json.JSONDecodeError) as error:
        raise DocumentError(source, [f"not valid YAML/JSON: {error}"]) from None
    if not isinstance(data, dict):
        raise DocumentError(source, [f"the file must hold a mapping ({kind})"])
    try:
        return model.model_validate(data)
    except ValidationError as error:
        raise DocumentError(source, [describe(e, node) for e in error.errors()]) from None


def describe(error: Any, root: yaml.Node | None) -> str:
    """One validation error as `line N, key.path: message`."""
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
