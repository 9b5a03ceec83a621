"""Regression battery for Turkish figures: value, counted noun, qualifier, kind."""

from __future__ import annotations

import pytest

from service.nlp.figures import extract_figures

# (sentence, [(value, unit, qualifier, kind)])
CASES = [
    ("Bu eğitimlerden 4 bin 608 kursiyer yararlandı.", [(4608, "kursiyer", "exact", "count")]),
    ("4 bin 600'den fazla İzmirliye meslek edindirdi.", [(4600, "İzmirli", "more_than", "count")]),
    (
        "8000’den fazla alan öğretmeninin katılımıyla yapıldı.",
        [(8000, "alan öğretmeni", "more_than", "count")],
    ),
    ("Kentin dört bir yanındaki 28 kurs merkeziyle hizmet verdi.", [(28, "kurs merkezi", "exact", "count")]),
    ("Yıl boyunca 409 farklı kurs açıldı.", [(409, "kurs", "exact", "count")]),
    ("Törende 31 sertifika töreniyle taçlandırıldı.", [(31, "sertifika töreni", "exact", "count")]),
    ("11 bin kişi firmalarla temas kurdu.", [(11000, "kişi", "exact", "count")]),
    ("402 kişi doğrudan istihdama kazandırıldı.", [(402, "kişi", "exact", "count")]),
    ("Ekip üç ilçeyi ziyaret etti.", [(3, "ilçe", "exact", "count")]),
    ("Stantlarla 466 kişiye ulaştı.", [(466, "kişi", "exact", "count")]),
    (
        "Projenin 25 pilot alanında 3000 öğretmen işbaşı eğitimler alacak.",
        [(25, "pilot alan", "exact", "count"), (3000, "öğretmen", "exact", "count")],
    ),
    (
        "Proje kapsamında 15 Mesleki ve Teknik Anadolu Lisesi merkez olacak.",
        [(15, "Mesleki ve Teknik Anadolu Lisesi", "exact", "count")],
    ),
    ("Kursa 1,5 milyon kişi başvurdu.", [(1_500_000, "kişi", "exact", "count")]),
    ("Programa yüz elli öğrenci katıldı.", [(150, "öğrenci", "exact", "count")]),
    ("İki bin kursiyer sertifika aldı.", [(2000, "kursiyer", "exact", "count")]),
    ("Fuarı yaklaşık 6 bin kişi ziyaret etti.", [(6000, "kişi", "approx", "count")]),
    ("Etkinliğe 500 civarında öğrenci katıldı.", [(500, "öğrenci", "approx", "count")]),
    ("Toplantıya 250'ye yakın firma katıldı.", [(250, "firma", "approx", "count")]),
    ("Kursa 500'ü aşkın başvuru yapıldı.", [(500, "başvuru", "more_than", "count")]),
    ("Merkezde bin'i aşkın çalışan eğitim aldı.", [(1000, "çalışan", "more_than", "count")]),
    ("1.100'ün üzerinde öğrenciye eğitim verildi.", [(1100, "öğrenci", "more_than", "count")]),
    ("En az 50 mezun işe alınacak.", [(50, "mezun", "more_than", "count")]),
    ("Yılda 2 binden fazla çalışanın eğitim alması hedefleniyor.", [(2000, "çalışan", "more_than", "count")]),
    ("Tesiste 300'den az işçi çalışıyor.", [(300, "işçi", "less_than", "count")]),
    ("Kursa 500 kişiyi aşkın katılım oldu.", [(500, "kişi", "more_than", "count")]),
    ("Sergiye 1000 kişinin üzerinde ziyaretçi geldi.", [(1000, "kişi", "more_than", "count")]),
    ("Öğrencilerin yüzde 38'i kız öğrencilerden oluşuyor.", [(38, "%", "exact", "percent")]),
    ("Kursiyerlerin %70'i kadın.", [(70, "%", "exact", "percent")]),
    ("Başvurular yüzde 12,5 arttı.", [(12.5, "%", "exact", "percent")]),
    ("Katılımcıların en az yüzde 60'ının işe yerleşmesi hedefleniyor.", [(60, "%", "more_than", "percent")]),
    ("Adayların yüzde 15'inden azı başarılı oldu.", [(15, "%", "less_than", "percent")]),
    ("Maliyetin yaklaşık yüzde 75'i karşılandı.", [(75, "%", "approx", "percent")]),
    ("Projeye 18 milyon avro ayrıldı.", [(18_000_000, "avro", "exact", "money")]),
    ("Toplam 52,8 milyon TL hibe verilecek.", [(52_800_000, "TL", "exact", "money")]),
    ("Öğrencilere aylık 3 bin 500 TL burs verilecek.", [(3500, "TL", "exact", "money")]),
    ("Dereceye girenlere 450 bin liralık ödül verildi.", [(450_000, "lira", "exact", "money")]),
    ("Proje 2,5 milyar TL'lik bir yatırım.", [(2_500_000_000, "TL", "exact", "money")]),
    ("Şirket 7 milyon dolar harcadı.", [(7_000_000, "dolar", "exact", "money")]),
    ("Bütçe 4,5 milyon Türk lirası olarak açıklandı.", [(4_500_000, "Türk lirası", "exact", "money")]),
    ("Okula 96 bin avro hibe sağlandı.", [(96_000, "avro", "exact", "money")]),
    ("Bölgede 42 bin esnaf bulunuyor.", [(42_000, "esnaf", "exact", "count")]),
    ("Trabzon'da kayıtlı esnaf sayısı 42 bini aşıyor.", [(42_000, "esnaf", "more_than", "count")]),
    (
        "Öğrenci sayısı 160 binden 1 milyon 150 bine çıktı.",
        [(160_000, "öğrenci", "exact", "count"), (1_150_000, "öğrenci", "exact", "count")],
    ),
    (
        "Merkezde 18 atölye ve 6 laboratuvar bulunuyor.",
        [(18, "atölye", "exact", "count"), (6, "laboratuvar", "exact", "count")],
    ),
    ("Arazi 12 bin metrekare büyüklüğünde.", [(12_000, "metrekare", "exact", "count")]),
    ("Okulun 40 dönümlük arazisi var.", [(40, "dönüm", "exact", "count")]),
    ("Otelde 48 odalı bir bina var.", [(48, "oda", "exact", "count")]),
    ("Her sınıf 50 kişilik olacak.", [(50, "kişi", "exact", "count")]),
    ("Toplam 5000 MW kurulu güce ulaşılacak.", [(5000, "MW", "exact", "count")]),
    ("Firmalar 25 bin teknik personele ihtiyaç duyuyor.", [(25_000, "teknik personel", "exact", "count")]),
    ("Programa 230 kadın üretici katıldı.", [(230, "kadın üretici", "exact", "count")]),
    ("Projede 120 mühendislik öğrencisi staj yapacak.", [(120, "mühendislik öğrencisi", "exact", "count")]),
    ("İlde 4 sağlık meslek lisesinde eğitim veriliyor.", [(4, "sağlık meslek lisesi", "exact", "count")]),
    (
        "Almanya'da 24 meslek lisesi öğretmeni eğitim aldı.",
        [(24, "meslek lisesi öğretmeni", "exact", "count")],
    ),
    ("Okula 500 adet bilgisayar dağıtıldı.", [(500, "bilgisayar", "exact", "count")]),
    ("Şehirde 12 ilde 40 merkez açıldı.", [(12, "il", "exact", "count"), (40, "merkez", "exact", "count")]),
    ("Atölyede yılda 20 ton atık işlenecek.", [(20, "ton", "exact", "count")]),
    ("Hasatta yaklaşık 15 ton domates toplandı.", [(15, "ton", "approx", "count")]),
    ("Kurs için 1.200 saat uygulama yapıldı.", [(1200, "saat", "exact", "count")]),
    ("Fuarda 1.200'den fazla iş ilanı paylaşıldı.", [(1200, "iş ilanı", "more_than", "count")]),
    ("11 BİN KİŞİYE KARİYER KAPISI ARALANDI", [(11_000, "KİŞİ", "exact", "count")]),
    ("İki ajanın öyküsü anlatıldı.", [(2, "ajan", "exact", "count")]),
    ("Zirvede 60'ı aşkın konuşmacı yer alacak.", [(60, "konuşmacı", "more_than", "count")]),
    ("Oranı yüzde 3'ün altına indirmek hedefleniyor.", [(3, "%", "less_than", "percent")]),
    ("Program için 500 bin TL'yi aşkın ekipman alınacak.", [(500_000, "TL", "more_than", "money")]),
    ("Akademiden bin 250 kursiyer mezun oldu.", [(1250, "kursiyer", "exact", "count")]),
    ("Kursiyerlerin 3 bin 200'ü kadın.", [(3200, "kadın", "exact", "count")]),
    ("Başvurular yüzde 12 arttı.", [(12, "%", "exact", "percent")]),
    ("Bütçe 2.5 milyon dolar oldu.", [(2_500_000, "dolar", "exact", "money")]),
    ("Yatırım 10 katrilyon liraya ulaştı.", [(10**16, "lira", "exact", "money")]),
    ("Atölyeye 60 adet test cihazı kazandırıldı.", [(60, "test cihazı", "exact", "count")]),
    ("Programdan 186 bin kişi yararlandı.", [(186_000, "kişi", "exact", "count")]),
    ("Sınava 68 bin 900 aday girmişti.", [(68_900, "aday", "exact", "count")]),
    ("Kursu 55 kursiyer başarıyla tamamladı.", [(55, "kursiyer", "exact", "count")]),
    (
        "Kampa katılacak 75 öğrenci 1.500'den fazla aday arasından seçildi.",
        [(75, "öğrenci", "exact", "count"), (1500, "aday", "more_than", "count")],
    ),
    (
        "Yeni dönemde 50 kişilik iki sınıf açılacak.",
        [(50, "kişi", "exact", "count"), (2, "sınıf", "exact", "count")],
    ),
]


