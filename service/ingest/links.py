"""Links out of feeds, sitemaps and pages (for crawling), parsed from content we fetched ourselves.

trafilatura's feed parser is used as is; its sitemap and crawl helpers download on their own (and so
would bypass robots, delays and the address check), so sitemaps and page links are parsed here.
"""

from __future__ import annotations

import re
from dataclasses import dataclass
from urllib.parse import urljoin, urlsplit

from courlan import clean_url, extract_links as courlan_links
from lxml import etree
from trafilatura.feeds import FeedParameters, extract_links as feed_links

_FEED_START = re.compile(rb"^\s*(<\?xml[^>]*>\s*)?(<!--.*?-->\s*)*<(rss|feed|rdf:RDF)\b", re.DOTALL | re.IGNORECASE)
_SITEMAP_START = re.compile(rb"<(urlset|sitemapindex)\b", re.IGNORECASE)


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


def links_from_feed(data: bytes, feed_url: str) -> list[str]:
    """Article URLs of an RSS/Atom/JSON feed."""
    parts = urlsplit(feed_url)
    base = f"{parts.scheme}://{parts.netloc}"
    params = FeedParameters(base, parts.netloc, feed_url, external=True)
    return feed_links(data.decode("utf-8", errors="replace"), params)


def entries_from_sitemap(data: bytes, sitemap_url: str) -> list[SitemapEntry]:
    """Page URLs (with ``lastmod``) and nested sitemaps of a sitemap or sitemap index."""
    parser = etree.XMLParser(resolve_entities=False, no_network=True, recover=True, huge_tree=False)
    try:
        root = etree.fromstring(data, parser)
    except etree.XMLSyntaxError:
        return []
    if root is None:
        return []
    entries: list[SitemapEntry] = []
    nested = etree.QName(root).localname == "sitemapindex"
    for element in root:
        if not isinstance(element.tag, str):
            continue
        loc = lastmod = None
        for child in element:
            if not isinstance(child.tag, str):
                continue
            name = etree.QName(child).localname
            if name == "loc" and child.text:
                loc = urljoin(sitemap_url, child.text.strip())
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
