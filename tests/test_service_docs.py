"""docs/service.md says what the code does: its access table is GRANTS, and every API route
of the OpenAPI is named in it."""

from __future__ import annotations

import re
from pathlib import Path

from parley.service.access import GRANTS, PERMISSIONS
from parley.settings import Settings
from parley.web import create_app

DOC = Path(__file__).parents[1] / "docs" / "service.md"
ROLES = ("anonymous", "clerk", "lead", "mediator")


def test_the_documented_access_table_is_the_code() -> None:
    rows = {}
    for line in DOC.read_text("utf-8").splitlines():
        cells = [c.strip() for c in line.strip("|").split("|")]
        if len(cells) == 6 and re.fullmatch(r"`[a-z_]+\.[a-z_]+`", cells[0]):
            rows[cells[0].strip("`")] = dict(zip(ROLES, cells[2:], strict=True))
    expected = {
        p: {r: (GRANTS[r][p].value if p in GRANTS[r] else "—") for r in ROLES} for p in PERMISSIONS
    }
    assert rows == expected


def test_every_api_route_is_documented(tmp_path: Path) -> None:
    app = create_app(Settings(db_url=f"sqlite:///{tmp_path / 'd.db'}"))
    text = DOC.read_text("utf-8")
    routes = [
        f"{method.upper()} {path}"
        for path, operations in app.openapi()["paths"].items()
        for method in operations
    ]
    assert [r for r in routes if f"`{r}" not in text] == []
