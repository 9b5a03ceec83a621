"""Main text and metadata of a web page, via trafilatura (+ htmldate), keeping the Persian ZWNJ.

trafilatura drops U+200C (it keeps only ``str.isprintable`` characters), which turns ``حرفه‌ای`` into
``حرفهای``. Rather than patching the library, the joiners are swapped for rare printable letters
before extraction and swapped back afterwards.
"""

from __future__ import annotations

import logging
import re
from dataclasses import dataclass
from datetime import date

import trafilatura
from lxml import etree

from service.ingest.errors import IngestError, Reason

log = logging.getLogger(__name__)

#: Rare printable letters standing in for the joiners during extraction (Cyrillic extended-B).
_PLACEHOLDERS = {"\u200c": "\ua66e", "\u200d": "\ua66d"}
_MAX_NESTING = 2000
_TAG = re.compile(r"<[a-zA-Z]")


@dataclass
class ExtractedPage:
    """What a page says about itself; ``published`` is None when the page gives no usable date."""

    text: str
    title: str | None
    author: str | None
    sitename: str | None
    description: str | None
    published: date | None
    url: str | None


def _protect(html: str) -> tuple[str, dict[str, str]]:
    used = {joiner: ph for joiner, ph in _PLACEHOLDERS.items() if joiner in html and ph not in html}
    for joiner, placeholder in used.items():
        html = html.replace(joiner, placeholder)
    return html, used


def _restore(value: str | None, used: dict[str, str]) -> str | None:
    if value is None:
        return None
    for joiner, placeholder in used.items():
        value = value.replace(placeholder, joiner)
    return value


_SITE_SUFFIX = re.compile(r"\s+[|\-–—:»]\s+([^|\-–—:»]{2,40})$")
_SITE_WORDS = ("haber", "news", "gazete", "ajans", "خبر", "پایگاه", "سایت")


def strip_site_suffix(title: str | None, sitename: str | None) -> str | None:
    """Drop a trailing `` | NTV Haber``-style site name from a title (kept when it may be content)."""
    if not title:
        return title
    match = _SITE_SUFFIX.search(title)
    if not match or match.start() < 10:
        return title
    suffix = match.group(1).strip()
    if len(suffix.split()) > 4:
        return title
    first = re.sub(r"\W", "", suffix.split()[0]).casefold()
    site = re.sub(r"\W", "", (sitename or "")).casefold()
    if (first and site and (site.startswith(first) or first.startswith(site))) or any(
        w in suffix.casefold() for w in _SITE_WORDS
    ):
        return title[: match.start()].rstrip()
    return title


def extract_page(html: str, url: str | None = None) -> ExtractedPage:
    """Extract the article of ``html``; raise :class:`IngestError` when it holds no article text."""
    if not _TAG.search(html[:100000]):
        raise IngestError(Reason.MALFORMED, "no HTML markup found")
    protected, used = _protect(html)
    try:
        result = trafilatura.bare_extraction(
            protected,
            url=url,
            with_metadata=True,
            include_comments=False,
            include_tables=True,
            deduplicate=False,
            favor_recall=True,
        )
    except (etree.LxmlError, ValueError, RecursionError) as exc:
        raise IngestError(Reason.MALFORMED, f"HTML could not be parsed: {exc}") from exc
    if result is None or not (result.text or "").strip():
        raise IngestError(Reason.EMPTY, "no main text found in the page")
    published = None
    if result.date:
        try:
            published = date.fromisoformat(result.date[:10])
        except ValueError:
            log.debug("unusable date %r from %s", result.date, url)
    return ExtractedPage(
        text=_restore(result.text, used) or "",
        title=strip_site_suffix(_restore(result.title, used), result.sitename),
        author=_restore(result.author, used),
        sitename=_restore(result.sitename, used),
        description=_restore(result.description, used),
        published=published,
        url=result.url,
    )
