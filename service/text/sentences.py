"""Sentence spans with offsets into the original text.

A rule splitter is enough for press releases and keeps offsets exact: it splits after ``.``, ``!``,
``?``, ``؟``, ``…`` and at blank lines, but not after Turkish abbreviations (``Dr.``, ``Prof.``, ``vb.``)
or ordinal numbers (``3. Dönem``), nor inside numbers (``4.608``).
"""

from __future__ import annotations

import re

_ABBREVIATIONS = frozenset(
    "dr prof doç yrd öğr gör av müh uzm sn vb vs bkz no tel st mah cad sok apt yy bşk gn md org alb "
    "yzb ltd şti a.ş inc co mr mrs ms jr".split()
)
_BOUNDARY = re.compile(r"[.!?؟…]+[\"'»”)]*(?=\s)|\n\s*\n|(?<=[^\n])\n(?=[^\n])")


def sentence_spans(text: str) -> list[tuple[int, int]]:
    """Return ``[(start, end), ...]`` of sentences, trimmed of surrounding white space."""
    spans: list[tuple[int, int]] = []
    start = 0
    for match in _BOUNDARY.finditer(text):
        end = match.end()
        if match.group().startswith(".") and not _is_sentence_end(text, match.start()):
            continue
        if match.group() == "\n" and not _line_break_ends_sentence(text, match.start()):
            continue
        _append(text, start, end, spans)
        start = end
    _append(text, start, len(text), spans)
    return spans


def _is_sentence_end(text: str, dot: int) -> bool:
    """False for a dot after an abbreviation, an initial or an ordinal number followed by a lower/number."""
    word_start = dot
    while word_start > 0 and not text[word_start - 1].isspace():
        word_start -= 1
    word = text[word_start:dot].lower().strip("(\"'")
    if word in _ABBREVIATIONS or (len(word) == 1 and word.isalpha()):
        return False
    following = text[dot + 1 :].lstrip()[:1]
    if word.isdigit() and len(word) <= 2:  # ordinals: "3. Dönem", "15. Kalkınma Planı"
        return False
    return not (following and following.islower())


def _line_break_ends_sentence(text: str, pos: int) -> bool:
    """A single line break ends a sentence unless the line looks wrapped (next line starts lower-case)."""
    following = text[pos + 1 : pos + 2]
    return not following.islower()


def _append(text: str, start: int, end: int, spans: list[tuple[int, int]]) -> None:
    while start < end and text[start].isspace():
        start += 1
    while end > start and text[end - 1].isspace():
        end -= 1
    if end > start:
        spans.append((start, end))
