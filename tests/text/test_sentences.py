from __future__ import annotations

from service.text import sentence_spans


def sentences(text: str) -> list[str]:
    return [text[a:b] for a, b in sentence_spans(text)]


def test_abbreviations_ordinals_and_numbers_do_not_split() -> None:
    text = "Prof. Dr. Ali Yılmaz konuştu. 3. Dönem kursuna 4.608 kişi katıldı! Sonra ne oldu?"
    assert sentences(text) == ["Prof. Dr. Ali Yılmaz konuştu.", "3. Dönem kursuna 4.608 kişi katıldı!", "Sonra ne oldu?"]


def test_persian_question_mark_and_blank_lines() -> None:
    text = "این دوره برگزار شد. آیا ادامه دارد؟ بله\n\nپاراگراف دوم"
    assert sentences(text) == ["این دوره برگزار شد.", "آیا ادامه دارد؟", "بله", "پاراگراف دوم"]


def test_wrapped_lines_stay_one_sentence() -> None:
    text = "Proje kapsamında 15 Mesleki\nve Teknik Anadolu Lisesi seçildi."
    assert sentences(text) == [text]
