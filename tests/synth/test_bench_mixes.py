"""`python -m benchmarks.linkage --mix NAME --seed S`: each combination is generated, linked
and scored, and named in what is printed and saved."""

from __future__ import annotations

import importlib
import json
from pathlib import Path
from types import ModuleType

import pytest

ROOT = Path(__file__).resolve().parents[2]


@pytest.fixture
def linkage(monkeypatch: pytest.MonkeyPatch) -> ModuleType:
    """benchmarks.linkage, importable (and its linker child runnable) from the repository root."""
    monkeypatch.syspath_prepend(str(ROOT))
    monkeypatch.chdir(ROOT)
    return importlib.import_module("benchmarks.linkage")


def test_benchmark_runs_a_mix_and_names_it(
    linkage: ModuleType,
    tmp_path: Path,
    monkeypatch: pytest.MonkeyPatch,
    capsys: pytest.CaptureFixture[str],
) -> None:
    monkeypatch.setattr(linkage, "RESULTS", tmp_path)
    argv = ["--scale", "1", "--mix", "unheld", "--seed", "3", "--direction", "ua"]
    assert linkage.main([*argv, "--skip-baseline", "--repeat", "1"]) == 0
    printed = capsys.readouterr().out
    assert "scale 1 mix unheld seed 3, ua: recall per distortion" in printed
    assert "hard negative unheld_namesake matched" in printed
    (saved,) = tmp_path.glob("linkage-*.json")
    (run,) = json.loads(saved.read_text(encoding="utf-8"))["runs"]
    assert (run["mix"], run["seed"], run["direction"], run["linker"]) == (
        "unheld",
        3,
        "ua",
        "parley",
    )
    assert run["hard_negative_totals"]["unheld_namesake"] > 0
    assert 0 < run["scores"]["precision"] <= 1


def test_benchmark_refuses_an_unknown_mix(linkage: ModuleType) -> None:
    with pytest.raises(SystemExit):
        linkage.main(["--mix", "nonesuch", "--skip-baseline"])
