"""Property tests: number -> words -> number, and number -> grouped digits -> number, in both languages."""

from __future__ import annotations

from hypothesis import given, settings
from hypothesis import strategies as st

from service.nlp.numbers import parse_number, to_words

UP_TO_TRILLION = st.integers(min_value=0, max_value=10**12)
PERSIAN_DIGITS = str.maketrans("0123456789", "۰۱۲۳۴۵۶۷۸۹")


@settings(max_examples=400)
@given(UP_TO_TRILLION)
def test_turkish_words_round_trip(n: int) -> None:
    assert parse_number(to_words(n, "tr"), "tr") == n


@settings(max_examples=400)
@given(UP_TO_TRILLION)
def test_persian_words_round_trip(n: int) -> None:
    assert parse_number(to_words(n, "fa"), "fa") == n


@settings(max_examples=200)
@given(UP_TO_TRILLION)
def test_turkish_grouped_digits_round_trip(n: int) -> None:
    assert parse_number(f"{n:,}".replace(",", "."), "tr") == n


@settings(max_examples=200)
@given(UP_TO_TRILLION)
def test_persian_grouped_digits_round_trip(n: int) -> None:
    written = f"{n:,}".replace(",", "٬").translate(PERSIAN_DIGITS)
    assert parse_number(written, "fa") == n


@settings(max_examples=200)
@given(st.integers(min_value=1, max_value=999), st.integers(min_value=0, max_value=999))
def test_turkish_mixed_thousands(thousands: int, rest: int) -> None:
    """'4 bin 608' style: digits, the word bin, digits."""
    text = f"{thousands} bin {rest}" if rest else f"{thousands} bin"
    assert parse_number(text, "tr") == thousands * 1000 + rest


@settings(max_examples=200)
@given(st.integers(min_value=1, max_value=999), st.integers(min_value=1, max_value=999))
def test_persian_mixed_millions(millions: int, thousands: int) -> None:
    """'۴ میلیون و ۵۰۰ هزار' style."""
    text = f"{millions} میلیون و {thousands} هزار".translate(PERSIAN_DIGITS)
    assert parse_number(text, "fa") == millions * 1_000_000 + thousands * 1000
