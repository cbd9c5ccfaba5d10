"""Latin spellings outside the standards the project tuned on: French press forms, German and
Polish press forms, old Soviet (French-based) passports, ICAO Doc 9303 applied to Ukrainian
names as well as Russian ones, and the Turkish spelling of the mediator's lists.

Each habit is data: a letter table (a Cyrillic letter to its Latin rendering, with the few
context rules the habit really has: iotated vowels after a consonant, word endings), and the
given names a habit renders by their own national form (Олександр → Alexandre) rather than
letter by letter.
"""

from __future__ import annotations

from collections.abc import Callable, Mapping
from dataclasses import dataclass, field
from random import Random

from parley.synth.model import Lang

Romaniser = Callable[[str], str]


@dataclass(frozen=True)
class Habit:
    """How one kind of writer spells Cyrillic in Latin letters.

    `letters` is the common table; `uk` / `ru` override it for one source language. `iotated`
    gives я, ю, є, е, ё at the start of a word or after a vowel (ja, ju, je in German and
    Polish); `after_l` the Polish soft л before them (ля → la). `endings` replace a word's
    ending before the letters are read (Polish -ський → -ski). `between_vowels` doubles с
    between vowels (French and German Vassili, Wassili). `given` lists national forms of
    given names, the first the usual one.
    """

    letters: Mapping[str, str]
    uk: Mapping[str, str] = field(default_factory=dict)
    ru: Mapping[str, str] = field(default_factory=dict)
    iotated: Mapping[str, str] = field(default_factory=dict)
    after_l: Mapping[str, str] = field(default_factory=dict)
    soft_l: str = ""  # л before ь or an iotated vowel (Polish l, otherwise ł)
    endings: Mapping[str, str] = field(default_factory=dict)
    between_vowels: Mapping[str, str] = field(default_factory=dict)
    given: Mapping[str, tuple[str, ...]] = field(default_factory=dict)


_BASE = {
    "а": "a", "б": "b", "в": "v", "г": "g", "ґ": "g", "д": "d", "е": "e", "ё": "e", "є": "ie",
    "ж": "zh", "з": "z", "и": "i", "і": "i", "ї": "i", "й": "i", "к": "k", "л": "l", "м": "m",
    "н": "n", "о": "o", "п": "p", "р": "r", "с": "s", "т": "t", "у": "u", "ф": "f", "х": "kh",
    "ц": "ts", "ч": "ch", "ш": "sh", "щ": "shch", "ъ": "ie", "ы": "y", "ь": "", "э": "e",
    "ю": "iu", "я": "ia", "'": "", "’": "", "ʼ": "",
}  # fmt: skip

_FRENCH = {
    **_BASE, "е": "e", "ё": "io", "є": "ie", "ж": "j", "й": "ï", "ї": "ï", "у": "ou", "х": "kh",
    "ц": "ts", "ч": "tch", "ш": "ch", "щ": "chtch", "ъ": "", "ю": "iou", "я": "ia",
}  # fmt: skip

_GERMAN = {
    **_BASE, "в": "w", "е": "e", "ё": "jo", "є": "je", "ж": "sh", "з": "s", "й": "j", "ї": "ji",
    "х": "ch", "ц": "z", "ч": "tsch", "ш": "sch", "щ": "schtsch", "ъ": "", "ю": "ju", "я": "ja",
}  # fmt: skip

_POLISH = {
    **_BASE, "в": "w", "ё": "io", "є": "ie", "ж": "ż", "й": "j", "ї": "ji", "л": "ł", "х": "ch",
    "ц": "c", "ч": "cz", "ш": "sz", "щ": "szcz", "ъ": "", "ы": "y", "ю": "iu", "я": "ia",
}  # fmt: skip

# The mediator's lists in Istanbul: Turkish letters (ç ş j c), y for й, ı for ы (and, often,
# the Ukrainian и).
_TURKISH = {
    **_BASE, "е": "e", "ё": "yo", "є": "ye", "ж": "j", "й": "y", "ї": "yi", "х": "h", "ц": "ts",
    "ч": "ç", "ш": "ş", "щ": "şç", "ъ": "", "ы": "ı", "ь": "", "ю": "yu", "я": "ya",
}  # fmt: skip

_SOVIET = {
    **_BASE, "ё": "e", "є": "e", "ж": "j", "й": "i", "у": "ou", "х": "kh", "ц": "ts", "ч": "tch",
    "ш": "ch", "щ": "chtch", "ъ": "", "ю": "iou", "я": "ia",
}  # fmt: skip

