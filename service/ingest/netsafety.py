"""Refuse URLs that resolve to addresses a crawler must never reach (SSRF protection).

The check runs after DNS resolution, on every address the name resolves to, and again on every
redirect target (the fetcher calls :func:`check_url` for each hop). A name can resolve differently a
moment later (DNS rebinding: public for the check, private for the connection), so the connection itself
goes through :class:`GuardedBackend`, which resolves once, checks, and connects to exactly the address it
checked; the host name still goes to TLS (SNI, certificate) and into the Host header.
"""

from __future__ import annotations

import ipaddress
import logging
import socket
from collections.abc import Iterable, Sequence
from urllib.parse import urlsplit

import httpcore

from service.ingest.errors import IngestError, Reason

log = logging.getLogger(__name__)

ALLOWED_SCHEMES = ("http", "https")


def is_forbidden_address(address: str) -> bool:
    """True for loopback, private, link-local, multicast, reserved and unspecified addresses."""
    ip = ipaddress.ip_address(address)
    if isinstance(ip, ipaddress.IPv6Address) and ip.ipv4_mapped is not None:
        ip = ip.ipv4_mapped
    return bool(
        ip.is_loopback
        or ip.is_private
        or ip.is_link_local
        or ip.is_multicast
        or ip.is_reserved
        or ip.is_unspecified
        or not ip.is_global
    )


def resolve(host: str, port: int) -> list[str]:
    """All addresses ``host`` resolves to (a literal IP resolves to itself, in any legal spelling)."""
    try:
        infos = socket.getaddrinfo(host, port, proto=socket.IPPROTO_TCP)
    except socket.gaierror as exc:
        raise IngestError(Reason.DNS_ERROR, f"cannot resolve {host!r}: {exc.strerror}") from exc
    except UnicodeError as exc:
        raise IngestError(Reason.INVALID_URL, f"invalid host name {host!r}") from exc
    return list(dict.fromkeys(info[4][0] for info in infos))  # resolver order: the order to connect in


def check_url(url: str, *, allow_private: bool, allowed_networks: Sequence[str] = ()) -> None:
    """Raise :class:`IngestError` unless ``url`` is http(s) and resolves only to public addresses
    (or to addresses inside ``allowed_networks``, an explicit allow-list of CIDRs)."""
    parts = urlsplit(url)
    if parts.scheme not in ALLOWED_SCHEMES:
        raise IngestError(Reason.INVALID_URL, f"unsupported URL scheme {parts.scheme!r} in {url!r}")
    host = parts.hostname
    if not host:
        raise IngestError(Reason.INVALID_URL, f"no host in {url!r}")
    try:
        port = parts.port or (443 if parts.scheme == "https" else 80)
    except ValueError as exc:
        raise IngestError(Reason.INVALID_URL, f"invalid port in {url!r}") from exc
    vetted_addresses(host, port, allow_private=allow_private, allowed_networks=allowed_networks)


def vetted_addresses(host: str, port: int, *, allow_private: bool, allowed_networks: Sequence[str] = ()) -> list[str]:
    """Resolve ``host`` and return its addresses, or raise ``private_address`` if any of them is not public
    (and not inside ``allowed_networks``)."""
    addresses = resolve(host, port)
    if allow_private:
        return addresses
    networks = [ipaddress.ip_network(n, strict=False) for n in allowed_networks]
    forbidden = [
        a
        for a in addresses
        if is_forbidden_address(a) and not any(ipaddress.ip_address(a) in net for net in networks)
    ]
    if forbidden:
        raise IngestError(
            Reason.PRIVATE_ADDRESS,
            f"{host} resolves to non-public address {', '.join(forbidden)}; "
            "set HAMKAR_ALLOW_PRIVATE_NETWORKS=1 to allow it",
        )
    return addresses


class GuardedBackend(httpcore.NetworkBackend):
    """An httpcore network backend that checks the addresses of every connection it opens and connects
    to the checked address itself, so no second DNS answer can slip in between check and connect."""

    def __init__(self, *, allow_private: bool, allowed_networks: Sequence[str] = (),
                 inner: httpcore.NetworkBackend | None = None) -> None:
        self.allow_private = allow_private
        self.allowed_networks = list(allowed_networks)
        self.inner = inner or httpcore.SyncBackend()

    def connect_tcp(
        self,
        host: str,
        port: int,
        timeout: float | None = None,
        local_address: str | None = None,
        socket_options: Iterable[httpcore.SOCKET_OPTION] | None = None,
    ) -> httpcore.NetworkStream:
        *others, last = vetted_addresses(host, port, allow_private=self.allow_private,
                                         allowed_networks=self.allowed_networks)
        for address in others:  # like socket.create_connection: the next address when one fails
            try:
                return self.inner.connect_tcp(address, port, timeout=timeout, local_address=local_address,
                                              socket_options=socket_options)
            except (httpcore.ConnectError, httpcore.ConnectTimeout) as exc:
                log.debug("connecting to %s (%s) failed: %s", host, address, exc)
        return self.inner.connect_tcp(last, port, timeout=timeout, local_address=local_address,
                                      socket_options=socket_options)

    def connect_unix_socket(self, path: str, timeout: float | None = None,
                            socket_options: Iterable[httpcore.SOCKET_OPTION] | None = None) -> httpcore.NetworkStream:
        raise httpcore.ConnectError("unix sockets are not fetched")

    def sleep(self, seconds: float) -> None:
        self.inner.sleep(seconds)
