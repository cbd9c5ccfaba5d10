"""Names in Latin letters, by the romanisation standards documents and lists really use.

Ukrainian forms go through the Ukrainian tables of translitua (KMU 2010, the 2007 and 2004
passport systems, BGN/PCGN, GOST 1986, ISO 9 and ALA-LC); Russian forms through the Russian
ones (international passport 1997 and ICAO Doc 9303, GOST 2006, ISO 9 system A, ALA-LC) and
BGN/PCGN 1947, which translitua lacks and is written out here from the published table.
"""

from __future__ import annotations

import re
from collections.abc import Callable
from random import Random

from translitua import (
    RussianALALC,
    RussianGOST2006,
    RussianICAO,
    RussianInternationalPassport1997,
    RussianISO9SystemA,
    TransliterationTable,
    UkrainianALALC,
    UkrainianBGN,
    UkrainianGOST1986,
    UkrainianISO9,
    UkrainianKMU,
    UkrainianPassport2004Alt,
    UkrainianPassport2007,
    translit,
)
from unidecode import unidecode

from parley.synth.habits import HABITS, habit_romaniser
from parley.synth.model import Lang
from parley.synth.names import Pool

Romaniser = Callable[[str], str]
_CYRILLIC = re.compile("[\u0400-\u04ff]")


def _table(table: type[TransliterationTable]) -> Romaniser:
    def romanise(text: str) -> str:
        return str(translit(text, table))

    return romanise


_BGN_RU = {
    "а": "a", "б": "b", "в": "v", "г": "g", "д": "d", "е": "e", "ё": "ë", "ж": "zh", "з": "z",
    "и": "i", "й": "y", "к": "k", "л": "l", "м": "m", "н": "n", "о": "o", "п": "p", "р": "r",
    "с": "s", "т": "t", "у": "u", "ф": "f", "х": "kh", "ц": "ts", "ч": "ch", "ш": "sh",
    "щ": "shch", "ъ": "”", "ы": "y", "ь": "’", "э": "e", "ю": "yu", "я": "ya",
}  # fmt: skip
_BGN_Y_AFTER = "аеёиоуыэюяйъь"


def bgn_pcgn_russian(text: str) -> str:
    """BGN/PCGN 1947 romanisation of Russian: е, ё are ye, yë at the start of a word and after
    a vowel, й, ъ or ь."""
    out: list[str] = []
    prev = ""
    for ch in text:
        low = ch.lower()
        if low in _BGN_RU:
            latin = _BGN_RU[low]
            if low in "её" and (prev == "" or prev in _BGN_Y_AFTER):
                latin = "y" + latin
            if ch != low:
                latin = latin.upper() if text.isupper() else latin[:1].upper() + latin[1:]
            out.append(latin)
            prev = low
        else:
            out.append(ch)
            prev = "" if not ch.isalpha() else low
    return "".join(out)


# kind -> the language of the form romanised -> (romaniser, weight) choices
STANDARDS: dict[str, dict[Lang, list[tuple[Romaniser, float]]]] = {
    "latin_kmu2010": {"uk": [(_table(UkrainianKMU), 1.0)], "ru": []},
    "latin_passport": {
        "uk": [(_table(UkrainianPassport2007), 0.75), (_table(UkrainianPassport2004Alt), 0.25)],
        "ru": [(_table(RussianInternationalPassport1997), 0.5), (_table(RussianICAO), 0.5)],
    },
    "latin_bgn": {"uk": [(_table(UkrainianBGN), 1.0)], "ru": [(bgn_pcgn_russian, 1.0)]},
    "latin_gost": {
        "uk": [(_table(UkrainianGOST1986), 1.0)],
        "ru": [(_table(RussianGOST2006), 1.0)],
    },
    "latin_scholarly": {
        "uk": [(_table(UkrainianISO9), 0.6), (_table(UkrainianALALC), 0.4)],
        "ru": [(_table(RussianISO9SystemA), 0.5), (_table(RussianALALC), 0.5)],
    },
}
_POOLS: dict[tuple[str, Lang], Pool[Romaniser]] = {
    (kind, lang): Pool([fn for fn, _ in choices], [w for _, w in choices])
    for kind, by_lang in STANDARDS.items()
    for lang, choices in by_lang.items()
    if choices
}


def has_standard(kind: str, lang: Lang) -> bool:
    return (kind, lang) in _POOLS or kind in HABITS


def romaniser(kind: str, lang: Lang, rng: Random) -> Romaniser:
    """A romaniser of standard `kind` (or habit, `parley.synth.habits`) for a form in `lang`;
    never leaves a Cyrillic letter."""
    table = habit_romaniser(kind, lang, rng) if kind in HABITS else _POOLS[(kind, lang)].draw(rng)

    def romanise(text: str) -> str:
        latin = table(text)
        if _CYRILLIC.search(latin):  # a letter the table does not cover
            latin = _CYRILLIC.sub(lambda m: unidecode(m.group()), latin)
        return latin

    return romanise
