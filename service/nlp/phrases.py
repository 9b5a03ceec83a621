"""Regex alternations built from word lists (month names, qualifier phrases, relative expressions)."""

from __future__ import annotations

import re
from collections.abc import Iterable


def alternation(phrases: Iterable[str]) -> str:
    """A regex alternation of phrases, longest first; a space inside a phrase matches any run of white
    space or zero-width non-joiners (``کم تر``, ``کم‌تر``)."""
    unique = sorted(set(phrases), key=len, reverse=True)
    return "|".join(r"[\s\u200c]+".join(re.escape(part) for part in p.split()) for p in unique)
