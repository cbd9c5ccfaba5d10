"""Translating names between Ukrainian and Russian as clerks do: given names and patronymics by
their equivalents, family names by the dictionary's spelling, and by regular letter
correspondences where the dictionary has nothing.
"""

from __future__ import annotations

import difflib
from functools import cache
from random import Random

from parley.domain.people import Sex
from parley.synth.lexicon import lexicon
from parley.synth.model import Lang
from parley.synth.names import VOWELS, GivenName, feminine, patronymic, surname_form, title

# How often a clerk picks the usual equivalent rather than another attested one.
P_USUAL = 0.85
P_USUAL_SURNAME = 0.8
_LABIALS = "бпвмфркгхж"


def _pick(candidates: tuple[str, ...], rng: Random, p_usual: float) -> str:
    if len(candidates) == 1 or rng.random() < p_usual:
        return candidates[0]
    return candidates[1 + rng.randrange(len(candidates) - 1)]


def _closest(target: str, keys: list[str]) -> list[str]:
    """`keys` with the one nearest to `target` first (stable otherwise)."""
    if len(keys) < 2:
        return keys
    best = max(keys, key=lambda k: difflib.SequenceMatcher(None, k, target.lower()).ratio())
    return [best, *(k for k in keys if k != best)]


def _unique(names: list[str]) -> tuple[str, ...]:
    return tuple(dict.fromkeys(names))


@cache
def given_candidates(row: GivenName, lang: Lang) -> tuple[str, ...]:
    """Renderings of a given name in `lang`, the usual equivalent first."""
    lex = lexicon()
    if lang == "ru":
        return _unique([row.ru, *lex.to_ru(row.uk, "first")])
    return _unique([row.uk, *(title(k) for k in lex.to_uk(row.ru, "first"))])


@cache
def patronymic_candidates(father: GivenName, sex: Sex, lang: Lang) -> tuple[str, ...]:
    lex = lexicon()
    if lang == "ru":
        found = lex.to_ru(patronymic(father, sex, "uk"), "patronymic")
        return _unique([*found, patronymic(father, sex, "ru")])
    keys = lex.to_uk(patronymic(father, sex, "ru"), "patronymic")
    return _unique([patronymic(father, sex, "uk"), *(title(k) for k in keys)])


@cache
def surname_candidates(family: str, sex: Sex, lang: Lang) -> tuple[str, ...]:
    """Renderings in `lang` of a family name (masculine `family`, in the other language) for
    `sex`: the dictionary's spellings (the one nearest the regular correspondences first for
    ru→uk), or the regular correspondences where it has none."""
    lex = lexicon()
    source_lang: Lang = "uk" if lang == "ru" else "ru"
    source = surname_form(family, sex, source_lang)
    if lang == "ru":
        found = lex.to_ru(source, "last")
        if not found and sex == "F":
            found = [feminine(f, "ru") for f in lex.to_ru(family, "last")]
        return _unique(found) if found else (uk_to_ru_letters(source),)
    rule = ru_to_uk_letters(source)
    keys = lex.to_uk(source, "last")
    if not keys and sex == "F":
        keys = [feminine(title(k), "uk").lower() for k in lex.to_uk(family, "last")]
    if not keys:
        return (rule,)
    return _unique([title(k) for k in _closest(rule, keys)])


def given_to(row: GivenName, lang: Lang, rng: Random) -> str:
    """The given name as a clerk writing `lang` renders it (from the other language)."""
    return _pick(given_candidates(row, lang), rng, P_USUAL)


def patronymic_to(father: GivenName, sex: Sex, lang: Lang, rng: Random) -> str:
    return _pick(patronymic_candidates(father, sex, lang), rng, P_USUAL)


def surname_to(family: str, sex: Sex, lang: Lang, rng: Random) -> str:
    """The family name (masculine `family` in the other language) in `lang`, for `sex`."""
    return _pick(surname_candidates(family, sex, lang), rng, P_USUAL_SURNAME)


def uk_to_ru_letters(word: str) -> str:
    """Regular correspondences for a Ukrainian name with no dictionary entry."""
    out: list[str] = []
    low = word.lower()
    for ch in low:
        if ch in "іїи":
            out.append("и")
        elif ch == "є":
            out.append("е")
        elif ch == "ґ":
            out.append("г")
        elif ch in "'’ʼ":
            out.append("ь")
        else:
            out.append(ch)
    text = "".join(out)
    for uk_end, ru_end in (("ський", "ский"), ("цький", "цкий"), ("зький", "зкий")):
        if text.endswith(uk_end):
            text = text[: -len(uk_end)] + ru_end
    for uk_end, ru_end in (("ська", "ская"), ("цька", "цкая"), ("зька", "зкая")):
        if text.endswith(uk_end):
            text = text[: -len(uk_end)] + ru_end
    return _recase(word, text)


def ru_to_uk_letters(word: str) -> str:
    """Regular correspondences for a Russian name with no dictionary entry: ы→и, э→е, initial
    и→і, е→є and ё→йо after a vowel or at the start, ё→ьо after a consonant, ь/ъ before a
    vowel to an apostrophe after a labial or р, -ин→-ін, -ский→-ський."""
    low = word.lower()
    out: list[str] = []
    n = len(low)
    for i, ch in enumerate(low):
        prev = low[i - 1] if i else ""
        nxt = low[i + 1] if i + 1 < n else ""
        after_vowel = prev == "" or prev in VOWELS
        if ch in "ьъ" and nxt in "еёюяи":
            if nxt == "ё" and ch == "ь":
                continue  # Соловьёв: Соловйов
            if nxt == "и" and ch == "ь":
                out.append("ь")  # Ильин: Ільїн
                continue
            out.append("'" if ch == "ъ" or prev in _LABIALS else "ь")
        elif ch == "ы":
            out.append("и")
        elif ch == "э":
            out.append("е")
        elif ch == "е":
            out.append("є" if after_vowel or prev in "ьъ" else "е")
        elif ch == "ё":
            if prev and prev in "жчшщ":
                out.append("о")
            elif after_vowel or prev in "ьъ":
                out.append("йо")
            else:
                out.append("ьо")
        elif ch == "и":
            if prev == "" or (prev in "ьъ" and i > 1):
                out.append("і" if prev == "" else "ї")
            elif prev in VOWELS:
                out.append("ї")
            elif i == n - 2 and nxt == "н":
                out.append("і")  # Никитин: Никитін
            else:
                out.append("и")
        else:
            out.append(ch)
    text = "".join(out)
    for ru_end, uk_end in (
        ("ский", "ський"),
        ("цкий", "цький"),
        ("ская", "ська"),
        ("цкая", "цька"),
        ("ая", "а"),
        ("яя", "я"),
    ):
        if text.endswith(ru_end):
            text = text[: -len(ru_end)] + uk_end
            break
    return _recase(word, text)


def _recase(original: str, text: str) -> str:
    if original.isupper():
        return text.upper()
    return title(text) if original[:1].isupper() else text
