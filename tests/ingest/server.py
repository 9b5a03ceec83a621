"""A local HTTP server on 127.0.0.1 that plays the websites ingest meets: demo pages, a feed, a
sitemap, robots.txt, redirects, slow and oversized answers, legacy encodings, errors and duplicates."""

from __future__ import annotations

import threading
import time
from collections import Counter
from http.server import BaseHTTPRequestHandler, ThreadingHTTPServer
from pathlib import Path

PLACEHOLDER = "http://demo.hamkar.test"
TURKISH_1254 = (
    "<html><head><title>Kayseri'de meslek kursları</title></head><body><article><h1>Kayseri'de meslek "
    "kursları</h1><p>Kayseri İl Milli Eğitim Müdürlüğü ile Kayseri Ticaret Odası arasında imzalanan "
    "işbirliği protokolü kapsamında açılan kurslara bu yıl 1.250 kursiyer katıldı. Öğretmenlerin "
    "gelişimi için düzenlenen eğitimlerde ağaç işleri, elektrik ve bilişim alanları öne çıktı.</p>"
    "<p>Protokol çerçevesinde Şırnak, Iğdır ve Çorum'da da benzer programlar başlatılacak.</p>"
    "</article></body></html>"
)
ENGLISH = (
    "<html><head><title>Training news</title></head><body><article><h1>Training news</h1><p>The ministry "
    "and the chamber of commerce signed a protocol on vocational training for young people in the region. "
    "It is the first agreement of this kind and the parties said that more courses will follow.</p>"
    "</article></body></html>"
)


MONITOR_FEED_ITEMS = [  # (guid, demo page); a test appends to ``Site.feed_items`` to publish a new item
    ("mon-tr-01", "/tr/01-ankara-meslek-protokol.html"),
    ("mon-fa-02", "/fa/02-sazman-honaramoozan-tabestan.html"),
]
MONITOR_SITEMAP = {  # page -> lastmod; a test edits ``Site.sitemap_lastmod`` to mark a page changed
    "/tr/03-samsun-belediye-kurs-yili.html": "2025-01-10",
    "/tr/06-gaziantep-sanayi-odasi-proje.html": "2025-02-11",
    "/fa/01-tabriz-tafahomname.html": "2025-03-12",
}
MONITOR_SECTION = (  # a news section page: article links in a list, plus navigation links
    '<html><head><title>Haberler</title></head><body><p>İl müdürlüğümüzün mesleki eğitim, kurs ve işbirliği '
    'haberleri bu sayfada yayımlanır; en yeni haberler listenin en üstünde yer alır.</p>'
    '<nav><a href="/monitor/about.html">Hakkımızda</a> '
    '<a href="/monitor/section.html">Haberler</a></nav><ul class="news">'
    '<li><a href="/tr/08-erzurum-hem-kadin-kooperatif.html">Erzurum HEM</a></li>'
    '<li><a href="/tr/11-bursa-mesem-ciraklik.html">Bursa MESEM</a></li></ul></body></html>'
)


class Site:
    """Routes and counters; ``hits`` lets tests check retries and conditional requests."""

    def __init__(self, demo_dir: Path) -> None:
        self.demo_dir = demo_dir
        self.hits: Counter[str] = Counter()
        self.base = ""
        self.feed_items = list(MONITOR_FEED_ITEMS)
        self.sitemap_lastmod = dict(MONITOR_SITEMAP)

    def monitor_feed(self) -> bytes:
        items = "".join(f"<item><title>{guid}</title><link>{self.base}{page}</link><guid>{guid}</guid></item>"
                        for guid, page in self.feed_items)
        return f'<?xml version="1.0"?><rss version="2.0"><channel><title>t</title>{items}</channel></rss>'.encode()

    def monitor_sitemap(self) -> bytes:
        urls = "".join(f"<url><loc>{self.base}{page}</loc><lastmod>{lastmod}</lastmod></url>"
                       for page, lastmod in self.sitemap_lastmod.items())
        return (f'<?xml version="1.0"?><urlset xmlns="http://www.sitemaps.org/schemas/sitemap/0.9">{urls}'
                "</urlset>").encode()

    def demo_bytes(self, relative: str) -> bytes | None:
        path = (self.demo_dir / relative).resolve()
        if not path.is_file() or self.demo_dir.resolve() not in path.parents:
            return None
        data = path.read_bytes()
        if path.suffix == ".xml":
            data = data.replace(PLACEHOLDER.encode(), self.base.encode())
        return data


