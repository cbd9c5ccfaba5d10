"""Shared vocabulary of the domain: categories, parties' codes and the immutable model base."""

from __future__ import annotations

from typing import Literal

from pydantic import BaseModel, ConfigDict

Category = Literal["serviceman", "civilian", "remains"]
CATEGORIES: tuple[Category, ...] = ("serviceman", "civilian", "remains")
LIVING_CATEGORIES: tuple[Category, ...] = ("serviceman", "civilian")


class Model(BaseModel):
    """Immutable, strict-about-unknown-fields value object."""

    model_config = ConfigDict(frozen=True, extra="forbid")
