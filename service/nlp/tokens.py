"""Tokens of a normalized view, for the date, number and figure scanners.

Why a tokenizer of our own: the scanners need exact offsets into the normalized view and the Turkish
apostrophe suffix kept apart from its word (``8000'den``, ``İŞKUR'un``); spaCy's blank tokenizer keeps
the suffix attached and costs more than these extractors themselves. A zero-width non-joiner stays inside
a Persian word (``شرکت‌کننده``, ``می‌شود``), so compounds and verb prefixes are one token.
"""

from __future__ import annotations

import re
from dataclasses import dataclass

_TOKEN = re.compile(
    r"(?P<num>\d+(?:[.,/]\d+)*)(?:'(?P<nsfx>[^\W\d_]+))?"
    r"|(?P<word>[^\W\d_]+(?:\u200c[^\W\d_]+)*)(?:'(?P<wsfx>[^\W\d_]+))?"
    r"|(?P<other>\S)"
)


@dataclass(frozen=True)
class Token:
    """A number, a word or a single other character, with view offsets.

    ``end`` excludes an apostrophe suffix; ``suffix`` holds it (lower case in a case-folded view) and
    ``outer_end`` is where the token including the suffix ends.
    """

    text: str
    start: int
    end: int
    kind: str  # "num" | "word" | "other"
    suffix: str = ""
    outer_end: int = -1

    @property
    def is_num(self) -> bool:
        return self.kind == "num"

    @property
    def is_word(self) -> bool:
        return self.kind == "word"


def tokenize(text: str, start: int = 0, end: int | None = None) -> list[Token]:
    """Tokens of ``text[start:end]`` with offsets into ``text``."""
    tokens: list[Token] = []
    for m in _TOKEN.finditer(text, start, len(text) if end is None else end):
        if m.group("num") is not None:
            kind, body, sfx = "num", "num", "nsfx"
        elif m.group("word") is not None:
            kind, body, sfx = "word", "word", "wsfx"
        else:
            tokens.append(Token(m.group(), m.start(), m.end(), "other", "", m.end()))
            continue
        tokens.append(Token(m.group(body), m.start(body), m.end(body), kind, m.group(sfx) or "", m.end()))
    return tokens


def only_space_between(text: str, left: int, right: int) -> bool:
    """True when ``text[left:right]`` is empty or white space (tokens stand next to each other)."""
    return left <= right and not text[left:right].strip()
