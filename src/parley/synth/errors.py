"""Slips of the pen and of the keyboard: typos, і/и/ї/є/е/ё confusions, apostrophe forms.

Each function returns the new text; callers compare it with the old to know whether anything
changed (a distortion is recorded only if it did).
"""

from __future__ import annotations

import re
from random import Random

from parley.synth.model import Lang

_ROWS = {
    "uk": ("йцукенгшщзхї", "фівапролджє", "ячсмитьбю"),
    "ru": ("йцукенгшщзхъ", "фывапролджэ", "ячсмитьбю"),
    "latin": ("qwertyuiop", "asdfghjkl", "zxcvbnm"),
}
_SIMILAR_PAIRS = (
    "еи", "оа", "шщ", "зс", "дт", "бп", "гк", "вф", "жш", "иі", "иы", "еэ", "єе", "ґг", "ьъ",
    "iy", "ck", "sz", "vw", "ao", "ei", "ae", "kh", "ij",
)  # fmt: skip


def _neighbours() -> dict[str, str]:
    table: dict[str, str] = {}
    for rows in _ROWS.values():
        for row in rows:
            for i, ch in enumerate(row):
                near = row[max(i - 1, 0) : i] + row[i + 1 : i + 2]
                table[ch] = table.get(ch, "") + near
    return table


_NEIGHBOURS = _neighbours()
_SIMILAR: dict[str, str] = {}
for _pair in _SIMILAR_PAIRS:
    _a, _b = _pair[0], _pair[1]
    _SIMILAR[_a] = _SIMILAR.get(_a, "") + _b
    _SIMILAR[_b] = _SIMILAR.get(_b, "") + _a


def _like_case(model: str, ch: str) -> str:
    return ch.upper() if model.isupper() else ch


# Letters a clerk writing one language cannot type (or would not): kept out of his slips.
_FOREIGN = {
    "uk": set("ыэёъ"),
    "ru": set("іїєґ"),
    "latin": set("абвгґдеєёжзийіїклмнопрстуфхцчшщъыьэюя"),
}


def typo(word: str, rng: Random, script: str = "latin") -> str:
    """One slip: a neighbouring key or similar letter, a dropped, doubled or swapped letter.
    `script` ("uk", "ru" or "latin") is what the clerk types: a slip stays within it."""
    letters = [i for i, ch in enumerate(word) if ch.isalpha()]
    if len(letters) < 3:
        return word
    # Slips land inside a word far more often than on its first letter.
    inner = letters[1:]
    pos = rng.choice(inner) if rng.random() < 0.9 else letters[0]
    op = rng.random()
    ch = word[pos]
    if op < 0.4:
        low = ch.lower()
        foreign = _FOREIGN[script]
        near = [c for c in _NEIGHBOURS.get(low, "") if c not in foreign]
        like = [c for c in _SIMILAR.get(low, "") if c not in foreign]
        choices = (near if rng.random() < 0.5 else like) or near or like
        if not choices:
            return word[:pos] + word[pos + 1 :]
        return word[:pos] + _like_case(ch, rng.choice(choices)) + word[pos + 1 :]
    if op < 0.6:
        return word[:pos] + word[pos + 1 :]
    if op < 0.8:
        dup = ch.lower() if pos == 0 and not word.isupper() else ch
        return word[: pos + 1] + dup + word[pos + 1 :]
    if pos + 1 < len(word) and word[pos + 1].isalpha():
        a, b = pos, pos + 1
    elif pos > 0 and word[pos - 1].isalpha():
        a, b = pos - 1, pos
    else:
        return word[:pos] + word[pos + 1 :]
    x, y = word[a], word[b]
    if x.lower() == y.lower():
        return word[:pos] + word[pos + 1 :]
    new_a = y.upper() if x.isupper() else y.lower()
    new_b = x.upper() if y.isupper() else x.lower()
    return word[:a] + new_a + new_b + word[b + 1 :]


def _replace_all(text: str, table: dict[str, str]) -> str:
    out: list[str] = []
    for ch in text:
        low = ch.lower()
        if low in table:
            repl = table[low]
            out.append(repl.upper() if ch.isupper() and len(repl) == 1 else _cap(repl, ch))
        else:
            out.append(ch)
    return "".join(out)


def _cap(repl: str, model: str) -> str:
    return repl[:1].upper() + repl[1:] if model.isupper() else repl


def keyboard(texts: list[str], written: Lang, typed_on: Lang, rng: Random) -> list[str]:
    """Names written in `written` Cyrillic on a `typed_on` keyboard that lacks some of its
    letters, the clerk substituting consistently across the record."""
    if written == "uk" and typed_on == "ru":
        i_sub = "i" if rng.random() < 0.15 else "и"  # a Latin i looks the same
        table = {
            "і": i_sub,
            "ї": rng.choice(("и", "йи", i_sub)),
            "є": "э" if rng.random() < 0.15 else "е",
            "ґ": "г",
        }
    elif written == "ru" and typed_on == "uk":
        yo = "е" if rng.random() < 0.7 else "ьо"
        table = {"ы": "и", "э": "е", "ё": yo, "ъ": "'"}
        if yo == "ьо":  # Соловьёв: Соловйов, Ёлкин: Йолкин
            texts = [_yo_after_soft(t) for t in texts]
    else:
        return texts
    return [_replace_all(t, table) for t in texts]


def _yo_after_soft(text: str) -> str:
    text = text.replace("ьё", "йо").replace("ъё", "йо")
    return "Йо" + text[1:] if text.startswith("Ё") else text


_SPORADIC = {
    "uk": (("і", "и"), ("и", "і"), ("ї", "і"), ("є", "е"), ("е", "є")),
    "ru": (("ё", "е"),),
}


def sporadic(texts: list[str], lang: Lang, rng: Random) -> list[str]:
    """One і/и/ї/є/е/ё confusion at one place of one name."""
    options = [
        (field, pos, repl)
        for field, text in enumerate(texts)
        for pos, ch in enumerate(text)
        if pos > 0
        for src, repl in _SPORADIC[lang]
        if ch == src
    ]
    if not options:
        return texts
    field, pos, repl = rng.choice(options)
    text = texts[field]
    out = list(texts)
    out[field] = text[:pos] + repl + text[pos + 1 :]
    return out


def drop_yo(texts: list[str]) -> list[str]:
    """ё written as е, as most Russian documents do."""
    return [t.replace("ё", "е").replace("Ё", "Е") for t in texts]


APOSTROPHES = "'’ʼ"
_APOSTROPHE = re.compile("['’ʼ]")


def has_apostrophe(texts: list[str]) -> bool:
    return any(_APOSTROPHE.search(t) for t in texts)


def apostrophe(
    texts: list[str], clerk: Lang, rng: Random, forms: tuple[str, ...] | None = None
) -> list[str]:
    """Another form of the apostrophe (’ ʼ ` or none; ь or ъ from a Russian clerk)."""
    if forms is None:
        forms = ("’", "ʼ", "'", "`", "", *(("ь", "ъ") if clerk == "ru" else ()))
    present = {ch for t in texts for ch in t if ch in APOSTROPHES}
    choices = [f for f in forms if f not in present] or [""]
    form = rng.choice(choices)
    return ["".join(form if ch in APOSTROPHES else ch for ch in t) for t in texts]
