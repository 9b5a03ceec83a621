"""Network safety of the fetcher: private addresses after DNS, on redirects and in every IPv4 and IPv6
spelling; DNS rebinding between the address check and the connection; decompression bombs."""

from __future__ import annotations

import socket
import tracemalloc
from collections import Counter
from collections.abc import Iterator
from dataclasses import dataclass, field

import httpcore
import httpx
import pytest

from service.ingest.errors import IngestError, Reason
from service.ingest.fetch import Fetcher
from service.ingest.netsafety import check_url
from service.settings import Settings
from tests.reliability.hostile_server import PAGE, HostileServer, deflate_bomb, gzip_bomb

PUBLIC = "93.184.216.34"


@dataclass
class FakeDns:
    """Names with scripted answers: each lookup takes the next answer, the last one repeats."""

    answers: dict[str, list[list[str]]] = field(default_factory=dict)
    lookups: Counter[str] = field(default_factory=Counter)


@pytest.fixture
def dns(monkeypatch: pytest.MonkeyPatch) -> FakeDns:
    fake = FakeDns()
    real = socket.getaddrinfo

    def getaddrinfo(host: str, port: int, *args: object, **kwargs: object) -> list:
        if host not in fake.answers:
            return real(host, port, *args, **kwargs)
        fake.lookups[host] += 1
        script = fake.answers[host]
        addresses = script.pop(0) if len(script) > 1 else script[0]
        return [(socket.AF_INET6, socket.SOCK_STREAM, socket.IPPROTO_TCP, "", (a, port, 0, 0)) if ":" in a
                else (socket.AF_INET, socket.SOCK_STREAM, socket.IPPROTO_TCP, "", (a, port)) for a in addresses]

    monkeypatch.setattr(socket, "getaddrinfo", getaddrinfo)
    return fake


@pytest.fixture
def connections(monkeypatch: pytest.MonkeyPatch) -> list[str]:
    """Every address a TCP connection was opened to."""
    opened: list[str] = []
    real = httpcore.SyncBackend.connect_tcp

    def connect_tcp(self: httpcore.SyncBackend, host: str, port: int, **kwargs: object) -> httpcore.NetworkStream:
        opened.append(host)
        return real(self, host, port, **kwargs)

    monkeypatch.setattr(httpcore.SyncBackend, "connect_tcp", connect_tcp)
    return opened


@pytest.fixture(scope="module")
def server() -> Iterator[HostileServer]:
    with HostileServer() as running:
        yield running


def strict_fetcher(allowed_networks: list[str]) -> Fetcher:
    return Fetcher(Settings(allow_private_networks=False, allowed_networks=allowed_networks, respect_robots=False,
                            host_delay=0, retries=0, timeout=5, max_bytes=1_000_000))


@pytest.fixture
def fetcher(server: HostileServer) -> Iterator[Fetcher]:
    """Private networks refused, except the loopback address the test server listens on."""
    server.requests.clear()
    with strict_fetcher(["127.0.0.1/32"]) as running:
        yield running


def refused(fetcher: Fetcher, url: str) -> IngestError:
    with pytest.raises(IngestError) as caught:
        fetcher.fetch(url)
    return caught.value


@pytest.mark.parametrize("answer", [
    ["10.0.0.7"], ["169.254.169.254"], ["192.168.1.1"], ["100.64.0.1"], ["0.0.0.0"], ["fd00::5"], ["fe80::1"],
    ["::ffff:192.168.0.1"], ["64:ff9b::a00:1"], [PUBLIC, "10.0.0.7"],
])
def test_names_that_resolve_to_private_addresses(dns: FakeDns, fetcher: Fetcher, answer: list[str]) -> None:
    dns.answers["intranet.example"] = [answer]
    error = refused(fetcher, "http://intranet.example/page")
    assert error.reason == Reason.PRIVATE_ADDRESS


@pytest.mark.parametrize("target", [
    "http://10.0.0.1/", "http://167772161/", "http://012.0.0.1/", "http://0x0a.0.0.1/", "http://10.1/",
    "http://[::1]/", "http://[fd00::1]/", "http://[::ffff:10.0.0.1]/", "http://[::ffff:a00:1]/",
    "http://[0:0:0:0:0:ffff:127.0.0.2]/", "http://intranet.example/admin",
])
def test_redirects_to_private_addresses(dns: FakeDns, fetcher: Fetcher, server: HostileServer,
                                        connections: list[str], target: str) -> None:
    dns.answers["intranet.example"] = [["10.0.0.7"]]
    error = refused(fetcher, f"{server.base}/redirect?to={target}")
    # httpx itself rejects a Location with an octal IPv4 address (connection_error): refused either way
    assert error.reason in (Reason.PRIVATE_ADDRESS, Reason.CONNECTION_ERROR), error
    assert server.paths() == ["/redirect"] and set(connections) == {"127.0.0.1"}


def test_dns_rebinding_between_check_and_connect(dns: FakeDns, server: HostileServer, connections: list[str]) -> None:
    """The name is public when checked and loopback a moment later: the connection must not follow."""
    server.requests.clear()
    url = f"http://rebind.example:{server.port}/secret"
    with strict_fetcher([]) as fetcher:  # the test server's loopback address is private like any other
        dns.answers["rebind.example"] = [[PUBLIC], ["127.0.0.1"]]
        check_url(url, allow_private=False)  # the first answer passes the check ...
        error = refused(fetcher, url)  # ... the fetcher's own check takes the second one
        assert error.reason == Reason.PRIVATE_ADDRESS

        dns.answers["rebind.example"] = [[PUBLIC], ["127.0.0.1"]]  # public for the check, private when connecting
        dns.lookups.clear()
        error = refused(fetcher, url)
    assert error.reason == Reason.PRIVATE_ADDRESS and "127.0.0.1" in error.detail
    assert dns.lookups["rebind.example"] == 2  # one for the check, one for the connection, which was refused
    assert server.requests == [] and connections == []

    dns.answers["rebind.example"] = [[PUBLIC], ["127.0.0.1"]]  # the attack works on a client without the guard
    check_url(url, allow_private=False)
    assert httpx.get(url).status_code == 200 and server.paths() == ["/secret"]


def test_connection_goes_to_the_checked_address_under_the_original_name(
    dns: FakeDns, fetcher: Fetcher, server: HostileServer
) -> None:
    dns.answers["news.example"] = [["127.0.0.1"]]
    result = fetcher.fetch(f"http://news.example:{server.port}/page")
    assert result.content == PAGE
    assert server.requests == [("/page", f"news.example:{server.port}")]
    assert dns.lookups["news.example"] == 2  # the check and the connection; no third lookup behind them


@pytest.mark.parametrize("path", ["/bomb.gz", "/bomb.deflate"])
def test_decompression_bomb_stops_at_the_size_limit(fetcher: Fetcher, server: HostileServer, path: str) -> None:
    gzip_bomb(), deflate_bomb()  # built by the server thread on first use: not part of the measurement
    tracemalloc.start()
    try:
        error = refused(fetcher, server.base + path)
        _, peak = tracemalloc.get_traced_memory()
    finally:
        tracemalloc.stop()
    assert error.reason == Reason.TOO_LARGE
    assert peak < 8_000_000  # the limit is 1 MB; the bomb inflates to 200 MB


def test_compressed_pages_still_decode(fetcher: Fetcher, server: HostileServer) -> None:
    assert fetcher.fetch(server.base + "/page.gz").content == PAGE
    assert refused(fetcher, server.base + "/brotli").reason == Reason.UNDECODABLE  # never asked for
