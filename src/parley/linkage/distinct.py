"""Two spellings that many records bear each are two names, not one name with a slip.

Jaro–Winkler sees Антонович and Анатольевич, or Олексій and Олександр, as close spellings: the
endings and first letters they share outweigh the middle. A slip of the pen makes a spelling
that few records share (a clerk's typos of one name scatter over dozens of spellings, each a
small part of the name's records), while Антон and Анатолій are fathers of hundreds. So when
both names are borne by several records of the two lists, the rarer by at least a hundredth as
many as the commoner, and they are more than one slip apart however they are spelt (keys, as
written, in plain Latin), they are two names. Patronymics are two only when their fathers'
names differ by more than a slip too: Николаевич and Николаевна are one father's, and so are
Лукич and Лукович (the -а of Лука is what the endings take). Family names are two only when
their man's and woman's forms are more than a slip apart too (Толстой and Толстая are one): a
common name's twin under a family name of the same shape (Анфилов and Данилов, Ткаченко and
Тищенко) is another man, not a typo. A common name's recurring typo is no name of its own
(Мар'яе, seven records beside Мар'ян's 1,500): a name one slip from one ten times commoner,
in any of its keys, never counts as borne by many. Lists too short for a name to recur are
judged as before, by spelling alone.

Unless the lists themselves pair the two: a register may write a name its own way, with no
dictionary behind it, and then the records that agree on the family name, the other name and
the birth date bear the two spellings again and again. Spellings paired so on at least
PAIRED_SHARE of the rarer one's records (and twice at least) are one name to these lists
(family names: by the records that agree on the given name and the birth date). Namesakes
born the same day pair two fathers' names once or twice, not on a share of their bearers. (The
hard mix's German Woshretschko for Возгречко needs it; the other generator's Хомаович for Фомич
is one father's by the stems already.)

A name's records are counted in its canonical cross-script form (Олексій, Алексей and OLEKSII
are one name), on both lists together. A list that wrote the family and given names the wrong
way round has given names in its family-name column: there they count as the given names they
are, so that a twin's Айдар, swapped, is not taken for Ильдар.
"""

from __future__ import annotations

import re

import numpy as np
import pandas as pd
from rapidfuzz import process
from rapidfuzz.distance import OSA

from parley.linkage.names import patronymic_stem
from parley.linkage.pairwise import pairwise
from parley.linkage.prepare import Commoners, NameTable, Prepared, key_pairs
from parley.parallel import in_two_threads

# The columns where two established names are two names, each with the columns whose agreement
# (with the birth date) shows the lists pairing its spellings. A family name's spellings are
# paired by the given name and date alone: a register writing one family its own way
# (Woshretschko for Возгречко) often leaves out the patronymic too.
COLUMNS: dict[str, tuple[str, ...]] = {
    "given_name": ("family_name", "patronymic"),
    "patronymic": ("family_name", "given_name"),
    "family_name": ("given_name",),
}
MIN_BEARERS = 5  # records that must bear each of the two names
# The rarer name's records, as a share of the commoner's: below it the rarer may be the
# commoner's typo, two slips away (one slip away, SLIP_SHARE tells: `_slips_of_commoner`).
MIN_SHARE_OF_COMMONER = 0.01
SLIP_SHARE = 0.1  # a spelling one slip from a name this many times commoner is its typo
MAX_SLIP = 1  # edits a slip of the pen makes; two names are further apart in every spelling
PAIRED_SHARE = 0.02  # of the rarer name's records, paired with the other: one name to the lists
MIN_PAIRED = 2
# Columns where a rare spelling one slip from a name many records bear is read as that name
# before two names are judged. Not family names: a slip there often makes another family.
READ_AS_COMMONER = ("given_name", "patronymic")
COMMONER_ROWS = 4_096  # keys compared with the commoners' at a time


def take_census(a: Prepared, b: Prepared) -> None:
    """Keep on each name table of COLUMNS how many records of both lists bear each entry's
    name (any spelling of its canonical form), and which names the lists pair as one."""
    # The family names' census beside the others': much of the work is numpy's and rapidfuzz's.
    others = [column for column in COLUMNS if column != "family_name"]
    in_two_threads(lambda: _count(a, b, "family_name"), lambda: [_count(a, b, c) for c in others])
    _as_given_names(a, b)


