from __future__ import annotations

import pytest

from service.kb.orgnames import org_key


@pytest.mark.parametrize(
    ("variant", "name", "lang"),
    [
        ("Ankara İl Milli Eğitim Müdürlüğünce", "Ankara İl Milli Eğitim Müdürlüğü", "tr"),
        ("Ankara Ticaret Odasıyla", "Ankara Ticaret Odası", "tr"),
        ("Ankara Ticaret Odası'nın", "ANKARA TİCARET ODASI", "tr"),
        ("Milli Eğitim Bakanlığına", "Milli Eğitim Bakanlığı", "tr"),
        ("Kayseri Büyükşehir Belediyesince", "Kayseri Büyükşehir Belediyesi", "tr"),
        ("Almanya Federal Mesleki Eğitim Enstitüsü (BIBB)", "Almanya Federal Mesleki Eğitim Enstitüsü", "tr"),
        ("اداره کل آموزش فنی و حرفه ای استان آذربایجان شرقی", "اداره كل آموزش فني‌وحرفه‌اي استان آذربايجان‌شرقي", "fa"),
        ("اداره اداره کل آموزش فنی و حرفه ای استان", "اداره کل آموزش فنی و حرفه ای استان", "fa"),  # typed twice
        ("Bursa Bursa Ticaret Odası", "Bursa Ticaret Odası", "tr"),
    ],
)
def test_variants_share_a_key(variant: str, name: str, lang: str) -> None:
    assert org_key(variant, lang) == org_key(name, lang)


@pytest.mark.parametrize(
    ("a", "b", "lang"),
    [
        ("Ankara Ticaret Odası", "Ankara Sanayi Odası", "tr"),
        ("Kayseri İl Milli Eğitim Müdürlüğü", "Konya İl Milli Eğitim Müdürlüğü", "tr"),
        ("Sanayi Odası", "Sanayi Odaları Birliği", "tr"),
    ],
)
def test_different_organizations_keep_different_keys(a: str, b: str, lang: str) -> None:
    assert org_key(a, lang) != org_key(b, lang)
