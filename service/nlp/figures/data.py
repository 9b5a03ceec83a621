"""The shape of a language's figure data (filled in ``service/nlp/<lang>/figures.py``).

Words are normalized and lower-cased like the view they are matched on. Phrases may contain spaces
(matched as any white space).
"""

from __future__ import annotations

from dataclasses import dataclass, field
from typing import Protocol


class UnitMorphology(Protocol):
    """Language-specific reduction of the counted noun to its base form (``service/nlp/<lang>/units.py``)."""

    def base(self, word: str) -> str:
        """Dictionary form of a single noun (``kursiyere`` -> ``kursiyer``, ``مراکز`` -> ``مرکز``)."""

    def compound_head(self, word: str) -> tuple[str, bool] | None:
        """Head of a noun compound with its linking ending kept (``merkeziyle`` -> ``merkezi``), and whether
        a case ending followed it; None when the word carries no compound ending."""

    def is_noun(self, word: str) -> bool:
        """Whether the word is known as a noun (a dictionary or the domain list says so)."""

    def is_verb(self, word: str) -> bool:
        """Whether the word looks like a finite verb or converb (``katıldı``, ``می‌شود``, ``شدند``)."""

    def is_light_verb(self, word: str) -> bool:
        """Whether the word is a light verb that makes the noun before it part of a compound verb
        (``istihdam edildi``, ``شرکت کردند``), so that noun is not what a number counts."""


@dataclass(frozen=True)
class QualifierAfter:
    """A qualifier written after the number: the number's case ending, then a word (``'den fazla``)."""

    suffix: str  # regex the number's (or unit's) case ending must match in full ("" = no ending)
    words: str  # regex of the following word(s)
    qualifier: str


@dataclass(frozen=True)
class FigureWords:
    """Figure vocabulary of one language."""

    #: Phrase right before the number -> qualifier (``yaklaşık``, ``بیش از``).
    qualifiers_before: dict[str, str]
    #: Qualifiers after the number or after the counted noun (``'den fazla``, ``kişiyi aşkın``).
    qualifiers_after: tuple[QualifierAfter, ...] = ()
    #: Words marking a percentage before / after the number (``yüzde``, ``%``, ``درصد``).
    percent_before: frozenset[str] = frozenset()
    percent_after: frozenset[str] = frozenset()
    #: Currency words or symbols -> ISO-style code; Persian toman is ``IRT`` (10 rials).
    currencies: dict[str, str] = field(default_factory=dict)
    #: Endings a currency word may carry (``liralık``, ``TL'lik``, ``ریالی``).
    currency_suffixes: tuple[str, ...] = ()
    #: Counting words skipped before the counted noun (``500 adet bilgisayar``, ``۵ دستگاه خودرو``).
    classifiers: frozenset[str] = frozenset()
    #: Adjectives skipped before the counted noun (``409 farklı kurs``).
    skip_adjectives: frozenset[str] = frozenset()
    #: Nouns that form a unit with the following noun (``25 pilot alan``, ``150 kadın kursiyer``).
    unit_modifiers: frozenset[str] = frozenset()
    #: Known multi-word units in base form (``kurs merkezi``, ``نفر ساعت``).
    compound_units: frozenset[str] = frozenset()
    #: Measurement units kept as written (``MW``, ``km``, ``هکتار``).
    measures: frozenset[str] = frozenset()
    #: Words that cannot be the counted noun (postpositions, conjunctions, pronouns, adverbs).
    not_units: frozenset[str] = frozenset()
    #: Nouns of structure, not statistics (``üç başlık``, ``سه بخش``).
    structural: frozenset[str] = frozenset()
    #: Time units: with a small number they are durations (``6 ay``, ``۳ روز``), not statistics.
    durations: frozenset[str] = frozenset()
    #: Time words that describe a length, never a count, whatever the number (``2500 ساله``, ``40 saatlik``).
    duration_adjectives: frozenset[str] = frozenset()
    #: Case endings of a number that, before another number, make a fraction (``üçte ikisi``).
    fraction_suffixes: frozenset[str] = frozenset()
    #: Words before a number that make it an identifier or a clock time (``madde 5``, ``ساعت ۱۰``).
    identifier_before: frozenset[str] = frozenset()
    #: Words after a number that make it an identifier (``4857 sayılı``, ``1 nolu``).
    identifier_after: frozenset[str] = frozenset()
    #: Endings on a number that make it no count (``3'lü``, ``50'lik``).
    non_count_suffixes: frozenset[str] = frozenset()
    #: Endings that turn a counted noun into an adjective (``50 kişilik``, ``48 odalı``, ``۱۵۰ هزار نفری``):
    #: dropped when what is left is a known noun.
    adjective_endings: tuple[str, ...] = ()
    #: Endings of verbal nouns (``آموزش``, ``eğitme``): after a classifier they name an activity, not what
    #: is counted (``۳۰۰ نفر آموزش دیدند`` counts نفر).
    verbal_noun_endings: tuple[str, ...] = ()
    #: The Persian ezafe ending on a noun followed by its modifier (``۱۵۰۰ نیروی صنعت``): dropped then. It is
    #: written only after the letters in ``ezafe_after``.
    ezafe: str = ""
    ezafe_after: tuple[str, ...] = ()
    #: Words after a noun that make a later number count it (``esnaf sayısı 42 bini aşıyor``).
    count_of: frozenset[str] = frozenset()
    #: Plural markers written apart from their noun (Persian ``دوره ها``).
    plural_words: frozenset[str] = frozenset()
    #: Word after the number folding it into the noun before (Persian ``مراکز ۲۴ گانه``).
    fold_word: str = ""
    #: Whether adjectives precede the noun (Turkish ``teknik personel``), so an unknown word before a known
    #: noun is read as its modifier.
    modifiers_precede: bool = False
    #: Whether a run of capitalized words after the number is the unit (Turkish institution names).
    capitalized_units: bool = False
    #: Words allowed inside a capitalized unit (``Mesleki ve Teknik Anadolu Lisesi``).
    capitalized_joiners: frozenset[str] = frozenset()
    #: Year ranges in which a bare four-digit number is taken as a year, not a count (unless round).
    year_like: tuple[tuple[int, int], ...] = ((1950, 2050),)
    #: A time unit counts as a statistic only from this value on (``1.200 saat eğitim``).
    duration_threshold: int = 1000
