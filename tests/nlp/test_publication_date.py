"""Publication dates read from a page's text when its metadata has none (Jalali-only Persian pages)."""

from __future__ import annotations

import pytest

from service.nlp.dates import publication_date_from_text
from service.settings import get_settings

SEEDS = get_settings().shared_dir / "seeds"

CASES = [
    ("عنوان خبر\n۱۴ فروردین ۱۴۰۳\nمتن خبر در اینجا آمده است.", "fa", "2024-04-02"),
    ("عنوان خبر\nتاریخ انتشار: 1403/01/14 - 10:30\nمتن خبر", "fa", "2024-04-02"),
    ("عنوان\nکد خبر: ۸۷۶۵۴۳ | تاریخ: ۲۰ خرداد ۱۴۰۴\nمتن", "fa", "2025-06-10"),
    ("خبر\nسه‌شنبه ۲۰ آذر ۱۴۰۳ - ۱۱:۴۵\nکارگاه جوشکاری امروز افتتاح شد.", "fa", "2024-12-10"),
    ("Başlık\nKocaeli | 12 Mart 2025 - 14:35\nHaber metni burada.", "tr", "2025-03-12"),
    ("Başlık\n15 Şubat 2024\nHaber metni burada uzun bir cümle olarak devam ediyor.", "tr", "2024-02-15"),
    ("Başlık\nYayın tarihi: 05.06.2025\nMetin", "tr", "2025-06-05"),
]

NONE = [
    (
        "Toplantı 12-13 Ocak 2022 tarihlerinde Ankara'da düzenlenen eğitimde uluslararası örnekler ele alındı.",
        "tr",
    ),
    ("İzmir Büyükşehir Belediyesi Meslek Fabrikası, 2025 yılını başarıyla geride bırakıyor.", "tr"),
    ("مسابقات از ۱۰ تا ۱۵ مهر ۱۴۰۳ در تبریز برگزار شد و ۲۱۰ شرکت‌کننده در ۴۲ رشته رقابت کردند.", "fa"),
    ("دیروز جلسه برگزار شد.", "fa"),
]


@pytest.mark.parametrize(("text", "lang", "iso"), CASES)
def test_byline_dates(text: str, lang: str, iso: str) -> None:
    found = publication_date_from_text(text, lang)
    assert found is not None and found.iso_start == iso


@pytest.mark.parametrize(("text", "lang"), NONE)
def test_no_byline(text: str, lang: str) -> None:
    assert publication_date_from_text(text, lang) is None


@pytest.mark.skipif(not SEEDS.exists(), reason="shared seeds not present")
def test_seed_byline() -> None:
    text = (SEEDS / "000_09abfad976f05556.txt").read_text(encoding="utf-8")
    found = publication_date_from_text(text, "tr")
    assert found is not None and (found.text, found.iso_start) == ("Oca 9, 2026", "2026-01-09")
