"""Bytes of a page, bulletin or text file → one parsed document (text, metadata, publication date).

The type is decided from the content itself first (``%PDF``, markup) and only then from the declared
content type or the file extension, because servers and file names lie.
"""

from __future__ import annotations

import logging
import re
from dataclasses import dataclass, field
from datetime import date

from lxml import html as lxml_html

from service.ingest.decode import decode_bytes, looks_binary
from service.ingest.errors import IngestError, Reason
from service.ingest.html import extract_page
from service.ingest.pdf import extract_pdf
from service.text import detect_language

log = logging.getLogger(__name__)
HTML_TYPES = ("text/html", "application/xhtml+xml")
TEXT_TYPES = ("text/plain",)
PDF_TYPES = ("application/pdf",)
_BYLINE_CHARS = 20000
_CONTROL_CHARS = re.compile("[\x00-\x08\x0b\x0c\x0e-\x1f]")
_BLOCKS = ("p", "div", "li", "br", "h1", "h2", "h3", "h4", "h5", "h6", "time", "span", "td", "tr", "header", "footer")


@dataclass
class ParsedDocument:
    """A document before storage. ``text`` is the original text that later offsets point into."""

    text: str
    raw_type: str
    encoding: str | None = None
    title: str | None = None
    author: str | None = None
    sitename: str | None = None
    description: str | None = None
    published: date | None = None
    published_text: str | None = None
    published_calendar: str | None = None
    published_source: str | None = None
    pages: list[tuple[int, int]] | None = None
    url: str | None = None
    extra: dict = field(default_factory=dict)


def sniff_type(data: bytes, content_type: str = "", name: str = "") -> str:
    """'pdf', 'html', 'text' or raise ``unsupported_type``."""
    head = data[:1024].lstrip()
    lowered = head.lower()
    name = name.lower()
    if head.startswith(b"%PDF") or content_type in PDF_TYPES:
        return "pdf"
    if lowered.startswith((b"<!doctype html", b"<html")) or content_type in HTML_TYPES:
        return "html"
    if name.endswith((".html", ".htm", ".xhtml")):
        return "html"
    if name.endswith(".pdf"):
        return "pdf"
    if content_type in TEXT_TYPES or name.endswith((".txt", ".text")):
        return "text"
    if b"<body" in data[:65536].lower() or b"<p>" in lowered:
        return "html"
    if looks_binary(data):
        raise IngestError(Reason.UNSUPPORTED_TYPE, f"binary content ({content_type or 'unknown type'})")
    if not content_type or content_type.startswith("text/"):
        return "text"
    raise IngestError(Reason.UNSUPPORTED_TYPE, f"unsupported content type {content_type!r}")


def parse_bytes(
    data: bytes, *, content_type: str = "", charset: str | None = None, name: str = "", url: str | None = None
) -> ParsedDocument:
    """Parse ``data`` into a :class:`ParsedDocument` or raise :class:`IngestError` with the reason."""
    if not data.strip():
        raise IngestError(Reason.EMPTY, "empty content")
    kind = sniff_type(data, content_type, name)
    if kind == "pdf":
        pdf = extract_pdf(data)
        parsed = ParsedDocument(text=pdf.text, raw_type="pdf", title=pdf.title, author=pdf.author, pages=pdf.pages)
        _date_from_text(parsed, parsed.text)
        return parsed
    text, encoding = decode_bytes(data, charset)
    if kind == "html":
        page = extract_page(text, url)
        parsed = ParsedDocument(
            text=page.text,
            raw_type="html",
            encoding=encoding,
            title=page.title,
            author=page.author,
            sitename=page.sitename,
            description=page.description,
            published=page.published,
            published_source="metadata" if page.published else None,
            url=page.url,
        )
        if parsed.published is None:
            # The byline usually sits outside the article; the article's own head comes second.
            _date_from_text(parsed, _visible_text(text), f"{page.title or ''}\n{page.text}")
        return parsed
    text = text.replace("\r\n", "\n").replace("\r", "\n")
    parsed = ParsedDocument(text=text, raw_type="text", encoding=encoding)
    _date_from_text(parsed, text)
    return parsed


def _visible_text(html: str) -> str:
    """Visible page text, one line per block element (bylines and date lines often sit outside the
    extracted article, on a short line of their own)."""
    try:  # control characters parse, but lxml refuses them in the tails written below
        tree = lxml_html.fromstring(_CONTROL_CHARS.sub(" ", html[: _BYLINE_CHARS * 10]))
    except (ValueError, lxml_html.etree.LxmlError):
        return ""
    for bad in tree.xpath("//script|//style|//noscript|//head"):
        bad.drop_tree()
    for element in tree.iter(*_BLOCKS):
        element.tail = "\n" + (element.tail or "")
    lines = (" ".join(line.split()) for line in tree.text_content().splitlines())
    return "\n".join(line for line in lines if line)[:_BYLINE_CHARS]


def _date_from_text(parsed: ParsedDocument, *texts: str) -> None:
    """Fill the publication date from the first of ``texts`` that has a byline-like date (for pages
    whose metadata has none, such as Jalali-only Persian pages)."""
    from service.nlp.dates import publication_date_from_text  # the date grammar loads on first use

    mention = None
    for text in texts:
        lang = detect_language(text).lang or "tr"
        mention = publication_date_from_text(text[:_BYLINE_CHARS], lang)
        if mention is not None:
            break
    if mention is None:
        return
    parsed.published = date.fromisoformat(mention.iso_start)
    parsed.published_text = mention.text
    parsed.published_calendar = mention.calendar
    parsed.published_source = "text"
