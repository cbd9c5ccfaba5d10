"""The columns a person list may carry: plain names, for readers that need no Person model
(linking ninety thousand records reads columns, and should not wait for pydantic to load)."""

from __future__ import annotations

# In the order exports write them.
PERSON_FIELDS: tuple[str, ...] = (
    "id",
    "family_name",
    "given_name",
    "patronymic",
    "birth_date",
    "sex",
    "military_unit",
    "category",
    "seriously_wounded",
    "seriously_ill",
    "consent",
    "captured_on",
)
REQUIRED_PERSON_FIELDS: tuple[str, ...] = ("id", "family_name", "given_name")
