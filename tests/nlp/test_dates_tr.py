"""Regression battery for Turkish dates: every form of issue 4 plus the anchor failures of anchors.md §3.2."""

from __future__ import annotations

import datetime as dt

import pytest

from service.nlp.dates import extract_dates

REF = dt.date(2026, 1, 9)  # a Friday

# (text, reference, [(surface, iso_start, iso_end, granularity)])
CASES = [
    ("9 Ocak 2026", None, [("9 Ocak 2026", "2026-01-09", "2026-01-09", "day")]),
    ("Oca 9, 2026 - 22:12", None, [("Oca 9, 2026", "2026-01-09", "2026-01-09", "day")]),
    ("26.01.2022", None, [("26.01.2022", "2022-01-26", "2022-01-26", "day")]),
    ("26/01/2022", None, [("26/01/2022", "2022-01-26", "2022-01-26", "day")]),
    ("2022-01-26", None, [("2022-01-26", "2022-01-26", "2022-01-26", "day")]),
    ("12.03.2024", None, [("12.03.2024", "2024-03-12", "2024-03-12", "day")]),
    ("12 Mart 2024", None, [("12 Mart 2024", "2024-03-12", "2024-03-12", "day")]),
    ("15 Şubat 2024 Perşembe", None, [("15 Şubat 2024 Perşembe", "2024-02-15", "2024-02-15", "day")]),
    ("Perşembe, 15 Şubat 2024", None, [("Perşembe, 15 Şubat 2024", "2024-02-15", "2024-02-15", "day")]),
    ("26 Ocak 2022 tarihinde", None, [("26 Ocak 2022", "2022-01-26", "2022-01-26", "day")]),
    ("12-13 Ocak 2022 tarihlerinde", None, [("12-13 Ocak 2022", "2022-01-12", "2022-01-13", "range")]),
    ("12 ve 13 Ocak 2022", None, [("12 ve 13 Ocak 2022", "2022-01-12", "2022-01-13", "range")]),
    ("Ocak 2025", None, [("Ocak 2025", "2025-01-01", "2025-01-31", "month")]),
    ("Ocak 2025'ten bu yana", None, [("Ocak 2025'ten", "2025-01-01", "2025-01-31", "month")]),
    ("Şubat 2024", None, [("Şubat 2024", "2024-02-01", "2024-02-29", "month")]),
    (
        "2025 yılının ağustos ayında",
        None,
        [("2025 yılının ağustos ayında", "2025-08-01", "2025-08-31", "month")],
    ),
    ("2024 yılı Mart ayında", None, [("2024 yılı Mart ayında", "2024-03-01", "2024-03-31", "month")]),
    ("3 Ocak'ta", REF, [("3 Ocak'ta", "2026-01-03", "2026-01-03", "day")]),
    ("3 Mart'ta", dt.date(2024, 3, 20), [("3 Mart'ta", "2024-03-03", "2024-03-03", "day")]),
    ("25 Aralık'ta", REF, [("25 Aralık'ta", "2025-12-25", "2025-12-25", "day")]),
    ("2024'te", None, [("2024'te", "2024-01-01", "2024-12-31", "year")]),
    ("2025 yılı", None, [("2025 yılı", "2025-01-01", "2025-12-31", "year")]),
    ("2025 yılını başarıyla", None, [("2025 yılını", "2025-01-01", "2025-12-31", "year")]),
    ("2023 senesinde", None, [("2023 senesinde", "2023-01-01", "2023-12-31", "year")]),
    ("2025'ten bu yana", None, [("2025'ten", "2025-01-01", "2025-12-31", "year")]),
    (
        "2023-2024 eğitim öğretim yılı",
        None,
        [("2023-2024 eğitim öğretim yılı", "2023-09-01", "2024-08-31", "range")],
    ),
    (
        "2024-2025 Eğitim-Öğretim Yılında",
        None,
        [("2024-2025 Eğitim-Öğretim Yılında", "2024-09-01", "2025-08-31", "range")],
    ),
    ("2020-2024 döneminde", None, [("2020-2024 döneminde", "2020-01-01", "2024-12-31", "range")]),
    ("1990'lı yıllarda", None, [("1990'lı yıllarda", "1990-01-01", "1999-12-31", "range")]),
    (
        "2024 yılının ilk yarısında",
        None,
        [("2024 yılının ilk yarısında", "2024-01-01", "2024-06-30", "range")],
    ),
    (
        "2026 yılının ilk çeyreğinde",
        None,
        [("2026 yılının ilk çeyreğinde", "2026-01-01", "2026-03-31", "range")],
    ),
    (
        "2024 yılının son çeyreğinde",
        None,
        [("2024 yılının son çeyreğinde", "2024-10-01", "2024-12-31", "range")],
    ),
    ("Ocak-Mart 2025", None, [("Ocak-Mart 2025", "2025-01-01", "2025-03-31", "range")]),
    (
        "1 Mart ile 15 Nisan 2024 tarihleri arasında",
        None,
        [("1 Mart ile 15 Nisan 2024", "2024-03-01", "2024-04-15", "range")],
    ),
    (
        "28 Aralık 2024 - 3 Ocak 2025",
        None,
        [("28 Aralık 2024 - 3 Ocak 2025", "2024-12-28", "2025-01-03", "range")],
    ),
    ("8-10 Mart tarihleri arasında", REF, [("8-10 Mart", "2026-03-08", "2026-03-10", "range")]),
    ("dün", REF, [("dün", "2026-01-08", "2026-01-08", "day")]),
    ("bugün", REF, [("bugün", "2026-01-09", "2026-01-09", "day")]),
    ("yarın", REF, [("yarın", "2026-01-10", "2026-01-10", "day")]),
    ("dünkü toplantıda", REF, [("dünkü", "2026-01-08", "2026-01-08", "day")]),
    ("geçen hafta", REF, [("geçen hafta", "2025-12-29", "2026-01-04", "range")]),
    ("bu hafta", REF, [("bu hafta", "2026-01-05", "2026-01-11", "range")]),
    ("önümüzdeki hafta", REF, [("önümüzdeki hafta", "2026-01-12", "2026-01-18", "range")]),
    ("geçen ay", REF, [("geçen ay", "2025-12-01", "2025-12-31", "month")]),
    ("önümüzdeki ay", REF, [("önümüzdeki ay", "2026-02-01", "2026-02-28", "month")]),
    ("bu yıl", REF, [("bu yıl", "2026-01-01", "2026-12-31", "year")]),
    ("geçen yıl", REF, [("geçen yıl", "2025-01-01", "2025-12-31", "year")]),
    ("gelecek yıl", REF, [("gelecek yıl", "2027-01-01", "2027-12-31", "year")]),
    ("2 gün önce", REF, [("2 gün önce", "2026-01-07", "2026-01-07", "day")]),
    ("iki hafta önce", REF, [("iki hafta önce", "2025-12-22", "2025-12-28", "range")]),
    (
        "geçen yılın ağustos ayında",
        REF,
        [("geçen yılın ağustos ayında", "2025-08-01", "2025-08-31", "month")],
    ),
    ("Pazartesi günü toplandı", REF, [("Pazartesi günü", "2026-01-05", "2026-01-05", "day")]),
    ("Perşembe günü yapılacak", REF, [("Perşembe günü", "2026-01-15", "2026-01-15", "day")]),
    ("salı toplantı yapıldı", REF, [("salı", "2026-01-06", "2026-01-06", "day")]),
    ("Cuma günü", REF, [("Cuma günü", "2026-01-09", "2026-01-09", "day")]),
    ("geçen cuma", REF, [("geçen cuma", "2026-01-02", "2026-01-02", "day")]),
    ("önümüzdeki salı", REF, [("önümüzdeki salı", "2026-01-13", "2026-01-13", "day")]),
    ("eylül ayında", dt.date(2024, 12, 10), [("eylül ayında", "2024-09-01", "2024-09-30", "month")]),
    ("06 Kasım 2025 20:05", None, [("06 Kasım 2025", "2025-11-06", "2025-11-06", "day")]),
    ("1 Ocak 2022'de", None, [("1 Ocak 2022'de", "2022-01-01", "2022-01-01", "day")]),
    ("ŞUBAT 2024", None, [("ŞUBAT 2024", "2024-02-01", "2024-02-29", "month")]),
    ("30 HAZİRAN 2025", None, [("30 HAZİRAN 2025", "2025-06-30", "2025-06-30", "day")]),
]

