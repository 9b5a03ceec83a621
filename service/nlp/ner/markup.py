"""Inline entity markup of the team-written domain corpus (``corpora/ner-domain``).

One sentence per line; an entity is written ``[[surface text|LABEL]]`` in place, so a line reads like
the sentence itself and needs no hand-counted offsets. Turkish case suffixes stay outside the brackets
(``[[İŞKUR|ORG]]'un``). Lines starting with ``#`` and blank lines are ignored.
"""

from __future__ import annotations

import re
from collections.abc import Iterator
from dataclasses import dataclass, field
from pathlib import Path

LABELS = frozenset({"PER", "ORG", "LOC", "DATE", "MONEY", "PERCENT", "MISC"})
_ENTITY = re.compile(r"\[\[([^\[\]|]+)\|([A-Z]+)\]\]")


class MarkupError(ValueError):
    """A line of the corpus is not well-formed markup."""


@dataclass(frozen=True)
class AnnotatedSentence:
    """Plain text plus ``(start, end, label)`` character spans into it."""

    text: str
    entities: tuple[tuple[int, int, str], ...] = field(default_factory=tuple)
    source: str = ""


def parse_line(line: str, source: str = "") -> AnnotatedSentence:
    """Strip the markup of one line, returning the text and its entity spans."""
    parts: list[str] = []
    entities: list[tuple[int, int, str]] = []
    pos = 0
    length = 0
    for match in _ENTITY.finditer(line):
        before = line[pos : match.start()]
        parts.append(before)
        length += len(before)
        surface, label = match.group(1), match.group(2)
        if label not in LABELS:
            raise MarkupError(f"{source}: unknown label {label!r} in {match.group(0)!r}")
        if surface != surface.strip():
            raise MarkupError(f"{source}: entity with outer spaces {match.group(0)!r}")
        entities.append((length, length + len(surface), label))
        parts.append(surface)
        length += len(surface)
        pos = match.end()
    parts.append(line[pos:])
    text = "".join(parts)
    if "[[" in text or "]]" in text:
        raise MarkupError(f"{source}: unbalanced entity brackets in {line!r}")
    return AnnotatedSentence(text, tuple(entities), source)


def read_corpus(path: Path) -> Iterator[AnnotatedSentence]:
    """Yield the annotated sentences of a markup file."""
    with path.open(encoding="utf-8") as handle:
        for number, raw in enumerate(handle, start=1):
            line = raw.strip()
            if not line or line.startswith("#"):
                continue
            yield parse_line(line, f"{path.name}:{number}")
