"""What the generator produces: persons (the truth behind the lists), the lists, and their truth."""

from __future__ import annotations

from collections.abc import Mapping
from dataclasses import dataclass
from datetime import date
from typing import Literal

from parley.domain.people import Person, PersonCategory, Sex

# The language a person's names are native to, and the language a clerk writes in.
Lang = Literal["uk", "ru"]

# Kinds of distortion a registry record may carry: a contract with whoever reads the truth files.
DISTORTION_KINDS: tuple[str, ...] = (
    "translated",
    "latin_kmu2010",
    "latin_passport",
    "latin_bgn",
    "latin_gost",
    "latin_scholarly",
    "i_variants",
    "apostrophe",
    "typo",
    "no_patronymic",
    "swapped_names",
    "upper_case",
    "surname_gender",
    "dob_swapped",
    "dob_year",
    "dob_missing",
    "date_format",
    "no_unit",
)
LATIN_KINDS: tuple[str, ...] = tuple(k for k in DISTORTION_KINDS if k.startswith("latin_"))
# Kinds only the other mixes (`parley.synth.mixes`) make: other Latin habits, and a request list
# itself written in Latin. After the default kinds, so that the default lists stay as they were.
MIX_DISTORTION_KINDS: tuple[str, ...] = (
    "latin_french",
    "latin_german",
    "latin_polish",
    "latin_soviet",
    "latin_icao",
    "request_latin",
    "initials",
    "dob_slip",
    "latin_turkish",
    "year_only",
    "placeholder",
    "unit_formation",
    "unit_army",
    "misplaced_names",
)
ALL_DISTORTION_KINDS: tuple[str, ...] = DISTORTION_KINDS + MIX_DISTORTION_KINDS
HardNegativeKind = Literal[
    "brother", "namesake", "cousin", "father_son", "common_name", "unheld_namesake"
]
HARD_NEGATIVE_KINDS: tuple[HardNegativeKind, ...] = ("brother", "namesake")
# brother: same family name, father and unit; namesake: same family and given name;
# cousin: same family name and unit, often the same patronymic, born up to ten years apart;
# father_son: the father of the requested man or his son (patronymic = the father's name);
# common_name: same given name, patronymic and birth date under another family name;
# unheld_namesake: a namesake of a requested person who is not held at all.
MIX_HARD_NEGATIVE_KINDS: tuple[HardNegativeKind, ...] = (
    "cousin",
    "father_son",
    "common_name",
    "unheld_namesake",
)
ALL_HARD_NEGATIVE_KINDS: tuple[HardNegativeKind, ...] = (
    HARD_NEGATIVE_KINDS + MIX_HARD_NEGATIVE_KINDS
)
# The requesting clerks' own slips (not in the truth files, which describe registry records).
REQUEST_ERROR_KINDS: tuple[str, ...] = (
    "no_patronymic", "typo", "dob_missing", "no_unit", "diminutive", "declined", "rank",
    "call_sign", "note", "asked_twice",
)  # fmt: skip


@dataclass(frozen=True, slots=True)
class Identity:
    """One real person: names in the native language, in their correct forms.

    `family` is the masculine (dictionary) form of the family name; `given` and `father` index
    the given-name table (`parley.synth.names.GivenName`), the father's name making the
    patronymic.
    """

    lang: Lang
    sex: Sex
    family: str
    given: int
    father: int
    birth: date
    unit: str | None
    category: PersonCategory
    wounded: bool = False
    ill: bool = False


@dataclass(frozen=True, slots=True)
class RegistryRecord:
    """A registry row: the person as the holding side's clerk wrote it, and what went wrong.

    `dotted_date` asks the writer to render the birth date as DD.MM.YYYY (kind `date_format`).
    """

    person: Person
    distortions: tuple[str, ...]
    dotted_date: bool = False


@dataclass(frozen=True, slots=True)
class TruthPair:
    request_id: str
    registry_id: str
    distortions: tuple[str, ...]


@dataclass(frozen=True, slots=True)
class HardNegative:
    request_id: str
    registry_id: str
    kind: HardNegativeKind


@dataclass(frozen=True)
class Exchange:
    """One direction: `asker` asks back its people, `holder` registered those it holds.

    `request_errors` maps a request id to the requesting clerk's own slips (never written to the
    lists; kept for analysis).
    """

    asker: Lang
    holder: Lang
    requests: tuple[Person, ...]
    registry: tuple[RegistryRecord, ...]
    truth: tuple[TruthPair, ...]
    hard_negatives: tuple[HardNegative, ...]
    request_errors: Mapping[str, tuple[str, ...]]


@dataclass(frozen=True)
class SynthLists:
    """Both directions of a synthetic exchange.

    `ua`: Ukraine asks back Ukrainians (Ukrainian request list) that Russia registered;
    `ru`: Russia asks back Russians (Russian request list) that Ukraine registered.
    """

    seed: int
    scale: float
    ua: Exchange
    ru: Exchange
