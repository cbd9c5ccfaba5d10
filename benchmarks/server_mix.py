"""The mixed load of the server benchmark: what each read and write is, and their weights."""

from __future__ import annotations

import random
from typing import Any

import httpx

from benchmarks.server_load import Op, Recorder, signed_commit
from parley.ledger.keys import new_key


def _csv(party: str, ids: list[str]) -> bytes:
    head = "id,family_name,given_name,patronymic,birth_date,sex,military_unit,category,"
    head += "seriously_wounded,seriously_ill,consent,captured_on\n"
    rows = [
        f"{i},Бенчмарк,Петро,Іванович,1990-01-0{n + 1},M,,serviceman,false,false,unknown,\n"
        for n, i in enumerate(ids)
    ]
    return (head + "".join(rows)).encode("utf-8")


class Mix:
    """The operations of the mixed load, each with its weight; reads 90 %, writes 10 %."""

    def __init__(
        self, rec: Recorder, tokens: dict[str, str], pairs: list[dict[str, Any]], seed: int
    ) -> None:
        self.rec, self.tokens, self.pairs = rec, tokens, list(pairs)
        self.rng = random.Random(seed)
        self.uploads = 0
        self.reads: list[tuple[int, Op]] = [
            (15, self._public("report", "/api/v1/report")),
            (10, self._public("tallies", "/api/v1/tallies")),
            (10, self._public("handovers", "/api/v1/handovers")),
            (15, self._public("ledger.head", "/api/v1/ledger/head")),
            (
                10,
                self._page(
                    "registry.RU", "/api/v1/registry/RU", ("ru-clerk", "ru-lead", "mediator")
                ),
            ),
            (5, self._page("registry.UA", "/api/v1/registry/UA", ("ua-clerk", "mediator"))),
            (
                10,
                self._page(
                    "requests.UA", "/api/v1/requests/UA", ("ua-clerk", "ua-lead", "mediator")
                ),
            ),
            (5, self._page("requests.RU", "/api/v1/requests/RU", ("ru-clerk", "mediator"))),
            (
                10,
                self._page("access-log", "/api/v1/access-log", ("mediator", "ua-clerk", "ru-lead")),
            ),
            (5, self._page("review.queue", "/api/v1/review", ("mediator",), paged=False)),
            (5, self._page("disclosures.UA", "/api/v1/disclosures/UA", ("ua-clerk",), paged=False)),
        ]
        self.writes: list[tuple[int, Op]] = [
            (3, self._upload),
            (3, self._review),
            (1, self._disclose),
            (3, self._key),
        ]

    def _auth(self, user: str) -> dict[str, str]:
        return {"Authorization": f"Bearer {self.tokens[user]}"}

    def _public(self, kind: str, path: str) -> Op:
        async def op(client: httpx.AsyncClient, lag: float) -> None:
            await self.rec.call(client, kind, "read", "GET", path, lag)

        return op

    def _page(self, kind: str, path: str, who: tuple[str, ...], paged: bool = True) -> Op:
        async def op(client: httpx.AsyncClient, lag: float) -> None:
            user = self.rng.choice(who)
            params = {"limit": 100, "offset": 100 * self.rng.randrange(5)} if paged else {}
            await self.rec.call(
                client, kind, "read", "GET", path, lag, params=params, headers=self._auth(user)
            )

        return op

    async def _upload(self, client: httpx.AsyncClient, lag: float) -> None:
        party = self.rng.choice(("UA", "RU"))
        self.uploads += 1
        ids = [f"{party}-Q-B{self.uploads:05d}{k}" for k in range(3)]
        files = {"file": (f"bench-{self.uploads}.csv", _csv(party, ids), "text/csv")}
        answer = await self.rec.call(
            client,
            "requests.upload",
            "write",
            "POST",
            f"/api/v1/requests/{party}",
            lag,
            files=files,
            headers=self._auth(f"{party.lower()}-clerk"),
        )
        if answer is not None and answer.status_code == 200:
            self.rec.acks.uploads.append((party, ids, int(answer.json()["new"])))

    async def _review(self, client: httpx.AsyncClient, lag: float) -> None:
        if not self.pairs:  # the queue is empty: another write in its place
            await self._upload(client, lag)
            return
        pair = self.pairs.pop()
        verdict = self.rng.choice(("accept", "reject"))
        body = {
            "requester": pair["requester"],
            "request_id": pair["request_id"],
            "registry_id": pair["registry_id"],
            "verdict": verdict,
            "note": "bench",
        }
        answer = await self.rec.call(
            client,
            "review.decide",
            "write",
            "POST",
            "/api/v1/review",
            lag,
            json=body,
            headers=self._auth("mediator"),
        )
        if answer is not None and answer.status_code == 200:
            key = f"{pair['requester']}/{pair['request_id']}/{pair['registry_id']}"
            self.rec.acks.reviews.append(key)

    async def _disclose(self, client: httpx.AsyncClient, lag: float) -> None:
        party = self.rng.choice(("UA", "RU"))
        answer = await self.rec.call(
            client,
            "disclose",
            "write",
            "POST",
            f"/api/v1/disclosures/{party}",
            lag,
            headers=self._auth("mediator"),
        )
        if answer is not None and answer.status_code == 200:
            self.rec.acks.disclosed += int(answer.json()["disclosed"])

    async def _key(self, client: httpx.AsyncClient, lag: float) -> None:
        """A lead (or the mediator) registers a new key: prepare, sign, commit; on a moved
        head prepare again, a few times, as a client would.
        """
        signer, user = self.rng.choice(
            (("UA", "ua-lead"), ("RU", "ru-lead"), ("mediator", "mediator"))
        )
        await signed_commit(
            self.rec,
            client,
            self._auth(user),
            new_key(signer),
            "key",
            "/api/v1/keys/prepare",
            "/api/v1/keys/commit",
            lag,
            tries=3,
            public_key=True,
        )

    def schedule(self, count: int) -> list[Op]:
        """`count` operations in a seeded order: 90 % reads, 10 % writes, by weight."""
        ops = []
        for _ in range(count):
            table = self.reads if self.rng.random() < 0.9 else self.writes
            weights = [w for w, _ in table]
            ops.append(self.rng.choices([op for _, op in table], weights)[0])
        return ops
