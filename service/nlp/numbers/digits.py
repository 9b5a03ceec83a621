"""Digit numbers under each language's separator conventions.

Why not ``float(s.replace(...))``: ``4.608`` is 4608 in Turkish and ``۱٬۲۰۰`` 1200 in Persian, while
``1,5`` and ``۳/۵`` are decimals; ``26.01.2022`` is no number at all. The decision needs the group
lengths, not just the characters.
"""

from __future__ import annotations

import re
from decimal import Decimal

from service.nlp.numbers.data import NumeralWords

_SHAPE = re.compile(r"\d+(?:[.,/]\d+)*")
_SPLIT = re.compile(r"([.,/])")


def parse_digits(token: str, data: NumeralWords) -> Decimal | None:
    """Value of a digit token of the normalized view (ASCII digits), or None when it is not one number."""
    if not _SHAPE.fullmatch(token):
        return None
    parts = _SPLIT.split(token)
    groups, seps = parts[0::2], parts[1::2]
    if not seps:
        return Decimal(token)
    if _is_grouping(groups, seps, data):
        return Decimal("".join(groups))
    if len(seps) == 1 and seps[0] in data.decimal_separators:
        return Decimal(f"{groups[0]}.{groups[1]}")
    # Grouped integer part followed by a decimal part: 1.250,5 (Turkish), 1,250.5 (English style).
    if len(seps) >= 2 and seps[-1] != seps[0] and seps[-1] in data.decimal_separators:
        if _is_grouping(groups[:-1], seps[:-1], data, any_separator=True):
            return Decimal(f"{''.join(groups[:-1])}.{groups[-1]}")
    return None


def _is_grouping(
    groups: list[str], seps: list[str], data: NumeralWords, *, any_separator: bool = False
) -> bool:
    """Thousands grouping: one separator kind, 1-3 leading digits, then groups of exactly three.

    A separator that is not the language's grouping mark still groups when it repeats (``1,500,000``).
    """
    if len(set(seps)) != 1 or seps[0] == "/":
        return False
    if not 1 <= len(groups[0]) <= 3 or groups[0].startswith("0") or any(len(g) != 3 for g in groups[1:]):
        return False
    return any_separator or seps[0] in data.thousands_separators or len(seps) >= 2
