"""The uk→ru name dictionaries of names-translator, and their reverse (ru→uk), loaded once.

Keys of the uk→ru dictionaries are normalised lower-case Ukrainian (apostrophe '), values the
ranked Russian forms. The reverse maps a lower-case Russian form (ё read as е) to the Ukrainian
keys that translate to it, best rank first.
"""

from __future__ import annotations

import re
from functools import cache, cached_property

from names_translator.dicts import default_dicts

_FEMININE = re.compile(r"(ська|цька|зька)$")
# Feminine possessive forms (Нєжданова, Фомічьова, Любимцева) even when the dictionary lacks the
# masculine one; an invariant name so long and so ending (Підкова) is rare enough to lose.
_POSSESSIVE_FEMININE = re.compile(r".{3,}(ова|ева|єва|ьова|йова|іна|їна)")


def ru_key(name: str) -> str:
    return name.lower().replace("ё", "е")


def uk_key(name: str) -> str:
    return name.lower().replace("’", "'").replace("ʼ", "'")


class Lexicon:
    """Lazy views of the three category dictionaries ("first", "patronymic", "last")."""

    @cached_property
    def first(self) -> dict[str, list[str]]:
        return _as_dict("first")

    @cached_property
    def patronymics(self) -> dict[str, list[str]]:
        return _as_dict("patronymic")

    @cached_property
    def surnames(self) -> dict[str, list[str]]:
        return _as_dict("last")

    def is_feminine_uk(self, key: str) -> bool:
        """Whether a Ukrainian dictionary surname is a feminine form (Петрова, Ковальська)."""
        known = self.surnames
        if _FEMININE.search(key):
            return True
        if key.endswith(("ая", "яя")) or _POSSESSIVE_FEMININE.fullmatch(key):
            return True
        if key.endswith("а") and key[:-1] in known:  # Петрова, Волошина
            return True
        return key.endswith("а") and key[:-1] + "ий" in known  # Чорна

    @cached_property
    def _reverse_first(self) -> dict[str, list[str]]:
        return _reverse(self.first)

    @cached_property
    def _reverse_patronymics(self) -> dict[str, list[str]]:
        return _reverse(self.patronymics)

    @cached_property
    def _reverse_surnames(self) -> dict[str, list[str]]:
        return _reverse(self.surnames)

    def to_ru(self, name: str, category: str) -> list[str]:
        """Ranked Russian forms of a Ukrainian name (empty if the dictionary lacks it)."""
        table = {"first": self.first, "patronymic": self.patronymics, "last": self.surnames}
        return list(table[category].get(uk_key(name), ()))

    def to_uk(self, name: str, category: str) -> list[str]:
        """Ukrainian keys (lower case) whose translation is this Russian name, best first."""
        table = {
            "first": self._reverse_first,
            "patronymic": self._reverse_patronymics,
            "last": self._reverse_surnames,
        }
        return list(table[category].get(ru_key(name), ()))


def _as_dict(pool: str) -> dict[str, list[str]]:
    table: dict[str, list[str]] = default_dicts().as_dict(pool)
    return table


def _reverse(table: dict[str, list[str]]) -> dict[str, list[str]]:
    ranked: dict[str, list[tuple[int, int, str]]] = {}
    for order, (key, forms) in enumerate(table.items()):
        for rank, form in enumerate(forms):
            ranked.setdefault(ru_key(form), []).append((rank, order, key))
    return {form: [key for _, _, key in sorted(keys)] for form, keys in ranked.items()}


@cache
def lexicon() -> Lexicon:
    """Process-wide instance: the dictionaries take a few seconds to load, once."""
    return Lexicon()
