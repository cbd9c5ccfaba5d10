"""Who may do what: one table, read by every route and page, so access is data, not ifs.

A permission is granted to a role with a scope: `ANY` (nothing party-specific), `OWN` (only
for the principal's own party: the party in the path must be theirs), `ALL` (for any party).
"""

from __future__ import annotations

from dataclasses import dataclass
from enum import StrEnum
from typing import Literal

Role = Literal["anonymous", "clerk", "lead", "mediator"]
ROLES: tuple[Role, ...] = ("clerk", "lead", "mediator")  # the roles a user can be given


class Scope(StrEnum):
    ANY = "any"
    OWN = "own"
    ALL = "all"


# Every permission, and what it lets its holder do.
PERMISSIONS: dict[str, str] = {
    "public.read": "aggregates: the report, rounds, agreements, stages, tallies, claims, the "
    "ledger's head and public export",
    "registry.read": "the persons a party holds",
    "registry.write": "upload the list of persons a party holds",
    "requests.read": "a party's request lists and the status of each request",
    "requests.write": "upload a party's request list",
    "disclosures.read": "registry records the mediator disclosed to a party",
    "plans.read": "of a plan: the persons a party hands over and the counts it receives",
    "stages.read": "stages with who must still confirm",
    "access_log.read": "who read whose personal data",
    "ledger.sign": "sign handovers and confirmations (a party's lead, the mediator)",
    "verification.run": "verify request lists against registries",
    "review.read": "the review queue: request and candidates side by side",
    "review.decide": "accept or reject a candidate",
    "plans.write": "plan stages under an agreement's terms",
    "stages.open": "open the stages of a plan",
    "ledger.private": "the ledger with its private parts",
    "disclosures.write": "disclose to a party the registry records matched to its requests",
    "users.read": "the service's users",
}

_PARTY_OFFICE: dict[str, Scope] = {
    "public.read": Scope.ANY,
    "registry.read": Scope.OWN,
    "registry.write": Scope.OWN,
    "requests.read": Scope.OWN,
    "requests.write": Scope.OWN,
    "disclosures.read": Scope.OWN,
    "plans.read": Scope.OWN,
    "stages.read": Scope.ANY,
    "access_log.read": Scope.OWN,
}

GRANTS: dict[Role, dict[str, Scope]] = {
    "anonymous": {"public.read": Scope.ANY},
    "clerk": _PARTY_OFFICE,
    "lead": {**_PARTY_OFFICE, "ledger.sign": Scope.OWN},
    "mediator": {permission: Scope.ALL for permission in PERMISSIONS},
}


@dataclass(frozen=True)
class Principal:
    """Who is asking: a signed-in user, or the public."""

    name: str
    role: Role
    party: str | None = None

    @property
    def signer(self) -> str | None:
        """Whose signature this user's office gives: a lead its party's, the mediator's."""
        if self.role == "mediator":
            return "mediator"
        return self.party if self.role == "lead" else None


PUBLIC = Principal("anonymous", "anonymous")


def missing(principal: Principal, permission: str, party: str | None = None) -> str | None:
    """None when `principal` may; otherwise the permission it lacks, in words for a 403."""
    if permission not in PERMISSIONS:
        raise KeyError(f"unknown permission {permission!r}")
    scope = GRANTS[principal.role].get(permission)
    wanted = f"{permission} for {party}" if party else permission
    if scope is None:
        return wanted
    if scope is Scope.OWN and party is not None and party != principal.party:
        return wanted
    return None


def allowed(principal: Principal, permission: str, party: str | None = None) -> bool:
    return missing(principal, permission, party) is None


class NotFound(LookupError):
    """An object nobody knows (a party, plan, stage, pair): the service answers 404. Only this
    is 404 — a KeyError from a fault stays a fault.
    """


class Forbidden(Exception):
    """The principal lacks a permission; the message names it and nothing of the data."""

    def __init__(self, permission: str) -> None:
        self.permission = permission
        super().__init__(f"missing permission: {permission}")


def require(principal: Principal, permission: str, party: str | None = None) -> None:
    lacking = missing(principal, permission, party)
    if lacking:
        raise Forbidden(lacking)
