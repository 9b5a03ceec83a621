"""Why a source could not become a document. Every failure is recorded with one of these reasons."""

from __future__ import annotations

from enum import StrEnum


class Reason(StrEnum):
    """Failure reasons shown in summaries, stored per source and returned by the API."""

    INVALID_URL = "invalid_url"
    DNS_ERROR = "dns_error"
    CONNECTION_ERROR = "connection_error"
    TIMEOUT = "timeout"
    HTTP_ERROR = "http_error"
    TOO_LARGE = "too_large"
    UNSUPPORTED_TYPE = "unsupported_type"
    UNDECODABLE = "undecodable"
    MALFORMED = "malformed"
    EMPTY = "empty"
    UNKNOWN_LANGUAGE = "unknown_language"
    ROBOTS_DISALLOWED = "robots_disallowed"
    PRIVATE_ADDRESS = "private_address"
    NOT_FOUND = "not_found"
    TOO_MANY_REDIRECTS = "too_many_redirects"


class IngestError(Exception):
    """A source failed for a known reason; ``detail`` says what exactly, for the user."""

    def __init__(self, reason: Reason, detail: str) -> None:
        super().__init__(f"{reason.value}: {detail}")
        self.reason = reason
        self.detail = detail
