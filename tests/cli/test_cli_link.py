"""`parley synth lists` then `parley link`, as the acceptance runs them, on small lists."""

import json
from collections.abc import Callable
from pathlib import Path

import pandas as pd
from typer.testing import Result

from parley.linkage.evaluate import score_matches
from parley.linkage.files import read_lists
from parley.linkage.pairs import pair_table

Run = Callable[..., Result]


def _synth(run: Run, tmp_path: Path, seed: int) -> Path:
    """A small synthetic exchange's lists, written by `parley synth lists`."""
    out = tmp_path / "d"
    assert (
        run("synth", "lists", "--seed", str(seed), "--scale", "0.05", "--out", str(out)).exit_code
        == 0
    )
    return out


def test_synth_then_link_scores_well(run: Run, tmp_path: Path) -> None:
    out = tmp_path / "d"
    assert run("synth", "lists", "--seed", "3", "--scale", "0.1", "--out", str(out)).exit_code == 0
    for side, requests, registry in (
        ("ua", "ua_requests", "ru_registry"),
        ("ru", "ru_requests", "ua_registry"),
    ):
        matches = tmp_path / f"m_{side}.csv"
        result = run(
            "link",
            str(out / f"{requests}.csv"),
            str(out / f"{registry}.csv"),
            "--out",
            str(matches),
        )
        assert result.exit_code == 0, result.output
        assert "pairs compared" in result.output
        frame = pd.read_csv(matches, dtype=str)
        assert list(frame.columns) == ["request_id", "registry_id", "score", "decision", "reason"]
        truth = pd.read_csv(out / f"truth_{side}.csv", dtype=str, keep_default_na=False)
        scores = score_matches(frame, truth)
        assert scores.precision >= 0.99
        assert scores.recall >= 0.97
        matched = frame[frame["decision"] == "match"]
        # A registry record matches at most one request.
        assert matched.groupby("registry_id")["request_id"].nunique().max() == 1


def test_link_writes_xlsx(run: Run, tmp_path: Path) -> None:
    requests = tmp_path / "r.csv"
    requests.write_text("id,family_name,given_name\n1,Коваленко,Олександр\n", "utf-8")
    registry = tmp_path / "g.csv"
    registry.write_text("id,family_name,given_name\nA,KOVALENKO,OLEKSANDR\n", "utf-8")
    out = tmp_path / "m.xlsx"
    assert run("link", str(requests), str(registry), "--out", str(out)).exit_code == 0
    assert pd.read_excel(out)["registry_id"].tolist() == ["A"]


def test_bad_lists_are_refused_naming_file_row_and_column(run: Run, tmp_path: Path) -> None:
    good = tmp_path / "good.csv"
    good.write_text("id,family_name,given_name\n1,Коваленко,Олександр\n", "utf-8")
    no_column = tmp_path / "no_column.csv"
    no_column.write_text("id,family_name\n1,Коваленко\n", "utf-8")
    result = run("link", str(good), str(no_column), "--out", str(tmp_path / "m.csv"))
    assert result.exit_code == 1
    assert "no_column.csv" in result.output and "given_name" in result.output
    twice = tmp_path / "twice.csv"
    twice.write_text("id,family_name,given_name\n1,A,B\n1,C,D\n", "utf-8")
    result = run("link", str(twice), str(good), "--out", str(tmp_path / "m.csv"))
    assert "twice.csv, row 3, column id" in result.output
    assert not (tmp_path / "m.csv").exists()


def test_an_empty_list_links_to_an_empty_result(run: Run, tmp_path: Path) -> None:
    empty = tmp_path / "empty.csv"
    empty.write_text("id,family_name,given_name\n", "utf-8")
    good = tmp_path / "good.csv"
    good.write_text("id,family_name,given_name\n1,Коваленко,Олександр\n", "utf-8")
    out = tmp_path / "m.csv"
    assert run("link", str(empty), str(good), "--out", str(out)).exit_code == 0
    assert pd.read_csv(out).empty