def _count(a: Prepared, b: Prepared, column: str) -> str:
    """The census of one column (`take_census`); the column."""
    by = COLUMNS[column]
    tables = (a.names[column], b.names[column])
    codes, canon = pd.factorize(np.concatenate([t.canon_spelt()[0] for t in tables]))
    places = [codes[: len(tables[0].canon)], codes[len(tables[0].canon) :]]
    totals = np.zeros(len(canon), dtype=np.int64)
    for p, table, place in zip((a, b), tables, places, strict=True):
        rows = p.name_index[column]
        records = np.bincount(rows[rows >= 0], minlength=len(table.canon))
        np.add.at(totals, place, records)
    paired = _paired(a, b, column, by, places, totals, canon)
    # Every key of both tables with its name's code, for comparing names by their keys.
    key = np.concatenate([t.flat_keys for t in tables])
    owner = np.concatenate(
        [np.repeat(place, t.key_count) for t, place in zip(tables, places, strict=True)]
    )
    established = np.where(_slips_of_commoner(key, owner, totals), 0, totals)
    commoners = None
    if column in READ_AS_COMMONER:
        commoners = _commoners(key, owner, established, canon)
    for table, place in zip(tables, places, strict=True):
        table.bearers = established[place]
        table.paired = paired
        if commoners is not None:
            table.recorded, table.commoners, table.name_code = totals[place], commoners, place
    return column


def _as_given_names(a: Prepared, b: Prepared) -> None:
    """Keep on each family-name table how many records bear each entry's name as a given name
    (by any of its keys), from the given names' census: a list that wrote the two the wrong
    way round has given names there."""
    keys, counts = [], []
    for p in (a, b):
        given = p.names["given_name"]
        assert given.bearers is not None  # the census counted them just before
        keys.append(given.flat_keys)
        counts.append(np.repeat(given.bearers, given.key_count))
    most = pd.Series(np.concatenate(counts), dtype=np.int64).groupby(np.concatenate(keys)).max()
    for p in (a, b):
        table = p.names["family_name"]
        found = most.reindex(table.flat_keys).fillna(0).to_numpy(np.int64)
        # Every entry has a key (names without one are left out of the tables).
        table.given_bearers = (
            np.maximum.reduceat(found, table.key_start) if len(found) else np.zeros(0, np.int64)
        )


def _slips_of_commoner(key: np.ndarray, owner: np.ndarray, totals: np.ndarray) -> np.ndarray:
    """Which names, borne by MIN_BEARERS records or more, are one slip from a name borne by
    ten times as many, in any of their keys: a common name's typo recurs (Мар'яе for Мар'ян,
    seven records beside 1,500; Никта for Никита, whose Ukrainian form Микита gives the
    canonical key) and is no name of its own. `key`, `owner`: every key, with its name."""
    recurring = np.flatnonzero(totals[owner] >= MIN_BEARERS)
    common = np.flatnonzero(totals[owner] >= MIN_BEARERS / SLIP_SHARE)
    slip = np.zeros(len(totals), dtype=bool)
    if not len(recurring) or not len(common):
        return slip
    # Each (key, name) once: a name's keys recur on every spelling of it.
    recurring, common = _once(recurring, key, owner), _once(common, key, owner)
    # Keys one slip apart differ in length by one letter at most: each length is compared
    # with its neighbours' only (family names: thousands of names borne by five or more).
    recurring_length = np.fromiter(map(len, key[recurring]), np.int64, len(recurring))
    common_length = np.fromiter(map(len, key[common]), np.int64, len(common))
    for size in np.unique(recurring_length).tolist():
        these = recurring[recurring_length == size]
        near_size = common[np.abs(common_length - size) <= MAX_SLIP]
        if not len(near_size):
            continue
        edits = process.cdist(
            key[these].tolist(),
            key[near_size].tolist(),
            scorer=OSA.distance,
            score_cutoff=MAX_SLIP + 1,
            workers=-1,
        )
        near = edits <= MAX_SLIP
        bearers = totals[owner[near_size]][None, :] * SLIP_SHARE
        commoner = bearers >= totals[owner[these]][:, None]
        slip[owner[these][(near & commoner).any(axis=1)]] = True
    return slip


def _commoners(
    key: np.ndarray, owner: np.ndarray, established: np.ndarray, canon: np.ndarray
) -> Commoners:
    """The keys of the names borne by MIN_BEARERS / SLIP_SHARE records or more."""
    rows = _once(np.flatnonzero(established[owner] >= MIN_BEARERS / SLIP_SHARE), key, owner)
    codes = owner[rows]
    keys_of: dict[int, set[str]] = {}
    for code, each in zip(codes.tolist(), key[rows], strict=True):
        keys_of.setdefault(code, set()).add(each)
    return Commoners(
        key[rows].tolist(),
        codes,
        established[codes],
        {code: frozenset(each) for code, each in keys_of.items()},
        canon,
    )


