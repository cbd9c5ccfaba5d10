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


def test_struck_dates_empty_only_registry_birth_dates(linkage: ModuleType, tmp_path: Path) -> None:
    rows = "id,family_name,birth_date\n" + "".join(
        f"R{k},Name{k},1990-01-0{k % 9 + 1}\n" for k in range(400)
    )
    (tmp_path / "ua_registry.csv").write_text(rows, encoding="utf-8")
    (tmp_path / "ua_requests.csv").write_text(rows, encoding="utf-8")
    linkage.strike_dates(tmp_path, 0.3, seed=1)
    struck = linkage._text_csv(tmp_path / "ua_registry.csv")
    assert 80 < (struck["birth_date"] == "").sum() < 160
    assert struck["family_name"].tolist() == [f"Name{k}" for k in range(400)]
    assert (tmp_path / "ua_requests.csv").read_text(encoding="utf-8") == rows
    run = {"mix": "unheld", "dates_struck": 0.3}
    assert linkage._mix(run) == "unheld, 30% of dates struck"
    assert linkage._mix({"mix": "unheld"}) == "unheld"
