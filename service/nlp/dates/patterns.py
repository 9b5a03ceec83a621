"""Compiled date patterns of a language: its templates with placeholders filled in from its words.

Why compile per language once: the alternations of month, weekday and relative words are long, and the
extractor runs on every document.
"""

from __future__ import annotations

import re
from dataclasses import dataclass
from functools import lru_cache

from service.nlp.dates.data import CalendarWords
from service.nlp.langdata import language_data
from service.nlp.phrases import alternation

_DAY = r"0?[1-9]|[12]\d|3[01]"
_MONTH_NUMBER = r"0?[1-9]|1[0-2]"
_YEAR = r"\d{4}"
_PLACEHOLDER = re.compile(r"\{(D1|D2|M1|M2|MA1|MA2|NM1|Y1|Y2|WD|WDIR|DW|RY|HALF|ACAD|S)\}")


@dataclass(frozen=True)
class Template:
    """A compiled template and the cheap tests a text must pass before it is worth running."""

    kind: str
    regex: re.Pattern[str]
    needs_digit: bool
    needs_month: bool


@dataclass(frozen=True)
class DatePatterns:
    """Everything the extractor matches for one language."""

    words: CalendarWords
    templates: tuple[Template, ...]
    any_month: re.Pattern[str]
    relative: re.Pattern[str]
    span: re.Pattern[str] | None
    gap_range: re.Pattern[str]
    future: re.Pattern[str] | None


def _month_names(words: CalendarWords, *, with_abbreviations: bool) -> str:
    full = alternation(list(words.months))
    names = full
    if with_abbreviations:
        extra = list(words.foreign_months)
        abbr = alternation(list(words.month_abbreviations))
        names = "|".join(
            x for x in (alternation(list(words.months) + extra), abbr and f"(?:{abbr})\\.?") if x
        )
    end = r"(?![^\W\d_])"
    if words.month_glued:
        end = rf"(?:(?={re.escape(words.month_glued)})|{end})"
    return f"(?:{names}){end}"


def _fill(template: str, words: CalendarWords) -> str:
    """Replace placeholders by named groups; a placeholder used twice captures only the first time."""
    used: set[str] = set()
    pieces = {
        "D1": ("d1", _DAY),
        "D2": ("d2", _DAY),
        "NM1": ("m1", _MONTH_NUMBER),
        "M1": ("m1", _month_names(words, with_abbreviations=False)),
        "M2": ("m2", _month_names(words, with_abbreviations=False)),
        "MA1": ("m1", _month_names(words, with_abbreviations=True)),
        "MA2": ("m2", _month_names(words, with_abbreviations=True)),
        "Y1": ("y1", _YEAR),
        "Y2": ("y2", _YEAR),
        "WD": ("wd", f"(?:{alternation(words.weekdays)})(?![^\\W\\d_])"),
        "DW": ("dw", words.day_word or "(?!)"),
        "WDIR": ("wdir", alternation(words.weekday_directions) or "(?!)"),
        "RY": ("ry", alternation(words.relative_years) or "(?!)"),
        "HALF": ("half", alternation(words.year_parts) or "(?!)"),
        "ACAD": ("acad", words.academic_words or "(?!)"),
    }

    def replace(m: re.Match[str]) -> str:
        key = m.group(1)
        if key == "S":
            return words.suffix
        name, body = pieces[key]
        if name in used:
            return f"(?:{body})"
        used.add(name)
        return f"(?P<{name}>{body})"

    return _PLACEHOLDER.sub(replace, template)


@lru_cache(maxsize=8)
def date_patterns(lang: str) -> DatePatterns:
    words: CalendarWords = language_data(lang, "calendar")
    templates = tuple(
        Template(
            name,
            re.compile(rf"(?<![\w./-])(?:{_fill(t, words)})(?!\w)"),
            needs_digit=any(p in t for p in ("{D1}", "{Y1}", "{NM1}")),
            needs_month=any(p in t for p in ("{M1}", "{MA1}", "{M2}", "{MA2}")),
        )
        for name, t in words.templates
    )
    any_month = re.compile(_month_names(words, with_abbreviations=True))
    suffixes = "|".join(re.escape(s) for s in words.relative_suffixes)
    rel_suffix = f"(?:{suffixes})?" if suffixes else ""
    relative = re.compile(rf"(?<!\w)(?P<rel>{alternation(words.relative)}){rel_suffix}(?!\w)")
    span = None
    if words.span_units and words.span_directions:
        span = re.compile(
            rf"(?<![\w.,])(?P<n>\d{{1,3}}|[^\W\d_]+)\s+(?P<unit>{alternation(words.span_units)})\s+"
            rf"(?P<dir>{alternation(words.span_directions)})(?!\w)"
        )
    gap_range = re.compile(rf"\s*(?:{words.range_connector})\s*")
    future = re.compile(words.future_markers) if words.future_markers else None
    return DatePatterns(words, templates, any_month, relative, span, gap_range, future)
