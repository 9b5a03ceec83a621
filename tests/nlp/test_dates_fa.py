"""Regression battery for Persian dates: Jalali and Gregorian, digits of both systems, anchor failures."""

from __future__ import annotations

import datetime as dt

import pytest

from service.nlp.dates import extract_dates

REF = dt.date(2024, 4, 2)  # 14 Farvardin 1403, a Tuesday

# (text, reference, [(surface, iso_start, iso_end, granularity, calendar)])
CASES = [
    ("۱۴ فروردین ۱۴۰۳", None, [("۱۴ فروردین ۱۴۰۳", "2024-04-02", "2024-04-02", "day", "jalali")]),
    ("۲۳ اسفند ۱۴۰۲", None, [("۲۳ اسفند ۱۴۰۲", "2024-03-13", "2024-03-13", "day", "jalali")]),
    ("۱۴۰۳/۰۱/۱۴", None, [("۱۴۰۳/۰۱/۱۴", "2024-04-02", "2024-04-02", "day", "jalali")]),
    ("1403/01/14", None, [("1403/01/14", "2024-04-02", "2024-04-02", "day", "jalali")]),
    ("۱۴۰۲/۰۵/۱۲", None, [("۱۴۰۲/۰۵/۱۲", "2023-08-03", "2023-08-03", "day", "jalali")]),
    ("۱۴/۰۱/۱۴۰۳", None, [("۱۴/۰۱/۱۴۰۳", "2024-04-02", "2024-04-02", "day", "jalali")]),
    ("۱۴۰۳-۰۱-۱۴", None, [("۱۴۰۳-۰۱-۱۴", "2024-04-02", "2024-04-02", "day", "jalali")]),
    ("۱۴۰۳.۱۰.۰۵", None, [("۱۴۰۳.۱۰.۰۵", "2024-12-25", "2024-12-25", "day", "jalali")]),
    ("١٤٠٣/٠١/١٤", None, [("١٤٠٣/٠١/١٤", "2024-04-02", "2024-04-02", "day", "jalali")]),
    ("۱۲ مرداد ۱۴۰۲", None, [("۱۲ مرداد ۱۴۰۲", "2023-08-03", "2023-08-03", "day", "jalali")]),
    ("پنجشنبه ۱۲ مرداد ۱۴۰۲", None, [("پنجشنبه ۱۲ مرداد ۱۴۰۲", "2023-08-03", "2023-08-03", "day", "jalali")]),
    ("۱۲ مرداد ۱۴۰۲ ساعت ۱۰:۳۰", None, [("۱۲ مرداد ۱۴۰۲", "2023-08-03", "2023-08-03", "day", "jalali")]),
    ("دوشنبه ۱۲ آذر ۱۴۰۲", None, [("دوشنبه ۱۲ آذر ۱۴۰۲", "2023-12-03", "2023-12-03", "day", "jalali")]),
    ("سه‌شنبه ۲۰ آذر ۱۴۰۳", None, [("سه‌شنبه ۲۰ آذر ۱۴۰۳", "2024-12-10", "2024-12-10", "day", "jalali")]),
    ("۱۲ آذرماه ۱۴۰۲", None, [("۱۲ آذرماه ۱۴۰۲", "2023-12-03", "2023-12-03", "day", "jalali")]),
    ("۳۰ اسفند ۱۴۰۳", None, [("۳۰ اسفند ۱۴۰۳", "2025-03-20", "2025-03-20", "day", "jalali")]),
    ("۲۹ اسفند ۱۴۰۲", None, [("۲۹ اسفند ۱۴۰۲", "2024-03-19", "2024-03-19", "day", "jalali")]),
    ("۱۴ فروردین ۱۴۰۳ هـ.ش", None, [("۱۴ فروردین ۱۴۰۳ هـ.ش", "2024-04-02", "2024-04-02", "day", "jalali")]),
    ("سال ۱۴۰۲", None, [("سال ۱۴۰۲", "2023-03-21", "2024-03-19", "year", "jalali")]),
    ("سال ۱۴۰۳", None, [("سال ۱۴۰۳", "2024-03-20", "2025-03-20", "year", "jalali")]),
    ("سال ۲۰۲۳", None, [("سال ۲۰۲۳", "2023-01-01", "2023-12-31", "year", "gregorian")]),
    ("اردیبهشت ماه", REF, [("اردیبهشت ماه", "2024-04-20", "2024-05-20", "month", "jalali")]),
    ("اردیبهشت‌ماه", REF, [("اردیبهشت‌ماه", "2024-04-20", "2024-05-20", "month", "jalali")]),
    ("اردیبهشت ماه ۱۴۰۳", None, [("اردیبهشت ماه ۱۴۰۳", "2024-04-20", "2024-05-20", "month", "jalali")]),
    ("مهر ۱۴۰۲", None, [("مهر ۱۴۰۲", "2023-09-23", "2023-10-22", "month", "jalali")]),
    ("آذر ماه امسال", REF, [("آذر ماه امسال", "2024-11-21", "2024-12-20", "month", "jalali")]),
    ("ماه مهر", dt.date(2024, 8, 1), [("ماه مهر", "2024-09-22", "2024-10-21", "month", "jalali")]),
    ("5 اوت 2023", None, [("5 اوت 2023", "2023-08-05", "2023-08-05", "day", "gregorian")]),
    ("۵ اوت ۲۰۲۳", None, [("۵ اوت ۲۰۲۳", "2023-08-05", "2023-08-05", "day", "gregorian")]),
    ("2023/08/03", None, [("2023/08/03", "2023-08-03", "2023-08-03", "day", "gregorian")]),
    ("۱۵ ژوئیه ۲۰۲۴", None, [("۱۵ ژوئیه ۲۰۲۴", "2024-07-15", "2024-07-15", "day", "gregorian")]),
    ("ژانویه 2025", None, [("ژانویه 2025", "2025-01-01", "2025-01-31", "month", "gregorian")]),
    ("۱۰ تا ۱۵ مهر ۱۴۰۳", None, [("۱۰ تا ۱۵ مهر ۱۴۰۳", "2024-10-01", "2024-10-06", "range", "jalali")]),
    ("۱۰ تا ۱۵ مهر", dt.date(2024, 9, 1), [("۱۰ تا ۱۵ مهر", "2024-10-01", "2024-10-06", "range", "jalali")]),
    ("۱۰ الی ۱۵ مهر ۱۴۰۳", None, [("۱۰ الی ۱۵ مهر ۱۴۰۳", "2024-10-01", "2024-10-06", "range", "jalali")]),
    (
        "از ۱۰ مهر تا ۱۵ آبان ۱۴۰۳",
        None,
        [("۱۰ مهر تا ۱۵ آبان ۱۴۰۳", "2024-10-01", "2024-11-05", "range", "jalali")],
    ),
    (
        "فروردین تا خرداد ۱۴۰۳",
        None,
        [("فروردین تا خرداد ۱۴۰۳", "2024-03-20", "2024-06-20", "range", "jalali")],
    ),
    (
        "سال تحصیلی ۱۴۰۳-۱۴۰۴",
        None,
        [("سال تحصیلی ۱۴۰۳-۱۴۰۴", "2024-09-22", "2025-09-22", "range", "jalali")],
    ),
    ("سال تحصیلی ۱۴۰۲", None, [("سال تحصیلی ۱۴۰۲", "2023-09-23", "2024-09-21", "range", "jalali")]),
    ("سال‌های ۱۴۰۰ تا ۱۴۰۲", None, [("سال‌های ۱۴۰۰ تا ۱۴۰۲", "2021-03-21", "2024-03-19", "range", "jalali")]),
    ("نیمه اول سال ۱۴۰۳", None, [("نیمه اول سال ۱۴۰۳", "2024-03-20", "2024-09-21", "range", "jalali")]),
    (
        "شش ماهه نخست سال ۱۴۰۳",
        None,
        [("شش ماهه نخست سال ۱۴۰۳", "2024-03-20", "2024-09-21", "range", "jalali")],
    ),
    ("سه ماهه اول سال ۱۴۰۴", None, [("سه ماهه اول سال ۱۴۰۴", "2025-03-21", "2025-06-21", "range", "jalali")]),
    ("تابستان ۱۴۰۳", None, [("تابستان ۱۴۰۳", "2024-06-21", "2024-09-21", "range", "jalali")]),
    ("تابستان امسال", REF, [("تابستان امسال", "2024-06-21", "2024-09-21", "range", "jalali")]),
    ("امروز", REF, [("امروز", "2024-04-02", "2024-04-02", "day", "jalali")]),
    ("دیروز", REF, [("دیروز", "2024-04-01", "2024-04-01", "day", "jalali")]),
    ("فردا", REF, [("فردا", "2024-04-03", "2024-04-03", "day", "jalali")]),
    ("روز گذشته", REF, [("روز گذشته", "2024-04-01", "2024-04-01", "day", "jalali")]),
    ("هفته گذشته", REF, [("هفته گذشته", "2024-03-23", "2024-03-29", "range", "jalali")]),
    ("هفته آینده", REF, [("هفته آینده", "2024-04-06", "2024-04-12", "range", "jalali")]),
    ("ماه گذشته", REF, [("ماه گذشته", "2024-02-20", "2024-03-19", "month", "jalali")]),
    ("امسال", REF, [("امسال", "2024-03-20", "2025-03-20", "year", "jalali")]),
    ("سال گذشته", REF, [("سال گذشته", "2023-03-21", "2024-03-19", "year", "jalali")]),
    ("پارسال", REF, [("پارسال", "2023-03-21", "2024-03-19", "year", "jalali")]),
    ("۳ روز پیش", REF, [("۳ روز پیش", "2024-03-30", "2024-03-30", "day", "jalali")]),
    ("روز شنبه", REF, [("روز شنبه", "2024-03-30", "2024-03-30", "day", "jalali")]),
    ("شنبه آینده", REF, [("شنبه آینده", "2024-04-06", "2024-04-06", "day", "jalali")]),
    (
        "نه ماهه نخست سال جاری",
        dt.date(2024, 12, 25),
        [("نه ماهه نخست سال جاری", "2024-03-20", "2024-12-20", "range", "jalali")],
    ),
    (
        "روز سه‌شنبه برگزار خواهد شد",
        dt.date(2024, 4, 1),
        [("روز سه‌شنبه", "2024-04-02", "2024-04-02", "day", "jalali")],
    ),
]

