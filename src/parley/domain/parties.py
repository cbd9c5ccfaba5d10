"""The two parties to an exchange and the mediators between them."""

from __future__ import annotations

from pydantic import Field

from parley.domain.base import Model

PARTY_CODE = r"^[A-Z]{2,3}$"


class Party(Model):
    code: str = Field(pattern=PARTY_CODE)
    name: str


class Mediator(Model):
    code: str = Field(pattern=PARTY_CODE)
    name: str


def direction(sender: str, receiver: str) -> str:
    """The key agreements use for one direction of an exchange, e.g. "RU->UA"."""
    return f"{sender}->{receiver}"


def split_direction(key: str) -> tuple[str, str]:
    sender, sep, receiver = key.partition("->")
    if not sep or not sender or not receiver or sender == receiver:
        raise ValueError(f"{key!r} is not a direction: write SENDER->RECEIVER, e.g. RU->UA")
    return sender, receiver
