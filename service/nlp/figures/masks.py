"""Spans of a normalized view where a number is never a statistic: dates, links, phone numbers, clock times.

Why masks instead of filters on each number: a phone number is several numbers (``0312 555 12 34``) and
a link holds digits anywhere (``UC8011_ShOj9``); masking the whole span once is simpler and safer.
"""

from __future__ import annotations

import re
from collections.abc import Iterable

_PATTERNS = (
    re.compile(r"(?:https?://|www\.)\S+"),
    re.compile(r"\S+@\S+\.\w+"),
    re.compile(r"(?<!\w)[@#][\w.]+"),
    # +90 (312) 555 12 34, 0 312 555 12 34, 0312-555-1234, 041-33333333, 09121234567, 444 1 234, 444 40 35
    re.compile(
        r"(?<![\w.,])(?:\+\d{1,3}[\s-]?)?(?:\(0?\d{2,4}\)|0\s?\d{2,4})[\s-]?\d{3}[\s-]?\d{2}[\s-]?\d{2,4}(?![\w])"
    ),
    re.compile(r"(?<![\w.,])0\d{2,3}[\s-]?\d{7,8}(?!\w)"),
    re.compile(r"(?<![\w.,])0?9\d{9}(?!\w)"),
    re.compile(r"(?<![\w.,])444[\s-]?\d{1,2}[\s-]?\d{2,3}(?:[\s-]?\d{2})?(?!\w)"),
    re.compile(r"(?<![\w.,])\d{1,2}:\d{2}(?::\d{2})?(?!\w)"),
)


def masked_spans(view: str, extra: Iterable[tuple[int, int]] = ()) -> list[tuple[int, int]]:
    """Sorted (start, end) view spans holding no figure: ``extra`` (e.g. dates) plus links, phones, times."""
    spans = list(extra)
    for pattern in _PATTERNS:
        spans.extend(m.span() for m in pattern.finditer(view))
    return sorted(spans)


def overlaps(spans: list[tuple[int, int]], start: int, end: int) -> bool:
    return any(s < end and start < e for s, e in spans)
