"""Carrying out a plan: stages opened, handovers signed by senders, confirmations, tallies that
count only what all three confirmed — and the synthetic demo end to end.
"""

import json
import subprocess
import sys
from collections.abc import Callable
from pathlib import Path

from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st
from typer.testing import Result

from parley.ledger.custody import confirmed_tallies
from parley.ledger.entries import Chain, private_persons
from parley.ledger.keys import new_key
from parley.ledger.verify import verify

Run = Callable[..., Result]


def _prepared(run: Run, tmp_path: Path) -> tuple[Path, Path]:
    d, plan = tmp_path / "d", tmp_path / "plan.json"
    assert run("synth", "held", "--per-side", "120", "--seed", "2", "--out", str(d)).exit_code == 0
    made = run(
        "plan", str(d / "agreement.yaml"), "--held", f"RU={d / 'ru_held.csv'}",
        "--held", f"UA={d / 'ua_held.csv'}", "--out", str(plan),
    )  # fmt: skip
    assert made.exit_code == 0, made.output
    for signer in ("RU", "UA", "mediator"):
        assert (
            run(
                "keys", "new", "--signer", signer, "--out", str(tmp_path / f"{signer}.key")
            ).exit_code
            == 0
        )
    opened = run("stage", "open", "--plan", str(plan), "--agreement", str(d / "agreement.yaml"))
    assert opened.exit_code == 0, opened.output
    return d, plan


def test_a_handover_counts_only_once_all_three_have_confirmed(run: Run, tmp_path: Path) -> None:
    _, plan_path = _prepared(run, tmp_path)
    plan = json.loads(plan_path.read_text("utf-8"))
    first = [t for t in plan["stages"][0]["transfers"] if t["from"] == "RU"]
    absent = tmp_path / "absent.csv"
    absent.write_text(f"id,reason,substitute\n{first[0]['person_id']},refused,\n", encoding="utf-8")
    key = str(tmp_path / "RU.key")
    done = run(
        "stage",
        "handover",
        "1",
        "--from",
        "RU",
        "--all-planned",
        "--absent",
        str(absent),
        "--key",
        key,
    )
    assert done.exit_code == 0, done.output
    again = run("stage", "handover", "1", "--from", "RU", "--all-planned", "--key", key)
    assert again.exit_code == 2 and "already recorded" in again.output

    def confirmed() -> dict[str, object]:
        report = json.loads(run("report", "--format", "json").output)
        return report["ledger"]

    assert confirmed()["total_confirmed"] == 0
    assert (
        run("stage", "confirm", "1", "--as", "UA", "--key", str(tmp_path / "UA.key")).exit_code == 0
    )
    assert confirmed()["total_confirmed"] == 0  # the mediator has not signed yet
    assert "waiting for mediator" in run("stage", "status").output
    assert (
        run(
            "stage", "confirm", "1", "--as", "mediator", "--key", str(tmp_path / "mediator.key")
        ).exit_code
        == 0
    )
    ledger = confirmed()
    assert ledger["total_confirmed"] == len(first) - 1 and ledger["pending"] == []


def test_signing_with_someone_elses_key_is_refused(run: Run, tmp_path: Path) -> None:
    _prepared(run, tmp_path)
    wrong = run(
        "stage", "handover", "1", "--from", "RU", "--all-planned", "--key", str(tmp_path / "UA.key")
    )
    assert wrong.exit_code == 2 and "signed by RU" in wrong.output


def test_the_report_refuses_figures_from_a_log_that_does_not_verify(
    run: Run, tmp_path: Path, db_url: str
) -> None:
    import sqlalchemy as sa

    run("scenario", "load", "istanbul-2025")
    engine = sa.create_engine(db_url)
    with engine.begin() as connection:
        connection.execute(sa.text("UPDATE events SET type = 'edited' WHERE seq = 3"))
    engine.dispose()
    refused = run("report")
    assert refused.exit_code == 2 and "seq 3" in refused.output and "Tallies" not in refused.output
    shown = run("report", "--unverified")
    assert shown.exit_code == 0 and "NOT verified" in shown.output


def test_the_synthetic_demo_runs_end_to_end(run: Run, tmp_path: Path) -> None:
    db = f"sqlite:///{tmp_path / 's.db'}"
    demo = run("demo", "--scenario", "synthetic", "--db", db, "--out", str(tmp_path / "r.html"))
    assert demo.exit_code == 0, demo.output
    assert "confirmed RU→UA serviceman" in demo.output and "waiting for mediator" in demo.output
    page = (tmp_path / "r.html").read_text("utf-8")
    assert "Handovers in the ledger" in page and "waiting for mediator" in page
    assert "confirmed in Parley" in page.split("<main>")[0]  # the headline and the sides
    out = tmp_path / "e.jsonl"
    assert run("ledger", "export", "--db", db, "--out", str(out)).exit_code == 0
    assert run("ledger", "verify", "--from", str(out)).exit_code == 0
    # The verifier written from docs/ledger-format.md alone, run as its own program.
    verifier = Path(__file__).parents[1] / "ledger" / "independent_verifier.py"
    independent = subprocess.run(
        [sys.executable, str(verifier), str(out)], capture_output=True, text=True
    )
    assert independent.returncode == 0 and independent.stdout.strip() == "OK"
    whole = json.loads(run("report", "--db", db, "--format", "json").output)
    report = whole["ledger"]
    result = verify(run_entries(out))
    from parley.ledger.custody import handovers

    confirmed = sum(h.count for h in handovers(result) if h.confirmed)
    assert report["total_confirmed"] == confirmed > 0
    # One set of tallies: what was confirmed is in them, and counts towards the agreement the
    # demo recorded and planned from; what is pending is not.
    totals = whole["tallies"]["total_received_by"]
    assert sum(cell["confirmed"] for cell in totals.values()) == confirmed
    assert sum(cell["min"] for cell in totals.values()) == confirmed
    delivered = [f["delivered"]["confirmed"] for f in whole["fulfilment"]]
    assert {f["agreement"] for f in whole["fulfilment"]} == {"synthetic-terms"}
    assert sum(delivered) == confirmed
    text = run("report", "--db", db, "--format", "text").output
    assert "in all, confirmed in Parley" in text.replace("\n", " ")
    by_agreement = run("tallies", "--by", "agreement", "--db", db).output
    assert "synthetic-terms" in by_agreement and "confirmed in Parley" in by_agreement


