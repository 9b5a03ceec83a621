"""Hostile inputs for the parsers, as hypothesis strategies (used by ``evaluation/fuzz.py`` and the tests).

Two sources of inputs. *Mutations* of real seeds (the demo corpus: pages, the PDF bulletin, the feed and
the sitemap): bytes flipped, cut, repeated, spliced, and hostile tokens inserted. *Generated* documents:
markup trees, deep nesting, PDFs with broken structure or compressed bombs, XML with entity bombs, and
text mixing Turkish, Persian, Arabic and Latin scripts, three digit systems, bidi and zero-width marks,
encoded right, wrongly or not at all.
"""

from __future__ import annotations

import zlib
from functools import cache

from hypothesis import strategies as st

from service.settings import REPO_ROOT

DEMO = REPO_ROOT / "corpora" / "demo"

#: An entity expansion bomb: &d; is 10**4 copies of a (the parsers must not expand it).
BILLION_LAUGHS = ('<!DOCTYPE x [<!ENTITY a "aaaaaaaaaa"><!ENTITY b "&a;&a;&a;&a;&a;&a;&a;&a;&a;&a;">'
                  '<!ENTITY c "&b;&b;&b;&b;&b;&b;&b;&b;&b;&b;"><!ENTITY d "&c;&c;&c;&c;&c;&c;&c;&c;&c;&c;">]>')
#: Tokens that break naive parsers: bad UTF-8, NULs, BOMs, bidi overrides, markup and PDF syntax fragments.
HOSTILE_TOKENS = [
    b"\xff\xfe", b"\xfe\xff", b"\xef\xbb\xbf", b"\xc3\x28", b"\xed\xa0\x80", b"\xf4\x90\x80\x80", b"\x80\x81\x82",
    b"\x00", b"\x00" * 64, b"\r", b"\r\n" * 50, b"\x1b[31m", "\u202e".encode(), "\u200c".encode(), "\u200f".encode(),
    "\ufeff".encode(), "e\u0301\u0301\u0301".encode(), "\U0001f600".encode(), b"<!--", b"-->", b"<![CDATA[", b"]]>",
    b"<script>alert(1)</script>", b"<style>*{}</style>", b"</html>", b"<html>", b"<body>", b"</body>", b"<p>",
    b"<meta charset=\"windows-1256\">", b"<meta charset=\"utf-16\">", b"<meta charset=\"no-such-charset\">",
    b"&#0;", b"&#x110000;", b"&#99999999999;", b"&amp;#", b"&nbsp;", b"&unknown;", b"<?xml version=\"1.0\"?>",
    BILLION_LAUGHS.encode(), b"&d;", b"%PDF-1.7\n",
    b"%%EOF", b"trailer << /Root 1 0 R /Size 99999999 >>", b"xref\n0 99999999\n", b"stream\n", b"endstream",
    b"<< /Length -1 >>", b"<< /Type /Pages /Kids [1 0 R] /Count 1 >>", b"[" * 500, b"(" * 500,
    "۱۴ فروردین ۱۴۰۳".encode(), b"1403/01/14", "٣١/١٢/١٤٠٢".encode(), "29 Şubat 2023".encode(),
    "%۴۵".encode(), b"4 bin 608", ("9" * 400).encode(), b"1.2.3.4.5,6,7", "İIıi".encode(),
]

_TURKISH = "abcçdefgğhıijklmnoöprsştuüvyzABCÇDEFGĞHIİJKLMNOÖPRSŞTUÜVYZâîû"
_PERSIAN = "ابپتثجچحخدذرزژسشصضطظعغفقکگلمنوهیآأإؤئةيكىۀ"
_DIGITS = "0123456789۰۱۲۳۴۵۶۷۸۹٠١٢٣٤٥٦٧٨٩"
_MARKS = " \t\n\u00a0\u200c\u200d\u200e\u200f\u202a\u202b\u202c\u202e\u2066\u2069\u0640\u064b\u0651\u0301\ufeff"
_PUNCT = ".,;:!?'’‘\"«»()[]/%-–—…،؛؟٪٫٬+*&<>#@$€₺﷼"
MIXED_TEXT = st.text(alphabet=_TURKISH + _PERSIAN + _DIGITS + _MARKS + _PUNCT + "xyz\x00\x07\U0001f600", max_size=400)

