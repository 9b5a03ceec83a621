"""Polite, bounded HTTP fetching.

What a research crawler owes the sites it reads and the machine it runs on: a descriptive User-Agent,
robots.txt, a delay and a concurrency cap per host, retries with backoff on 429/5xx that honour
``Retry-After``, conditional GET when re-fetching, a size limit enforced while streaming (compressed
bodies are inflated in small steps, so a decompression bomb stops at the limit too), and an address check
(:mod:`service.ingest.netsafety`) on the first URL, every redirect and every connection.
"""

from __future__ import annotations

import email.utils
import logging
import random
import threading
import time
import zlib
from collections import defaultdict
from collections.abc import Iterator
from dataclasses import dataclass, field
from urllib.parse import urljoin, urlsplit
from urllib.robotparser import RobotFileParser

import httpx

from service.ingest.errors import IngestError, Reason
from service.ingest.netsafety import GuardedBackend, check_url
from service.settings import Settings, get_settings

log = logging.getLogger(__name__)
MAX_REDIRECTS = 10
RETRY_STATUSES = frozenset({429, 500, 502, 503, 504})
INFLATE_STEP = 64 * 1024  # most bytes one step of decompression may produce


@dataclass
class FetchResult:
    """A fetched resource. ``not_modified`` is True when a conditional GET answered 304."""

    url: str
    final_url: str
    status: int
    content: bytes = b""
    headers: dict[str, str] = field(default_factory=dict)
    not_modified: bool = False

    @property
    def content_type(self) -> str:
        return self.headers.get("content-type", "").split(";")[0].strip().lower()

    @property
    def charset(self) -> str | None:
        for part in self.headers.get("content-type", "").split(";")[1:]:
            key, _, value = part.strip().partition("=")
            if key.lower() == "charset" and value:
                return value.strip("\"'")
        return None

    @property
    def etag(self) -> str | None:
        return self.headers.get("etag")

    @property
    def last_modified(self) -> str | None:
        return self.headers.get("last-modified")


class _HostGate:
    """Per-host concurrency cap plus a minimum delay between request starts."""

    def __init__(self, concurrency: int, delay: float) -> None:
        self.semaphore = threading.Semaphore(concurrency)
        self.delay = delay
        self.lock = threading.Lock()
        self.next_start = 0.0

    def __enter__(self) -> _HostGate:
        self.semaphore.acquire()
        with self.lock:
            now = time.monotonic()
            wait = self.next_start - now
            self.next_start = max(now, self.next_start) + self.delay
        if wait > 0:
            time.sleep(wait)
        return self

    def __exit__(self, *exc: object) -> None:
        self.semaphore.release()


