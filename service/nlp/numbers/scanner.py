"""Find numbers written in digits, words or both (``4 bin 608``, ``یک میلیون و دویست هزار``).

The reader is a small state machine over tokens instead of a word-to-number table lookup: each part must
be smaller than the place it fills (``yirmi üç`` yes, ``üç yirmi`` no) and each scale word must be
smaller than the one before it. That is what makes ``یک میلیون و دویست هزار`` 1,200,000 (persian-tools
multiplies the whole and gets 1,000,200,000) and splits ``2024 yılında 3 bin`` into two numbers.
"""

from __future__ import annotations

import math
import re
from dataclasses import dataclass
from decimal import Decimal
from functools import lru_cache

from service.nlp.langdata import language_data
from service.nlp.numbers.data import NumeralWords
from service.nlp.numbers.digits import parse_digits
from service.nlp.phrases import alternation
from service.nlp.tokens import Token, only_space_between, tokenize
from service.text.normalize import normalize

_INF = Decimal("Infinity")


@dataclass(frozen=True)
class NumberMatch:
    """A number found in text: offsets (of the text that was scanned) and its value.

    ``suffix`` is a case ending on the number's last token (``600'den`` -> ``den``, ``binden`` -> ``den``),
    which decides qualifiers such as ``'den fazla``. ``end`` excludes it, ``outer_end`` includes it.
    """

    start: int
    end: int
    value: int | float
    suffix: str = ""
    outer_end: int = -1
    ordinal: bool = False
    has_words: bool = False
    lone_ambiguous: bool = False


@dataclass(frozen=True)
class _Element:
    kind: str  # "value" | "hundred" | "scale" | "half" | "plus_half"
    value: Decimal = Decimal(0)


@dataclass(frozen=True)
class _WordReading:
    elements: tuple[_Element, ...]
    suffix: str = ""
    ordinal: bool = False


@lru_cache(maxsize=8)
def _lexicon(lang: str) -> dict[str, _Element]:
    data: NumeralWords = language_data(lang, "numerals")
    lex: dict[str, _Element] = {}
    for value, word in enumerate(data.units):
        lex[word] = _Element("value", Decimal(value))
    for value, word in (data.tens | data.hundreds).items():
        lex[word] = _Element("value", Decimal(value))
    for word, value in data.variants.items():
        kind = "scale" if value in data.scales else "value"
        lex[word] = _Element(kind, Decimal(value))
    lex[data.hundred] = _Element("hundred", Decimal(100))
    for value, word in data.scales.items():
        lex[word] = _Element("scale", Decimal(value))
    for word in data.half:
        lex[word] = _Element("half", Decimal("0.5"))
    for word in data.plus_half:
        lex[word] = _Element("plus_half", Decimal("0.5"))
    return lex


def _read_word(word: str, lang: str, data: NumeralWords) -> _WordReading | None:
    """Number elements of one word token: ``iki`` -> [2]; ``ikibin`` -> [2, 1000]; ``binden`` -> [1000] + den."""
    lex = _lexicon(lang)
    if word in lex:
        return _WordReading((lex[word],))
    if "\u200c" in word:  # یک‌هزار: number words joined by a zero-width non-joiner
        parts = word.split("\u200c")
        return _WordReading(tuple(lex[p] for p in parts)) if all(p in lex for p in parts) else None
    if not data.glued:
        return None
    return _segment(word, lang)


@lru_cache(maxsize=4096)
def _segment(word: str, lang: str) -> _WordReading | None:
    """Split a glued Turkish number word, allowing a case or ordinal ending after the last part."""
    data: NumeralWords = language_data(lang, "numerals")
    lex = _lexicon(lang)
    best: _WordReading | None = None

    def walk(pos: int, parts: tuple[str, ...]) -> None:
        nonlocal best
        if best is not None:
            return
        rest = word[pos:]
        if parts:
            if not rest:
                best = _WordReading(tuple(lex[p] for p in parts))
                return
            if rest in data.ordinal_suffixes:
                best = _WordReading(tuple(lex[p] for p in parts), rest, ordinal=True)
                return
            if (
                rest in data.word_suffixes
                and parts[-1] not in data.no_suffix
                and _harmonic(parts[-1], rest, data)
            ):
                best = _WordReading(tuple(lex[p] for p in parts), rest)
                return
        for end in range(len(word), pos, -1):
            if word[pos:end] in lex:
                walk(end, parts + (word[pos:end],))

    walk(0, ())
    return best


