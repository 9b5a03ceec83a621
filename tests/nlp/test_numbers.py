"""Regression battery for number reading in Turkish and Persian (digits, words, mixed)."""

from __future__ import annotations

import pytest

from service.nlp.numbers import find_numbers, parse_number, to_words

TURKISH = [
    ("üç", 3),
    ("yüz elli", 150),
    ("iki bin", 2000),
    ("4 bin 608", 4608),
    ("1,5 milyon", 1_500_000),
    ("yarım", 0.5),
    ("4.608", 4608),
    ("1,5", 1.5),
    ("on bir", 11),
    ("onbir", 11),
    ("kırk beş", 45),
    ("dokuz yüz doksan dokuz", 999),
    ("bin", 1000),
    ("bin dokuz yüz doksan", 1990),
    ("iki yüz elli bin", 250_000),
    ("bir milyon iki yüz bin", 1_200_000),
    ("3 milyar", 3_000_000_000),
    ("yarım milyon", 500_000),
    ("bir buçuk milyon", 1_500_000),
    ("iki buçuk", 2.5),
    ("1.250.000", 1_250_000),
    ("2,75", 2.75),
    ("12,5 milyar", 12_500_000_000),
    ("sıfır", 0),
    ("yüz", 100),
    ("yüz bir", 101),
    ("altmış yedi", 67),
    ("ikibin", 2000),
    ("onbinaltıyüz", 10_600),
    ("1.250,5", 1250.5),
    ("3 bin 200'ü", 3200),
    ("4 bin 600'den", 4600),
    ("8000’den", 8000),
    ("binden", 1000),
    ("BİN", 1000),
    ("ÜÇ YÜZ", 300),
    ("bir", 1),
    ("bir trilyon", 1_000_000_000_000),
    ("1,500,000", 1_500_000),
    ("beş yüz bin", 500_000),
]

TURKISH_NOT_NUMBERS = [
    "26.01.2022",
    "üçüncü",
    "binlerce",
    "4 5",
    "yirmi yirmi",
    "",
    "kitap",
    "yüzde",
    "onlarca",
    "3'üncü",
]

PERSIAN = [
    ("بیست و چهار", 24),
    ("دو هزار و ششصد و هشت", 2608),
    ("یک میلیون و دویست هزار", 1_200_000),
    ("یک میلیون و دویست و پنجاه هزار و سیصد", 1_250_300),
    ("۵۰۰ میلیارد", 500_000_000_000),
    ("۱۲٬۵۰۰", 12_500),
    ("۳/۵", 3.5),
    ("٣٤", 34),
    ("۳٫۵", 3.5),
    ("12,500", 12_500),
    ("هزار", 1000),
    ("صد", 100),
    ("یکصد", 100),
    ("سیصد و پنجاه", 350),
    ("یازده", 11),
    ("نوزده", 19),
    ("هیجده", 18),
    ("هفتاد و هفت", 77),
    ("نهصد و نود و نه هزار", 999_000),
    ("دو میلیارد و پانصد میلیون", 2_500_000_000),
    ("یک و نیم میلیون", 1_500_000),
    ("دو و نیم", 2.5),
    ("نیم میلیون", 500_000),
    ("۱٬۲۵۰٬۰۰۰", 1_250_000),
    ("۲ هزار و ۵۰۰", 2500),
    ("یک هزار و ۶۵۰", 1650),
    ("۴ میلیون و ۵۰۰ هزار", 4_500_000),
    ("دویست و پنجاه میلیارد", 250_000_000_000),
    ("١٢٣٤٥", 12_345),
    ("یک", 1),
    ("سه هزار", 3000),
    ("ده", 10),
]

PERSIAN_NOT_NUMBERS = ["سوم", "هزاران", "میلیون‌ها", "۱۴۰۳/۰۱/۱۴", "کارآموز", "بیست و سوم"]


@pytest.mark.parametrize(("text", "value"), TURKISH)
def test_turkish_numbers(text: str, value: float) -> None:
    assert parse_number(text, "tr") == value


@pytest.mark.parametrize("text", TURKISH_NOT_NUMBERS)
def test_turkish_non_numbers(text: str) -> None:
    assert parse_number(text, "tr") is None


@pytest.mark.parametrize(("text", "value"), PERSIAN)
def test_persian_numbers(text: str, value: float) -> None:
    assert parse_number(text, "fa") == value


@pytest.mark.parametrize("text", PERSIAN_NOT_NUMBERS)
def test_persian_non_numbers(text: str) -> None:
    assert parse_number(text, "fa") is None


def test_persian_tools_anchor_failure_is_fixed() -> None:
    """persian-tools reads this as 1,000,200,000 (anchors §3.2)."""
    assert parse_number("یک میلیون و دویست هزار", "fa") == 1_200_000


def test_find_numbers_splits_adjacent_numbers_and_keeps_offsets() -> None:
    text = "2024 yılında 3 bin kişi, 4 bin 600'den fazla kursiyer"
    found = find_numbers(text, "tr")
    assert [(text[m.start : m.end], m.value) for m in found] == [
        ("2024", 2024),
        ("3 bin", 3000),
        ("4 bin 600", 4600),
    ]
    assert found[2].suffix == "den"
    assert text[found[2].start : found[2].outer_end] == "4 bin 600'den"


def test_find_numbers_article_bir_is_not_one() -> None:
    assert find_numbers("bir toplantı düzenlendi", "tr") == []
    assert [m.value for m in find_numbers("bir milyon kişi", "tr")] == [1_000_000]


def test_find_numbers_ordinals_are_flagged() -> None:
    found = find_numbers("üçüncü dönem ve 5'inci sınıf", "tr")
    assert [m.ordinal for m in found] == [True, True]


def test_find_numbers_persian_offsets_point_into_original() -> None:
    text = "در این طرح ۲ هزار و ۵۰۰ نفر آموزش دیدند"
    (m,) = find_numbers(text, "fa")
    assert text[m.start : m.end] == "۲ هزار و ۵۰۰" and m.value == 2500


def test_find_numbers_vague_plural_scale_is_not_a_number() -> None:
    assert find_numbers("میلیون ها نفر", "fa") == []


@pytest.mark.parametrize(
    ("n", "lang", "words"),
    [
        (4608, "tr", "dört bin altı yüz sekiz"),
        (1_200_000, "tr", "bir milyon iki yüz bin"),
        (100, "tr", "yüz"),
        (1000, "tr", "bin"),
        (2608, "fa", "دو هزار و ششصد و هشت"),
        (1_200_000, "fa", "یک میلیون و دویست هزار"),
        (24, "fa", "بیست و چهار"),
        (0, "fa", "صفر"),
    ],
)
def test_to_words(n: int, lang: str, words: str) -> None:
    assert to_words(n, lang) == words


@pytest.mark.parametrize("bad", [-1, 10**15, 1.5, True])
def test_to_words_rejects_what_it_cannot_spell(bad: object) -> None:
    with pytest.raises(ValueError):
        to_words(bad, "tr")  # type: ignore[arg-type]


def test_unsupported_language_fails_loudly() -> None:
    with pytest.raises(ValueError):
        parse_number("one", "en")
