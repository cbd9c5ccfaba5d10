"""The access table: what each role may do, and for whom."""

from __future__ import annotations

import pytest

from parley.service.access import (
    GRANTS,
    PERMISSIONS,
    PUBLIC,
    Forbidden,
    Principal,
    allowed,
    missing,
    require,
)

UA_CLERK = Principal("c", "clerk", "UA")
UA_LEAD = Principal("l", "lead", "UA")
MEDIATOR = Principal("m", "mediator")


def test_every_grant_names_a_known_permission() -> None:
    for grants in GRANTS.values():
        assert set(grants) <= set(PERMISSIONS)


def test_the_public_reads_aggregates_only() -> None:
    assert allowed(PUBLIC, "public.read")
    assert [p for p in PERMISSIONS if allowed(PUBLIC, p, "UA")] == ["public.read"]


def test_a_party_office_reads_its_own_data_never_the_other_partys() -> None:
    for permission in ("registry.read", "requests.read", "disclosures.read", "access_log.read"):
        assert allowed(UA_CLERK, permission, "UA")
        assert missing(UA_CLERK, permission, "RU") == f"{permission} for RU"


def test_only_the_lead_signs_for_its_party() -> None:
    assert not allowed(UA_CLERK, "ledger.sign", "UA")
    assert allowed(UA_LEAD, "ledger.sign", "UA")
    assert not allowed(UA_LEAD, "ledger.sign", "RU")
    assert UA_LEAD.signer == "UA" and UA_CLERK.signer is None and MEDIATOR.signer == "mediator"


def test_mediator_only_work() -> None:
    for permission in ("verification.run", "review.decide", "plans.write", "stages.open",
                       "ledger.private", "disclosures.write"):  # fmt: skip
        assert allowed(MEDIATOR, permission, "RU")
        assert not allowed(UA_LEAD, permission, "UA")


def test_forbidden_names_the_permission() -> None:
    with pytest.raises(Forbidden, match=r"missing permission: registry\.read for RU"):
        require(UA_CLERK, "registry.read", "RU")
    with pytest.raises(KeyError):
        missing(UA_CLERK, "no.such.permission")
