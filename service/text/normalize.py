"""Normalized views of a text that keep a map back to the original characters.

The original text is what Hamkar stores; offsets of every mention point into it. Comparison and search
need a folded view instead (Turkish-aware case folding, Persian letter unification, one digit system,
one apostrophe), so each view carries ``offsets``: for every character of the view, the index of the
original character it came from. Deleted characters (tatweel, diacritics) simply have no entry.
"""

from __future__ import annotations

import unicodedata
from bisect import bisect_left
from dataclasses import dataclass
from functools import lru_cache
from typing import Literal

ZWNJ = "\u200c"
ZWJ = "\u200d"
TATWEEL = "\u0640"

#: Apostrophe look-alikes used before Turkish suffixes (Ankara’da, Ankara`da, Ankara´da).
APOSTROPHES = "\u2019\u2018\u02bc\u02bb`\u00b4\u2032"

#: Persian (U+06F0..) and Arabic-Indic (U+0660..) digits to ASCII.
_DIGITS = {chr(0x06F0 + i): str(i) for i in range(10)} | {chr(0x0660 + i): str(i) for i in range(10)}

#: Arabic letter forms unified to the Persian ones (what hazm's Normalizer does, character for character).
_PERSIAN_LETTERS = {
    "\u064a": "\u06cc",  # ARABIC YEH -> FARSI YEH
    "\u0649": "\u06cc",  # ALEF MAKSURA -> FARSI YEH
    "\u0643": "\u06a9",  # ARABIC KAF -> KEHEH
    "\u0629": "\u0647",  # TEH MARBUTA -> HEH
    "\u06c0": "\u0647",  # HEH WITH YEH ABOVE -> HEH (the hamza is a spelling variant)
    "\u0623": "\u0627",  # ALEF WITH HAMZA ABOVE -> ALEF
    "\u0625": "\u0627",  # ALEF WITH HAMZA BELOW -> ALEF
    "\u0671": "\u0627",  # ALEF WASLA -> ALEF
}
#: Arabic diacritics (harakat, tanwin, shadda, sukun, superscript alef) and tatweel are dropped.
_DROPPED = {chr(c): "" for c in range(0x064B, 0x0653)} | {"\u0670": "", TATWEEL: ""}
#: Decimal and thousands separators used in Persian numbers.
_PERSIAN_SEPARATORS = {"\u066b": ",", "\u066c": "."}

ZwnjMode = Literal["keep", "space", "drop"]


@dataclass(frozen=True)
class NormalizedView:
    """A normalized string plus, for each of its characters, the index of the original character."""

    text: str
    offsets: tuple[int, ...] | None  # None means identity (no character changed its length)
    original_length: int

    def original_index(self, i: int) -> int:
        """Original index of view index ``i`` (``len(view)`` maps to the original length)."""
        if self.offsets is None:
            return i
        if i >= len(self.offsets):
            return self.original_length
        return self.offsets[i]

    def to_original(self, start: int, end: int) -> tuple[int, int]:
        """Map a view span ``[start, end)`` to the smallest original span that produced it."""
        if start >= end:
            pos = self.original_index(start)
            return pos, pos
        return self.original_index(start), self.original_index(end - 1) + 1

    def to_view(self, original: int) -> int:
        """First view index whose original index is >= ``original`` (for mapping original spans in)."""
        if self.offsets is None:
            return original
        return bisect_left(self.offsets, original)


def _apply(text: str, table: dict[str, str]) -> NormalizedView:
    """Replace characters through ``table`` and record the offsets when lengths change."""
    if all(len(v) == 1 for v in table.values()) or not any(ch in table for ch in text):
        translated = text.translate(str.maketrans(table)) if table else text
        if len(translated) == len(text):
            return NormalizedView(translated, None, len(text))
    parts: list[str] = []
    offsets: list[int] = []
    for i, ch in enumerate(text):
        rep = table.get(ch, ch)
        parts.append(rep)
        offsets.extend([i] * len(rep))
    return NormalizedView("".join(parts), tuple(offsets), len(text))


@lru_cache(maxsize=8)
def _table(lang: str | None, casefold: bool, zwnj: ZwnjMode) -> dict[str, str]:
    table: dict[str, str] = dict(_DIGITS)
    table.update({a: "'" for a in APOSTROPHES})
    if lang in (None, "fa"):
        table.update(_PERSIAN_LETTERS)
        table.update(_DROPPED)
        table.update(_PERSIAN_SEPARATORS)
    if zwnj == "space":
        table[ZWNJ] = " "
    elif zwnj == "drop":
        table[ZWNJ] = ""
        table[ZWJ] = ""
    if casefold:
        # Turkish rules everywhere: a dotted capital İ is i and a plain I is ı in Turkish; in Persian
        # text Latin letters are rare and mostly Turkish or English acronyms, so one rule serves both.
        table["İ"] = "i"
        table["I"] = "ı"
    return table


def normalize(text: str, lang: str | None = None, *, casefold: bool = False, zwnj: ZwnjMode = "keep") -> NormalizedView:
    """Return the normalized view of ``text`` for ``lang`` ('tr', 'fa' or None for both rule sets).

    Always: ASCII digits, one apostrophe. Persian: Arabic letter forms unified, diacritics and tatweel
    dropped. ``casefold`` lower-cases with Turkish rules (İ→i, I→ı) without changing the length of
    the text (Python's ``"İ".lower()`` adds a combining dot, which would shift every later offset).
    """
    view = _apply(text, _table(lang, casefold, zwnj))
    if not casefold:
        return view
    lowered = view.text.lower()
    if len(lowered) == len(view.text):
        return NormalizedView(lowered, view.offsets, len(text))
    # A few characters lower-case to two code points; fold them one at a time to keep the map.
    parts: list[str] = []
    offsets: list[int] = []
    for i, ch in enumerate(view.text):
        low = ch.lower()
        parts.append(low)
        offsets.extend([view.original_index(i)] * len(low))
    return NormalizedView("".join(parts), tuple(offsets), len(text))


def fold_case(text: str) -> str:
    """Turkish-aware lower-casing of a plain string (no offsets)."""
    return normalize(text, "tr", casefold=True).text


def match_key(name: str, lang: str | None = None) -> str:
    """The comparison key for names: NFKC, normalized, case-folded, apostrophe suffix dropped,
    spaces collapsed, and in Persian all spaces and ZWNJ removed (``حرفه ای`` = ``حرفه‌ای`` = ``حرفهای``).

    These are the matching rules of the document gold format (``../shared/seeds/README.md``).
    """
    text = unicodedata.normalize("NFKC", name)
    text = normalize(text, lang, casefold=True, zwnj="drop").text
    if lang != "fa":
        words = []
        for word in text.split():
            head, sep, _suffix = word.partition("'")
            words.append(head if sep and head else word)
        text = " ".join(words)
    text = " ".join(text.split())
    if lang == "fa" or (lang is None and _is_arabic_script(text)):
        text = text.replace(" ", "")
    return text


def _is_arabic_script(text: str) -> bool:
    return any("\u0600" <= ch <= "\u06ff" for ch in text)
