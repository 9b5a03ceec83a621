"""The pipeline entry point and the conversion to the document gold format."""

from __future__ import annotations

import datetime as dt

from service.nlp.extract_facts import (
    dates_to_gold,
    extract_dates_and_figures,
    figures_to_gold,
    reference_date,
    to_gold_record,
)

TEXT = (
    "Meslek Fabrikası 2025 yılını başarıyla tamamladı. 2025 yılı boyunca 28 kurs merkezinde 409 farklı kurs açıldı.\n"
    "11 BİN KİŞİYE KARİYER KAPISI\n"
    "Ocak 2025'ten bu yana 11 bin kişi firmalarla buluştu. Dün yapılan törende 28 farklı kurs merkezinden "
    "kursiyerler ödül aldı."
)


def test_relative_dates_need_a_reference() -> None:
    dates, _ = extract_dates_and_figures(TEXT, "tr", None)
    assert all(not d.relative for d in dates)
    dates, _ = extract_dates_and_figures(TEXT, "tr", dt.date(2026, 1, 9))
    assert ("Dün", "2026-01-08") in [(d.text, d.iso_start) for d in dates]


def test_byline_stands_in_for_a_missing_publication_date() -> None:
    text = "Başlık\nAnkara, 20 Kasım 2025\nEğitimler dün tamamlandı."
    assert reference_date(text, "tr") == dt.date(2025, 11, 20)
    dates, _ = extract_dates_and_figures(text, "tr", None)
    assert [(d.text, d.iso_start) for d in dates] == [("20 Kasım 2025", "2025-11-20"), ("dün", "2025-11-19")]


def test_gold_lists_each_date_and_statistic_once() -> None:
    dates, figures = extract_dates_and_figures(TEXT, "tr", None)
    assert dates_to_gold(dates) == [
        {"text": "2025 yılını", "start": "2025-01-01", "end": "2025-12-31"},
        {"text": "Ocak 2025'ten", "start": "2025-01-01", "end": "2025-01-31"},
    ]
    assert figures_to_gold(figures, "tr") == [
        {"text": "28 kurs merkezinde", "value": 28, "unit": "kurs merkezi", "qualifier": "exact"},
        {"text": "409 farklı kurs", "value": 409, "unit": "kurs", "qualifier": "exact"},
        {"text": "11 bin kişi", "value": 11000, "unit": "kişi", "qualifier": "exact"},
    ]


def test_a_headline_without_its_qualifier_is_the_same_statistic() -> None:
    text = "آموزش ۱۲ هزار نفر در مراکز استان\nدر سال ۱۴۰۳ بیش از ۱۲ هزار نفر آموزش دیدند."
    _, figures = extract_dates_and_figures(text, "fa", None)
    assert figures_to_gold(figures, "fa") == [
        {"text": "بیش از ۱۲ هزار نفر", "value": 12000, "unit": "نفر", "qualifier": "more_than"}
    ]


def test_gold_record_shape() -> None:
    record = to_gold_record("doc1", "fa", "تاریخ انتشار: ۱۴۰۳/۰۷/۱۲\nامروز ۲۴ مرکز افتتاح شد.")
    assert record == {
        "id": "doc1",
        "lang": "fa",
        "published": "2024-10-03",
        "orgs": [],
        "persons": [],
        "locations": [],
        "dates": [{"text": "۱۴۰۳/۰۷/۱۲", "start": "2024-10-03", "end": "2024-10-03"}],
        "figures": [{"text": "۲۴ مرکز", "value": 24, "unit": "مرکز", "qualifier": "exact"}],
        "collaborations": [],
    }