NUMBER_WORDS = [
    "bir", "iki", "üç", "on", "yüz", "bin", "milyon", "milyar", "buçuk", "yarım", "yüzde", "virgül",
    "یک", "دو", "سه", "ده", "صد", "هزار", "میلیون", "میلیارد", "و", "درصد", "نیم", "ممیز",
]
#: Words date, number and figure extractors look for, mixed into text so that they meet real triggers.
TRIGGER_WORDS = [
    "Ocak", "Şubat", "Mart", "Nisan", "Mayıs", "Haziran", "Temmuz", "Ağustos", "Eylül", "Ekim", "Kasım", "Aralık",
    "فروردین", "اردیبهشت", "خرداد", "تیر", "مرداد", "شهریور", "مهر", "آبان", "آذر", "دی", "بهمن", "اسفند", "ژانویه",
    "yılı", "ayında", "tarihinde", "dün", "bugün", "geçen", "sal", "سال", "ماه", "امسال", "دیروز", "هجری", "شمسی",
    *NUMBER_WORDS,
    "kursiyer", "öğrenci", "kişi", "TL", "lira", "dolar", "avro", "نفر", "هنرجو", "ریال", "تومان", "دلار", "مرکز",
    "yaklaşık", "en az", "fazla", "üzerinde", "حدود", "بیش از", "کمتر از", "تا", "ile", "-", "–", "/", ".", ",",
    "1.250", "1,5", "4 bin 608", "۱٬۲۵۰", "۲۵٫۵", "2025", "1403", "۱۴۰۳", "31", "0", "-5", "1e9", "½", "2²",
]
TRIGGER_TEXT = st.lists(st.one_of(st.sampled_from(TRIGGER_WORDS), MIXED_TEXT.map(lambda t: t[:12])), max_size=60).map(" ".join)
LANGS = st.sampled_from(["tr", "fa"])


@cache
def seeds(kind: str) -> tuple[bytes, ...]:
    """Real documents of ``kind`` (html, pdf, feed, sitemap) to mutate."""
    if kind == "html":
        return tuple(p.read_bytes() for p in sorted(DEMO.glob("*/*.html")))
    if kind == "pdf":
        return tuple(p.read_bytes() for p in sorted(DEMO.glob("bulletin/*.pdf")))
    return (DEMO.joinpath(f"{kind}.xml").read_bytes(),)


@st.composite
def mutated(draw: st.DrawFn, kind: str) -> bytes:
    """A seed with up to eight edits: flips, hostile insertions, deletions, repeats, splices, truncation."""
    pool = seeds(kind)
    data = bytearray(draw(st.sampled_from(pool)))
    for _ in range(draw(st.integers(0, 8))):
        operation = draw(st.sampled_from(["flip", "insert", "delete", "repeat", "splice", "truncate"]))
        at = draw(st.integers(0, len(data)))
        if operation == "flip" and data:
            data[min(at, len(data) - 1)] ^= draw(st.integers(1, 255))
        elif operation == "insert":
            data[at:at] = draw(st.sampled_from(HOSTILE_TOKENS))
        elif operation == "delete":
            del data[at : at + draw(st.integers(1, 2048))]
        elif operation == "repeat":
            data[at:at] = bytes(data[at : at + draw(st.integers(1, 64))]) * draw(st.integers(2, 300))
        elif operation == "splice":
            other = draw(st.sampled_from(pool))
            start = draw(st.integers(0, len(other)))
            data[at:at] = other[start : start + draw(st.integers(1, 4096))]
        elif operation == "truncate":
            del data[at:]
    return bytes(data)


ENCODINGS = st.sampled_from(["utf-8", "utf-16", "utf-16-le", "cp1254", "cp1256", "iso-8859-9", "latin-1"])


@st.composite
def encoded(draw: st.DrawFn, text: str) -> bytes:
    """``text`` in some encoding, sometimes with a byte-order mark or a charset declaration that lies."""
    encoding = draw(ENCODINGS)
    data = text.encode(encoding, errors="replace")
    if draw(st.booleans()):
        declared = draw(ENCODINGS | st.just("x-unknown"))
        data = f'<meta charset="{declared}">'.encode() + data
    return data


_TAGS = ["p", "div", "span", "article", "main", "section", "h1", "h2", "li", "ul", "table", "tr", "td", "a", "b",
         "time", "script", "style", "noscript", "iframe", "svg", "math", "template", "title", "meta", "br", "img"]


