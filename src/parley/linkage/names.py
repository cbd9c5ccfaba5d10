"""Names made comparable across Ukrainian, Russian and Latin script.

Every name becomes a *skeleton*: a lossy Latin key on which the transliteration standards
(KMU 2010, passport, BGN/PCGN, GOST, scholarly with diacritics) and the і/и/ї/є/е/ё spellings
agree. Skeletons of names that translate into each other (Олександр/Александр,
Миколайович/Николаевич, Ковальов/Ковалёв) are linked through the names-translator dictionaries,
read in both directions, so a name's *keys* are its own skeleton and its equivalents'.
"""

from __future__ import annotations

import csv
import hashlib
import io
import json
import re
from collections.abc import Callable
from functools import cache
from importlib import metadata, resources
from itertools import product
from pathlib import Path
from typing import Literal

from unidecode import unidecode

from parley.linkage.dictionaries import cached, translation_pairs

NameKind = Literal["first", "patronymic", "last"]

# Cyrillic to a plain Latin spelling that the reductions below then fold like any standard.
# г is g, not h: both fold to one letter, and h would join its neighbour (п+г as ph, f; с+г as
# sh, ш).
_CYRILLIC = {
    "а": "a", "б": "b", "в": "v", "г": "g", "ґ": "g", "д": "d", "е": "e", "є": "ie", "ё": "io",
    "ж": "zh", "з": "z", "и": "y", "і": "i", "ї": "ii", "й": "i", "к": "k", "л": "l", "м": "m",
    "н": "n", "о": "o", "п": "p", "р": "r", "с": "s", "т": "t", "у": "u", "ф": "f", "х": "kh",
    "ц": "ts", "ч": "ch", "ш": "sh", "щ": "shch", "ъ": "", "ы": "y", "ь": "", "э": "e",
    "ю": "iu", "я": "ia",
}  # fmt: skip
# Scholarly, ISO 9 and Turkish letters, before unidecode would flatten š to s.
_DIACRITICS = {
    "š": "sh", "č": "ch", "ž": "zh", "ŝ": "shch", "ĉ": "ch", "ẑ": "zh", "ë": "io", "ê": "ie",
    "ï": "ii", "û": "iu", "â": "ia", "ǵ": "g", "ì": "i", "ĭ": "i", "ŭ": "u", "ʹ": "", "ʺ": "",
    "′": "", "ż": "zh", "ź": "z",
    # The Turkish spelling of the mediator's lists (Şevçenko, Pançenko, Volodımır): unidecode
    # would make ç a c, which is ц.
    "ç": "ch", "ş": "sh", "ı": "y", "ğ": "g",
}  # fmt: skip
# Letters and letter groups the standards and the press habits (French, German, Polish, old
# Soviet passports) spell differently, folded to one symbol each, in one pass: at each position
# the longest group wins (schtsch before sch before s). The hushing sounds ж ш щ ч are one symbol
# whichever way they are written (zh sh shch ch tch; French ch tch chtch j, German sch tsch
# schtsch, Polish sz cz szcz ż): the habits cross them (French ch is ш, English ch is ч), and
# two names told apart by nothing else are rarer than one name spelt two ways.
_HUSHING = (
    "shch", "shtsh", "schtsch", "chtch", "szcz", "sch", "tsch", "tch", "ch", "sh", "sz", "cz",
    "zh", "shh",  # shh: щ in GOST 7.79 B and GOST 1971 (Shherbatov, Khrushhov)
)  # fmt: skip
_FOLD = {
    **dict.fromkeys(_HUSHING, "S"),
    "kh": "G", "h": "G", "g": "G",  # х, г (Ukrainian h), ґ, г (Russian g)
    "ts": "C", "tz": "C", "tc": "C", "c": "C",  # ц (tc in GOST 2006)
    "ou": "u",  # у in French and old Soviet passports
    "ph": "f", "w": "v", "q": "k",
    "z": "s",  # з is s in German ("Saliwtschij"), and names told apart by з/с alone are rare
    "y": "i", "j": "i",  # и/і/ы/й in every standard, й in German and Polish
}  # fmt: skip
_GROUPS = re.compile("|".join(sorted(_FOLD, key=len, reverse=True)) + "|x")


def _first(match: re.Match[str]) -> str:
    return match.group(1)