def _read_as_commoners(table: NameTable, entries: np.ndarray) -> tuple[np.ndarray, np.ndarray]:
    """Per entry, the census code and bearers of the one name many records bear that it is a
    slip from (by any key, and ten times as many records as its own): Олеович is Олегович,
    Alexandre Александр. (-1, 0) where there is none, or more than one."""
    commoners, recorded = table.commoners, table.recorded
    if commoners is None or recorded is None or not commoners.keys:
        return np.full(len(entries), -1, dtype=np.int64), np.zeros(len(entries), dtype=np.int64)
    unique, back = np.unique(entries, return_inverse=True)
    read = _commoner_of(table, commoners, recorded, unique)[back]
    return read[:, 0], read[:, 1]


def _commoner_of(
    table: NameTable, commoners: Commoners, recorded: np.ndarray, entries: np.ndarray
) -> np.ndarray:
    """(code, bearers) of `_read_as_commoners` for distinct entries."""
    starts, counts = table.key_start[entries], table.key_count[entries]
    at = np.repeat(starts - np.cumsum(counts) + counts, counts) + np.arange(counts.sum())
    owner = np.repeat(np.arange(len(entries)), counts)
    found = np.zeros((len(entries), 2), dtype=np.int64)
    found[:, 0] = -1
    ambiguous = np.zeros(len(entries), dtype=bool)
    for start in range(0, len(at), COMMONER_ROWS):
        rows = slice(start, start + COMMONER_ROWS)
        edits = process.cdist(
            table.flat_keys[at[rows]].tolist(),
            commoners.keys,
            scorer=OSA.distance,
            score_cutoff=MAX_SLIP + 1,
            workers=-1,
        )
        for row, column in zip(*np.nonzero(edits <= MAX_SLIP), strict=True):
            n = owner[start + row]
            if commoners.bearers[column] * SLIP_SHARE < recorded[entries[n]]:
                continue
            code = commoners.codes[column]
            if found[n, 0] >= 0 and found[n, 0] != code:
                ambiguous[n] = True
            found[n] = code, commoners.bearers[column]
    found[ambiguous] = -1, 0
    return found


def _once(rows: np.ndarray, key: np.ndarray, owner: np.ndarray) -> np.ndarray:
    """The rows with each pair (key, owner) once."""
    repeated = pd.DataFrame({"key": key[rows], "owner": owner[rows]}).duplicated().to_numpy()
    kept: np.ndarray = rows[~repeated]
    return kept


def _paired(
    a: Prepared,
    b: Prepared,
    column: str,
    by: tuple[str, ...],
    places: list[np.ndarray],
    totals: np.ndarray,
    canon: np.ndarray,
) -> frozenset[frozenset[str]]:
    """The canonical names of `column` that records agreeing on the names `by` and the birth
    date pair often enough to be one name (see the module)."""
    sides = []
    for p, place in zip((a, b), places, strict=True):
        key = _record_key(p, by)
        entry = p.name_index[column]
        kept = (key != 0) & (entry >= 0)
        sides.append(pd.DataFrame({"key": key[kept], "name": place[entry[kept]]}))
    met = sides[0].merge(sides[1], on="key", suffixes=("_a", "_b"))
    met = met[met["name_a"] != met["name_b"]]
    if met.empty:
        return frozenset()
    counts = met.groupby(["name_a", "name_b"]).size()
    x = counts.index.get_level_values(0).to_numpy()
    y = counts.index.get_level_values(1).to_numpy()
    fewer = np.minimum(totals[x], totals[y])
    one = (counts.to_numpy() >= MIN_PAIRED) & (counts.to_numpy() >= PAIRED_SHARE * fewer)
    return frozenset(frozenset((canon[i], canon[j])) for i, j in zip(x[one], y[one], strict=True))


def _record_key(p: Prepared, by: tuple[str, ...]) -> np.ndarray:
    """Per record, a hash of the canonical names `by` and the birth date; 0 where one is
    missing."""
    dated = (p.year >= 0) & ~p.year_only
    key = np.where(dated, p.year * 10_000 + p.month * 100 + p.day, 0).astype(np.int64)
    complete = key != 0
    for column in by:
        table = p.names[column]
        hashes = table.canon_spelt()[1]
        entry = p.name_index[column]
        complete &= entry >= 0
        key = key * 1_000_003 ^ hashes[entry]
    return np.where(complete, key | 1, 0)


