from __future__ import annotations

import pytest
from hypothesis import given
from hypothesis import strategies as st

from service.text import match_key, normalize


def test_turkish_case_folding_keeps_length_and_dots() -> None:
    view = normalize("İSTANBUL IŞIK Ankara’da", "tr", casefold=True)
    assert view.text == "istanbul ışık ankara'da"
    assert len(view.text) == len("İSTANBUL IŞIK Ankara’da")


def test_persian_letters_digits_and_tatweel_map_back() -> None:
    original = "فني‌وحرفه‌اي ۱۲٬۵۰۰ نفر در مـــرکز"
    view = normalize(original, "fa")
    assert "فنی" in view.text and "12.500" in view.text and "مرکز" in view.text
    start = view.text.index("مرکز")
    a, b = view.to_original(start, start + len("مرکز"))
    assert original[a:b] == "مـــرکز"


@pytest.mark.parametrize(
    ("left", "right", "lang"),
    [
        ("حرفه ای", "حرفه‌ای", "fa"),
        ("حرفه‌ای", "حرفهای", "fa"),
        ("سازمان فني", "سازمان فنی", "fa"),
        ("Ankara Ticaret Odası'nın", "ANKARA TİCARET ODASI", "tr"),
        ("İŞKUR’un", "işkur", "tr"),
    ],
)
def test_match_key_equalities(left: str, right: str, lang: str) -> None:
    assert match_key(left, lang) == match_key(right, lang)


def test_match_key_keeps_distinct_names_apart() -> None:
    assert match_key("Ankara Sanayi Odası", "tr") != match_key("Ankara Ticaret Odası", "tr")


@given(st.text(alphabet=st.sampled_from("aİIıŞ’ۀيك۱٢ـ\u064b\u200c xyz"), max_size=40))
def test_offsets_always_point_to_source_characters(text: str) -> None:
    for lang in ("tr", "fa", None):
        view = normalize(text, lang, casefold=True, zwnj="drop")
        for i in range(len(view.text)):
            assert 0 <= view.original_index(i) < len(text)
        assert view.to_original(0, len(view.text))[1] <= len(text)
