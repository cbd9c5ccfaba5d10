"""The domain is pure: no module under parley.domain imports storage, web, CLI or report code."""

import ast
from pathlib import Path

import parley.domain

FORBIDDEN = (
    "parley.store",
    "parley.cli",
    "parley.web",
    "parley.reports",
    "parley.imports",
    "parley.scenarios",
    "parley.service",
    "parley.settings",
    "sqlalchemy",
    "alembic",
    "typer",
    "rich",
    "fastapi",
    "openpyxl",
    "jinja2",
)


def _imports(path: Path) -> set[str]:
    names: set[str] = set()
    for node in ast.walk(ast.parse(path.read_text("utf-8"))):
        if isinstance(node, ast.Import):
            names.update(alias.name for alias in node.names)
        elif isinstance(node, ast.ImportFrom) and node.module:
            names.add(node.module)
    return names


def test_domain_imports_no_adapter() -> None:
    folder = Path(parley.domain.__file__).parent
    offenders = {
        f"{path.name} imports {name}"
        for path in folder.rglob("*.py")
        for name in _imports(path)
        if any(name == f or name.startswith(f + ".") for f in FORBIDDEN)
    }
    assert not offenders, sorted(offenders)


def test_the_check_sees_a_forbidden_import(tmp_path: Path) -> None:
    module = tmp_path / "m.py"
    module.write_text("from sqlalchemy import select\nimport parley.store.schema\n")
    assert {"sqlalchemy", "parley.store.schema"} <= _imports(module)


def _domain_graph() -> dict[str, set[str]]:
    """parley.domain modules -> the parley.domain modules they import, even for typing only."""
    folder = Path(parley.domain.__file__).parent
    graph = {}
    for path in folder.glob("*.py"):
        name = f"parley.domain.{path.stem}"
        graph[name] = {n for n in _imports(path) if n.startswith("parley.domain.")}
    return graph


def test_domain_modules_import_no_circle() -> None:
    graph = _domain_graph()
    done: set[str] = set()

    def visit(module: str, path: tuple[str, ...]) -> None:
        assert module not in path, " -> ".join((*path, module))
        if module in done:
            return
        for child in sorted(graph.get(module, ())):
            visit(child, (*path, module))
        done.add(module)

    for module in sorted(graph):
        visit(module, ())