def _harmonic(word: str, suffix: str, data: NumeralWords) -> bool:
    """Whether a case ending agrees with the number word's last vowel (``bine``, not ``bina``)."""
    if not data.suffix_harmony:
        return True
    last = next((ch for ch in reversed(word) if ch in data.suffix_harmony), None)
    first = next((ch for ch in suffix if ch in data.suffix_harmony), None)
    return last is None or first is None or first in data.suffix_harmony[last]


@lru_cache(maxsize=8)
def _idioms(lang: str) -> re.Pattern[str] | None:
    data: NumeralWords = language_data(lang, "numerals")
    if not data.idioms:
        return None
    return re.compile(rf"(?<!\w)(?:{alternation(data.idioms)})(?!\w)")


class _Accumulator:
    """Running value of one number; ``add`` refuses an element that cannot continue it."""

    def __init__(self) -> None:
        self.total = Decimal(0)
        self.group = Decimal(0)
        self.limit = _INF  # next additive value must be below this
        self.last_scale = _INF
        self.hundred_done = False
        self.count = 0

    def add(self, el: _Element, from_digits: bool, implicit_one: frozenset[int]) -> bool:
        if el.kind == "value":
            if el.value >= self.limit:
                return False
            self.group += el.value
            self.limit = Decimal(1) if from_digits or el.value % 1 else _place(el.value)
        elif el.kind == "hundred":
            if self.hundred_done or not (
                self.group == 0 or (self.group < 10 and self.limit == 1 and self.group % 1 == 0)
            ):
                return False
            self.group = (self.group or 1) * 100
            self.hundred_done = True
            self.limit = Decimal(100)
        elif el.kind == "scale":
            if el.value >= self.last_scale:
                return False
            if self.group == 0 and int(el.value) not in implicit_one:
                return False  # "milyon dolarlık" alone is no number (its digits were not understood)
            self.total += (self.group or 1) * el.value
            self.group = Decimal(0)
            self.last_scale = el.value
            self.limit = el.value
            self.hundred_done = False
        elif el.kind == "half" and not self.count:
            self.group = Decimal("0.5")
            self.limit = Decimal(0)
        elif el.kind in ("half", "plus_half"):  # "bir buçuk", "یک و نیم"
            if self.group < 1 or self.group % 1:
                return False
            self.group += Decimal("0.5")
            self.limit = Decimal(0)
        self.count += 1
        return True

    @property
    def value(self) -> Decimal:
        return self.total + self.group


def _place(value: Decimal) -> Decimal:
    """The largest place a word value leaves open: 20 -> 10 (``yirmi üç``), 300 -> 100, 7 -> 1."""
    if value >= 100 and value % 100 == 0:
        return Decimal(100)
    if value >= 10 and value % 10 == 0:
        return Decimal(10)
    return Decimal(1)


def _as_number(value: Decimal) -> int | float:
    return int(value) if value == value.to_integral_value() else float(value)


def scan_tokens(tokens: list[Token], text: str, lang: str, *, running_text: bool = True) -> list[NumberMatch]:
    """All numbers in ``tokens`` (tokens of ``text``, a normalized view), left to right, not overlapping.

    In running text a lone ``bir``/``یک`` is the article "a", not the number one; ``running_text=False``
    reads it as 1 (a string known to be a number).
    """
    data: NumeralWords = language_data(lang, "numerals")
    idioms = _idioms(lang)
    blocked = [m.span() for m in idioms.finditer(text)] if idioms is not None and running_text else []
    matches: list[NumberMatch] = []
    i = 0
    while i < len(tokens):
        match, next_i = _read_number(tokens, i, text, lang, data, running_text)
        if match is not None and not any(s < match.outer_end and match.start < e for s, e in blocked):
            matches.append(match)
        i = max(next_i, i + 1)
    return matches


