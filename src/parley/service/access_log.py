"""The access log: every read or export of personal data — who, when, what, how many records,
whose. The mediator reads all of it; a party's office the reads of that party's data.
"""

from __future__ import annotations

import getpass
import os
from datetime import UTC, datetime
from typing import Any

from parley.service.access import Principal, require
from parley.store import Store
from parley.store import offices as db


def record_read(
    store: Store, principal: Principal, method: str, path: str, records: int, data_of: str | None
) -> None:
    """Note a read of `records` persons' data belonging to `data_of` (None: both parties')."""
    access = db.Access(datetime.now(UTC), principal.name, principal.role, method, path,
                       records, data_of)  # fmt: skip
    db.log_access(store, access)


def record_local_read(store: Store, command: str, records: int, data_of: str | None) -> None:
    """Note a read by someone at the database itself (the CLI): by their login, role `local`."""
    try:
        login = getpass.getuser()
    except (KeyError, OSError):  # no name for this uid (a container): say so
        login = f"uid {os.getuid()}"
    access = db.Access(datetime.now(UTC), f"local:{login}", "local", "CLI", command, records,
                       data_of)  # fmt: skip
    db.log_access(store, access)


def read_log(store: Store, principal: Principal, limit: int, offset: int) -> dict[str, Any]:
    require(principal, "access_log.read", principal.party)
    data_of = None if principal.role == "mediator" else principal.party
    total, found = db.accesses(store, data_of, limit, offset)
    return {
        "total": total,
        "entries": [
            {
                "user": a.user,
                "role": a.role,
                "at": a.at.isoformat(timespec="seconds"),
                "method": a.method,
                "path": a.path,
                "records": a.records,
                "data_of": a.data_of,
            }
            for a in found
        ],
    }
