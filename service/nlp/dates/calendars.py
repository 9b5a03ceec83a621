"""Calendar arithmetic in the Gregorian and Jalali (Solar Hijri) calendars, always answering in Gregorian.

Why one module: every period a text names (a day, a month, a year, a school year, "last week") becomes a
pair of Gregorian days here, whatever calendar it was written in; jdatetime does the Jalali conversion.
"""

from __future__ import annotations

import calendar as _gregorian
import datetime as dt

import jdatetime

GREGORIAN = "gregorian"
JALALI = "jalali"


def day(cal: str, year: int, month: int, day_: int) -> dt.date:
    """The Gregorian date of a day; ``ValueError`` when the day does not exist in that calendar."""
    if cal == JALALI:
        if not 1 <= month <= 12 or not 1 <= day_ <= days_in_month(cal, year, month):
            raise ValueError(f"no Jalali day {year}-{month}-{day_}")
        return jdatetime.date(year, month, day_).togregorian()
    return dt.date(year, month, day_)


def days_in_month(cal: str, year: int, month: int) -> int:
    if cal == JALALI:
        if month == 12:
            return 30 if jdatetime.date(year, 12, 1).isleap() else 29
        return jdatetime.j_days_in_month[month - 1]
    return _gregorian.monthrange(year, month)[1]


def month_span(cal: str, year: int, month: int) -> tuple[dt.date, dt.date]:
    return day(cal, year, month, 1), day(cal, year, month, days_in_month(cal, year, month))


def months_span(cal: str, year: int, first: int, last: int) -> tuple[dt.date, dt.date]:
    return month_span(cal, year, first)[0], month_span(cal, year, last)[1]


def year_span(cal: str, year: int) -> tuple[dt.date, dt.date]:
    return months_span(cal, year, 1, 12)


def native(cal: str, date: dt.date) -> tuple[int, int, int]:
    """(year, month, day) of a Gregorian date in ``cal``."""
    if cal == JALALI:
        j = jdatetime.date.fromgregorian(date=date)
        return j.year, j.month, j.day
    return date.year, date.month, date.day


def shift_month(year: int, month: int, offset: int) -> tuple[int, int]:
    index = year * 12 + (month - 1) + offset
    return index // 12, index % 12 + 1


def week_span(date: dt.date, week_start: int, offset: int) -> tuple[dt.date, dt.date]:
    """The week containing ``date`` moved by ``offset`` weeks; weeks start on ``week_start`` (0=Monday)."""
    first = date - dt.timedelta(days=(date.weekday() - week_start) % 7) + dt.timedelta(weeks=offset)
    return first, first + dt.timedelta(days=6)


def calendar_of_year(year: int, ranges: tuple[tuple[int, int, str], ...]) -> str | None:
    """The calendar a bare four-digit year belongs to (a Persian 13xx/14xx is Jalali), or None."""
    for low, high, cal in ranges:
        if low <= year <= high:
            return cal
    return None
