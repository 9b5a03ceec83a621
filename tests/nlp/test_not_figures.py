"""Numbers that are not statistics: dates, years, phone numbers, names, ordinals, times, identifiers."""

from __future__ import annotations

import pytest

from service.nlp.figures import extract_figures

TURKISH = [
    "Toplantı 12-13 Ocak 2022 tarihlerinde yapıldı.",
    "Kurul 26 Ocak 2022 tarihinde toplandı.",
    "2025 yılını başarıyla tamamladı.",
    "2024'te yeni kurslar açıldı.",
    "Bilgi için 0262 321 45 67 numaralı telefonu arayın.",
    "Çağrı merkezi: 444 1 234",
    "Tel: +90 (312) 555 12 34",
    "Beceri Yarışması'nın 3. Dönem finali yapıldı.",
    "8. sınıf öğrencileri okulları gezdi.",
    "Tören saat 14.00'te başladı.",
    "Saat 10:30'da açılış yapıldı.",
    "3308 sayılı Mesleki Eğitim Kanunu değişti.",
    "Kamu Hastaneleri Kurumu 1 nolu Genel Sekreteri katıldı.",
    "Endüstri 4.0 laboratuvarı kuruldu.",
    "Kovid-19 salgını eğitimi etkiledi.",
    "C5+1 formatındaki zirve yapıldı.",
    "https://www.youtube.com/channel/UC8011_ShOj9cuygPcGfo7ZQ adresinden izleyin.",
    "Binlerce kişi iş dünyasıyla buluştu.",
    "Bir toplantı düzenlendi.",
    "Kentin dört bir yanında çalışma yürütüldü.",
    "Cumhurbaşkanımız geçen yıl 1 demişti, şimdi ise 2 dedi.",
    "Kalite Danışma Kurulu'nun 6 ayda bir toplantı yapması bekleniyor.",
    "Eğitimler yüz yüze yapılacak.",
    "Bu yüzden öğrenciler atölyede çalıştı.",
    "Tesis 3 yıl sürecek bir proje.",
    "Kursa 18 yaşını doldurmuş herkes başvurabilecek.",
    "Kursiyerlere 10'ar adet kovan dağıtıldı.",
    "Gençlere 50'şer bin liralık destek verildi.",
    "Toplantı üç ana başlık altında yapıldı.",
    "Vizyon 2023 belgesi açıklandı.",
    "Otelde bir bina var.",
    "Haberin devamı sayfa 5'te.",
    "Ürünün yüzü ve arkası basıldı.",
    "Katılımcıların üçte ikisi kadındı.",
    "Endüstri 4.0 laboratuvarı kuruldu.",
    "Bu milyon dolarlık yatırımın ilk adımı.",
]

PERSIAN = [
    "مراسم در تاریخ ۱۴ فروردین ۱۴۰۳ برگزار شد.",
    "این طرح در سال ۱۴۰۲ اجرا شد.",
    "ثبت‌نام از ۱ تا ۱۰ تیر ۱۴۰۴ انجام می‌شود.",
    "اطلاعات بیشتر از طریق شماره ۰۲۱-۸۸۷۶۵۴۳۲ قابل دریافت است.",
    "برای ثبت‌نام با شماره ۰۹۱۲۱۲۳۴۵۶۷ تماس بگیرید.",
    "مرکز آموزش فنی و حرفه‌ای شماره ۲ شیراز افتتاح شد.",
    "ماده ۵ آیین‌نامه این دوره را الزامی کرده است.",
    "بیست و دومین دوره مسابقات ملی مهارت برگزار شد.",
    "دانش‌آموزان پایه دهم آموزش می‌بینند.",
    "جلسه ساعت ۱۰:۳۰ آغاز شد.",
    "تعهدات آموزشی سازمان در سه بخش تقسیم می‌شود.",
    "نه تنها دولت بلکه بخش خصوصی نیز همکاری کرد.",
    "میلیون‌ها نفر از این طرح بهره بردند.",
    "کد خبر: ۸۷۶۵۴۳",
    "دوره‌های آموزشی یک روزه برگزار شد.",
    "هر دوره ۲۴۰ ساعت طول می‌کشد.",
    "در روز سه‌شنبه جلسه برگزار شد.",
    "هزاران نفر بازدید کردند.",
    "در ۱۴۰۳/۰۱/۱۴ تفاهم‌نامه امضا شد.",
    "صد در صد ظرفیت پر شد.",
    "این بنا بیش از 2500 ساله است.",
    "میلیارد تومان هزینه شد.",
]


@pytest.mark.parametrize("text", TURKISH)
def test_turkish_not_figures(text: str) -> None:
    assert [(f.text, f.value, f.unit) for f in extract_figures(text, "tr")] == []


@pytest.mark.parametrize("text", PERSIAN)
def test_persian_not_figures(text: str) -> None:
    assert [(f.text, f.value, f.unit) for f in extract_figures(text, "fa")] == []
