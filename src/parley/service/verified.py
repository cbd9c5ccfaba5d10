"""The verified state of the ledger for a process that asks often (the service): checked in
full now and then, and in between only what was appended since.
"""

from __future__ import annotations

import threading
import time
import weakref
from dataclasses import dataclass, field

from parley.ledger.verify import Verification, extend, verify
from parley.store import Store

# A long-running process (the service) re-reads and re-checks the whole log at least this often;
# in between it checks only what was appended since (docs/service.md says what that means).
FULL_CHECK_SECONDS = 30.0


@dataclass
class _Kept:
    lock: threading.Lock = field(default_factory=threading.Lock)
    result: Verification | None = None
    full_at: float = 0.0


_kept: weakref.WeakKeyDictionary[Store, _Kept] = weakref.WeakKeyDictionary()
_kept_lock = threading.Lock()


def verified(store: Store) -> Verification:
    """The verified state of the store's log, for a process that asks often: the whole log is
    checked on the first call and every FULL_CHECK_SECONDS; otherwise only the entries after
    the head last verified, once the row at that head still holds its hash. The result is
    shared: read it, never change it.
    """
    with _kept_lock:
        kept = _kept.setdefault(store, _Kept())
    with kept.lock:
        now = time.monotonic()
        last = kept.result
        if last is not None and last.ok and last.head and now - kept.full_at < FULL_CHECK_SECONDS:
            head = store.head()
            if head == last.head:
                return last
            if head and head[0] > last.head[0] and store.hash_at(last.head[0]) == last.head[1]:
                grown = last.copy()  # the kept one stays whole for its readers
                extend(grown, store.entries(after=last.head[0]))
                if grown.ok:
                    kept.result = grown
                    return grown
        kept.result, kept.full_at = verify(store.entries()), now
        return kept.result
