"""A small signed log to verify and to tamper with."""

from parley.ledger.entries import Chain, private_persons
from parley.ledger.keys import SigningKey, new_key

KEYS = {signer: new_key(signer) for signer in ("RU", "UA", "mediator", "recorder")}


def register(chain: Chain, key: SigningKey) -> None:
    chain.append("key.registered", {"signer": key.signer, "public_key": key.public_key}, [key])


def sample_chain() -> Chain:
    """Keys, a reported stage, a handover RU->UA confirmed by UA and the mediator, and a
    second handover UA->RU that only its sender has signed."""
    chain = Chain()
    for key in KEYS.values():
        register(chain, key)
    chain.append(
        "stage.reported",
        {"stage": "2025-05-23", "from": "RU", "to": "UA", "category": "serviceman",
         "count": 270, "source": "article"},
        [KEYS["recorder"]],
    )  # fmt: skip
    private, digest = private_persons(["RU-H-1", "RU-H-2", "RU-H-3"])
    handover = chain.append(
        "handover",
        {"stage": "s1", "from": "RU", "to": "UA", "category": "serviceman", "count": 3,
         "persons_digest": digest},
        [KEYS["RU"]],
        private,
    )  # fmt: skip
    for signer in ("UA", "mediator"):
        chain.append(
            "handover.confirmed",
            {"handover_seq": handover.seq, "handover_hash": handover.hash, "signer": signer},
            [KEYS[signer]],
        )
    private, digest = private_persons(["UA-H-9"])
    chain.append(
        "handover",
        {"stage": "s1", "from": "UA", "to": "RU", "category": "serviceman", "count": 1,
         "persons_digest": digest},
        [KEYS["UA"]],
        private,
    )  # fmt: skip
    return chain
