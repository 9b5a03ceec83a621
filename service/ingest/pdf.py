"""Text of PDF bulletins, page by page, with line-end hyphenation repaired.

The stored text is the concatenation of the pages separated by a form feed; ``pages`` keeps each
page's ``[start, end)`` in that text, so a figure found at an offset can be cited with its page number.
"""

from __future__ import annotations

import io
import logging
import re
from dataclasses import dataclass

from pypdf import PdfReader, apply_configuration
from pypdf.errors import LimitReachedError

from service.ingest.errors import IngestError, Reason

log = logging.getLogger(__name__)
PAGE_SEPARATOR = "\f"
#: ``Gü-\nvencesi`` → ``Güvencesi``: a lower-case letter, a hyphen at the end of a line, a lower-case
#: continuation. Upper-case continuations (``Ankara-\nİstanbul``) are real hyphens and stay.
_HYPHENATION = re.compile(r"(?<=[^\W\d_])[-\u00ad\u2010]\s*\n\s*(?=[a-zçğıöşüâîû])")
_TRAILING_SPACES = re.compile(r"[ \t]+\n")
#: A bulletin holds some hundred kilobytes of text, but a 50 KB PDF can hold a stream that inflates to
#: 50 MB of text (15 s of extraction): decompression and the text taken from one PDF are bounded.
MAX_STREAM_BYTES = 4_000_000
MAX_TEXT_CHARS = 2_000_000
_LIMITS = {
    "zlib_maximum_output_length": MAX_STREAM_BYTES,
    "lzw_maximum_output_length": MAX_STREAM_BYTES,
    "run_length_maximum_output_length": MAX_STREAM_BYTES,
    "array_based_stream_maximum_output_length": MAX_STREAM_BYTES,
}


@dataclass
class ExtractedPdf:
    text: str
    pages: list[tuple[int, int]]
    title: str | None
    author: str | None


def repair_hyphenation(text: str) -> str:
    """Join words split across lines by a hyphen."""
    return _HYPHENATION.sub("", _TRAILING_SPACES.sub("\n", text))


def extract_pdf(data: bytes) -> ExtractedPdf:
    """Extract page texts; raise :class:`IngestError` for malformed, encrypted or image-only PDFs."""
    try:
        with apply_configuration(**_LIMITS):
            reader = PdfReader(io.BytesIO(data), strict=False)
            if reader.is_encrypted:
                raise IngestError(Reason.UNSUPPORTED_TYPE, "encrypted PDF")
            page_texts = _page_texts(reader)
            metadata = reader.metadata or {}
    except IngestError:
        raise
    except LimitReachedError as exc:
        raise IngestError(Reason.TOO_LARGE, f"PDF content exceeds the extraction limits: {exc}") from exc
    except Exception as exc:  # noqa: BLE001 - pypdf raises many kinds of error on broken files
        raise IngestError(Reason.MALFORMED, f"PDF could not be read: {type(exc).__name__}: {exc}") from exc
    parts: list[str] = []
    pages: list[tuple[int, int]] = []
    position = 0
    for number, page_text in enumerate(page_texts):
        if number:
            parts.append(PAGE_SEPARATOR)
            position += len(PAGE_SEPARATOR)
        pages.append((position, position + len(page_text)))
        parts.append(page_text)
        position += len(page_text)
    text = "".join(parts)
    if not text.strip():
        raise IngestError(Reason.EMPTY, "the PDF has no extractable text (scanned images need OCR)")
    return ExtractedPdf(
        text=text,
        pages=pages,
        title=_meta(metadata, "/Title"),
        author=_meta(metadata, "/Author"),
    )


def _page_texts(reader: PdfReader) -> list[str]:
    texts: list[str] = []
    total = 0
    for page in reader.pages:
        texts.append(repair_hyphenation(page.extract_text() or "").strip())
        total += len(texts[-1])
        if total > MAX_TEXT_CHARS:
            raise IngestError(Reason.TOO_LARGE, f"the PDF has more than {MAX_TEXT_CHARS} characters of text")
    return texts


def _meta(metadata: object, key: str) -> str | None:
    try:
        value = metadata.get(key)  # type: ignore[attr-defined]
    except Exception:  # noqa: BLE001 - broken metadata must not lose the text
        return None
    return str(value).strip() or None if value else None
