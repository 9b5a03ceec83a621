"""Search analysis and query parsing: the Turkish and Persian normalization battery."""

from __future__ import annotations

import pytest

from service.search.analyzer import index_text, query_stem, tokens
from service.search.query import QueryError, parse_query


@pytest.mark.parametrize(
    ("query", "document"),
    [
        ("belediye", "Kayseri Büyükşehir Belediyesi'nin kursları"),
        ("kursiyer", "kursiyerlere sertifika verildi"),
        ("ISKUR", "İŞKUR'un desteğiyle"),
        ("öğretmen", "ÖĞRETMENLER eğitim aldı"),
        ("ogretmen", "öğretmenlerimiz"),
        ("müdürlük", "İl Milli Eğitim Müdürlüğü"),
        ("ışık", "IŞIK Mesleki ve Teknik Anadolu Lisesi"),
        ("حرفه ای", "آموزش فنی و حرفه‌ای"),
        ("حرفه‌ای", "آموزش فنی و حرفه ای"),
        ("حرفهای", "آموزش فنی و حرفه‌ای"),
        ("فني", "آموزش فنی"),
        ("کارآموز", "كارآموزان"),
        ("24", "۲۴ مرکز"),
        ("۲۴", "24 مرکز"),
        ("٢٤", "۲۴ مرکز"),
        ("دوره های", "دوره‌های آموزشی"),
        ("می شود", "اجرا می‌شود"),
    ],
)
def test_query_finds_document_variant(query: str, document: str) -> None:
    parsed = parse_query(query)
    indexed = tokens(document, None)
    for group in parsed.must:
        assert any(_matches(term.tokens, term.prefix, indexed) for term in group), (query, parsed.fts5(), indexed)


def _matches(words: tuple[str, ...], prefix: bool, indexed: list[str]) -> bool:
    if len(words) > 1:
        return " ".join(words) in " ".join(indexed)
    return any(tok.startswith(words[0]) if prefix else tok == words[0] for tok in indexed)


def test_index_text_is_folded_and_split() -> None:
    assert index_text("Ankara Ticaret Odası'nın İŞKUR’la", "tr") == "ankara ticaret odasi nin iskur la"


def test_stems_do_not_shrink_below_minimum() -> None:
    assert query_stem("kurs", "tr") == "kurs"
    assert query_stem("kursiyerlere", "tr") == "kursiyerler"


def test_operators_and_phrases() -> None:
    parsed = parse_query('"Ankara Ticaret Odası" OR İŞKUR -spor')
    assert parsed.fts5() == '("ankara ticaret odasi" OR "iskur"*) NOT "spor"*'
    assert parsed.tsquery() == "(('ankara' <-> 'ticaret' <-> 'odasi') | 'iskur':*) & !'spor':*"


@pytest.mark.parametrize("query", ["", "   ", "-spor", "NOT futbol", "'\"", "!!!"])
def test_unsearchable_queries_raise(query: str) -> None:
    with pytest.raises(QueryError):
        parse_query(query)


def test_fts5_quotes_are_escaped() -> None:
    assert parse_query('kurs"; DROP TABLE documents; --').fts5().count('"') % 2 == 0
