"""plan.json's bytes, written straight: a large plan lists some 30,000 transfers and 170,000
persons left out, and `json.dumps` of their dicts, then encoding 24 MB of text, costs more
than the plan itself.

Each person is written as its id followed by a tail that the persons alike share (the
transfer's parties and clause, or the exclusion's reason), each tail encoded once; the bytes
are joined by C loops. The result is `json.dumps(plan.to_json(), ensure_ascii=False,
separators=(",", ":"))` in UTF-8 (tests/planning/test_plan_rules.py), except that an
infeasible plan's `problem` comes before its empty `excluded` list.
"""

from __future__ import annotations

import json
from collections.abc import Sequence
from typing import TYPE_CHECKING, Any

if TYPE_CHECKING:
    from parley.planning.plan import Plan

_PERSON = b'{"person_id":"'
_PLAIN = bytes(range(0x20, 0x7F)).replace(b'"', b"").replace(b"\\", b"")


def _dumps(value: Any) -> bytes:
    return json.dumps(value, ensure_ascii=False, separators=(",", ":")).encode("utf-8")


def _ids(ids: Sequence[str]) -> list[bytes]:
    """Each id as it stands inside its quotes."""
    joined = "\n".join(ids)
    if joined.isascii():
        raw = joined.encode("ascii")
        # Printable ASCII needs no escape but for " and \: if that is all there is, only the
        # newlines between the ids are left.
        if len(raw.translate(None, _PLAIN)) == len(ids) - 1:
            return raw.split(b"\n")
    return [_dumps(i)[1:-1] for i in ids]


def _persons(ids: Sequence[str], tails: Sequence[bytes]) -> bytes:
    """`{"person_id":"<id><tail>` for each person, comma-separated: ids and tails interleaved
    and joined once, no bytes object made per person.
    """
    if not ids:
        return b""
    parts: list[bytes] = [_PERSON] * (3 * len(ids))
    parts[1::3] = _ids(ids)
    parts[2::3] = tails
    return b"".join(parts)[:-1]  # each tail ends with a comma; the last one's goes


def plan_json(plan: Plan) -> bytes:
    """The plan as plan.json holds it (docs/plan-format.md), compact, UTF-8."""
    data = plan.to_json(persons=False)
    out = [b'{"status":', _dumps(data["status"]), b',"objective":', _dumps(data["objective"])]
    out.append(b',"stages":[')
    tails: dict[tuple[str, str, str], bytes] = {}
    for n, stage in enumerate(plan.stages):
        for t in stage.transfers:
            key = (t.sender, t.receiver, t.clause)
            if key not in tails:
                shared = {"from": t.sender, "to": t.receiver, "clause": t.clause}
                tails[key] = b'",' + _dumps(shared)[1:] + b","
        ids = [t.person_id for t in stage.transfers]
        text = _persons(ids, [tails[(t.sender, t.receiver, t.clause)] for t in stage.transfers])
        out += [b"," if n else b"", b'{"number":', _dumps(stage.number), b',"transfers":[']
        out += [text, b"]}"]
    out += [b'],"clauses":', _dumps(data["clauses"])]
    if "problem" in data:
        out += [b',"problem":', _dumps(data["problem"])]
    out_ids, reasons = plan.excluded_columns()
    said = {r: b'","reason":' + _dumps(r) + b"}," for r in set(reasons)}
    out += [b',"excluded":[', _persons(out_ids, list(map(said.__getitem__, reasons)))]
    out += [b'],"solve_seconds":', _dumps(data["solve_seconds"]), b"}"]
    return b"".join(out)
