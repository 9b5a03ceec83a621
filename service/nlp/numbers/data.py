"""The shape of a language's numeral data (filled in ``service/nlp/<lang>/numerals.py``).

Both directions use it: the parser reads words into values, ``to_words`` writes values as words, so a
word added here is understood and produced consistently.
"""

from __future__ import annotations

from dataclasses import dataclass, field


@dataclass(frozen=True)
class NumeralWords:
    """Number vocabulary and writing conventions of one language (all words in normalized lower case)."""

    #: Words for 0..9 (index = value); 10..19 for languages with single words for the teens.
    units: tuple[str, ...]
    #: Words for the tens, value -> word (10, 20, ... 90).
    tens: dict[int, str]
    #: Single words for whole hundreds (Persian ``دویست`` = 200); empty where "hundred" multiplies.
    hundreds: dict[int, str]
    #: The multiplying word for hundred (Turkish ``yüz``; Persian ``صد`` also works as ``دو صد``).
    hundred: str
    #: Scale words, value -> word (thousand, million, billion, trillion).
    scales: dict[int, str]
    #: Word spellings accepted on input only, word -> value (``یکصد``, ``هجده``/``هیجده``).
    variants: dict[str, int] = field(default_factory=dict)
    #: "half" on its own (``yarım`` milyon, ``نیم`` میلیون).
    half: tuple[str, ...] = ()
    #: "and a half" after a number (Turkish ``buçuk``).
    plus_half: tuple[str, ...] = ()
    #: Word joining the parts of a number (Persian ``و``); written between parts by ``to_words``.
    connector: str | None = None
    #: Values whose "one" is not written before them in words (Turkish ``yüz``, ``bin``, not ``bir bin``).
    implicit_one: frozenset[int] = frozenset()
    #: Whether number words may be written glued together (Turkish ``ikibin``, ``onbeş``).
    glued: bool = False
    #: Case suffixes a number word may carry at the end of a number (Turkish ``binden``, ``üçü``).
    word_suffixes: tuple[str, ...] = ()
    #: Vowel harmony of case endings on number words: last vowel of the word -> vowels its ending may
    #: start with (``bine`` but not ``bina``). Empty: no check.
    suffix_harmony: dict[str, str] = field(default_factory=dict)
    #: Phrases containing number words that are not numbers (``yüz yüze``, ``bu yüzden``, ``dört bir yan``).
    idioms: tuple[str, ...] = ()
    #: Words that never take a suffix because the suffixed form is another word (``ona``, ``birini``).
    no_suffix: frozenset[str] = frozenset()
    #: Suffixes or following tokens that make the number an ordinal (``üçüncü``, ``سی ام``).
    ordinal_suffixes: tuple[str, ...] = ()
    ordinal_tokens: frozenset[str] = frozenset()
    #: Tokens after a number that make it vague (``میلیون ها`` = millions of): no value.
    vague_tokens: frozenset[str] = frozenset()
    #: Words that are numbers only inside a longer number (``bir`` kişi is "a person", not a count).
    not_alone: frozenset[str] = frozenset()
    #: Words that are also common non-number words (``yedi`` "ate", ``نه`` "no", ``ده`` "village"):
    #: alone, they count only before a noun the figure extractor knows.
    ambiguous: frozenset[str] = frozenset()
    #: Words that look like suffixed number words but are something else (``yüzde`` = per cent).
    non_numbers: frozenset[str] = frozenset()
    #: Characters grouping thousands and marking decimals in digit numbers (normalized view).
    thousands_separators: str = "."
    decimal_separators: str = ","
