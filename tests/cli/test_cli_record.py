import json
from collections.abc import Callable
from pathlib import Path

from typer.testing import Result

Run = Callable[..., Result]


def test_loading_the_scenario_twice_changes_nothing(run: Run) -> None:
    first = run("scenario", "load", "istanbul-2025")
    assert first.exit_code == 0, first.output
    assert "41 new, 0 changed" in first.output
    second = run("scenario", "load", "istanbul-2025")
    assert "0 new, 0 changed, 41 unchanged" in second.output


def test_report_json_contract(run: Run) -> None:
    run("scenario", "load", "istanbul-2025")
    result = run("report", "--format", "json")
    assert result.exit_code == 0
    report = json.loads(result.stdout)
    rounds = report["rounds"]
    assert [r["date"] for r in rounds] == ["2025-05-16", "2025-06-02", "2025-07-23"]
    assert "Dolmabahçe" in rounds[0]["venue"]
    assert "Çırağan" in rounds[2]["venue"]
    for r in rounds:
        for key in ("venue", "mediator", "delegations", "duration_minutes", "outcomes", "stalled"):
            assert key in r
    assert rounds[2]["duration_minutes"] == 40
    assert rounds[0]["delegations"][0]["head"]["name"] == "Vladimir Medinsky"
    assert all(a["clauses"] for a in report["agreements"])
    assert len(report["stages"]) == 22
    received = report["tallies"]["received_by"]
    for party in ("RU", "UA"):
        for category in ("serviceman", "civilian", "remains"):
            cell = received[party][category]
            assert set(cell) == {"min", "max", "confirmed", "reported"}
            assert isinstance(cell["min"], int)
            assert cell["max"] is None or isinstance(cell["max"], int)
            assert cell["confirmed"] == 0  # the public record alone: nothing run in Parley
            assert set(cell["reported"]) == {"min", "max"}
    assert received["UA"]["remains"] == {
        "min": 7857, "max": 7857, "confirmed": 0, "reported": {"min": 7857, "max": 7857}
    }  # fmt: skip
    claims = report["claims"]
    assert len(claims) == 7
    for claim in claims:
        for key in ("party", "category", "claimed", "qualifier", "speaker", "recorded"):
            assert key in claim
        assert claim["status"] in {"consistent", "inconsistent", "undetermined"}
        assert isinstance(claim["stages"], list)
        assert isinstance(claim["missing"], list)


def test_listing_commands_show_the_record(run: Run) -> None:
    run("scenario", "load", "istanbul-2025")
    assert "2025-07-23" in run("rounds").output
    assert "1,000 for 1,000" in run("agreements").output
    assert "2025-10-23" in run("stages").output
    tallies = run("tallies")
    assert "7,857" in tallies.output
    assert "round-3" in run("tallies", "--by", "round").output
    claims = run("claims", "check")
    assert "inconsistent" in claims.output
    assert "after the record ends" in claims.output


def test_report_writes_files_in_every_format(run: Run, tmp_path: Path) -> None:
    run("scenario", "load", "istanbul-2025")
    for fmt in ("text", "json", "html"):
        out = tmp_path / f"report.{fmt}"
        assert run("report", "--format", fmt, "--out", str(out)).exit_code == 0
        assert "2025" in out.read_text("utf-8")


def test_a_broken_scenario_file_is_refused_cleanly(run: Run, tmp_path: Path) -> None:
    bad = tmp_path / "bad.yaml"
    bad.write_text("format: parley-scenario/1\nscenario: {id: x}\n", encoding="utf-8")
    result = run("scenario", "load", str(bad))
    assert result.exit_code == 1
    assert "bad.yaml" in result.output
    assert "Traceback" not in result.output


def test_demo_tells_the_story(run: Run, tmp_path: Path) -> None:
    out = tmp_path / "story.html"
    result = run("demo", "--out", str(out))
    assert result.exit_code == 0, result.output
    assert "3 rounds of talks" in result.output
    assert "7 claims checked" in result.output
    assert out.read_text("utf-8").startswith("<!")
