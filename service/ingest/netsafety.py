"""Refuse URLs that resolve to addresses a crawler must never reach (SSRF protection).

The check runs after DNS resolution, on every address the name resolves to, and again on every
redirect target (the fetcher calls :func:`check_url` for each hop).
"""

from __future__ import annotations

import ipaddress
import socket
from collections.abc import Sequence
from urllib.parse import urlsplit

from service.ingest.errors import IngestError, Reason

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
    return sorted({info[4][0] for info in infos})


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
    addresses = resolve(host, port)
    if allow_private:
        return
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