@pytest.mark.parametrize(("text", "expected"), CASES)
def test_turkish_figures(text: str, expected: list[tuple[float, str, str, str]]) -> None:
    found = extract_figures(text, "tr")
    assert [(f.value, f.unit, f.qualifier, f.kind) for f in found] == expected
    for f in found:
        assert text[f.start : f.end] == f.text


def test_currency_code_is_recorded() -> None:
    (f,) = extract_figures("Projeye 18 milyon avro ayrıldı.", "tr")
    assert (f.kind, f.currency) == ("money", "EUR")
    (g,) = extract_figures("Projeye 2 milyon TL ayrıldı.", "tr")
    assert g.currency == "TRY"


def test_figure_is_attached_to_the_date_of_its_sentence() -> None:
    text = "Kurum 2025 yılında 409 kurs açtı. Ocak 2026'da 31 tören düzenlenecek."
    figures = extract_figures(text, "tr")
    assert [(f.value, f.attached_to.date.text if f.attached_to.date else None) for f in figures] == [
        (409, "2025 yılında"),
        (31, "Ocak 2026'da"),
    ]
    assert figures[0].sentence == (0, text.index(".") + 1)


def test_figure_is_attached_to_a_given_organisation_span() -> None:
    text = "İŞKUR bu yıl 500 kursiyere sertifika verdi."
    (f,) = extract_figures(text, "tr", orgs=[(0, 5)])
    assert f.attached_to.org == "İŞKUR"


def test_to_dict_nests_the_attachment() -> None:
    (f,) = extract_figures("Programa 230 kadın üretici katıldı.", "tr")
    d = f.to_dict()
    assert (d["value"], d["unit"], d["qualifier"], d["kind"], d["attached_to"]) == (
        230,
        "kadın üretici",
        "exact",
        "count",
        {"date": None, "org": None},
    )