HABITS: dict[str, Habit] = {
    "latin_french": Habit(
        _FRENCH,
        uk={"г": "h", "и": "y"},
        ru={"г": "g"},
        endings={"ий": "i", "ій": "i"},
        between_vowels={"с": "ss"},
        given={
            "олександр": ("Olexandre", "Alexandre", "Oleksandr"),
            "александр": ("Alexandre",),
            "сергій": ("Serhiy", "Sergueï"),
            "сергей": ("Sergueï",),
            "андрій": ("Andriy", "Andreï"),
            "андрей": ("Andreï",),
            "дмитро": ("Dmytro",),
            "дмитрий": ("Dmitri",),
            "олексій": ("Oleksiy", "Alexeï"),
            "алексей": ("Alexeï",),
            "михайло": ("Mykhaïlo", "Mikhaïl"),
            "михаил": ("Mikhaïl",),
            "євген": ("Ievguen", "Evgueni"),
            "евгений": ("Evgueni",),
            "георгій": ("Gueorgui",),
            "георгий": ("Gueorgui",),
        },
    ),
    "latin_german": Habit(
        _GERMAN,
        uk={"г": "h", "и": "y"},
        iotated={"е": "je", "є": "je", "ё": "jo", "ю": "ju", "я": "ja"},
        between_vowels={"с": "ss"},
        given={
            "олександр": ("Olexander", "Alexander"),
            "александр": ("Alexander",),
            "сергій": ("Serhij", "Sergej"),
            "сергей": ("Sergej",),
            "андрій": ("Andrij", "Andrej"),
            "андрей": ("Andrej",),
            "дмитрий": ("Dmitri", "Dmitrij"),
            "олексій": ("Oleksij", "Alexej"),
            "алексей": ("Alexej",),
            "михаил": ("Michail",),
            "михайло": ("Mychajlo",),
            "евгений": ("Jewgeni",),
            "юрий": ("Juri",),
        },
    ),
    "latin_polish": Habit(
        _POLISH,
        uk={"г": "h", "и": "y"},
        ru={"и": "i"},
        iotated={"е": "je", "є": "je", "ё": "jo", "ю": "ju", "я": "ja"},
        after_l={"я": "a", "ю": "u", "є": "e", "ё": "o", "і": "i", "ї": "i", "е": "e", "ь": ""},
        soft_l="l",
        endings={"ський": "ski", "цький": "cki", "ский": "ski", "цкий": "cki", "ська": "ska"},
        given={"олександр": ("Ołeksandr", "Aleksander"), "александр": ("Aleksander",)},
    ),
    "latin_soviet": Habit(_SOVIET, ru={"г": "g"}),
    "latin_turkish": Habit(_TURKISH, uk={"г": "h", "и": "ı"}, ru={"г": "g", "и": "i"}),
    "latin_icao": Habit(_BASE),
}
_VOWELS = "аеёєиіїоуыэюя"


def spell(text: str, habit: Habit, lang: Lang, variant: int = 0) -> str:
    """`text` (one name or a unit) in Latin by `habit`, read as `lang`; `variant` picks among
    a given name's national forms."""
    return " ".join(_word(part, habit, lang, variant) for part in text.split(" "))


def _word(word: str, habit: Habit, lang: Lang, variant: int) -> str:
    forms = habit.given.get(word.lower())
    if forms:
        return _recase(word, forms[variant % len(forms)])
    low = word.lower()
    tail = ""
    for ending, latin in habit.endings.items():
        if low.endswith(ending) and len(low) > len(ending) + 1:
            low, tail = low[: -len(ending)], latin
            break
    table = {**habit.letters, **(habit.uk if lang == "uk" else habit.ru)}
    out: list[str] = []
    for i, ch in enumerate(low):
        prev = low[i - 1] if i else ""
        nxt = low[i + 1] if i + 1 < len(low) else ""
        if ch not in table:
            out.append(ch)
        elif prev == "л" and ch in habit.after_l:
            out.append(habit.after_l[ch])
        elif ch == "л" and habit.soft_l and nxt in habit.after_l:
            out.append(habit.soft_l)
        elif ch in habit.iotated and (prev == "" or prev in _VOWELS or prev in "ьъ'’ʼ"):
            out.append(habit.iotated[ch])
        elif ch in habit.between_vowels and prev and nxt and prev in _VOWELS and nxt in _VOWELS:
            out.append(habit.between_vowels[ch])
        else:
            out.append(table[ch])
    return _recase(word, "".join(out) + tail)


def _recase(model: str, text: str) -> str:
    if model.isupper() and len(model) > 1:
        return text.upper()
    parts = text.split("-")
    originals = model.split("-")
    if len(parts) == len(originals):
        return "-".join(
            p[:1].upper() + p[1:] if o[:1].isupper() else p
            for p, o in zip(parts, originals, strict=True)
        )
    return text[:1].upper() + text[1:] if model[:1].isupper() else text


def habit_romaniser(kind: str, lang: Lang, rng: Random) -> Romaniser:
    """A romaniser writing `lang` forms by habit `kind`, one writer's choice of national forms
    for the whole record."""
    habit, variant = HABITS[kind], rng.randrange(6)

    def romanise(text: str) -> str:
        return spell(text, habit, lang, variant)

    return romanise
