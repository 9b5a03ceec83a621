"""The document highlighter and the UI helpers, without a browser."""

from __future__ import annotations

from service.api.ui import Links, Span, Translator, annotate, choose_spans, parse_filters, strings


def test_every_piece_is_escaped() -> None:
    text = 'A <script>alert(1)</script> & "B" <img src=x onerror=alert(2)>'
    start = text.index("<script>")
    html = str(annotate(text, [Span(start, start + 8, "ent", "ent ent-org", title='"><script>', href="/x?a=1&b=<2>")]))
    assert "<script>" not in html and "<img" not in html
    assert "&lt;script&gt;</a></span>alert(1)&lt;/script&gt; &amp; &#34;B&#34; &lt;img" in html
    assert 'title="&#34;&gt;&lt;script&gt;"' in html and 'href="/x?a=1&amp;b=&lt;2&gt;"' in html


def test_overlapping_spans_keep_the_first_longest() -> None:
    text = "Ankara Ticaret Odası ve Ankara Valiliği 2025 yılında"
    org = Span(0, 20, "ent", "ent ent-org")
    inner = Span(0, 6, "ent", "ent ent-loc")           # nested in the ORG: skipped
    crossing = Span(15, 30, "date", "date")            # crosses the ORG's end: skipped
    later = Span(24, 39, "ent", "ent ent-org")
    figure = Span(40, 44, "fig", "fig")
    _, chosen = choose_spans([inner, crossing, later, org, figure], len(text))
    assert [(s.start, s.end) for s in chosen] == [(0, 20), (24, 39), (40, 44)]
    html = str(annotate(text, [inner, crossing, later, org, figure]))
    assert html.count("<span") == 3 and html.count("</span>") == 3
    assert html == ('<p><span class="ent ent-org">Ankara Ticaret Odası</span> ve <span class="ent ent-org">'
                    'Ankara Valiliği</span> <span class="fig">2025</span> yılında</p>')


def test_higher_ranked_spans_win_overlaps() -> None:
    text = "Protokol 18 Mart 2025 tarihinde Ankara Valiliği'nde imzalandı."
    date = text.index("18 Mart")
    org = text.index("Ankara")
    model_date = Span(date - 9, date + 12, "ent", "ent ent-date", rank=2)  # the NER's own, longer DATE
    extracted = Span(date, date + 12, "date", "date", rank=1)
    organization = Span(org, org + 15, "ent", "ent ent-org", rank=0)
    crossing_date = Span(org - 10, org + 6, "date", "date", rank=1)  # crosses the ORG: loses
    _, chosen = choose_spans([model_date, crossing_date, extracted, organization], len(text))
    assert [(s.start, s.end, s.css) for s in chosen] == [(date, date + 12, "date"), (org, org + 15, "ent ent-org")]


def test_spans_out_of_range_are_ignored_and_text_is_complete() -> None:
    text = "kısa metin"
    html = str(annotate(text, [Span(5, 50, "ent", "ent"), Span(-1, 3, "ent", "ent"), Span(4, 4, "ent", "ent")]))
    assert html == "<p>kısa metin</p>"


def test_paragraphs_pages_and_an_evidence_container() -> None:
    text = "Birinci paragraf.\nİkinci paragraf KOSGEB ile.\nÜçüncü."
    start = text.index("İkinci")
    end = text.index("\nÜçüncü")
    kosgeb = text.index("KOSGEB")
    spans = [Span(start, end, "hl", "evidence", anchor="hl", container=True),
             Span(kosgeb, kosgeb + 6, "ent", "ent ent-org", href="/ui/organizations/3"),
             Span(start - 3, start + 3, "ent", "ent")]  # straddles the container's start: skipped
    html = str(annotate(text, spans, page_starts=[0, start], page_label=lambda n: f"Sayfa {n}"))
    assert html.startswith('<div class="page-marker" role="separator">Sayfa 1</div><p>Birinci paragraf.</p>')
    assert ('<div class="page-marker" role="separator">Sayfa 2</div><p><mark class="evidence" id="hl">İkinci paragraf '
            '<span class="ent ent-org"><a href="/ui/organizations/3">KOSGEB</a></span> ile.</mark></p><p>Üçüncü.</p>') in html


def test_persian_text_offsets_survive() -> None:
    text = "امضای تفاهم‌نامه با اتاق بازرگانی تبریز در ۱۸ فروردین ۱۴۰۳"
    org = text.index("اتاق")
    date = text.index("۱۸")
    html = str(annotate(text, [Span(org, org + len("اتاق بازرگانی تبریز"), "ent", "ent ent-org"),
                               Span(date, len(text), "date", "date")]))
    assert '<span class="ent ent-org">اتاق بازرگانی تبریز</span>' in html
    assert '<span class="date">۱۸ فروردین ۱۴۰۳</span></p>' in html


def test_interface_strings_are_complete() -> None:
    for key, entry in strings().items():
        assert set(entry) == {"tr", "fa", "en"}, key
        assert all(entry.values()), key
    assert Translator("fa")("results_count", n=1234) == "۱٬۲۳۴ سند"
    assert Translator("tr")("results_count", n=1234) == "1.234 belge"
    assert Translator("en").opt("type", "protocol") == "Protocol"
    assert Translator("en").opt("type", "unknown") == "unknown"


def test_filters_from_the_query_string() -> None:
    parsed = parse_filters({"lang": "fa", "date_from": "2024-01-01", "org": "x", "event_type": "protocol",
                            "value_min": "10", "date_field": "event"})
    assert parsed.invalid == ["org"]
    assert parsed.filters.lang == "fa" and parsed.filters.value_min == 10.0 and parsed.filters.date_field == "event"
    assert parse_filters({"date_field": "event"}).active == {}  # a date kind without dates is no filter
    links = Links("/", {"q": "kurs", "lang": "fa", "date_from": "2024-01-01", "date_field": "event"})
    assert links.remove("date_from") == "/?q=kurs&lang=fa"
    assert links.add(org=3) == "/?q=kurs&lang=fa&date_from=2024-01-01&date_field=event&org=3"
    assert links.clear() == "/?q=kurs"