def run_entries(path: Path):  # type: ignore[no-untyped-def]
    from parley.ledger.entries import read_lines

    return list(read_lines(path.read_text("utf-8").splitlines()))


@settings(max_examples=40, deadline=None, suppress_health_check=[HealthCheck.too_slow])
@given(
    st.lists(
        st.tuples(st.integers(0, 50), st.sets(st.sampled_from(["UA", "mediator"]))), max_size=6
    )
)
def test_tallies_equal_the_sum_of_confirmed_handovers(
    handovers: list[tuple[int, set[str]]],
) -> None:
    keys = {s: new_key(s) for s in ("RU", "UA", "mediator")}
    chain = Chain()
    for key in keys.values():
        chain.append("key.registered", {"signer": key.signer, "public_key": key.public_key}, [key])
    expected = 0
    for n, (count, confirmers) in enumerate(handovers):
        private, digest = private_persons([f"p{n}-{i}" for i in range(count)])
        entry = chain.append(
            "handover",
            {"stage": str(n), "from": "RU", "to": "UA", "category": "serviceman",
             "count": count, "persons_digest": digest},
            [keys["RU"]], private,
        )  # fmt: skip
        for signer in sorted(confirmers):
            chain.append(
                "handover.confirmed",
                {"handover_seq": entry.seq, "handover_hash": entry.hash, "signer": signer},
                [keys[signer]],
            )
        expected += count if confirmers == {"UA", "mediator"} else 0
    tallies = confirmed_tallies(verify(chain.entries))
    assert tallies["total_confirmed"] == expected
    assert sum(r["count"] for r in tallies["confirmed"]) == expected


def test_a_handover_is_corrected_by_a_new_one_that_needs_confirming_anew(
    run: Run, tmp_path: Path
) -> None:
    _, plan_path = _prepared(run, tmp_path)
    plan = json.loads(plan_path.read_text("utf-8"))
    sent = [t["person_id"] for t in plan["stages"][0]["transfers"] if t["from"] == "RU"]
    keys = {s: str(tmp_path / f"{s}.key") for s in ("RU", "UA", "mediator")}
    run("stage", "handover", "1", "--from", "RU", "--all-planned", "--key", keys["RU"])
    run("stage", "confirm", "1", "--as", "UA", "--key", keys["UA"])
    run("stage", "confirm", "1", "--as", "mediator", "--key", keys["mediator"])

    def total() -> int:
        return int(
            json.loads(run("report", "--format", "json").output)["ledger"]["total_confirmed"]
        )

    assert total() == len(sent)
    absent = tmp_path / "absent.csv"
    absent.write_text(f"id,reason\n{sent[0]},died\n", encoding="utf-8")
    fixed = run(
        "stage", "handover", "1", "--from", "RU", "--all-planned", "--absent", str(absent),
        "--remains", "2", "--correct", "--key", keys["RU"],
    )  # fmt: skip
    assert fixed.exit_code == 0, fixed.output
    assert total() == 0  # the correction waits for its own confirmations
    run("stage", "confirm", "1", "--as", "UA", "--key", keys["UA"])
    run("stage", "confirm", "1", "--as", "mediator", "--key", keys["mediator"])
    assert total() == len(sent) - 1 + 2
    out = tmp_path / "e.jsonl"
    run("ledger", "export", "--out", str(out))
    assert run("ledger", "verify", "--from", str(out)).exit_code == 0
    verifier = Path(__file__).parents[1] / "ledger" / "independent_verifier.py"
    assert subprocess.run([sys.executable, str(verifier), str(out)], check=False).returncode == 0


def test_without_the_agreement_categories_come_from_the_stored_registries(
    run: Run, tmp_path: Path
) -> None:
    d, plan = tmp_path / "d", tmp_path / "plan.json"
    run("synth", "held", "--per-side", "30", "--seed", "3", "--out", str(d))
    run(
        "plan", str(d / "agreement.yaml"), "--held", f"RU={d / 'ru_held.csv'}",
        "--held", f"UA={d / 'ua_held.csv'}", "--out", str(plan),
    )  # fmt: skip
    refused = run("stage", "open", "--plan", str(plan))
    assert refused.exit_code == 2 and "give --agreement" in refused.output