class Fetcher:
    """Thread-safe fetcher shared by one ingest run (one connection pool, one robots cache)."""

    def __init__(self, settings: Settings | None = None) -> None:
        self.settings = settings or get_settings()
        self.client = httpx.Client(
            headers={"User-Agent": self.settings.user_agent, "Accept-Encoding": "gzip, deflate"},
            timeout=httpx.Timeout(self.settings.timeout),
            follow_redirects=False,
            transport=_guarded_transport(self.settings),
        )
        self._gates: dict[str, _HostGate] = defaultdict(
            lambda: _HostGate(self.settings.host_concurrency, self.settings.host_delay)
        )
        self._gates_lock = threading.Lock()
        self._robots: dict[str, RobotFileParser | None] = {}
        self._robots_lock = threading.Lock()

    def close(self) -> None:
        self.client.close()

    def __enter__(self) -> Fetcher:
        return self

    def __exit__(self, *exc: object) -> None:
        self.close()

    # -- public ---------------------------------------------------------------------------------
    def fetch(self, url: str, *, etag: str | None = None, last_modified: str | None = None) -> FetchResult:
        """GET ``url`` following safe redirects; raise :class:`IngestError` with a reason on failure."""
        if self.settings.respect_robots and not self.allowed_by_robots(url):
            raise IngestError(Reason.ROBOTS_DISALLOWED, f"robots.txt of {_origin(url)} disallows {url}")
        headers: dict[str, str] = {}
        if etag:
            headers["If-None-Match"] = etag
        if last_modified:
            headers["If-Modified-Since"] = last_modified
        current = url
        for _hop in range(MAX_REDIRECTS + 1):
            self._check(current)
            result = self._get_with_retries(current, headers)
            if result.status in (301, 302, 303, 307, 308):
                location = result.headers.get("location")
                if not location:
                    raise IngestError(Reason.HTTP_ERROR, f"redirect without Location from {current}")
                current = urljoin(current, location)
                continue
            result.url = url
            result.final_url = current
            if result.status == 304:
                result.not_modified = True
                return result
            if result.status >= 400:
                raise IngestError(Reason.HTTP_ERROR, f"HTTP {result.status} for {current}")
            return result
        raise IngestError(Reason.TOO_MANY_REDIRECTS, f"more than {MAX_REDIRECTS} redirects from {url}")

    def allowed_by_robots(self, url: str) -> bool:
        """Check robots.txt (fetched once per origin; unreachable or missing robots allows all)."""
        origin = _origin(url)
        with self._robots_lock:
            if origin not in self._robots:
                self._robots[origin] = self._load_robots(origin)
            parser = self._robots[origin]
        return parser is None or parser.can_fetch(self.settings.user_agent, url)

    # -- internals ------------------------------------------------------------------------------
    def _load_robots(self, origin: str) -> RobotFileParser | None:
        robots_url = origin + "/robots.txt"
        try:
            self._check(robots_url)
            result = self._get_with_retries(robots_url, {}, retries=0)
        except IngestError as exc:
            log.debug("robots.txt of %s unavailable (%s): allowing", origin, exc)
            return None
        if result.status >= 400:
            return None
        parser = RobotFileParser(robots_url)
        parser.parse(result.content.decode("utf-8", errors="replace").splitlines())
        return parser

    def _check(self, url: str) -> None:
        check_url(
            url,
            allow_private=self.settings.allow_private_networks,
            allowed_networks=self.settings.allowed_networks,
        )

    def _gate(self, url: str) -> _HostGate:
        host = urlsplit(url).netloc.lower()
        with self._gates_lock:
            return self._gates[host]

    def _get_with_retries(self, url: str, headers: dict[str, str], retries: int | None = None) -> FetchResult:
        retries = self.settings.retries if retries is None else retries
        attempt = 0
        while True:
            try:
                with self._gate(url):
                    result = self._stream(url, headers)
            except IngestError as exc:
                if exc.reason not in (Reason.CONNECTION_ERROR, Reason.TIMEOUT) or attempt >= retries:
                    raise
                wait = self._backoff(attempt, None)
            else:
                if result.status not in RETRY_STATUSES or attempt >= retries:
                    return result
                wait = self._backoff(attempt, result.headers.get("retry-after"))
                log.info("HTTP %s from %s, retrying in %.1fs", result.status, url, wait)
            attempt += 1
            time.sleep(wait)

    def _backoff(self, attempt: int, retry_after: str | None) -> float:
        if retry_after:
            seconds = _parse_retry_after(retry_after)
            if seconds is not None:
                return min(seconds, self.settings.max_retry_after)
        return self.settings.backoff * (2**attempt) * (0.75 + random.random() / 2)

    def _stream(self, url: str, headers: dict[str, str]) -> FetchResult:
        limit = self.settings.max_bytes
        try:
            with self.client.stream("GET", url, headers=headers) as response:
                declared = response.headers.get("content-length")
                if declared and declared.isdigit() and int(declared) > limit:
                    raise IngestError(Reason.TOO_LARGE, f"{url} declares {declared} bytes (limit {limit})")
                chunks: list[bytes] = []
                size = 0
                for chunk in _decoded(response):
                    size += len(chunk)
                    if size > limit:
                        raise IngestError(Reason.TOO_LARGE, f"{url} exceeds {limit} bytes; download aborted")
                    chunks.append(chunk)
                return FetchResult(
                    url=url,
                    final_url=url,
                    status=response.status_code,
                    content=b"".join(chunks),
                    headers={k.lower(): v for k, v in response.headers.items()},
                )
        except httpx.TimeoutException as exc:
            raise IngestError(Reason.TIMEOUT, f"timed out after {self.settings.timeout}s: {url}") from exc
        except (httpx.TransportError, httpx.InvalidURL) as exc:
            raise IngestError(Reason.CONNECTION_ERROR, f"cannot connect to {url}: {exc}") from exc


def _guarded_transport(settings: Settings) -> httpx.HTTPTransport:
    """httpx's transport with connections opened by :class:`GuardedBackend` (DNS-rebinding safe).

    httpx does not take a network backend as an argument, so it is set on the transport's connection
    pool before the first connection; ``tests/reliability/test_network_safety.py`` proves it is used.
    """
    transport = httpx.HTTPTransport(limits=httpx.Limits(max_connections=settings.concurrency * 2))
    transport._pool._network_backend = GuardedBackend(  # noqa: SLF001 - see the docstring
        allow_private=settings.allow_private_networks, allowed_networks=settings.allowed_networks
    )
    return transport


def _decoded(response: httpx.Response) -> Iterator[bytes]:
    """The body, decompressed at most :data:`INFLATE_STEP` bytes at a time. (httpx inflates each network
    read whole: 64 KiB of a gzip bomb become 64 MiB in memory before the size limit can look at them.)"""
    encoding = response.headers.get("content-encoding", "").strip().lower()
    if encoding in ("", "identity"):
        yield from response.iter_raw()
        return
    if encoding not in ("gzip", "x-gzip", "deflate"):
        raise IngestError(Reason.UNDECODABLE, f"unsupported content encoding {encoding!r} from {response.url}")
    inflater = None
    try:
        for chunk in response.iter_raw():
            if inflater is None:  # "deflate" is zlib-wrapped by the standard, raw by some servers
                raw = encoding == "deflate" and not _zlib_header(chunk)
                inflater = zlib.decompressobj(-zlib.MAX_WBITS if raw else zlib.MAX_WBITS | 32)
            while chunk:
                yield inflater.decompress(chunk, INFLATE_STEP)
                chunk = inflater.unconsumed_tail
        if inflater is not None:
            yield inflater.flush()
    except zlib.error as exc:
        raise IngestError(Reason.UNDECODABLE, f"bad {encoding} content from {response.url}: {exc}") from exc


def _zlib_header(data: bytes) -> bool:
    return len(data) >= 2 and data[0] & 0x0F == 8 and (data[0] << 8 | data[1]) % 31 == 0


def _origin(url: str) -> str:
    parts = urlsplit(url)
    return f"{parts.scheme}://{parts.netloc}"


def _parse_retry_after(value: str) -> float | None:
    value = value.strip()
    if value.isdigit():
        return float(value)
    try:
        parsed = email.utils.parsedate_to_datetime(value)
    except (TypeError, ValueError, IndexError):
        return None
    return max(0.0, parsed.timestamp() - time.time())