NO_DATES = [
    ("۱۴ فروردین ۱۴۰۳", None, "۱۴ فروردین"),  # the full date, not a year-less one
    ("اردیبهشت ماه", None, None),
    ("امروز", None, None),
    ("امروزه آموزش مهارت اهمیت دارد", REF, None),
    ("در سنوات گذشته", REF, None),
    ("در گذشته", REF, None),
    ("۱۴۰۰ نفر شرکت کردند", None, None),
    ("نماز جمعه", REF, None),
    ("۳۲ اسفند ۱۴۰۲", None, "۳۲ اسفند ۱۴۰۲"),  # no 32nd day (the month alone may still be read)
    ("مرکز شماره ۱۴", None, None),
    ("هفته مهارت", REF, None),
]


@pytest.mark.parametrize(("text", "reference", "expected"), CASES)
def test_persian_dates(
    text: str, reference: dt.date | None, expected: list[tuple[str, str, str, str, str]]
) -> None:
    found = extract_dates(text, "fa", reference)
    assert [(m.text, m.iso_start, m.iso_end, m.granularity, m.calendar) for m in found] == expected
    for m in found:
        assert text[m.start : m.end] == m.text


@pytest.mark.parametrize(("text", "reference", "not_this"), NO_DATES)
def test_persian_non_dates(text: str, reference: dt.date | None, not_this: str | None) -> None:
    found = extract_dates(text, "fa", reference)
    if not_this is None:
        assert found == []
    else:
        assert all(m.text != not_this for m in found)


