"""Bytes to text for web pages and text files, right for Turkish and Persian legacy encodings.

Order of evidence: a byte-order mark, the HTTP charset, the page's own ``<meta charset>``, valid UTF-8,
then charset detection restricted to the encodings these sites actually use (windows-1254 for
Turkish, windows-1256 for Persian).
"""

from __future__ import annotations

import codecs
import re

from charset_normalizer import from_bytes

from service.ingest.errors import IngestError, Reason

_META_CHARSET = re.compile(rb"""<meta[^>]+charset\s*=\s*["']?\s*([A-Za-z0-9_\-:.]+)""", re.IGNORECASE)
_LEGACY = ("cp1254", "cp1256")
_BOMS = ((codecs.BOM_UTF8, "utf-8-sig"), (codecs.BOM_UTF16_LE, "utf-16"), (codecs.BOM_UTF16_BE, "utf-16"))


def looks_binary(data: bytes) -> bool:
    """NUL bytes in the first kilobytes mean a binary file (UTF-16 text starts with a BOM)."""
    head = data[:8192]
    return b"\x00" in head and not head.startswith((codecs.BOM_UTF16_LE, codecs.BOM_UTF16_BE))


def decode_bytes(data: bytes, declared: str | None = None) -> tuple[str, str]:
    """Return ``(text, encoding)``; raise :class:`IngestError` (``undecodable``) when nothing fits."""
    if looks_binary(data):
        raise IngestError(Reason.UNDECODABLE, "binary content (NUL bytes), not text")
    for bom, encoding in _BOMS:
        if data.startswith(bom):
            try:
                return data.decode(encoding), encoding
            except UnicodeDecodeError:  # a stray BOM on other text: weigh the other evidence
                break
    for candidate in (declared, _meta_charset(data)):
        encoding = _known(candidate)
        if encoding:
            try:
                return data.decode(encoding), encoding
            except UnicodeDecodeError:
                continue
    try:
        return data.decode("utf-8"), "utf-8"
    except UnicodeDecodeError:
        pass
    best = _best_legacy(data)
    if best:
        return best
    raise IngestError(Reason.UNDECODABLE, "not valid UTF-8 and no known encoding fits")


def _known(name: str | None) -> str | None:
    if not name:
        return None
    try:
        return codecs.lookup(name.strip().lower()).name
    except LookupError:
        return None


def _meta_charset(data: bytes) -> str | None:
    match = _META_CHARSET.search(data[:4096])
    return match.group(1).decode("ascii", errors="ignore") if match else None


def _best_legacy(data: bytes) -> tuple[str, str] | None:
    """Let charset detection choose between the Turkish and Arabic-script Windows code pages only.

    Unrestricted detection mistakes short windows-1254 Turkish for windows-1252 (``Odasý``).
    """
    match = from_bytes(data, cp_isolation=list(_LEGACY)).best()
    if match is None or match.encoding is None:
        return None
    return str(match), match.encoding