def _element(children: st.SearchStrategy[str]) -> st.SearchStrategy[str]:
    attributes = st.lists(st.tuples(st.sampled_from(["class", "id", "href", "datetime", "content", "lang", "dir",
                                                     "onload", "x"]), MIXED_TEXT.map(lambda t: t[:40])),
                          max_size=3)
    return st.builds(
        lambda tag, attrs, body, closed: f"<{tag}" + "".join(f' {k}="{v}"' for k, v in attrs) + ">" + "".join(body)
        + (f"</{tag}>" if closed else ""),
        st.sampled_from(_TAGS), attributes, st.lists(children, max_size=4), st.booleans(),
    )


HTML_TREE = st.recursive(MIXED_TEXT | TRIGGER_TEXT, _element, max_leaves=30)


@st.composite
def nested_html(draw: st.DrawFn) -> bytes:
    """Markup nested tens of thousands deep, closed or not (a classic stack-overflow input)."""
    tag = draw(st.sampled_from(["div", "span", "table", "b", "li", "article"]))
    depth = draw(st.integers(1, 50_000))
    body = draw(TRIGGER_TEXT)
    closing = f"</{tag}>" * depth if draw(st.booleans()) else ""
    return f"<html><body>{f'<{tag}>' * depth}{body}{closing}</body></html>".encode()


def html_documents() -> st.SearchStrategy[bytes]:
    generated = st.builds(lambda title, body: f"<html><head><title>{title}</title></head><body>{body}</body></html>",
                          MIXED_TEXT, HTML_TREE)
    return st.one_of(mutated("html"), generated.flatmap(encoded), nested_html(), st.binary(max_size=2048))


@cache
def _deflate_bomb(size: int) -> bytes:
    """A content stream that inflates to ``size`` bytes (50 MB compress to about 50 KB)."""
    return zlib.compress(b"BT /F1 12 Tf (" + b"A" * size + b") Tj ET", 9)


def _pdf(objects: list[bytes]) -> bytes:
    """A PDF file around ``objects`` with a correct cross-reference table (damage is added by the caller)."""
    out = bytearray(b"%PDF-1.7\n")
    offsets = []
    for number, body in enumerate(objects, start=1):
        offsets.append(len(out))
        out += f"{number} 0 obj\n".encode() + body + b"\nendobj\n"
    xref = len(out)
    out += f"xref\n0 {len(objects) + 1}\n0000000000 65535 f \n".encode()
    out += b"".join(f"{o:010d} 00000 n \n".encode() for o in offsets)
    out += f"trailer << /Size {len(objects) + 1} /Root 1 0 R >>\nstartxref\n{xref}\n%%EOF\n".encode()
    return bytes(out)


@st.composite
def generated_pdf(draw: st.DrawFn) -> bytes:
    """One-page PDFs whose content stream is hostile text, a deflate bomb, or nonsense operators."""
    text = draw(TRIGGER_TEXT).encode("latin-1", errors="replace").replace(b")", b"").replace(b"\\", b"")
    content = draw(st.sampled_from(["text", "bomb", "operators"]))
    if content == "bomb":
        stream = _deflate_bomb(draw(st.sampled_from([10**3, 10**6, 5 * 10**7])))
        header = f"<< /Length {len(stream)} /Filter /FlateDecode >>".encode()
    elif content == "operators":
        stream = b" ".join(draw(st.lists(st.sampled_from([b"BT", b"ET", b"Tj", b"TJ", b"Tf", b"Td", b"'", b"\"", b"q",
                                                           b"Q", b"cm", b"(x)", b"[", b"]", b"<4142>", b"1", b"-1e9",
                                                           b"/F1", b"Do", b"BI", b"ID", b"EI"]), max_size=200)))
        header = f"<< /Length {len(stream)} >>".encode()
    else:
        stream = b"BT /F1 12 Tf 72 720 Td (" + text + b") Tj ET"
        header = f"<< /Length {draw(st.sampled_from([len(stream), 0, 10**9, -1]))} >>".encode()
    kids = draw(st.sampled_from([b"[3 0 R]", b"[2 0 R]", b"[]", b"[3 0 R 3 0 R]", b"null", b"[" * 1000]))
    objects = [
        b"<< /Type /Catalog /Pages 2 0 R >>",
        b"<< /Type /Pages /Kids " + kids + b" /Count " + str(draw(st.sampled_from([1, 0, -1, 10**9]))).encode() + b" >>",
        b"<< /Type /Page /Parent 2 0 R /MediaBox [0 0 612 792] /Contents 4 0 R /Resources << /Font << /F1 5 0 R >> >> >>",
        header + b"\nstream\n" + stream + b"\nendstream",
        b"<< /Type /Font /Subtype /Type1 /BaseFont /Helvetica >>",
    ]
    return _pdf(objects)


