"""What a source lists right now: the items of a feed, the pages of a sitemap, the links of a section page.

Each item comes with a stable ``key`` (the feed's guid, else the canonical URL) and a ``version`` (the
item's date in a feed, ``lastmod`` in a sitemap), which is how the monitor tells new and changed items
from ones it already has without fetching them. The listing itself is fetched with the Ingestor's
:class:`~service.ingest.fetch.Fetcher` (robots.txt, delays, address checks, retries) and a conditional
GET, so an unchanged feed costs one ``304``.
"""

from __future__ import annotations

import logging
from dataclasses import dataclass, field

from lxml import etree
from lxml import html as lxml_html

from service.ingest.decode import decode_bytes
from service.ingest.dedup import canonical_url
from service.ingest.errors import IngestError, Reason
from service.ingest.fetch import Fetcher
from service.ingest.links import classify_xml, entries_from_sitemap, feed_items, same_site_links

log = logging.getLogger(__name__)
MAX_NESTED_SITEMAPS = 50


@dataclass(frozen=True)
class ListedItem:
    key: str
    url: str
    version: str | None = None


@dataclass
class Listing:
    items: list[ListedItem] = field(default_factory=list)
    etag: str | None = None
    last_modified: str | None = None
    not_modified: bool = False
    errors: list[str] = field(default_factory=list)  # nested sitemaps that could not be read


def list_source(
    kind: str, url: str, fetcher: Fetcher, *, etag: str | None = None, last_modified: str | None = None,
    links_xpath: str | None = None,
) -> Listing:
    """Fetch and read the listing of a ``feed``, ``sitemap`` or ``section`` source.

    Raises :class:`IngestError` when the listing itself cannot be had: that is a failure of the source.
    """
    fetched = fetcher.fetch(url, etag=etag, last_modified=last_modified)
    if fetched.not_modified:
        return Listing(etag=etag, last_modified=last_modified, not_modified=True)
    listing = Listing(etag=fetched.etag, last_modified=fetched.last_modified)
    base = fetched.final_url
    if kind == "feed":
        _expect(fetched.content, "feed", url)
        listing.items = _unique(ListedItem(i.guid or canonical_url(i.url), i.url, i.published)
                                for i in feed_items(fetched.content, base))
    elif kind == "sitemap":
        _expect(fetched.content, "sitemap", url)
        listing.items = _unique(_sitemap_items(fetched.content, base, fetcher, listing.errors))
    elif kind == "section":
        text, _encoding = decode_bytes(fetched.content, fetched.charset)
        links = _hinted_links(text, base, links_xpath) if links_xpath else same_site_links(text, base)
        own = canonical_url(base)
        listing.items = _unique(ListedItem(canonical_url(link), link) for link in links if canonical_url(link) != own)
    else:
        raise ValueError(f"a {kind} source has no listing")
    return listing


def _expect(data: bytes, container: str, url: str) -> None:
    found = classify_xml(data)
    if found != container:
        raise IngestError(Reason.MALFORMED, f"{url} is not a {container} (found {found or 'no feed or sitemap'})")


def _sitemap_items(data: bytes, base: str, fetcher: Fetcher, errors: list[str]) -> list[ListedItem]:
    """Pages of a sitemap; a sitemap index is followed one level (its children are fetched each run)."""
    items: list[ListedItem] = []
    nested = 0
    for entry in entries_from_sitemap(data, base):
        if not entry.is_sitemap:
            items.append(ListedItem(canonical_url(entry.url), entry.url, entry.lastmod))
            continue
        nested += 1
        if nested > MAX_NESTED_SITEMAPS:
            errors.append(f"{entry.url}: more than {MAX_NESTED_SITEMAPS} nested sitemaps; the rest skipped")
            break
        try:
            child = fetcher.fetch(entry.url)
        except IngestError as exc:
            log.warning("nested sitemap %s: %s", entry.url, exc)
            errors.append(f"{entry.url}: {exc}")
            continue
        items.extend(ListedItem(canonical_url(e.url), e.url, e.lastmod)
                     for e in entries_from_sitemap(child.content, child.final_url) if not e.is_sitemap)
    return items


def _hinted_links(text: str, base: str, xpath: str) -> list[str]:
    """Links picked by the source's XPath hint: elements (their ``href`` or their links') or strings."""
    try:
        tree = lxml_html.fromstring(text)
    except (etree.ParserError, ValueError) as exc:
        raise IngestError(Reason.MALFORMED, f"section page {base} could not be parsed: {exc}") from exc
    tree.make_links_absolute(base, resolve_base_href=True)
    links: list[str] = []
    for found in tree.xpath(xpath):
        if isinstance(found, str):
            links.append(str(found))
        elif found.get("href"):
            links.append(found.get("href"))
        else:
            links.extend(a.get("href") for a in found.iter("a") if a.get("href"))
    return [link.split("#")[0] for link in links if link.startswith(("http://", "https://"))]


def _unique(items) -> list[ListedItem]:  # type: ignore[no-untyped-def]
    """First occurrence of each key, in listing order (feeds list newest first)."""
    seen: dict[str, ListedItem] = {}
    for item in items:
        seen.setdefault(item.key, item)
    return list(seen.values())