def test_explain_model_tells_the_false_share_and_the_option_sets_it(
    run: Run, tmp_path: Path
) -> None:
    out = _synth(run, tmp_path, seed=2)
    matches = tmp_path / "m.csv"
    lists = (str(out / "ua_requests.csv"), str(out / "ru_registry.csv"))
    result = run("link", *lists, "--out", str(matches), "--explain-model")
    assert result.exit_code == 0, result.output
    assert "false matches expected among the matches" in result.output
    assert "of the requested held" in result.output
    assert "birth dates one part apart: a doubt" in result.output  # the default mix never slips so
    assert "birth dates with day and month swapped: m " in result.output
    result = run("link", *lists, "--out", str(matches), "--max-false-share", "1")
    assert result.exit_code == 0, result.output
    model = json.loads(matches.with_suffix(".model.json").read_text("utf-8"))
    assert model["false_share"]["max"] == 1.0
    assert model["false_share"]["sent_to_review"] == 0
    assert 0 < model["held_share"] <= 0.99
    assert model["birth_one_part_apart"].startswith("a doubt")


def test_explain_model_tells_the_days_a_list_writes_for_unknown_ones(
    run: Run, tmp_path: Path
) -> None:
    out = _synth(run, tmp_path, seed=3)
    registry = out / "ru_registry.csv"
    frame = pd.read_csv(registry, dtype=str, keep_default_na=False)
    dated = frame.index[frame["birth_date"] != ""][::4]
    frame.loc[dated, "birth_date"] = frame.loc[dated, "birth_date"].map(_first_of_january)
    frame.to_csv(registry, index=False)
    matches = tmp_path / "m.csv"
    result = run("link", str(out / "ua_requests.csv"), str(registry), "--out", str(matches),
                 "--explain-model")  # fmt: skip
    assert result.exit_code == 0, result.output
    assert "the registry writes 01.01 (" in result.output
    assert "for a day it does not know: read as the year alone" in result.output
    assert "the request list writes" not in result.output
    model = json.loads(matches.with_suffix(".model.json").read_text("utf-8"))
    assert model["stand_in_dates"]["registry"]["01.01"] >= len(dated)


def _first_of_january(text: str) -> str:
    """The date's year, written as 1 January in the date's own form."""
    return f"01.01.{text[-4:]}" if "." in text else f"{text[:4]}-01-01"


def test_pairs_writes_every_candidate_with_its_evidence_beside_the_matches(
    run: Run, tmp_path: Path
) -> None:
    out = _synth(run, tmp_path, seed=4)
    requests, registry = out / "ua_requests.csv", out / "ru_registry.csv"
    matches, pairs = tmp_path / "m.csv", tmp_path / "pairs.csv"
    result = run("link", str(requests), str(registry), "--out", str(matches), "--pairs", str(pairs))
    assert result.exit_code == 0, result.output
    written = pd.read_csv(pairs, dtype={"request_id": str, "registry_id": str})
    frame = pd.read_csv(matches, dtype=str)
    listed = set(zip(frame["request_id"], frame["registry_id"], strict=True))
    assert listed <= set(zip(written["request_id"], written["registry_id"], strict=True))
    expected = pair_table(*read_lists(requests, registry))
    assert list(written.columns) == list(expected.columns)
    assert len(written) == len(expected)


def test_a_pairs_file_of_another_kind_is_refused_before_anything_is_written(
    run: Run, tmp_path: Path
) -> None:
    good = tmp_path / "good.csv"
    good.write_text("id,family_name,given_name\n1,Коваленко,Олександр\n", "utf-8")
    out, pairs = tmp_path / "m.csv", tmp_path / "p.txt"
    result = run("link", str(good), str(good), "--out", str(out), "--pairs", str(pairs))
    assert result.exit_code == 2
    assert "p.txt" in result.output and ".csv or .xlsx" in result.output
    assert not out.exists() and not pairs.exists()


def test_guard_namesakes_is_an_option_and_the_model_file_tells_it(run: Run, tmp_path: Path) -> None:
    out = _synth(run, tmp_path, seed=4)
    lists = (str(out / "ru_requests.csv"), str(out / "ua_registry.csv"))
    matches = tmp_path / "m.csv"
    for option, guarded in (((), False), (("--guard-namesakes",), True)):
        result = run("link", *lists, "--out", str(matches), *option)
        assert result.exit_code == 0, result.output
        namesakes = json.loads(matches.with_suffix(".model.json").read_text("utf-8"))["namesakes"]
        assert namesakes["guarded"] is guarded
        assert set(namesakes) == {
            "floor", "ceiling_bits", "dated_pairs_told_apart", "pairs_held_down", "guarded",
            "patronymic_floor", "pairs_told_apart_by_patronymic",
        }  # fmt: skip