def pdf_documents() -> st.SearchStrategy[bytes]:
    generated = generated_pdf()
    truncated = st.builds(lambda document, cut: document[:cut], generated, st.integers(0, 1500))
    return st.one_of(mutated("pdf"), generated, truncated, st.binary(max_size=1024).map(lambda b: b"%PDF-1.4\n" + b))


def text_documents() -> st.SearchStrategy[bytes]:
    return st.one_of((MIXED_TEXT | TRIGGER_TEXT).flatmap(encoded), st.binary(max_size=4096),
                     st.builds(lambda line, n: (line * n).encode(), MIXED_TEXT, st.integers(1, 2000)))


_URLS = st.one_of(st.just("http://demo.hamkar.test/a.html"), st.just("javascript:alert(1)"), st.just("/relative/x"),
                  st.just("http://[::1]/"), st.just("http://" + "a" * 3000 + ".tr/"), MIXED_TEXT.map(lambda t: t[:80]))


@st.composite
def feed_xml(draw: st.DrawFn) -> bytes:
    """RSS or Atom with hostile links, dates and nesting, sometimes behind an entity bomb."""
    atom = draw(st.booleans())
    items = []
    for _ in range(draw(st.integers(0, 60))):
        link, guid, date = draw(_URLS), draw(_URLS), draw(TRIGGER_TEXT)
        items.append(f'<entry><link href="{link}"/><id>{guid}</id><updated>{date}</updated></entry>' if atom else
                     f"<item><link>{link}</link><guid>{guid}</guid><pubDate>{date}</pubDate></item>")
    nesting = "<x>" * draw(st.integers(0, 5000))
    doctype = draw(st.sampled_from(["", BILLION_LAUGHS]))
    body = "".join(items) + nesting + ("&d;" if doctype else "")
    document = (f'{doctype}<feed xmlns="http://www.w3.org/2005/Atom">{body}</feed>' if atom
                else f'{doctype}<rss version="2.0"><channel>{body}</channel></rss>')
    return draw(encoded(f'<?xml version="1.0"?>{document}')) if draw(st.booleans()) else document.encode()


@st.composite
def sitemap_xml(draw: st.DrawFn) -> bytes:
    index = draw(st.booleans())
    entries = "".join(f"<{'sitemap' if index else 'url'}><loc>{draw(_URLS)}</loc><lastmod>{draw(TRIGGER_TEXT)}</lastmod>"
                      f"</{'sitemap' if index else 'url'}>" for _ in range(draw(st.integers(0, 80))))
    root = "sitemapindex" if index else "urlset"
    document = f'<?xml version="1.0"?><{root} xmlns="http://www.sitemaps.org/schemas/sitemap/0.9">{entries}</{root}>'
    return document.encode("utf-8", errors="replace")


def feed_documents() -> st.SearchStrategy[bytes]:
    return st.one_of(mutated("feed"), feed_xml(), st.binary(max_size=1024))


def sitemap_documents() -> st.SearchStrategy[bytes]:
    return st.one_of(mutated("sitemap"), sitemap_xml(), st.binary(max_size=1024))


def nlp_texts() -> st.SearchStrategy[tuple[str, str]]:
    """(text, language) for the date, number and figure extractors."""
    texts = st.one_of(TRIGGER_TEXT, MIXED_TEXT, st.text(max_size=200),
                      st.builds(lambda t, n: t * n, TRIGGER_TEXT, st.integers(1, 40)))
    return st.tuples(texts, LANGS)


def number_texts() -> st.SearchStrategy[tuple[str, str]]:
    words = st.lists(st.sampled_from(NUMBER_WORDS + ["0", "00", "1", "12", "۱۲", "٫", "٬", ".", ",", " ", "-"]), max_size=12)
    return st.tuples(st.one_of(words.map(" ".join), words.map("".join), MIXED_TEXT.map(lambda t: t[:40])), LANGS)
