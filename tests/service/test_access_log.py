"""The access log: append-only, in the database itself; each party reads its own data's."""

from __future__ import annotations

import pytest
from sqlalchemy import text
from sqlalchemy.exc import DBAPIError

from parley.service.access import Forbidden, Principal
from parley.service.access_log import read_log, record_read
from parley.store import Store

MEDIATOR = Principal("m", "mediator")
UA = Principal("ua", "clerk", "UA")
RU = Principal("ru", "lead", "RU")


def test_each_party_reads_the_reads_of_its_own_data(store: Store) -> None:
    record_read(store, MEDIATOR, "GET", "/api/v1/registry/RU", 5, "RU")
    record_read(store, UA, "GET", "/api/v1/requests/UA", 3, "UA")
    assert [e["path"] for e in read_log(store, RU, 10, 0)["entries"]] == ["/api/v1/registry/RU"]
    assert read_log(store, UA, 10, 0)["entries"][0]["records"] == 3
    assert read_log(store, MEDIATOR, 10, 0)["total"] == 2
    with pytest.raises(Forbidden):
        read_log(store, Principal("anonymous", "anonymous"), 10, 0)


def test_the_log_refuses_updates_and_deletes(store: Store) -> None:
    record_read(store, MEDIATOR, "GET", "/x", 1, None)
    for statement in ("UPDATE access_log SET records = 0", "DELETE FROM access_log"):
        with pytest.raises(DBAPIError, match="append-only"), store.engine.begin() as c:
            c.execute(text(statement))
    assert read_log(store, MEDIATOR, 10, 0)["total"] == 1