_REDUCTIONS: tuple[tuple[re.Pattern[str], str | Callable[[re.Match[str]], str]], ...] = tuple(
    (re.compile(pattern), replacement)
    for pattern, replacement in (
        (r"i+", "i"),
        (r"i(?=[aeou])", ""),  # я ю є ё: ia/ya/ja, iu/yu/ju ... fold to the vowel
        (r"(.)\1+", _first),  # doubled letters, as often written as not
        (r"Gu(?=[ei])", "G"),  # French gu before e, i: Sergueï, Guéorgui
    )
)


def _fold(match: re.Match[str]) -> str:
    group = match.group()
    if group == "x":  # scholarly х at the start of a name, else кс (Alexandr)
        return "G" if match.start() == 0 else "ks"
    return _FOLD[group]


# Feminine family-name endings, on skeletons: Петрова -> Петров, Ковальська -> Ковальський.
_FEMININE = (("ova", "ov"), ("eva", "ev"), ("ina", "in"), ("ska", "ski"), ("Cka", "Cki"))


_CYRILLIC_LETTER = re.compile("[\u0400-\u04ff]")


def is_cyrillic(text: str) -> bool:
    return _CYRILLIC_LETTER.search(text) is not None


_TO_LATIN = str.maketrans({**_CYRILLIC, **_DIACRITICS, **dict.fromkeys("'’ʼ`´ʻ\"", "")})
_NOT_LETTERS = re.compile(r"[^a-z]+")
# The soft sign written j (DSTU 9112, Ukraine's standard since 2021: Oljga, Kravecj): a j
# between a consonant and another consonant or the end, where й never stands.
_SOFT_J = re.compile(r"(?<=[bcdfghklmnpqrstvwxz])j(?=[bcdfghklmnpqrstvwxz]|$)")


@cache
def _latin(name: str) -> str:
    text = name.strip().lower().translate(_TO_LATIN)
    if not text.isascii():
        text = unidecode(text).lower()
    return _SOFT_J.sub("", _NOT_LETTERS.sub("", text))


_SAME_VOWEL = str.maketrans("yj", "ii")


@cache
def plain_spelling(name: str) -> str:
    """A name spelt letter by letter in plain Latin, folding only и/і/ы/й (y, i, j), for
    counting a clerk's slips across scripts: the skeletons fold letter groups (ія to a, ц to C),
    which can turn one slip into two (Іавн/Иван, Ianovich/Иванович), and this does not.
    """
    return _latin(name).translate(_SAME_VOWEL)


@cache
def _reduce(text: str) -> str:
    text = _GROUPS.sub(_fold, text)
    for pattern, replacement in _REDUCTIONS:
        text = pattern.sub(replacement, text)
    return text


@cache
def skeleton(name: str) -> str:
    """The comparable key of one name as written, in any script."""
    return _reduce(_latin(name))


# Latin letters the standards disagree on: a bare c is ц in GOST and ISO 9 but к in the 2004
# passport table ("Olecsandr"); j is й in GOST ("Jurij") but ж in that table and in French
# ("Juc", "Jouk"); ch is ч in English but х in German and Polish ("Michail", "Chomenko"); z is
# з, but ц in German ("Osnizkyj"); x is кс (Alexandr) but х in GOST 7.79 B and the Ukrainian
# DSTU 9112 ("Xrushhov", "Myxajlo"); cz is ч in Polish but ц in GOST 7.79 B ("Vereczkij"),
# though not at the end of a name, where it is the Polish -wicz of a patronymic.
_AMBIGUOUS = re.compile(r"(?<![st])ch|(?<![st])cz(?=.)|(?<!t)c(?![hz])|j|(?<![cdst])z(?!h)|x")
_ALTERNATIVE = {"c": "k", "j": "zh", "ch": "kh", "z": "ts", "x": "kh", "cz": "ts"}
MAX_AMBIGUOUS = 3  # at most 2**3 readings of one name


