"""Baseline linker: a plain Splink 5 model (DuckDB), for `benchmarks.linkage` to beat.

Names are unidecode'd and lower-cased; Splink's out-of-the-box NameComparison on family name,
given name and patronymic and DateOfBirthComparison on the birth date; u by random sampling,
m by expectation maximisation on two blocking rules, the prior from a deterministic rule. Then
one-to-one, greedy by match probability: each request keeps its best registry record with
probability >= 0.9 as `match`, 0.5-0.9 as `review`, and no registry record is used twice.

    python -m benchmarks.baseline_splink REQUESTS.csv REGISTRY.csv OUT.csv [--meta META.json]
"""

from __future__ import annotations

import argparse
import json
import logging
import sys
import time
from collections.abc import Sequence
from pathlib import Path
from typing import Any

import pandas as pd
from unidecode import unidecode

from benchmarks.memory import own_peak_rss_mb
from parley.linkage.files import read_lists

MATCH = 0.9
REVIEW = 0.5
COLUMNS = ["request_id", "registry_id", "score", "decision", "reason"]


def _name(text: str | None) -> str | None:
    cleaned = unidecode(text or "").lower().strip()
    return cleaned or None


def splink_frame(persons: pd.DataFrame, source: str) -> pd.DataFrame:
    """The Splink input: unique_id, source_dataset, the three names, birth_date (ISO or null)."""

    def text(column: str) -> list[str | None]:
        return [_name(v if isinstance(v, str) else None) for v in persons[column]]

    return pd.DataFrame(
        {
            "unique_id": persons["id"].astype(str).tolist(),
            "source_dataset": source,
            "family_name": text("family_name"),
            "given_name": text("given_name"),
            "patronymic": text("patronymic"),
            "birth_date": [b.isoformat() if hasattr(b, "isoformat") else None
                           for b in persons["birth_date"]],
        }
    )  # fmt: skip


def _settings() -> Any:
    import splink.comparison_library as cl
    from splink import SettingsCreator, block_on

    return SettingsCreator(
        link_type="link_only",
        comparisons=[
            cl.NameComparison("family_name"),
            cl.NameComparison("given_name"),
            cl.NameComparison("patronymic"),
            cl.DateOfBirthComparison("birth_date", input_is_string=True),
        ],
        blocking_rules_to_generate_predictions=[
            block_on("family_name"),
            block_on("given_name", "birth_date"),
            block_on("birth_date"),
        ],
        retain_matching_columns=False,
        retain_intermediate_calculation_columns=False,
    )


def one_to_one(candidates: pd.DataFrame, match: float = MATCH) -> pd.DataFrame:
    """Greedy by probability: a request and a registry record each appear at most once."""
    ordered = candidates.sort_values(
        ["match_probability", "request_id", "registry_id"], ascending=[False, True, True]
    )
    used_requests: set[str] = set()
    used_records: set[str] = set()
    rows: list[tuple[str, str, float, str, str]] = []
    for request, record, probability in zip(
        ordered["request_id"], ordered["registry_id"], ordered["match_probability"], strict=True
    ):
        if request in used_requests or record in used_records:
            continue
        used_requests.add(request)
        used_records.add(record)
        decision = "match" if probability >= match else "review"
        rows.append((request, record, float(probability), decision, "splink"))
    return pd.DataFrame(rows, columns=COLUMNS)


def link_splink(
    requests: pd.DataFrame,
    registry: pd.DataFrame,
    *,
    match: float = MATCH,
    review: float = REVIEW,
    seed: int = 1,
) -> pd.DataFrame:
    """Link two `splink_frame`s; the result has `attrs["pairs_compared"]`."""
    from splink import DuckDBAPI, Linker, block_on

    db_api = DuckDBAPI()
    tables = [
        db_api.register(requests, dataset_display_name="requests"),
        db_api.register(registry, dataset_display_name="registry"),
    ]
    linker = Linker(tables, _settings(), log_level=logging.WARNING)
    training = linker.training
    training.estimate_probability_two_random_records_match(
        [block_on("family_name", "given_name", "birth_date")], recall=0.6
    )
    training.estimate_u_using_random_sampling(max_pairs=1e7, seed=seed)
    training.estimate_parameters_using_expectation_maximisation(
        block_on("family_name"), max_pairs=2e6
    )
    training.estimate_parameters_using_expectation_maximisation(
        block_on("birth_date"), max_pairs=2e6
    )
    predictions = linker.inference.predict(warning_mode="never")
    pairs = int(predictions.query_sql("select count(*) as n from {this}").as_record_list()[0]["n"])
    candidates = predictions.query_sql(
        f"""
        select
            case when source_dataset_l = 'requests' then unique_id_l else unique_id_r end
                as request_id,
            case when source_dataset_l = 'requests' then unique_id_r else unique_id_l end
                as registry_id,
            match_probability
        from {{this}}
        where match_probability >= {review}
        """
    ).as_pandas_dataframe()
    candidates["request_id"] = candidates["request_id"].astype(str)
    candidates["registry_id"] = candidates["registry_id"].astype(str)
    result = one_to_one(candidates, match)
    result.attrs["pairs_compared"] = pairs
    return result


def main(argv: Sequence[str] | None = None) -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("requests", type=Path)
    parser.add_argument("registry", type=Path)
    parser.add_argument("out", type=Path)
    parser.add_argument("--meta", type=Path, help="write pairs compared, seconds, peak RSS here")
    parser.add_argument("--seed", type=int, default=1)
    args = parser.parse_args(argv)

    start = time.perf_counter()
    requests, registry = read_lists(args.requests, args.registry)
    requests, registry = splink_frame(requests, "requests"), splink_frame(registry, "registry")
    read = time.perf_counter()
    result = link_splink(requests, registry, seed=args.seed)
    done = time.perf_counter()
    result.to_csv(args.out, index=False)
    meta = {
        "pairs_compared": int(result.attrs["pairs_compared"]),
        "read_seconds": read - start,
        "link_seconds": done - read,
        "requests": len(requests),
        "registry": len(registry),
        "peak_rss_mb": own_peak_rss_mb(),
    }
    if args.meta:
        args.meta.write_text(json.dumps(meta), encoding="utf-8")
    print(json.dumps(meta), file=sys.stderr)


if __name__ == "__main__":
    main()
