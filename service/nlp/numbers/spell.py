"""Numbers written out in words (``to_words(4608, "tr")`` -> ``dört bin altı yüz sekiz``).

Used by the property tests (number -> words -> number must round-trip) and to render values in a
reader's language; it writes from the same vocabulary the parser reads.
"""

from __future__ import annotations

from service.nlp.langdata import language_data
from service.nlp.numbers.data import NumeralWords

MAX_SPELLED = 10**15 - 1


def to_words(n: int, lang: str) -> str:
    """Spell a non-negative integer below 10**15 in words of ``lang``."""
    if isinstance(n, bool) or not isinstance(n, int) or not 0 <= n <= MAX_SPELLED:
        raise ValueError(f"to_words needs an int in 0..{MAX_SPELLED}, got {n!r}")
    data: NumeralWords = language_data(lang, "numerals")
    if n == 0:
        return data.units[0]
    parts: list[str] = []
    for scale in sorted(data.scales, reverse=True):
        count, n = divmod(n, scale)
        if count:
            head = "" if count == 1 and scale in data.implicit_one else _below_thousand(count, data) + " "
            parts.append(head + data.scales[scale])
    if n:
        parts.append(_below_thousand(n, data))
    return _join(parts, data)


def _below_thousand(n: int, data: NumeralWords) -> str:
    parts: list[str] = []
    hundreds, rest = divmod(n, 100)
    if hundreds:
        if data.hundreds:
            parts.append(data.hundreds[hundreds * 100])
        elif hundreds == 1 and 100 in data.implicit_one:
            parts.append(data.hundred)
        else:
            parts.append(f"{data.units[hundreds]} {data.hundred}")
    if rest:
        if rest < len(data.units):
            parts.append(data.units[rest])
        else:
            tens, units = divmod(rest, 10)
            parts.append(data.tens[tens * 10])
            if units:
                parts.append(data.units[units])
    return _join(parts, data)


def _join(parts: list[str], data: NumeralWords) -> str:
    return f" {data.connector} ".join(parts) if data.connector else " ".join(parts)