@cache
def skeletons(name: str) -> frozenset[str]:
    """Every skeleton a name may stand for: more than one only for Latin letters that the
    transliteration standards read differently.
    """
    if is_cyrillic(name):
        # ё is written e (passport, ICAO) as often as yo: both readings.
        if "ё" not in name and "Ё" not in name:
            return frozenset((_reduce(_latin(name)),))
        spellings = {name, name.replace("ё", "е").replace("Ё", "Е")}
        return frozenset(_reduce(_latin(s)) for s in spellings)
    latin = _latin(name)
    spots = [(m.start(), m.group()) for m in _AMBIGUOUS.finditer(latin)][:MAX_AMBIGUOUS]
    if not spots:
        return frozenset((_reduce(latin),))
    readings = set()
    for choice in product((False, True), repeat=len(spots)):
        text, shift = latin, 0
        for (at, group), alternative in zip(spots, choice, strict=True):
            if alternative:
                start = at + shift
                text = text[:start] + _ALTERNATIVE[group] + text[start + len(group) :]
                shift += len(_ALTERNATIVE[group]) - len(group)
        readings.add(text)
    return frozenset(_reduce(r) for r in readings)


@cache
def masculine(key: str) -> str:
    for feminine, male in _FEMININE:
        if key.endswith(feminine):
            return key[: -len(feminine)] + male
    return key


_RULES = repr(
    (
        _CYRILLIC,
        _DIACRITICS,
        _FOLD,
        _FEMININE,
        _AMBIGUOUS.pattern,
        _ALTERNATIVE,
        _SOFT_J.pattern,
        [p.pattern for p, _ in _REDUCTIONS],
    )
)


@cache
def _equivalents(kind: NameKind) -> dict[str, frozenset[str]]:
    """Skeleton -> skeletons of its translations, Ukrainian to Russian and back."""
    # The shipped table when it is current; a built one is kept on disk, not the shipped one.
    table = _shipped(kind) or cached(
        f"equivalents-{kind}", _RULES, lambda: _build_equivalents(kind)
    )
    return _with_national_forms(table, kind)


def _with_national_forms(
    table: dict[str, frozenset[str]], kind: NameKind
) -> dict[str, frozenset[str]]:
    """The table with the national forms the dictionaries lack (Юхим/Ефим, Панас/Афанасий,
    Оксана/Ксения and their patronymics): the form a Russian register gives a Ukrainian name,
    and the other way round, not a diminutive; and the foreign forms (`foreign_forms`).
    """
    post = masculine if kind == "last" else _same
    added: dict[str, set[str]] = {}

    def link(name: str, form: str, both_ways: bool) -> None:
        for a in map(post, skeletons(name)):
            for b in map(post, skeletons(form)):
                if a != b:
                    added.setdefault(b, set()).add(a)
                    if both_ways:
                        added.setdefault(a, set()).add(b)

    for ukrainian, russian in national_forms(kind):
        link(ukrainian, russian, both_ways=True)
    # A foreign form knows our name, one way: our names keep their keys (a name's every key is
    # compared with the other's; Олександр with Alexandre, Alejandro and Alessandro's would be
    # compared seven times more often than the lists ever need).
    for ours, foreign in foreign_forms(kind):
        link(ours, foreign, both_ways=False)
    # Only the few keys the table gains are made anew; the rest are shared with it.
    return table | {key: table.get(key, frozenset()) | more for key, more in added.items()}


def shipped_rows(file_name: str) -> list[dict[str, str]]:
    """The rows of one of the CSV tables shipped in the package (`parley/linkage/data/`)."""
    text = (resources.files("parley.linkage") / "data" / file_name).read_text("utf-8")
    return list(csv.DictReader(io.StringIO(text)))


@cache
def national_forms(kind: NameKind) -> tuple[tuple[str, str], ...]:
    """Pairs (Ukrainian, Russian) of `kind` from the shipped national-forms table."""
    rows = shipped_rows("national-forms.csv")
    return tuple((row["uk"], row["ru"]) for row in rows if row["kind"] == kind)


@cache
def foreign_forms(kind: NameKind) -> tuple[tuple[str, str], ...]:
    """Pairs (Ukrainian, foreign) of `kind` from the shipped foreign-forms table: the name a
    French, German, English, Polish, Spanish or Italian clerk writes for one of ours (Eugène
    for Євген, Jacques for Яків, Mikołaj for Микола), not a transliteration of it."""
    rows = shipped_rows("foreign-forms.csv")
    return tuple((row["name"], row["foreign"]) for row in rows if row["kind"] == kind)


def tables_fingerprint() -> str:
    """What the derived tables depend on: the dictionaries' version and Parley's rules."""
    digest = hashlib.sha256(_RULES.encode()).hexdigest()[:16]
    return f"names-translator {metadata.version('names-translator')}; rules {digest}"