def test_jalali_numeric_date_is_not_a_gregorian_year() -> None:
    """dateparser reads ۱۴۰۳/۰۱/۱۴ as the Gregorian year 1403 (anchors §3.2)."""
    (m,) = extract_dates("تاریخ: ۱۴۰۳/۰۱/۱۴", "fa")
    assert (m.calendar, m.iso_start) == ("jalali", "2024-04-02")


def test_jalali_date_inside_a_sentence() -> None:
    """search_dates returns ('۱۴۰۳', 1403-06-01) for this sentence (anchors §3.2)."""
    text = "مراسم اختتامیه دوره‌های مهارتی در تاریخ ۱۴ فروردین ۱۴۰۳ در تبریز برگزار شد."
    (m,) = extract_dates(text, "fa")
    assert (m.text, m.iso_start) == ("۱۴ فروردین ۱۴۰۳", "2024-04-02")


def test_yesterday_resolves_against_the_reference() -> None:
    """JalaliCalendar gave 2027-01-21 for دیروز (anchors §3.2)."""
    (m,) = extract_dates("دیروز", "fa", dt.date(2024, 4, 2))
    assert (m.iso_start, m.relative) == ("2024-04-01", True)


def test_yearless_jalali_month_takes_the_year_from_the_document() -> None:
    text = "مسابقات از ۱۰ تا ۱۵ مهر ۱۴۰۳ برگزار شد. مرحله کشوری در اسفند ماه است."
    found = extract_dates(text, "fa")
    assert [(m.iso_start, m.iso_end) for m in found] == [
        ("2024-10-01", "2024-10-06"),
        ("2025-02-19", "2025-03-20"),
    ]
