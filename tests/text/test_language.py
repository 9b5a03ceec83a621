from __future__ import annotations

import pytest

from service.text import detect_language


@pytest.mark.parametrize(
    ("text", "lang"),
    [
        ("Milli Eğitim Bakanlığı ile İŞKUR arasında mesleki eğitim protokolü imzalandı ve kurslar açıldı.", "tr"),
        ("KOSGEB'in desteğiyle açılan kursa 250 kişi katıldı; kursiyerler sertifikalarını aldı.", "tr"),
        ("اداره کل آموزش فنی و حرفه‌ای استان با اتاق بازرگانی تفاهم‌نامه امضا کرد.", "fa"),
        ("اداره كل آموزش فني و حرفه اي استان در اين دوره ها شركت كرد و براي جوانان است.", "fa"),
    ],
)
def test_supported_languages(text: str, lang: str) -> None:
    guess = detect_language(text)
    assert guess.lang == lang and guess.supported


@pytest.mark.parametrize(
    ("text", "detected"),
    [
        ("The ministry and the chamber signed a protocol for the training of young workers in the region.", "en"),
        ("Das Ministerium und die Kammer haben ein Protokoll für die Ausbildung der jungen Leute unterzeichnet.", "de"),
        ("وقعت الوزارة مع الغرفة التجارية على مذكرة تفاهم في مجال التدريب المهني التي تهدف إلى", "ar"),
        ("Nazirlik və palata gənclərin peşə təhsili üçün protokol imzaladı və kurslar açıldı.", "az"),
    ],
)
def test_other_languages_are_refused_with_a_reason(text: str, detected: str) -> None:
    guess = detect_language(text)
    assert guess.lang is None and guess.detected == detected
    assert "not supported" in guess.reason


def test_too_short() -> None:
    assert detect_language("Merhaba").lang is None