def _shipped(kind: NameKind) -> dict[str, frozenset[str]] | None:
    """The table as shipped in the package, if it was built from these dictionaries and rules:
    building it reads ~150,000 names, seconds that a first run should not have to wait.
    """
    try:
        text = (resources.files("parley.linkage") / "data" / f"equivalents-{kind}.json").read_text(
            "utf-8"
        )
    except OSError:
        return None
    data = json.loads(text)
    if data.get("fingerprint") != tables_fingerprint():
        return None
    return {key: frozenset(values) for key, values in data["table"].items()}


def write_shipped_tables(folder: Path) -> list[Path]:
    """Build the derived tables afresh and write them where the package ships them."""
    written = []
    kinds: tuple[NameKind, ...] = ("first", "patronymic", "last")
    for kind in kinds:
        table = {key: sorted(values) for key, values in sorted(_build_equivalents(kind).items())}
        path = folder / f"equivalents-{kind}.json"
        content = {"fingerprint": tables_fingerprint(), "table": table}
        path.write_text(json.dumps(content, ensure_ascii=False, indent=0) + "\n", "utf-8")
        written.append(path)
    return written


def _build_equivalents(kind: NameKind) -> dict[str, frozenset[str]]:
    links: dict[str, set[str]] = {}
    post = masculine if kind == "last" else _same
    for ukrainian, russian in translation_pairs(kind):
        a, b = post(skeleton(ukrainian)), post(skeleton(russian))
        if a != b:
            links.setdefault(a, set()).add(b)
            links.setdefault(b, set()).add(a)
    return {key: frozenset(value) for key, value in links.items()}


def _same(key: str) -> str:
    return key


_PARTS = re.compile(r"[\s\-]+")


@cache
def name_keys(name: str | None, kind: NameKind) -> frozenset[str]:
    """Every key a name may be known by: its skeleton and its translations' skeletons."""
    if not name or not name.strip():
        return frozenset()
    keys: set[str] = set()
    translations = _equivalents(kind)
    # A cell may hold a double name ("Анна-Марія", "Іван Петро"): each part counts.
    parts = _PARTS.split(name.strip())
    for part in parts:
        for reading in skeletons(part):
            key = masculine(reading) if kind == "last" else reading
            if key:
                keys.add(key)
                keys |= translations.get(key, frozenset())
    if len(parts) > 1 and (whole := skeleton(name)):
        keys.add(masculine(whole) if kind == "last" else whole)
    return frozenset(keys)


def is_given_name(text: str) -> bool:
    """Whether a one-word cell is a given name the dictionaries know, in any script."""
    known = _equivalents("first")
    return any(reading in known for reading in skeletons(text))


# Patronymic endings on skeletons (ч is S): -ович -евич -йович, -івна -овна -евна, -ич -ична.
# (G: ch read as х in a Latin spelling, "Olegovich" read the German way; some of the
# dictionaries' Russian forms end short, "-ови".)
_PATRONYMIC_ENDING = re.compile(r"(?:[oei]vi[SG]?|[oei]vna|i[SG]na|i[SG])$")


@cache
def patronymic_stem(key: str) -> str:
    """The father's name in a patronymic's key: the endings every patronymic shares would make
    any two look alike (Олександрович and Андрійович are 0.8 alike, Олександр and Андрій not).
    """
    stem = _PATRONYMIC_ENDING.sub("", key)
    return stem if len(stem) >= 2 else key


def forget_spellings() -> None:
    """Drop the spellings and keys worked out so far (not the name tables). They serve one
    linking run's distinct names; held on, hundreds of thousands of them cost a long-running
    service memory, and a command half a second at exit while the interpreter walks them.
    The caches themselves are unbounded (`functools.cache`): a bounded cache's bookkeeping
    cost a quarter of the work on names met once (scale 10). `link` calls this when it is done;
    a caller of `name_keys` or `skeleton` on many names calls it too.
    """
    for worked_out in (_latin, plain_spelling, _reduce, skeleton, skeletons, masculine):
        worked_out.cache_clear()
    name_keys.cache_clear()
    patronymic_stem.cache_clear()


def canonical(keys: frozenset[str]) -> str:
    """One representative key, the same for names that translate into each other."""
    return min(keys) if keys else ""


__all__ = [
    "NameKind",
    "canonical",
    "forget_spellings",
    "is_cyrillic",
    "masculine",
    "name_keys",
    "patronymic_stem",
    "plain_spelling",
    "skeleton",
]
