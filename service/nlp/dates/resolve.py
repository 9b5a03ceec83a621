"""Turn a matched date template into Gregorian days.

A match only says which parts were written (day, month name or number, year, a relative phrase); this
module decides the calendar (month-name table, or the year's range for numbers), fills a missing year
from the reference date or the document, and checks that the day exists.
"""

from __future__ import annotations

import datetime as dt
from dataclasses import dataclass

from service.nlp.dates import calendars as cal
from service.nlp.dates.data import CalendarWords
from service.nlp.numbers import parse_number


@dataclass(frozen=True)
class Candidate:
    """A template match on the normalized view (offsets into the view)."""

    start: int
    end: int
    kind: str
    groups: dict[str, str]
    order: int


@dataclass(frozen=True)
class Resolved:
    start: dt.date
    end: dt.date
    granularity: str
    calendar: str
    relative: bool


@dataclass(frozen=True)
class YearHint:
    """How to fill a year the text left out: a reference date and/or a year from the document."""

    reference: dt.date | None
    context: dict[str, int]  # calendar -> year written nearby
    same_sentence: dict[str, int]  # calendar -> year written earlier in the same sentence


def _key(word: str) -> str:
    return " ".join(word.rstrip(".").split())


def month_of(word: str, words: CalendarWords) -> tuple[str, int] | None:
    """(calendar, month number) of a month name; None for a number (its calendar comes from the year)."""
    key = _key(word)
    if key in words.months:
        return words.native_calendar, words.months[key]
    if key in words.month_abbreviations:
        return words.native_calendar, words.month_abbreviations[key]
    if key in words.foreign_months:
        return words.foreign_calendar, words.foreign_months[key]
    return None


def resolve(
    c: Candidate, words: CalendarWords, hint: YearHint, lang: str, future: bool = False
) -> Resolved | None:
    """Gregorian start/end of a candidate, or None when it names no real date or lacks a reference."""
    try:
        if c.kind in ("day", "day_range"):
            return _days(c, words, hint)
        if c.kind in ("month", "month_range"):
            return _months(c, words, hint)
        if c.kind == "part" and "ry" in c.groups:
            return _relative_part(c, words, hint.reference)
        if c.kind in ("year", "year_range", "academic", "part", "decade"):
            return _years(c, words)
        if c.kind == "relative":
            return _relative(c.groups["rel"], words, hint.reference)
        if c.kind == "span":
            return _span(c, words, hint.reference, lang)
        if c.kind == "weekday":
            return _weekday(c, words, hint.reference, future)
    except ValueError:
        return None
    raise ValueError(f"unknown date template kind {c.kind!r}")


def _year_calendar(year: int, words: CalendarWords) -> str | None:
    return cal.calendar_of_year(year, words.year_calendars)


def _month_and_calendar(word: str, year: int | None, words: CalendarWords) -> tuple[str, int]:
    named = month_of(word, words)
    if named is not None:
        calendar, month = named
        if year is not None and _year_calendar(year, words) != calendar:
            raise ValueError(f"year {year} is not a {calendar} year")
        return calendar, month
    if year is None:
        return words.native_calendar, int(word)
    calendar = _year_calendar(year, words)
    if calendar is None:
        raise ValueError(f"{year} is no year this language writes")
    return calendar, int(word)


def _days(c: Candidate, words: CalendarWords, hint: YearHint) -> Resolved:
    g = c.groups
    last_month_word = g.get("m2") or g["m1"]
    end_year = _int(g.get("y2") or (g.get("y1") if "d2" not in g else None))
    calendar, end_month = _month_and_calendar(last_month_word, end_year, words)
    start_month = _month_and_calendar(g["m1"], None, words)[1] if "m1" in g and "d2" in g else end_month
    relative = end_year is None
    if end_year is None:
        end_year = _infer_year(calendar, end_month, int(g.get("d2") or g["d1"]), g.get("ry"), words, hint)
    start_year = _int(g.get("y1")) if "d2" in g and g.get("y1") else end_year
    if "d2" not in g:
        d = cal.day(calendar, end_year, end_month, int(g["d1"]))
        return Resolved(d, d, "day", calendar, relative)
    end = cal.day(calendar, end_year, end_month, int(g["d2"]))
    start = cal.day(calendar, start_year, start_month, int(g["d1"]))
    if start > end and "y1" not in g:
        start = cal.day(calendar, start_year - 1, start_month, int(g["d1"]))
    if start >= end:
        raise ValueError("range ends before it starts")
    return Resolved(start, end, "range", calendar, relative)


def _months(c: Candidate, words: CalendarWords, hint: YearHint) -> Resolved:
    g = c.groups
    year = _int(g.get("y2") or g.get("y1"))
    calendar, last = _month_and_calendar(g.get("m2") or g["m1"], year, words)
    relative = year is None
    if year is None:
        year = _infer_year(calendar, last, 15, g.get("ry"), words, hint)
    if "m2" not in g:
        start, end = cal.month_span(calendar, year, last)
        return Resolved(start, end, "month", calendar, relative)
    first = _month_and_calendar(g["m1"], None, words)[1]
    start = cal.month_span(calendar, year if first <= last else year - 1, first)[0]
    return Resolved(start, cal.month_span(calendar, year, last)[1], "range", calendar, relative)


