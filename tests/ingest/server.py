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


class Site:
    """Routes and counters; ``hits`` lets tests check retries and conditional requests."""

    def __init__(self, demo_dir: Path) -> None:
        self.demo_dir = demo_dir
        self.hits: Counter[str] = Counter()
        self.base = ""

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
            if path.startswith("/copy/"):
                path = path[len("/copy"):]
            data = site.demo_bytes(path.lstrip("/"))
            if data is None:
                return self.send(404, b"not found")
            etag = f'"{hash(data) & 0xFFFFFFFF:x}"'
            if self.headers.get("If-None-Match") == etag:
                return self.send(304, headers={"ETag": etag}, length=False)
            kind = "application/xml" if path.endswith(".xml") else (
                "application/pdf" if path.endswith(".pdf") else "text/html; charset=utf-8")
            return self.send(200, data, kind, headers={"ETag": etag})

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