def two_names(
    a: NameTable,
    xs: np.ndarray,
    b: NameTable,
    ys: np.ndarray,
    similarity: np.ndarray,
    fathers: bool = False,
    families: bool = False,
) -> np.ndarray:
    """Which pairs of entries (xs[n], ys[n]), alike by `similarity` but not one name, are two
    established names (see the module). `fathers`: patronymics, two only when their fathers'
    names differ. `families`: family names, two only when they differ beyond the endings of
    a man's and a woman's form too. Tables without a census (`take_census`) never are."""
    if a.bearers is None or b.bearers is None:
        return np.zeros(len(xs), dtype=bool)
    return _two_names(a, a.bearers, xs, b, b.bearers, ys, similarity, fathers, a.paired, families)


def two_given_names_across(
    a: NameTable, xs: np.ndarray, b: NameTable, ys: np.ndarray, similarity: np.ndarray
) -> np.ndarray:
    """`two_names` for a given name compared with the family-name column of a list that wrote
    the two the wrong way round (either table may be the family names'): its entries count as
    the given names they are. The lists' pairing is counted in the names' own columns, so it is
    not consulted here."""
    bearers = [t.bearers if t.given_bearers is None else t.given_bearers for t in (a, b)]
    if bearers[0] is None or bearers[1] is None:
        return np.zeros(len(xs), dtype=bool)
    # Nor are rare spellings read as common names: the tables' canonical forms are not alike.
    return _two_names(
        a, bearers[0], xs, b, bearers[1], ys, similarity, False, frozenset(), read_rare=False
    )


def _two_names(
    a: NameTable,
    a_bearers: np.ndarray,
    xs: np.ndarray,
    b: NameTable,
    b_bearers: np.ndarray,
    ys: np.ndarray,
    similarity: np.ndarray,
    fathers: bool,
    paired: frozenset[frozenset[str]],
    families: bool = False,
    read_rare: bool = True,
) -> np.ndarray:
    result = np.zeros(len(xs), dtype=bool)
    if not len(xs):
        return result
    alike = (similarity > 0) & (similarity < 1)
    code_a, bearers_a, read_a = _read(a, a_bearers, xs, alike & read_rare)
    code_b, bearers_b, read_b = _read(b, b_bearers, ys, alike & read_rare)
    fewer = np.minimum(bearers_a, bearers_b)
    more = np.maximum(bearers_a, bearers_b)
    at = np.flatnonzero(
        alike
        & ((code_a != code_b) | (code_a < 0))
        & (fewer >= MIN_BEARERS)
        & (fewer >= MIN_SHARE_OF_COMMONER * more)
    )
    if not len(at):
        return result
    x, y = xs[at], ys[at]
    # A spelling read as another name must be more than two slips from the pair's other one:
    # the slip that made it one from that name may have made it two from this (Сергійовия,
    # one slip from Сергійович as written, is two as keys, one from Сергіївна's) ...
    read = (read_a | read_b)[at]
    needed = np.where(read, MAX_SLIP + 1, MAX_SLIP)
    apart = _edits(a.plain_spelt()[0], x, b.plain_spelt()[0], y) > needed
    apart &= _edits(a.as_written()[0], x, b.as_written()[0], y) > needed
    left, right, starts, _ = key_pairs(a, x, b, y)
    keys_apart = pairwise(a.flat_keys[left], b.flat_keys[right], OSA.distance)
    apart &= np.minimum.reduceat(keys_apart, starts) > MAX_SLIP
    if fathers:
        stems_a, stems_b = a.flat_stems()[0], b.flat_stems()[0]
        stems_apart = pairwise(stems_a[left], stems_b[right], OSA.distance)
        apart &= np.minimum.reduceat(stems_apart, starts) > MAX_SLIP
        # ... and the names read must be two fathers' (Сергеевна is Сергеевич's father's).
        fathers_read = np.flatnonzero(read)
        read_stems = [
            np.array([patronymic_stem(name) for name in names], dtype=object)
            for names in (
                _names_of(a, code_a[at[fathers_read]]),
                _names_of(b, code_b[at[fathers_read]]),
            )
        ]
        apart[fathers_read] &= pairwise(read_stems[0], read_stems[1], OSA.distance) > MAX_SLIP
    if families:
        unsexed_a, unsexed_b = _unsexed(a.plain_spelt()[0][x]), _unsexed(b.plain_spelt()[0][y])
        apart &= pairwise(unsexed_a, unsexed_b, OSA.distance) > MAX_SLIP
    if paired:  # the census keeps one set, on both lists' tables
        apart &= np.array(
            [frozenset((a.canon[i], b.canon[j])) not in paired for i, j in zip(x, y, strict=True)],
            dtype=bool,
        )
    # ... and is neither the other name in another script nor a slip of it as its own list
    # writes it (Владимиоович is Владимирович's, though its keys are nearer Вадимович's).
    for table, own, mate, other, was_read, read_as in (
        (a, x, b, y, read_a[at], code_a[at]),
        (b, y, a, x, read_b[at], code_b[at]),
    ):
        commoners = table.commoners
        for n in np.flatnonzero(was_read & apart):
            assert commoners is not None  # only a census's tables are read
            if commoners.keys_of[read_as[n]] & mate.keys[other[n]] or _slip_of(
                table, int(own[n]), mate, int(other[n])
            ):
                apart[n] = False
    result[at[apart]] = True
    return result


