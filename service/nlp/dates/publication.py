"""A page's publication date read from its text, for pages whose HTML metadata has none.

Why: Persian pages often carry their date only as ``۱۴ فروردین ۱۴۰۳`` or ``1403/01/14`` in a byline,
which htmldate and trafilatura do not read. A byline date is a single day near the top of the page,
standing on a short line of its own, next to a clock time or after a label such as ``تاریخ انتشار``.
"""

from __future__ import annotations

import re

from service.nlp.dates.extract import extract_dates
from service.nlp.dates.model import DateMention

#: Only this much of the page is searched: the byline sits under the title.
_HEAD_CHARS = 1500
#: A line this short that holds a date is a byline, not a sentence.
_SHORT_LINE = 60
_TIME = re.compile(r"^\s*[-–|,،]?\s*(?:saat\s+|ساعت\s+)?[\d۰-۹]{1,2}[:.][\d۰-۹]{2}")
_LABEL = re.compile(
    r"(?:yayın(?:lanma)?\s+tarihi|yayınlanma|güncelleme|oluşturulma|tarih|"
    r"تاریخ\s+انتشار|تاریخ\s+خبر|تاریخ|منتشر\s+شده|انتشار)\s*[:：]?\s*$",
    re.IGNORECASE,
)


def publication_date_from_text(text: str, lang: str) -> DateMention | None:
    """The first byline-like day in the head of ``text``, or None when no date looks like a byline."""
    head = text[:_HEAD_CHARS]
    for mention in extract_dates(text, lang):
        if mention.end > _HEAD_CHARS:
            break
        if mention.granularity != "day" or mention.relative:
            continue
        line_start = head.rfind("\n", 0, mention.start) + 1
        line_end = head.find("\n", mention.end)
        line_end = len(head) if line_end < 0 else line_end
        before, after = head[line_start : mention.start], head[mention.end : line_end]
        if (
            len(head[line_start:line_end].strip()) <= _SHORT_LINE
            or _TIME.match(after)
            or _LABEL.search(before)
        ):
            return mention
    return None