def make_handler(site: Site) -> type[BaseHTTPRequestHandler]:
    class Handler(BaseHTTPRequestHandler):
        protocol_version = "HTTP/1.1"

        def log_message(self, *args: object) -> None:  # keep test output quiet
            return

        def send(self, status: int, body: bytes = b"", content_type: str = "text/html; charset=utf-8",
                 headers: dict[str, str] | None = None, length: bool = True) -> None:
            self.send_response(status)
            self.send_header("Content-Type", content_type)
            for key, value in (headers or {}).items():
                self.send_header(key, value)
            if length:
                self.send_header("Content-Length", str(len(body)))
            self.end_headers()
            if body and self.command != "HEAD":
                self.wfile.write(body)

        def do_GET(self) -> None:  # noqa: N802 - http.server naming
            path = self.path.split("?")[0]
            site.hits[path] += 1
            if path == "/robots.txt":
                return self.send(200, b"User-agent: *\nDisallow: /private/\n", "text/plain")
            if path == "/private/secret.html":
                return self.send(200, TURKISH_1254.encode("utf-8"))
            if path == "/redirect-private":
                return self.send(302, headers={"Location": "http://10.255.255.1/internal"})
            if path == "/redirect-demo":
                return self.send(301, headers={"Location": "/tr/01-ankara-meslek-protokol.html"})
            if path == "/slow":
                time.sleep(3)
                return self.send(200, TURKISH_1254.encode("utf-8"))
            if path == "/big-declared":
                return self.send(200, b"x" * 300_000, "text/html")
            if path == "/big-streamed":
                self.send_response(200)
                self.send_header("Content-Type", "text/html")
                self.send_header("Connection", "close")
                self.end_headers()
                for _ in range(300):
                    self.wfile.write(b"<p>" + b"y" * 1020 + b"</p>")
                self.close_connection = True
                return None
            if path == "/cp1254-declared.html":
                return self.send(200, TURKISH_1254.encode("cp1254"), "text/html; charset=windows-1254")
            if path == "/cp1254-undeclared.html":
                return self.send(200, TURKISH_1254.encode("cp1254"), "text/html")
            if path == "/english.html":
                return self.send(200, ENGLISH.encode())
            if path == "/binary.bin":
                return self.send(200, bytes(range(256)) * 40, "application/octet-stream")
            if path == "/flaky":
                if site.hits[path] < 3:
                    return self.send(503, b"busy", headers={"Retry-After": "0"})
                return self.send(200, TURKISH_1254.encode("utf-8"))
            if path == "/always-503":
                return self.send(503, b"down", headers={"Retry-After": "0"})
            if path == "/monitor/broken-feed.xml":
                return self.send(500, b"internal error", headers={"Retry-After": "0"})
            if path == "/monitor/feed.xml":
                return self.send_validated(site.monitor_feed(), "application/rss+xml")
            if path == "/monitor/sitemap.xml":
                return self.send_validated(site.monitor_sitemap(), "application/xml")
            if path == "/monitor/section.html":
                return self.send_validated(MONITOR_SECTION.encode(), "text/html; charset=utf-8")
            if path.startswith("/copy/"):
                path = path[len("/copy"):]
            data = site.demo_bytes(path.lstrip("/"))
            if data is None:
                return self.send(404, b"not found")
            kind = "application/xml" if path.endswith(".xml") else (
                "application/pdf" if path.endswith(".pdf") else "text/html; charset=utf-8")
            return self.send_validated(data, kind)

        def send_validated(self, data: bytes, content_type: str) -> None:
            """200 with an ETag, or 304 when the client already has this content."""
            etag = f'"{hash(data) & 0xFFFFFFFF:x}"'
            if self.headers.get("If-None-Match") == etag:
                return self.send(304, headers={"ETag": etag}, length=False)
            return self.send(200, data, content_type, headers={"ETag": etag})

    return Handler


class LocalServer:
    def __init__(self, demo_dir: Path) -> None:
        self.site = Site(demo_dir)
        self.httpd = ThreadingHTTPServer(("127.0.0.1", 0), make_handler(self.site))
        self.httpd.daemon_threads = True
        self.base = f"http://127.0.0.1:{self.httpd.server_address[1]}"
        self.site.base = self.base
        self.thread = threading.Thread(target=self.httpd.serve_forever, daemon=True)

    def url(self, path: str) -> str:
        return self.base + path

    def __enter__(self) -> LocalServer:
        self.thread.start()
        return self

    def __exit__(self, *exc: object) -> None:
        self.httpd.shutdown()
        self.httpd.server_close()
