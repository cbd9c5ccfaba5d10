"""Signing in the office: prepare the next entry, sign its `hash` with the office's own key,
commit the signature. The key never reaches the server.
"""

from __future__ import annotations

from typing import Any

from fastapi import APIRouter, Depends
from pydantic import BaseModel, Field

from parley.service import signing
from parley.service.custody import Absence
from parley.web.auth import PrincipalDep, StoreDep, needs
from parley.web.errors import responses

router = APIRouter(tags=["signing"])
HEX64 = r"^[0-9a-f]{64}$"
SIGNING = responses(401, 403, 404, 409)
WITH_BODY = responses(400, 401, 403, 404, 409)  # 400: a body that cannot be parsed


class ToSign(BaseModel):
    seq: int
    prev_hash: str
    type: str
    payload: dict[str, Any]
    hash: str
    signer: str
    remaining: int = Field(description="entries still to prepare and sign after this one")


class AbsentPerson(BaseModel):
    person_id: str
    reason: str = Field(description="refused, unfit, died, not_found or substituted")
    substitute: str | None = None


class HandoverAsk(BaseModel):
    persons: list[str] | None = Field(
        default=None, description="who crossed; everyone planned but the absent when left out"
    )
    absent: list[AbsentPerson] = []
    remains: int = Field(default=0, ge=0)
    remains_ids: list[str] = []


class Signed(BaseModel):
    hash: str = Field(pattern=HEX64, description="the prepared entry's hash")
    signature: str = Field(pattern=r"^[0-9a-f]{128}$", description="Ed25519 over hash's bytes")
    public_key: str | None = Field(default=None, pattern=HEX64)


class KeyAsk(BaseModel):
    public_key: str = Field(pattern=HEX64)


class Appended(BaseModel):
    seq: int
    hash: str
    type: str
    payload: dict[str, Any]


def _appended(store: StoreDep, who: PrincipalDep, signed: Signed) -> Appended:
    entry = signing.commit(store, who, signed.hash, signed.signature, signed.public_key)
    return Appended(seq=entry.seq, hash=entry.hash, type=entry.type, payload=entry.payload)


@router.post(
    "/api/v1/stages/{stage}/handover/prepare",
    response_model=ToSign,
    responses=WITH_BODY,
    dependencies=[Depends(needs("ledger.sign"))],
)
def prepare_handover(
    stage: str, ask: HandoverAsk, store: StoreDep, who: PrincipalDep
) -> dict[str, Any]:
    """The next handover entry of the lead's party in `stage`, to sign."""
    absent = [Absence(a.person_id, a.reason, a.substitute) for a in ask.absent]
    return signing.prepare_handover(
        store, who, stage, ask.persons, absent, ask.remains, ask.remains_ids
    ).to_json()


@router.post(
    "/api/v1/stages/{stage}/confirm/prepare",
    response_model=ToSign,
    responses=SIGNING,
    dependencies=[Depends(needs("ledger.sign"))],
)
def prepare_confirmation(stage: str, store: StoreDep, who: PrincipalDep) -> dict[str, Any]:
    """The next confirmation the caller's office owes in `stage`, to sign."""
    return signing.prepare_confirmation(store, who, stage).to_json()


@router.post(
    "/api/v1/keys/prepare",
    response_model=ToSign,
    responses=WITH_BODY,
    dependencies=[Depends(needs("ledger.sign"))],
)
def prepare_key(ask: KeyAsk, store: StoreDep, who: PrincipalDep) -> dict[str, Any]:
    """A registration of the office's public key, to sign with that key."""
    return signing.prepare_key(store, who, ask.public_key).to_json()


_COMMITTED = {"handover": "handover", "confirm": "handover.confirmed"}


@router.post(
    "/api/v1/stages/{stage}/handover/commit",
    response_model=Appended,
    responses=WITH_BODY,
    dependencies=[Depends(needs("ledger.sign"))],
)
def commit_handover(stage: str, signed: Signed, store: StoreDep, who: PrincipalDep) -> Appended:
    """Append the prepared handover with this signature, if it is good and the head has not
    moved since it was prepared (409: prepare again).
    """
    return _appended(store, who, signed)


@router.post(
    "/api/v1/stages/{stage}/confirm/commit",
    response_model=Appended,
    responses=WITH_BODY,
    dependencies=[Depends(needs("ledger.sign"))],
)
def commit_confirmation(stage: str, signed: Signed, store: StoreDep, who: PrincipalDep) -> Appended:
    """Append the prepared confirmation with this signature (409: prepare again)."""
    return _appended(store, who, signed)


@router.post(
    "/api/v1/keys/commit",
    response_model=Appended,
    responses=WITH_BODY,
    dependencies=[Depends(needs("ledger.sign"))],
)
def commit_key(signed: Signed, store: StoreDep, who: PrincipalDep) -> Appended:
    """Append the prepared key registration, signed by the key it registers."""
    return _appended(store, who, signed)
