"""Find the dates a Turkish or Persian text states, in either calendar.

Matching runs on the normalized, case-folded view (one digit system, one apostrophe, unified Persian
letters); offsets are mapped back so every mention points into the original text. Steps: collect all
template matches, keep the longest where they overlap, join two dates around a range word (``1 Mart ile
15 Nisan 2024``, ``۱۰ مهر تا ۱۵ آبان``), then resolve each to Gregorian days.
"""

from __future__ import annotations

import datetime as dt
import logging
from bisect import bisect_right
from collections.abc import Sequence
from functools import lru_cache

from service.nlp.dates.model import DateMention
from service.nlp.dates.patterns import DatePatterns, date_patterns
from service.nlp.dates.resolve import Candidate, Resolved, YearHint, month_of, resolve
from service.text.normalize import NormalizedView, normalize
from service.text.sentences import sentence_spans

log = logging.getLogger(__name__)


def extract_dates(text: str, lang: str, reference: dt.date | None = None) -> list[DateMention]:
    """All dates, periods and ranges in ``text``, in text order.

    ``reference`` (the publication date) resolves relative expressions (``dün``, ``هفته گذشته``), weekdays
    and days written without a year; without it relative expressions are left out and a missing year is
    taken from a year written in the document, if any.
    """
    patterns = date_patterns(lang)
    view, candidates, sentences, explicit = _prepare(text, lang)
    mentions: list[DateMention] = []
    for c in candidates:
        hint = _hint(c, explicit, sentences, reference)
        future = _is_future(c, view.text, sentences, patterns)
        resolved = resolve(c, patterns.words, hint, lang, future)
        if resolved is None:
            log.debug("date candidate %r (%s) not resolved", view.text[c.start : c.end], c.kind)
            continue
        mentions.append(_mention(text, view, c, resolved))
    return mentions


@lru_cache(maxsize=16)
def _prepare(
    text: str, lang: str
) -> tuple[
    NormalizedView, tuple[Candidate, ...], tuple[tuple[int, int], ...], tuple[tuple[int, int, str, int], ...]
]:
    """Everything that does not depend on the reference date, cached: the pipeline reads a text twice (once
    for its byline date, once with it as the reference)."""
    patterns = date_patterns(lang)
    view = normalize(text, lang, casefold=True, zwnj="space")
    candidates = _merge_ranges(_select(_candidates(view.text, patterns)), view.text, patterns)
    sentences = [(view.to_view(s), view.to_view(e)) for s, e in sentence_spans(text)]
    explicit = _explicit_years(candidates, patterns, sentences)
    return view, tuple(candidates), tuple(sentences), tuple(explicit)


def _candidates(view: str, patterns: DatePatterns) -> list[Candidate]:
    found: list[Candidate] = []
    has_digit = any(ch.isdigit() for ch in view)
    has_month = patterns.any_month.search(view) is not None
    for order, template in enumerate(patterns.templates):
        if (template.needs_digit and not has_digit) or (template.needs_month and not has_month):
            continue
        for m in template.regex.finditer(view):
            groups = {k: v for k, v in m.groupdict().items() if v is not None}
            found.append(Candidate(m.start(), m.end(), template.kind, groups, order))
    extra = len(patterns.templates)
    for m in patterns.relative.finditer(view):
        found.append(Candidate(m.start(), m.end(), "relative", {"rel": m.group("rel")}, extra))
    if patterns.span is not None:
        for m in patterns.span.finditer(view):
            found.append(Candidate(m.start(), m.end(), "span", m.groupdict(), extra + 1))
    return found


def _select(candidates: list[Candidate]) -> list[Candidate]:
    """Longest matches first (then template order); drop any match overlapping one already kept."""
    kept: list[Candidate] = []
    for c in sorted(candidates, key=lambda c: (c.start - c.end, c.order, c.start)):
        if all(c.end <= k.start or c.start >= k.end for k in kept):
            kept.append(c)
    return sorted(kept, key=lambda c: c.start)


def _merge_ranges(candidates: list[Candidate], view: str, patterns: DatePatterns) -> list[Candidate]:
    """Join ``<day> <range word> <day>`` into one range; the first day borrows the second's year."""
    out: list[Candidate] = []
    for c in candidates:
        prev = out[-1] if out else None
        if (
            prev is not None
            and prev.kind == "day"
            and c.kind == "day"
            and "m1" in prev.groups
            and "wd" not in c.groups
            and patterns.gap_range.fullmatch(view, prev.end, c.start)
            and (("y1" in prev.groups) == ("y1" in c.groups) or "y1" not in prev.groups)
        ):
            groups = {
                "d1": prev.groups["d1"],
                "m1": prev.groups["m1"],
                "d2": c.groups["d1"],
                "m2": c.groups["m1"],
            }
            if "y1" in prev.groups:
                groups["y1"] = prev.groups["y1"]
            if "y1" in c.groups:
                groups["y2"] = c.groups["y1"]
            if "ry" in c.groups:
                groups["ry"] = c.groups["ry"]
            out[-1] = Candidate(prev.start, c.end, "day_range", groups, prev.order)
            continue
        out.append(c)
    return out


def _explicit_years(
    candidates: Sequence[Candidate], patterns: DatePatterns, sentences: Sequence[tuple[int, int]]
) -> list[tuple[int, int, str, int]]:
    """(position, sentence index, calendar, year) of every year written out, in text order."""
    words = patterns.words
    years = []
    for c in candidates:
        for key in ("y1", "y2"):
            if key not in c.groups:
                continue
            year = int(c.groups[key])
            named = month_of(c.groups["m1"], words) if "m1" in c.groups else None
            calendar = named[0] if named else None
            for low, high, cal_name in words.year_calendars:
                if calendar is None and low <= year <= high:
                    calendar = cal_name
            if calendar is not None:
                years.append((c.start, _sentence_index(sentences, c.start), calendar, year))
    return years


def _hint(
    c: Candidate,
    explicit: Sequence[tuple[int, int, str, int]],
    sentences: Sequence[tuple[int, int]],
    reference: dt.date | None,
) -> YearHint:
    sentence = _sentence_index(sentences, c.start)
    context: dict[str, int] = {}
    same: dict[str, int] = {}
    for pos, sent, calendar, year in explicit:  # later years overwrite earlier: nearest preceding wins
        if pos < c.start:
            context[calendar] = year
            if sent == sentence:
                same[calendar] = year
    for pos, _sent, calendar, year in explicit:  # no year before: the first one after
        if pos > c.start and calendar not in context:
            context[calendar] = year
    return YearHint(reference, context, same)


def _sentence_index(sentences: Sequence[tuple[int, int]], pos: int) -> int:
    return bisect_right([s for s, _ in sentences], pos) - 1


def _is_future(c: Candidate, view: str, sentences: Sequence[tuple[int, int]], patterns: DatePatterns) -> bool:
    """Whether the rest of the candidate's sentence is in the future tense (for a bare weekday)."""
    if c.kind != "weekday" or patterns.future is None:
        return False
    index = _sentence_index(sentences, c.start)
    end = sentences[index][1] if 0 <= index < len(sentences) else len(view)
    return patterns.future.search(view, c.end, max(end, c.end)) is not None


def _mention(text: str, view: NormalizedView, c: Candidate, r: Resolved) -> DateMention:
    start, end = view.to_original(c.start, c.end)
    return DateMention(
        text=text[start:end],
        start=start,
        end=end,
        calendar=r.calendar,
        granularity=r.granularity,
        iso_start=r.start.isoformat(),
        iso_end=r.end.isoformat(),
        relative=r.relative,
    )
