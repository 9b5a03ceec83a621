"""Qualifiers of a figure: written before the number (``yaklaşık``, ``بیش از``), after it with the number's case
ending (``8000'den fazla``, ``500'ü aşkın``), or after the counted noun (``500 kişiyi aşkın``)."""

from __future__ import annotations

import re
from dataclasses import dataclass
from functools import lru_cache

from service.nlp.figures.data import FigureWords
from service.nlp.langdata import language_data
from service.nlp.phrases import alternation


@dataclass(frozen=True)
class _Compiled:
    before: re.Pattern[str]
    before_words: dict[str, str]
    after: tuple[tuple[re.Pattern[str], re.Pattern[str], str], ...]


@lru_cache(maxsize=8)
def _compiled(lang: str) -> _Compiled:
    data: FigureWords = language_data(lang, "figures")
    before = re.compile(rf"(?:^|(?<=[^\w]))(?P<q>{alternation(data.qualifiers_before)})\s*$")
    after = tuple(
        (re.compile(rf"(?:{q.suffix})"), re.compile(rf"\s*(?:{q.words})(?!\w)"), q.qualifier)
        for q in data.qualifiers_after
    )
    return _Compiled(before, {" ".join(k.split()): v for k, v in data.qualifiers_before.items()}, after)


def qualifier_before(view: str, start: int, lang: str, floor: int = 0) -> tuple[str, int] | None:
    """The qualifier written right before ``start`` (not reaching back past ``floor``) and where it starts."""
    compiled = _compiled(lang)
    m = compiled.before.search(view, max(floor, start - 40), start)
    if m is None:
        return None
    key = " ".join(m.group("q").replace("\u200c", " ").split())
    qualifier = compiled.before_words.get(key)
    return (qualifier, m.start("q")) if qualifier else None


def qualifier_after(
    view: str, pos: int, ending: str, lang: str, *, whole_ending: bool = True
) -> tuple[str, int] | None:
    """A qualifier starting at ``pos`` for a number (or noun) with case ``ending``; returns it and where it ends.

    For a number the ending is its suffix and must match in full (``den``); for a noun it is the word,
    whose end must match (``kişiyi`` ends in ``yi``).
    """
    for suffix, words, qualifier in _compiled(lang).after:
        if whole_ending:
            ok = suffix.fullmatch(ending) is not None
        else:
            ok = suffix.pattern == "(?:)" or re.search(rf"(?:{suffix.pattern})$", ending) is not None
        if not ok:
            continue
        m = words.match(view, pos)
        if m is not None:
            return qualifier, m.end()
    return None