def _elements_of(tok: Token, lang: str, data: NumeralWords) -> _WordReading | None:
    if tok.is_num:
        value = parse_digits(tok.text, data)
        if value is None:
            return None
        ordinal = bool(tok.suffix) and tok.suffix in data.ordinal_suffixes
        return _WordReading((_Element("value", value),), tok.suffix, ordinal)
    if tok.is_word:
        reading = _read_word(tok.text, lang, data)
        if reading is None:
            return None
        if tok.suffix:
            if reading.suffix:
                return None
            ordinal = tok.suffix in data.ordinal_suffixes
            return _WordReading(reading.elements, tok.suffix, ordinal)
        return reading
    return None


def _read_number(
    tokens: list[Token], i: int, text: str, lang: str, data: NumeralWords, running_text: bool
) -> tuple[NumberMatch | None, int]:
    """Read the longest number starting at token ``i``; return it (or None) and the next token index."""
    if tokens[i].kind == "other" or _elements_of(tokens[i], lang, data) is None:
        return None, i + 1  # most tokens: no number starts here
    acc = _Accumulator()
    start = tokens[i].start
    end = outer_end = tokens[i].end
    suffix, ordinal, has_words = "", False, False
    used: list[Token] = []
    j = i
    while j < len(tokens):
        tok = tokens[j]
        if used and not only_space_between(text, used[-1].outer_end, tok.start):
            break
        connector = False
        if data.connector and tok.is_word and tok.text == data.connector and used:
            nxt = tokens[j + 1] if j + 1 < len(tokens) else None
            if nxt is None or not only_space_between(text, tok.outer_end, nxt.start):
                break
            connector, tok = True, nxt
        reading = _elements_of(tok, lang, data)
        if reading is None:
            break
        snapshot = _snapshot(acc)
        if not all(acc.add(el, tok.is_num, data.implicit_one) for el in reading.elements):
            _restore(acc, snapshot)
            break
        used.append(tok)
        has_words = has_words or tok.is_word
        end, outer_end = tok.end, tok.outer_end
        j += 2 if connector else 1
        if reading.suffix or reading.ordinal:
            suffix, ordinal = reading.suffix, reading.ordinal
            break
    if not used:
        return None, i + 1
    after = tokens[j] if j < len(tokens) else None
    if after is not None and only_space_between(text, outer_end, after.start):
        if after.text in data.ordinal_tokens and not suffix:
            ordinal = True
        if after.text in data.vague_tokens:
            return None, j + 1
    if running_text and has_words and len(used) == 1 and used[0].text in data.not_alone:
        return None, j
    if any(t.text in data.non_numbers for t in used if t.is_word):
        return None, j
    lone = has_words and len(used) == 1 and used[0].text in data.ambiguous
    value = _as_number(acc.value)
    if isinstance(value, float) and not math.isfinite(value):
        return None, j
    return NumberMatch(start, end, value, suffix, outer_end, ordinal, has_words, lone), j


def _snapshot(acc: _Accumulator) -> tuple:
    return (acc.total, acc.group, acc.limit, acc.last_scale, acc.hundred_done, acc.count)


def _restore(acc: _Accumulator, snap: tuple) -> None:
    acc.total, acc.group, acc.limit, acc.last_scale, acc.hundred_done, acc.count = snap


def find_numbers(text: str, lang: str) -> list[NumberMatch]:
    """Numbers in ``text`` with offsets into the original ``text`` (see :class:`NumberMatch`)."""
    view = normalize(text, lang, casefold=True)
    found = scan_tokens(tokenize(view.text), view.text, lang)
    out = []
    for m in found:
        start, end = view.to_original(m.start, m.end)
        _, outer_end = view.to_original(m.start, m.outer_end)
        out.append(
            NumberMatch(start, end, m.value, m.suffix, outer_end, m.ordinal, m.has_words, m.lone_ambiguous)
        )
    return out


def parse_number(text: str, lang: str) -> int | float | None:
    """The value of ``text`` when all of it is one number (``"4 bin 608"`` -> 4608), else None."""
    view = normalize(text.strip(), lang, casefold=True, zwnj="space")  # "یک‌هزار" reads as two words
    tokens = tokenize(view.text)
    found = scan_tokens(tokens, view.text, lang, running_text=False)
    if len(found) != 1 or not tokens:
        return None
    m = found[0]
    if m.start != tokens[0].start or m.outer_end != tokens[-1].outer_end or m.ordinal:
        return None
    return m.value
