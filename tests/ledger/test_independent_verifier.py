"""The documented format is enough: a verifier written from docs/ledger-format.md alone agrees
with Parley's on a sound log, its public export, and tampered copies.
"""

import json

from parley.ledger.entries import read_lines, write_line
from parley.ledger.verify import verify

from independent_verifier import check
from ledger_helpers import sample_chain


def test_it_accepts_what_parley_writes_private_or_public() -> None:
    for public in (False, True):
        lines = [write_line(e, public) for e in sample_chain().entries]
        assert check(lines) == (True, None, "OK")


def test_it_finds_the_same_first_bad_seq_as_parley() -> None:
    base = [write_line(e) for e in sample_chain().entries]
    swapped = base.copy()
    swapped[3], swapped[4] = swapped[4], swapped[3]
    edited = base.copy()
    data = json.loads(edited[6])
    data["payload"]["signer"] = "RU"
    edited[6] = json.dumps(data, ensure_ascii=False)
    for lines in (base[:4] + base[5:], swapped, edited):
        ours = verify(read_lines(lines))
        assert not ours.ok and check(lines)[1] == ours.bad_seq