# A man's and a woman's form of one family name, spelt in plain Latin: Толстой and Толстая
# (tolstoi, tolstaia, Tolstaja), Кругла and Круглий. Clerks write the one for the other.
_SEX_ENDING = re.compile(r"(?:a[iyj]a|[oyi][iyj]|[ay])$")
MIN_UNSEXED = 4  # letters left: shorter names keep their endings


def _unsexed(spellings: np.ndarray) -> np.ndarray:
    """Plain Latin spellings without the ending that tells a man's form from a woman's."""
    result = np.empty(len(spellings), dtype=object)
    for n, spelt in enumerate(spellings):
        stem = _SEX_ENDING.sub("", spelt)
        result[n] = stem if len(stem) >= MIN_UNSEXED else spelt
    return result


def _read(
    table: NameTable, bearers: np.ndarray, entries: np.ndarray, readable: np.ndarray
) -> tuple[np.ndarray, np.ndarray, np.ndarray]:
    """Each entry's census code (-1 without a census) and bearers, a rare `readable` one read
    as the name many records bear that it is a slip from (`_read_as_commoners`), and which
    were read so."""
    if table.name_code is None:
        return (
            np.full(len(entries), -1, dtype=np.int64),
            bearers[entries],
            np.zeros(len(entries), dtype=bool),
        )
    codes = table.name_code[entries]
    counts = bearers[entries]
    read = np.zeros(len(entries), dtype=bool)
    rare = np.flatnonzero(readable & (counts < MIN_BEARERS))
    if table.commoners is not None and len(rare):
        read_code, read_bearers = _read_as_commoners(table, entries[rare])
        found = read_bearers > 0
        codes, counts = codes.copy(), counts.copy()
        codes[rare[found]], counts[rare[found]] = read_code[found], read_bearers[found]
        read[rare[found]] = True
    return codes, counts, read


def _names_of(table: NameTable, codes: np.ndarray) -> list[str]:
    """The canonical forms of census codes of a table's column."""
    assert table.commoners is not None
    return [str(table.commoners.names[code]) for code in codes]


def _slip_of(table: NameTable, entry: int, mate: NameTable, other: int) -> bool:
    """Whether the entry's spelling is a slip from one of its table's spellings of the other
    list's name `other` (those that share a key with it)."""
    written = table.as_written()[0]
    if table.spellings is None:
        spellings: dict[str, list[str]] = {}
        for text, keys in zip(written, table.key_list, strict=True):
            for key in keys:
                spellings.setdefault(key, []).append(text)
        table.spellings = spellings
    name = mate.keys[other]
    # Many spellings of the other list share their keys (Петрович, Petrovich): asked once.
    known = table.slips_of.get((entry, name))
    if known is None:
        others = {o for key in name for o in table.spellings.get(key, ())}
        near = process.extractOne(
            written[entry], others, scorer=OSA.distance, score_cutoff=MAX_SLIP
        )
        known = table.slips_of[(entry, name)] = near is not None
    return known


def _edits(left: np.ndarray, xs: np.ndarray, right: np.ndarray, ys: np.ndarray) -> np.ndarray:
    """How many edits apart the spellings are."""
    edits: np.ndarray = pairwise(left[xs], right[ys], OSA.distance)
    return edits
