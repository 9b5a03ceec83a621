"""The shape of a language's calendar data (filled in ``service/nlp/<lang>/calendar.py``).

A language supplies its words and its date *templates*: regular expressions over the normalized,
case-folded view with placeholders the engine fills in (``{D1}`` day, ``{M1}`` month name, ``{Y1}`` year,
...). The engine reads a match only through its named groups, so a template says *where* the parts are
and never *how* to convert them.

Placeholders: ``{D1}``/``{D2}`` day number; ``{M1}``/``{M2}`` full month name of this language's own
calendar; ``{MA1}``/``{MA2}`` any month name (also abbreviations and the other calendar's names, safe
only next to a year); ``{NM1}`` month number; ``{Y1}``/``{Y2}`` four-digit year; ``{WD}`` weekday;
``{WDIR}`` a weekday's direction word; ``{RY}`` relative year phrase (``geçen yıl``, ``امسال``); ``{HALF}`` part-of-year phrase; ``{ACAD}`` marks an
academic year; ``{DW}`` the day word next to a weekday; ``{S}`` the suffix a date word may carry.
"""

from __future__ import annotations

from dataclasses import dataclass, field


@dataclass(frozen=True)
class CalendarWords:
    """Date vocabulary and templates of one language (words normalized and lower-cased)."""

    #: Calendar of month names and bare years written in this language ("gregorian" | "jalali").
    native_calendar: str
    #: Full month names of the native calendar -> month number.
    months: dict[str, int]
    #: Abbreviations of native month names (``oca``, ``şub``): only next to a year.
    month_abbreviations: dict[str, int] = field(default_factory=dict)
    #: Month names of the *other* calendar as written in this language (``اوت`` = August in Persian).
    foreign_months: dict[str, int] = field(default_factory=dict)
    foreign_calendar: str = "gregorian"
    #: Weekday name -> ISO weekday index (0 = Monday).
    weekdays: dict[str, int] = field(default_factory=dict)
    #: Weekday names that are also common words (``pazar`` market, ``cuma`` Friday prayer): alone, they
    #: are dates only with the day word (``pazar günü``).
    weekday_needs_day_word: frozenset[str] = frozenset()
    #: Words putting a weekday in the past or future week (``geçen cuma``, ``شنبه آینده``): ``{WDIR}``.
    weekday_directions: dict[str, int] = field(default_factory=dict)
    #: Regex for "day" next to a weekday (``günü``, ``روز``).
    day_word: str = ""
    #: Relative expressions: phrase (regex) -> (unit, offset), unit in day|week|month|year.
    relative: dict[str, tuple[str, int]] = field(default_factory=dict)
    #: "N <unit> ago/later": unit words -> unit, direction words -> sign.
    span_units: dict[str, str] = field(default_factory=dict)
    span_directions: dict[str, int] = field(default_factory=dict)
    #: Endings a relative phrase may carry (``dünkü``, ``geçen yılın``).
    relative_suffixes: tuple[str, ...] = ()
    #: Relative-year phrases usable with a month (``geçen yılın ağustos ayında``, ``مهر ماه امسال``).
    relative_years: dict[str, int] = field(default_factory=dict)
    #: Part-of-year phrases -> (first month, last month).
    year_parts: dict[str, tuple[int, int]] = field(default_factory=dict)
    #: First weekday of a week (0 = Monday; 5 = Saturday in Iran).
    week_start: int = 0
    #: First (month, day) of an academic year in the native calendar.
    academic_year_start: tuple[int, int] = (9, 1)
    #: Year ranges and their calendar for numeric dates: (low, high, calendar).
    year_calendars: tuple[tuple[int, int, str], ...] = ((1900, 2100, "gregorian"),)
    #: Regex of the suffix a date word may carry (Turkish ``'ta``).
    suffix: str = ""
    #: Regex of the words naming an academic year (``eğitim öğretim yılı``, ``سال تحصیلی``): ``{ACAD}``.
    academic_words: str = ""
    #: A word that may be glued to a month name (Persian ``آذرماه``).
    month_glued: str = ""
    #: Regex of words joining two dates into a range (``-``, ``ile``, ``تا``).
    range_connector: str = r"[-–—]"
    #: Regex of words in a sentence that put an event in the future (weekday resolution).
    future_markers: str = ""
    #: (template name, regex template); earlier templates win ties between equally long matches.
    templates: tuple[tuple[str, str], ...] = ()
