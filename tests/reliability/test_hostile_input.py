"""Hostile input against every parser: only a result or an IngestError with a reason, never another
exception, never a hang. The generated inputs come from ``evaluation/fuzz_inputs.py`` (``make fuzz`` runs
100,000 of them); here a small, fixed sample, plus the classic attacks by name."""

from __future__ import annotations

import gzip
from datetime import timedelta

import pytest
from hypothesis import HealthCheck, given, settings

from evaluation.fuzz import TARGETS, run_input
from evaluation.fuzz_inputs import BILLION_LAUGHS, _deflate_bomb, _pdf, seeds
from service.ingest.errors import IngestError, Reason
from service.ingest.links import feed_items
from service.ingest.parse import parse_bytes
from service.nlp.dates import extract_dates
from service.nlp.figures import extract_figures

TIMEOUT = 20.0  # seconds; a hang, not a slow machine


@pytest.mark.parametrize("name", sorted(TARGETS))
def test_generated_hostile_inputs(name: str) -> None:
    target = TARGETS[name]

    @settings(max_examples=100, deadline=timedelta(seconds=10), database=None, derandomize=True,
              suppress_health_check=[HealthCheck.too_slow, HealthCheck.data_too_large, HealthCheck.large_base_example])
    @given(target.strategy())
    def check(value: object) -> None:
        outcome = run_input(target, value, TIMEOUT)
        assert outcome.fine, f"{outcome.kind}: {outcome.detail} on {value!r:.300}"

    check()


def _reason(data: bytes, **kwargs: str) -> str | None:
    try:
        parse_bytes(data, **kwargs)
    except IngestError as exc:
        assert exc.detail
        return exc.reason.value
    return None


def test_deeply_nested_html() -> None:
    for depth in (1_000, 100_000):
        page = b"<html><body>" + b"<div>" * depth + "Ankara'da mesleki eğitim protokolü imzalandı. ".encode() * 5
        assert _reason(page, content_type="text/html") in (None, "empty", "malformed")


def test_invalid_utf8_and_mixed_scripts() -> None:
    text = "Kayseri İl Müdürlüğü ile اتاق بازرگانی تبریز ۱۴ فروردین ۱۴۰۳ و 12 Mart 2025'te 1.250 kursiyer ".encode()
    broken = text[:7] + b"\xc3\x28\xff\xfe\xed\xa0\x80" + text[7:] + b"\x80" * 10
    assert _reason(b"<html><body><p>" + broken * 3 + b"</p></body></html>", content_type="text/html") in (
        None, "undecodable")
    assert _reason(broken * 5, content_type="text/plain") in (None, "undecodable")
    mixed = broken.decode("utf-8", errors="replace") * 3
    for lang in ("tr", "fa"):
        for mention in extract_dates(mixed, lang) + extract_figures(mixed, lang):
            assert mixed[mention.start : mention.end] == mention.text


def test_malformed_pdfs_are_refused_with_a_reason() -> None:
    bulletin = seeds("pdf")[0]
    for broken in (bulletin[: len(bulletin) // 2], bulletin.replace(b"/FlateDecode", b"/FlateDecode\xfe\xff"),
                   b"%PDF-1.7\n" + b"[" * 100_000, b"%PDF-1.4\n1 0 obj << /Type /Catalog /Pages 1 0 R >> endobj"):
        assert _reason(broken, content_type="application/pdf") in (None, "malformed", "empty")


def test_pdf_decompression_bomb_stops_at_the_limit() -> None:
    stream = _deflate_bomb(50_000_000)  # 50 MB of text in about 50 KB
    pdf = _pdf([
        b"<< /Type /Catalog /Pages 2 0 R >>", b"<< /Type /Pages /Kids [3 0 R] /Count 1 >>",
        b"<< /Type /Page /Parent 2 0 R /Contents 4 0 R /Resources << /Font << /F1 5 0 R >> >> >>",
        f"<< /Length {len(stream)} /Filter /FlateDecode >>".encode() + b"\nstream\n" + stream + b"\nendstream",
        b"<< /Type /Font /Subtype /Type1 /BaseFont /Helvetica >>",
    ])
    outcome = run_input(TARGETS["pdf"], pdf, 5.0)
    assert (outcome.kind, outcome.detail) == ("rejected", Reason.TOO_LARGE.value)


def test_xml_entity_bomb_is_not_expanded() -> None:
    feed = f'<?xml version="1.0"?>{BILLION_LAUGHS}<rss><channel><item><link>http://a.tr/&d;</link></item>' \
           "</channel></rss>"
    items = feed_items(feed.encode(), "http://a.tr/feed.xml")
    assert all(len(item.url) < 1000 for item in items)


def test_gzip_file_is_not_inflated_by_the_parser() -> None:
    """Compressed bytes that reach the parser (a .html.gz saved as .html) are binary, not a page."""
    bomb = gzip.compress(b"<p>" + b"a" * 10_000_000, 9)
    assert _reason(bomb, content_type="text/html") in ("undecodable", "empty", "unsupported_type")
