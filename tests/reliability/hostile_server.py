"""A local HTTP server playing a hostile site: decompression bombs, redirects to anywhere, and a record of
every request it received (with its Host header), so tests can prove what never reached it."""

from __future__ import annotations

import gzip
import threading
import zlib
from functools import cache
from http.server import BaseHTTPRequestHandler, ThreadingHTTPServer
from urllib.parse import parse_qs, urlsplit

PAGE = ("<html><head><title>Kayseri'de meslek kursları</title></head><body><article><h1>Kayseri'de meslek "
        "kursları</h1><p>Kayseri İl Milli Eğitim Müdürlüğü ile Kayseri Ticaret Odası arasında imzalanan işbirliği "
        "protokolü kapsamında açılan kurslara bu yıl 1.250 kursiyer katıldı.</p></article></body></html>").encode()
BOMB_BYTES = 200_000_000  # inflated size of /bomb.gz


@cache
def gzip_bomb() -> bytes:
    """200 MB of page inflating from about 200 KB."""
    return gzip.compress(b"<html><body><p>" + b"a" * BOMB_BYTES, 9)


@cache
def deflate_bomb() -> bytes:
    return zlib.compress(b"<p>" + b"b" * BOMB_BYTES, 9)


class HostileServer:
    def __init__(self) -> None:
        self.requests: list[tuple[str, str]] = []  # (path, Host header)
        server = self

        class Handler(BaseHTTPRequestHandler):
            protocol_version = "HTTP/1.1"

            def log_message(self, *args: object) -> None:
                return

            def handle(self) -> None:
                try:
                    super().handle()
                except (BrokenPipeError, ConnectionResetError):  # the fetcher hung up at its size limit
                    pass

            def do_GET(self) -> None:  # noqa: N802 - http.server naming
                parts = urlsplit(self.path)
                server.requests.append((parts.path, self.headers.get("Host", "")))
                if parts.path == "/redirect":
                    return self._send(302, b"", {"Location": parse_qs(parts.query)["to"][0]})
                if parts.path == "/bomb.gz":
                    return self._send(200, gzip_bomb(), {"Content-Encoding": "gzip"})
                if parts.path == "/bomb.deflate":
                    return self._send(200, deflate_bomb(), {"Content-Encoding": "deflate"})
                if parts.path == "/brotli":
                    return self._send(200, b"\x1b\x00\x00", {"Content-Encoding": "br"})
                if parts.path == "/page.gz":
                    return self._send(200, gzip.compress(PAGE), {"Content-Encoding": "gzip"})
                return self._send(200, PAGE, {})

            def _send(self, status: int, body: bytes, headers: dict[str, str]) -> None:
                self.send_response(status)
                self.send_header("Content-Type", "text/html; charset=utf-8")
                self.send_header("Content-Length", str(len(body)))
                for key, value in headers.items():
                    self.send_header(key, value)
                self.end_headers()
                self.wfile.write(body)

        self.httpd = ThreadingHTTPServer(("127.0.0.1", 0), Handler)
        self.httpd.daemon_threads = True
        self.port = self.httpd.server_address[1]
        self.base = f"http://127.0.0.1:{self.port}"
        self.thread = threading.Thread(target=self.httpd.serve_forever, daemon=True)

    def paths(self) -> list[str]:
        return [path for path, _ in self.requests]

    def __enter__(self) -> HostileServer:
        self.thread.start()
        return self

    def __exit__(self, *exc: object) -> None:
        self.httpd.shutdown()
        self.httpd.server_close()
