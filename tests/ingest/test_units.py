"""Unit tests of the ingest building blocks: address checks, decoding, PDF repair, sniffing, links."""

from __future__ import annotations

import pytest

from service.ingest.decode import decode_bytes
from service.ingest.errors import IngestError, Reason
from service.ingest.links import classify_xml, entries_from_sitemap
from service.ingest.netsafety import check_url, is_forbidden_address
from service.ingest.parse import sniff_type
from service.ingest.pdf import repair_hyphenation


@pytest.mark.parametrize(
    "address",
    ["127.0.0.1", "10.1.2.3", "172.16.0.1", "192.168.1.1", "169.254.169.254", "224.0.0.1", "0.0.0.0",
     "::1", "fe80::1", "fc00::1", "::ffff:127.0.0.1", "100.64.0.1", "240.0.0.1"],
)
def test_forbidden_addresses(address: str) -> None:
    assert is_forbidden_address(address)


@pytest.mark.parametrize("address", ["8.8.8.8", "151.101.1.1", "2a00:1450:4001::1"])
def test_public_addresses(address: str) -> None:
    assert not is_forbidden_address(address)


@pytest.mark.parametrize(
    "url", ["http://127.0.0.1/x", "http://2130706433/x", "http://0177.0.0.1/x", "http://[::1]/x", "http://localhost/x"]
)
def test_loopback_spellings_refused(url: str) -> None:
    with pytest.raises(IngestError) as info:
        check_url(url, allow_private=False)
    assert info.value.reason == Reason.PRIVATE_ADDRESS


def test_allow_list_and_opt_in() -> None:
    check_url("http://127.0.0.1/x", allow_private=True)
    check_url("http://127.0.0.1/x", allow_private=False, allowed_networks=["127.0.0.0/8"])


@pytest.mark.parametrize("url", ["file:///etc/passwd", "gopher://x/", "http:///nohost"])
def test_invalid_urls(url: str) -> None:
    with pytest.raises(IngestError) as info:
        check_url(url, allow_private=False)
    assert info.value.reason == Reason.INVALID_URL


def test_windows_1256_persian_decodes() -> None:
    text = "اداره كل آموزش فني و حرفه اي استان با اتاق بازرگاني دوره هاي آموزشي برگزار كرد و جوانان شركت كردند"
    decoded, encoding = decode_bytes(text.encode("cp1256"))
    assert decoded == text and encoding == "cp1256"


def test_binary_is_undecodable() -> None:
    with pytest.raises(IngestError) as info:
        decode_bytes(b"\x00\x01\x02" * 100)
    assert info.value.reason == Reason.UNDECODABLE


def test_hyphenation_repair() -> None:
    assert repair_hyphenation("Avrupa Kalite Gü-\nvencesi ile") == "Avrupa Kalite Güvencesi ile"
    assert repair_hyphenation("Ankara-\nİstanbul hattı") == "Ankara-\nİstanbul hattı"


@pytest.mark.parametrize(
    ("data", "content_type", "name", "kind"),
    [
        (b"%PDF-1.7 ...", "", "", "pdf"),
        (b"<!DOCTYPE html><html>", "application/octet-stream", "", "html"),
        (b"plain words", "", "a.txt", "text"),
        (b"<html><body>x", "", "", "html"),
    ],
)
def test_sniff_type(data: bytes, content_type: str, name: str, kind: str) -> None:
    assert sniff_type(data, content_type, name) == kind


def test_sniff_refuses_binary() -> None:
    with pytest.raises(IngestError) as info:
        sniff_type(bytes(range(256)), "application/octet-stream", "x.bin")
    assert info.value.reason == Reason.UNSUPPORTED_TYPE


def test_sitemap_parsing_with_lastmod_and_index() -> None:
    data = b"""<?xml version="1.0"?><urlset xmlns="http://www.sitemaps.org/schemas/sitemap/0.9">
    <url><loc>https://a.test/1</loc><lastmod>2025-01-02</lastmod></url><url><loc>/2</loc></url></urlset>"""
    assert classify_xml(data) == "sitemap"
    entries = entries_from_sitemap(data, "https://a.test/sitemap.xml")
    assert [(e.url, e.lastmod) for e in entries] == [("https://a.test/1", "2025-01-02"), ("https://a.test/2", None)]
    index = b"<sitemapindex><sitemap><loc>https://a.test/s2.xml</loc></sitemap></sitemapindex>"
    assert entries_from_sitemap(index, "https://a.test/")[0].is_sitemap


def test_sitemap_entity_expansion_is_not_resolved() -> None:
    bomb = b'<?xml version="1.0"?><!DOCTYPE x [<!ENTITY a "aaaaaaaaaa"><!ENTITY b "&a;&a;&a;&a;">]><urlset><url><loc>&b;</loc></url></urlset>'
    entries = entries_from_sitemap(bomb, "https://a.test/")
    assert all("aaaa" not in e.url for e in entries)


@pytest.mark.parametrize(
    ("title", "site", "expected"),
    [
        ("4 şüpheli tutuklandı | NTV Haber", "NTV.com.tr", "4 şüpheli tutuklandı"),
        ("Kursiyerler sertifika aldı - Anadolu Ajansı", None, "Kursiyerler sertifika aldı"),
        ("دوره آموزشی برگزار شد | خبرگزاری ایرنا", None, "دوره آموزشی برگزار شد"),
        ("Ankara - İstanbul hattında yeni dönem", None, "Ankara - İstanbul hattında yeni dönem"),
        ("Mesleki eğitim: yeni dönem başlıyor", "meb.gov.tr", "Mesleki eğitim: yeni dönem başlıyor"),
    ],
)
def test_site_suffix_is_stripped_from_titles(title: str, site: str | None, expected: str) -> None:
    from service.ingest.html import strip_site_suffix

    assert strip_site_suffix(title, site) == expected


def test_rss_and_atom_feed_items() -> None:
    from service.ingest.links import feed_items

    rss = b"""<rss version="2.0"><channel><item><title>A</title><link>/tr/a.html</link><guid>g-1</guid>
    <pubDate>Sun, 09 Mar 2025 16:20:00 +0330</pubDate></item><item><title>no link</title></item></channel></rss>"""
    items = feed_items(rss, "http://127.0.0.1:9/feed.xml")
    assert [(i.url, i.guid, i.title) for i in items] == [("http://127.0.0.1:9/tr/a.html", "g-1", "A")]
    atom = b"""<feed xmlns="http://www.w3.org/2005/Atom"><entry><id>urn:x</id><title>B</title>
    <link rel="alternate" href="https://a.test/b"/><updated>2025-01-02T00:00:00Z</updated></entry></feed>"""
    assert [(i.url, i.published) for i in feed_items(atom, "https://a.test/atom")] == [
        ("https://a.test/b", "2025-01-02T00:00:00Z")
    ]