def _years(c: Candidate, words: CalendarWords) -> Resolved:
    g = c.groups
    y1 = int(g["y1"])
    calendar = _year_calendar(y1, words)
    if calendar is None:
        raise ValueError(f"{y1} is no year this language writes")
    y2 = _int(g.get("y2"))
    if y2 is not None and _year_calendar(y2, words) != calendar:
        raise ValueError("years of two calendars")
    if c.kind == "year":
        start, end = cal.year_span(calendar, y1)
        return Resolved(start, end, "year", calendar, False)
    if c.kind == "part":
        first, last = words.year_parts[_key(g["half"])]
        start, end = cal.months_span(calendar, y1, first, last)
    elif c.kind == "decade":
        if y1 % 10:
            raise ValueError("a decade starts on a round year")
        start, end = cal.year_span(calendar, y1)[0], cal.year_span(calendar, y1 + 9)[1]
    elif c.kind == "academic":
        if y2 is not None and y2 < y1:
            y1, y2 = y2, y1
        last = y2 if y2 is not None else y1 + 1
        if last - y1 not in (1, 2, 3, 4, 5):
            raise ValueError("implausible academic years")
        month, day_ = words.academic_year_start
        start = cal.day(calendar, y1, month, day_)
        end = cal.day(calendar, last, month, day_) - dt.timedelta(days=1)
    else:  # year_range
        if y2 is None or not y1 < y2 <= y1 + 20:
            raise ValueError("implausible year range")
        start, end = cal.year_span(calendar, y1)[0], cal.year_span(calendar, y2)[1]
    return Resolved(start, end, "range", calendar, False)


def _infer_year(
    calendar: str, month: int, day_: int, rel_year: str | None, words: CalendarWords, hint: YearHint
) -> int:
    """The year of a date written without one.

    A relative year phrase (``geçen yılın``) counts from the reference; a year written earlier in the same
    sentence wins next; then the year that puts the date nearest the reference (news speaks of days
    around its own date); then a year written elsewhere in the document.
    """
    if rel_year is not None:
        if hint.reference is None:
            raise ValueError("relative year without a reference date")
        return cal.native(calendar, hint.reference)[0] + words.relative_years[_key(rel_year)]
    if calendar in hint.same_sentence:
        return hint.same_sentence[calendar]
    if hint.reference is not None:
        ref_year = cal.native(calendar, hint.reference)[0]
        day_ = min(day_, 28 if month == 2 else 29)
        return min(
            (ref_year - 1, ref_year, ref_year + 1),
            key=lambda y: abs((cal.day(calendar, y, month, day_) - hint.reference).days),  # type: ignore[operator]
        )
    if calendar in hint.context:
        return hint.context[calendar]
    raise ValueError("no year for a date written without one")


def _relative(phrase: str, words: CalendarWords, reference: dt.date | None) -> Resolved:
    if reference is None:
        raise ValueError("relative date without a reference")
    unit, offset = words.relative[_key(phrase)]
    return _shifted(unit, offset, words, reference)


def _shifted(unit: str, offset: int, words: CalendarWords, reference: dt.date) -> Resolved:
    calendar = words.native_calendar
    if unit == "day":
        d = reference + dt.timedelta(days=offset)
        return Resolved(d, d, "day", calendar, True)
    if unit == "week":
        start, end = cal.week_span(reference, words.week_start, offset)
        return Resolved(start, end, "range", calendar, True)
    year, month, _ = cal.native(calendar, reference)
    if unit == "month":
        start, end = cal.month_span(calendar, *cal.shift_month(year, month, offset))
        return Resolved(start, end, "month", calendar, True)
    start, end = cal.year_span(calendar, year + offset)
    return Resolved(start, end, "year", calendar, True)


def _relative_part(c: Candidate, words: CalendarWords, reference: dt.date | None) -> Resolved:
    """``تابستان امسال``, ``bu yılın ilk yarısı``: a part of a year named relative to the reference."""
    if reference is None:
        raise ValueError("relative year without a reference date")
    calendar = words.native_calendar
    year = cal.native(calendar, reference)[0] + words.relative_years[_key(c.groups["ry"])]
    first, last = words.year_parts[_key(c.groups["half"])]
    start, end = cal.months_span(calendar, year, first, last)
    return Resolved(start, end, "range", calendar, True)


def _span(c: Candidate, words: CalendarWords, reference: dt.date | None, lang: str) -> Resolved:
    if reference is None:
        raise ValueError("relative date without a reference")
    n = parse_number(c.groups["n"], lang)
    if not isinstance(n, int) or not 1 <= n <= 999:
        raise ValueError("not a count of days/weeks/months/years")
    unit = words.span_units[_key(c.groups["unit"])]
    direction = words.span_directions[_key(c.groups["dir"])]
    return _shifted(unit, direction * n, words, reference)


def _weekday(c: Candidate, words: CalendarWords, reference: dt.date | None, future: bool) -> Resolved:
    """The nearest such weekday before (or, for an event in the future tense, after) the reference; with a
    direction word (``geçen cuma``, ``شنبه آینده``) the one in the week before or after."""
    if reference is None:
        raise ValueError("weekday without a reference")
    name = _key(c.groups["wd"])
    direction = words.weekday_directions.get(_key(c.groups.get("wdir", "")))
    if name in words.weekday_needs_day_word and not c.groups.get("dw") and direction is None:
        raise ValueError(f"{name!r} alone is not a date")
    target = words.weekdays[name]
    back = (reference.weekday() - target) % 7
    ahead = (target - reference.weekday()) % 7
    if direction == -1:
        delta = -(back or 7)
    elif direction == 1:
        delta = ahead or 7
    else:
        delta = (ahead or 7) if future else -back
    d = reference + dt.timedelta(days=delta)
    return Resolved(d, d, "day", words.native_calendar, True)


def _int(value: str | None) -> int | None:
    return int(value) if value else None
