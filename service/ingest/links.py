"""Links out of feeds, sitemaps and pages (for crawling), parsed from content we fetched ourselves.

trafilatura's feed, sitemap and crawl helpers download on their own (bypassing robots, delays and the
address check) and its feed parser drops item ids, dates and links to hosts courlan deems invalid
(such as a local server), so feeds and sitemaps are parsed here with lxml; courlan cleans page links.
"""

from __future__ import annotations

import re
from dataclasses import dataclass
from urllib.parse import urljoin, urlsplit

from courlan import clean_url
from courlan import extract_links as courlan_links
from lxml import etree

_FEED_START = re.compile(rb"^\s*(<\?xml[^>]*>\s*)?(<!--.*?-->\s*)*<(rss|feed|rdf:RDF)\b", re.DOTALL | re.IGNORECASE)
_SITEMAP_START = re.compile(rb"<(urlset|sitemapindex)\b", re.IGNORECASE)


@dataclass(frozen=True)
class FeedItem:
    url: str
    guid: str | None
    published: str | None
    title: str | None


@dataclass(frozen=True)
class SitemapEntry:
    url: str
    lastmod: str | None
    is_sitemap: bool


def classify_xml(data: bytes) -> str | None:
    """'feed', 'sitemap' or None for content that is neither."""
    head = data[:4096]
    if _SITEMAP_START.search(head):
        return "sitemap"
    if _FEED_START.search(head) or b"<rss" in head or b"<feed" in head:
        return "feed"
    return None


def _xml_root(data: bytes) -> etree._Element | None:
    parser = etree.XMLParser(resolve_entities=False, no_network=True, recover=True, huge_tree=False)
    try:
        return etree.fromstring(data, parser)
    except etree.XMLSyntaxError:
        return None


def _localname(element: etree._Element) -> str:
    """The tag without its namespace. (``etree.QName`` raises on the odd tag names that lxml's recovering
    parser makes of broken markup, such as ``atom:linkom:link``.)"""
    tag = element.tag
    return tag.rpartition("}")[2] if isinstance(tag, str) else ""


def _absolute(base: str, link: str | None) -> str | None:
    """``link`` resolved against ``base``; None for an empty or unparseable link (``http://[x/``)."""
    if not link or not link.strip():
        return None
    try:
        return urljoin(base, link.strip())
    except ValueError:
        return None


def _child_text(element: etree._Element, *names: str) -> str | None:
    for child in element:
        if isinstance(child.tag, str) and _localname(child) in names and (child.text or "").strip():
            return child.text.strip()
    return None


def feed_items(data: bytes, feed_url: str) -> list[FeedItem]:
    """Items of an RSS 2.0, RSS 1.0 (RDF) or Atom feed, with their ids and dates."""
    root = _xml_root(data)
    if root is None:
        return []
    items: list[FeedItem] = []
    for element in root.iter():
        if not isinstance(element.tag, str) or _localname(element) not in ("item", "entry"):
            continue
        link = _child_text(element, "link")
        if link is None:  # Atom: <link rel="alternate" href="..."/>
            for child in element:
                if isinstance(child.tag, str) and _localname(child) == "link":
                    if child.get("rel", "alternate") == "alternate" and child.get("href"):
                        link = child.get("href")
                        break
        guid = _child_text(element, "guid", "id")
        if link is None and guid and guid.startswith("http"):
            link = guid
        url = _absolute(feed_url, link)
        if not url:
            continue
        items.append(
            FeedItem(
                url=url,
                guid=guid,
                published=_child_text(element, "pubDate", "published", "updated", "date"),
                title=_child_text(element, "title"),
            )
        )
    return items


def entries_from_sitemap(data: bytes, sitemap_url: str) -> list[SitemapEntry]:
    """Page URLs (with ``lastmod``) and nested sitemaps of a sitemap or sitemap index."""
    root = _xml_root(data)
    if root is None:
        return []
    entries: list[SitemapEntry] = []
    nested = _localname(root) == "sitemapindex"
    for element in root:
        if not isinstance(element.tag, str):
            continue
        loc = lastmod = None
        for child in element:
            if not isinstance(child.tag, str):
                continue
            name = _localname(child)
            if name == "loc" and child.text:
                loc = _absolute(sitemap_url, child.text)
            elif name == "lastmod" and child.text:
                lastmod = child.text.strip()
        if loc:
            entries.append(SitemapEntry(loc, lastmod, nested))
    return entries


def same_site_links(html: str, page_url: str) -> list[str]:
    """Internal links of a page, cleaned and de-duplicated in page order (for a bounded crawl)."""
    links = courlan_links(html, url=page_url, external_bool=False, no_filter=True, with_nav=True)
    host = urlsplit(page_url).netloc
    seen: dict[str, None] = {}
    for link in sorted(links):
        cleaned = clean_url(link) or link
        if urlsplit(cleaned).netloc == host:
            seen.setdefault(cleaned.split("#")[0], None)
    return list(seen)
