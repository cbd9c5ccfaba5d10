"""The server benchmark's load: an open-loop mix of reads and writes at a fixed rate, and
confirmers committing signed confirmations concurrently through prepare/commit.

Open loop: request n is sent at t0 + n/rate whether or not the earlier ones have answered, so
a slow server shows up as latency (and a backlog), never as a quietly lower rate.
"""

from __future__ import annotations

import asyncio
import random
import time
from collections.abc import Awaitable, Callable
from dataclasses import dataclass, field
from typing import Any

import httpx

from parley.domain.events import event_hash
from parley.ledger.keys import SigningKey

Op = Callable[[httpx.AsyncClient, float], Awaitable[None]]

# 4xx answers the scenario expects: not errors, counted apart.
EXPECTED = {
    "key.commit": {409},  # another entry came first: prepare again
    "confirm.commit": {409},
    "confirm.prepare": {422},  # nothing left to confirm in that stage
    "review.decide": {404},  # the pair was decided meanwhile
}


@dataclass
class Sample:
    kind: str
    group: str  # read or write
    status: int | None  # None: no answer (transport error, timeout)
    seconds: float  # from sending to the whole answer
    lag: float = 0.0  # how late it was sent after its scheduled time
    error: str = ""


@dataclass
class Acks:
    """What the server said it wrote: checked against the log afterwards."""

    commits: list[tuple[int, str]] = field(default_factory=list)
    uploads: list[tuple[str, list[str], int]] = field(default_factory=list)  # party, ids, new
    reviews: list[str] = field(default_factory=list)  # review fact keys
    disclosed: int = 0


class Recorder:
    def __init__(self) -> None:
        self.samples: list[Sample] = []
        self.acks = Acks()

    async def call(
        self,
        client: httpx.AsyncClient,
        kind: str,
        group: str,
        method: str,
        path: str,
        lag: float = 0.0,
        **kw: Any,
    ) -> httpx.Response | None:
        start = time.perf_counter()
        try:
            answer = await client.request(method, path, **kw)
        except httpx.HTTPError as error:
            took = time.perf_counter() - start
            self.samples.append(Sample(kind, group, None, took, lag, type(error).__name__))
            return None
        took = time.perf_counter() - start
        detail = answer.text[:200] if answer.status_code >= 400 else ""
        self.samples.append(Sample(kind, group, answer.status_code, took, lag, detail))
        return answer


async def signed_commit(
    rec: Recorder,
    client: httpx.AsyncClient,
    headers: dict[str, str],
    key: SigningKey,
    kind: str,
    prepare: str,
    commit: str,
    lag: float = 0.0,
    tries: int = 3,
    public_key: bool = False,
) -> str:
    """Prepare, check the hash, sign, commit; 'committed', 'nothing' (422 on prepare),
    'moved' (still 409 after `tries`) or 'failed'.
    """
    body = {"public_key": key.public_key} if public_key else None
    for attempt in range(tries):
        ready = await rec.call(
            client,
            f"{kind}.prepare",
            "write",
            "POST",
            prepare,
            lag if attempt == 0 else 0.0,
            json=body,
            headers=headers,
        )
        if ready is None or ready.status_code != 200:
            return "nothing" if ready is not None and ready.status_code == 422 else "failed"
        shown = ready.json()
        digest = event_hash(shown["seq"], shown["prev_hash"], shown["type"], shown["payload"])
        if digest != shown["hash"]:
            raise AssertionError(f"the server's hash {shown['hash']} is not of what it showed")
        signed = {"hash": digest, "signature": key.sign(digest)}
        done = await rec.call(
            client, f"{kind}.commit", "write", "POST", commit, json=signed, headers=headers
        )
        if done is not None and done.status_code == 200:
            rec.acks.commits.append((int(done.json()["seq"]), str(done.json()["hash"])))
            return "committed"
        if done is None or done.status_code != 409:
            return "failed"
        await asyncio.sleep(random.random() * min(0.05 * 2**attempt, 1.0))
    return "moved"


async def drive(
    base: str, ops: list[Op], rate: float, connections: int, shards: int = 8
) -> dict[str, float]:
    """Send ops[n] at t0 + n/rate, each without waiting for the earlier ones. The connections
    are split over several clients, so no one pool holds the whole backlog; idle connections
    are dropped before uvicorn's 5 s keep-alive ends them under a request in flight.
    """
    per = max(1, connections // shards)
    limits = httpx.Limits(max_connections=per, max_keepalive_connections=per, keepalive_expiry=2)
    timeout = httpx.Timeout(30.0, pool=600.0)
    clients = [
        httpx.AsyncClient(base_url=base, limits=limits, timeout=timeout) for _ in range(shards)
    ]
    try:
        loop = asyncio.get_running_loop()
        tasks = []
        t0 = loop.time()
        for n, op in enumerate(ops):
            at = t0 + n / rate
            if at > loop.time():
                await asyncio.sleep(at - loop.time())
            tasks.append(asyncio.create_task(op(clients[n % shards], loop.time() - at)))
        issued = loop.time() - t0
        await asyncio.gather(*tasks)
        done = loop.time() - t0
    finally:
        for client in clients:
            await client.aclose()
    return {"issue_seconds": issued, "seconds": done, "ops": len(ops)}


async def confirmers(
    base: str, clients: list[tuple[str, str, SigningKey]], stages: list[str], rec: Recorder
) -> dict[str, Any]:
    """Each client (signer, token, key) takes stages from its signer's queue and confirms
    every handover of it it owes, one prepare/commit at a time, preparing again on 409.
    """
    queues: dict[str, asyncio.Queue[str]] = {}
    for signer, _, _ in clients:
        if signer not in queues:
            queues[signer] = asyncio.Queue()
            for stage in stages:
                queues[signer].put_nowait(stage)
    latencies: list[float] = []
    outcomes: dict[str, int] = {}

    async def one(signer: str, token: str, key: SigningKey, client: httpx.AsyncClient) -> None:
        headers = {"Authorization": f"Bearer {token}"}
        while not queues[signer].empty():
            stage = queues[signer].get_nowait()
            while True:
                start = time.perf_counter()
                got = await signed_commit(
                    rec,
                    client,
                    headers,
                    key,
                    "confirm",
                    f"/api/v1/stages/{stage}/confirm/prepare",
                    f"/api/v1/stages/{stage}/confirm/commit",
                    tries=50,
                )
                outcomes[got] = outcomes.get(got, 0) + 1
                if got != "committed":
                    break
                latencies.append(time.perf_counter() - start)

    limits = httpx.Limits(max_connections=len(clients) + 4)
    async with httpx.AsyncClient(base_url=base, limits=limits, timeout=30.0) as client:
        start = time.perf_counter()
        await asyncio.gather(*(one(s, t, k, client) for s, t, k in clients))
        seconds = time.perf_counter() - start
    return {"seconds": seconds, "confirm_latencies": latencies, "outcomes": outcomes}
