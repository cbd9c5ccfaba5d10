"""The name tables shipped with Parley are the ones its rules build from the dictionaries."""

from pathlib import Path

import pytest

from parley.linkage import names


@pytest.mark.parametrize("kind", ["first", "patronymic", "last"])
def test_shipped_tables_are_current(kind: names.NameKind) -> None:
    shipped = names._shipped(kind)
    assert shipped is not None, "stale: run scripts/build-name-tables.py"
    assert shipped == names._build_equivalents(kind)


def test_a_first_run_needs_no_build(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.setenv("PARLEY_CACHE", str(tmp_path))
    names._equivalents.cache_clear()
    monkeypatch.setattr(names, "_build_equivalents", lambda kind: pytest.fail("built"))
    try:
        assert {"oleksandr", "aleksandr"} <= names._equivalents("first").keys() | {
            k for v in names._equivalents("first").values() for k in v
        }
    finally:
        names._equivalents.cache_clear()
