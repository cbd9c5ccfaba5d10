"""The derived name tables are kept on disk, and a broken or missing cache only costs time."""

from pathlib import Path

import pytest

from parley.linkage.dictionaries import cache_dir, cached, translation_pairs


def test_translation_pairs_read_the_dictionaries() -> None:
    pairs = set(translation_pairs("first"))
    assert ("олександр", "Александр") in {(u, r) for u, r in pairs}


def test_cached_builds_once_then_reads(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.setenv("PARLEY_CACHE", str(tmp_path))
    assert cache_dir() == tmp_path / "parley"
    calls: list[int] = []

    def build() -> dict[str, int]:
        calls.append(1)
        return {"a": 1}

    assert cached("table", "rules-1", build) == {"a": 1}
    assert cached("table", "rules-1", build) == {"a": 1}
    assert len(calls) == 1
    assert cached("table", "rules-2", build) == {"a": 1}  # other rules: built anew
    assert len(calls) == 2


def test_a_corrupt_cache_is_rebuilt(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.setenv("PARLEY_CACHE", str(tmp_path))
    cached("table", "rules", lambda: [1])
    for file in (tmp_path / "parley").iterdir():
        file.write_bytes(b"not a pickle")
    assert cached("table", "rules", lambda: [2]) == [2]


def test_an_unwritable_cache_still_works(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    blocker = tmp_path / "file"
    blocker.write_text("x")
    monkeypatch.setenv("PARLEY_CACHE", str(blocker))  # a file where a folder should be
    assert cached("table", "rules", lambda: "built") == "built"
