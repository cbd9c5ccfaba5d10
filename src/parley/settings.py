"""One settings object; every setting can come from a `PARLEY_` environment variable."""

from __future__ import annotations

import os
from dataclasses import dataclass

DEFAULT_DB = "sqlite:///parley.db"
# Scores from which linking calls a pair a match, and sends it to a person for review.
LINK_THRESHOLD_MATCH = 0.70
LINK_THRESHOLD_REVIEW = 0.40
# The share of its matches that linking may expect to be wrong, by its own scores: below the
# score where that share would pass it, a pair goes to review instead.
LINK_MAX_FALSE_SHARE = 0.001


@dataclass(frozen=True)
class Settings:
    db_url: str = DEFAULT_DB
    # How far "about N" stretches either side of N when a claim is checked.
    about_tolerance: float = 0.10
    # How long an API token and a page session last, in seconds.
    token_seconds: int = 3600
    session_seconds: int = 8 * 3600

    @classmethod
    def from_env(cls, db_url: str | None = None) -> Settings:
        tolerance = os.environ.get("PARLEY_ABOUT_TOLERANCE")
        return cls(
            db_url=db_url or os.environ.get("PARLEY_DB") or DEFAULT_DB,
            about_tolerance=float(tolerance) if tolerance else 0.10,
            token_seconds=int(os.environ.get("PARLEY_TOKEN_SECONDS") or 3600),
            session_seconds=int(os.environ.get("PARLEY_SESSION_SECONDS") or 8 * 3600),
        )