# Texts that hold no date (or none without a reference): (text, reference)
NO_DATES = [
    ("2000'den fazla öğretmen", None),
    ("2000'i aşkın kursiyer", None),
    ("1500 kişi katıldı", None),
    ("31 Şubat 2024", None),
    ("3 Ocak'ta", None),
    ("dün", None),
    ("bugün", None),
    ("pazar günü", None),
    ("iş gücü pazarında", REF),
    ("cuma namazı", REF),
    ("Kasım Cömert Tokayev", None),
    ("Ara sınavlar", None),
    ("yıl boyunca", REF),
    ("4.608 kursiyer", None),
    ("3. Dönem", None),
    ("ayrıca 2025 hedefleri", None),
]


@pytest.mark.parametrize(("text", "reference", "expected"), CASES)
def test_turkish_dates(
    text: str, reference: dt.date | None, expected: list[tuple[str, str, str, str]]
) -> None:
    found = extract_dates(text, "tr", reference)
    assert [(m.text, m.iso_start, m.iso_end, m.granularity) for m in found] == expected
    for m in found:
        assert text[m.start : m.end] == m.text
        assert m.calendar == "gregorian"


@pytest.mark.parametrize(("text", "reference"), NO_DATES)
def test_turkish_non_dates(text: str, reference: dt.date | None) -> None:
    assert extract_dates(text, "tr", reference) == []


def test_anchor_sentence_with_suffixed_second_date() -> None:
    """dateparser's search_dates finds only the first of these (anchors §3.2)."""
    text = "Toplantı 15 Şubat 2024 tarihinde başladı, ikinci oturum 3 Mart'ta yapıldı."
    found = extract_dates(text, "tr")
    assert [(m.text, m.iso_start) for m in found] == [
        ("15 Şubat 2024", "2024-02-15"),
        ("3 Mart'ta", "2024-03-03"),
    ]


def test_year_from_the_same_sentence_beats_the_reference() -> None:
    text = "2025 yılında açılan kurslar Mart ayında başladı."
    found = extract_dates(text, "tr", dt.date(2026, 1, 20))
    assert [(m.iso_start, m.iso_end) for m in found] == [
        ("2025-01-01", "2025-12-31"),
        ("2025-03-01", "2025-03-31"),
    ]


def test_year_from_the_document_without_reference() -> None:
    text = "2025 yılının ağustos ayında proje başladı. Ağustos ayından itibaren üç ilçe ziyaret edildi."
    found = extract_dates(text, "tr")
    assert [m.iso_start for m in found] == ["2025-08-01", "2025-08-01"]
    assert [m.relative for m in found] == [False, True]


def test_offsets_survive_dotted_capital_i() -> None:
    """Python lower-cases İ to two code points; offsets must still point into the original."""
    text = "İZMİR İL MÜDÜRLÜĞÜ 12 EYLÜL 2025 TARİHİNDE"
    (m,) = extract_dates(text, "tr")
    assert text[m.start : m.end] == "12 EYLÜL 2025" and m.iso_start == "2025-09-12"


def test_to_dict_has_the_documented_fields() -> None:
    (m,) = extract_dates("9 Ocak 2026", "tr")
    assert m.to_dict() == {
        "text": "9 Ocak 2026",
        "start": 0,
        "end": 11,
        "calendar": "gregorian",
        "granularity": "day",
        "iso_start": "2026-01-09",
        "iso_end": "2026-01-09",
        "relative": False,
    }
