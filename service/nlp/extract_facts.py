"""Dates and figures of one document, and their conversion to the document gold format.

The pipeline calls :func:`extract_dates_and_figures`; evaluation and ``hamkar extract`` turn the mentions
into gold-format entries with :func:`dates_to_gold` / :func:`figures_to_gold`. The gold format lists each
date and each statistic once per document, so the conversion merges repeated mentions.
"""

from __future__ import annotations

import datetime as dt
from typing import Any

from service.nlp.dates import DateMention, extract_dates, publication_date_from_text
from service.nlp.figures import FigureMention, extract_figures
from service.text.normalize import match_key


def extract_dates_and_figures(
    text: str, lang: str, published: dt.date | None
) -> tuple[list[DateMention], list[FigureMention]]:
    """All date and figure mentions of ``text``.

    Relative dates resolve against ``published``; when it is None, a byline date in the text (see
    :func:`publication_date_from_text`) stands in for it, as a reader would use it.
    """
    reference = published or reference_date(text, lang)
    dates = extract_dates(text, lang, reference)
    return dates, extract_figures(text, lang, dates)


def reference_date(text: str, lang: str) -> dt.date | None:
    """The publication date the text itself states in a byline, if any."""
    mention = publication_date_from_text(text, lang)
    return dt.date.fromisoformat(mention.iso_start) if mention else None


def dates_to_gold(dates: list[DateMention]) -> list[dict[str, Any]]:
    """``{text, start, end}`` entries (ISO days), one per distinct period, in text order."""
    seen: set[tuple[str, str]] = set()
    out = []
    for d in dates:
        key = (d.iso_start, d.iso_end)
        if key not in seen:
            seen.add(key)
            out.append({"text": d.text, "start": d.iso_start, "end": d.iso_end})
    return out


def figures_to_gold(figures: list[FigureMention], lang: str) -> list[dict[str, Any]]:
    """``{text, value, unit, qualifier}`` entries, one per distinct statistic (value, qualifier, unit).

    A statistic repeated in a headline in capitals (``11 BİN KİŞİYE``) and in the body keeps the body's
    spelling; one stated once with a qualifier (``بیش از ۱۲ هزار نفر``) and once without it (a headline's
    ``۱۲ هزار نفر``) is the qualified one.
    """
    qualified = {(float(f.value), match_key(f.unit, lang)) for f in figures if f.qualifier != "exact"}
    chosen: dict[tuple[float, str, str], FigureMention] = {}
    for f in figures:
        if f.qualifier == "exact" and (float(f.value), match_key(f.unit, lang)) in qualified:
            continue
        key = (float(f.value), f.qualifier, match_key(f.unit, lang))
        if key not in chosen or (chosen[key].text.isupper() and not f.text.isupper()):
            chosen[key] = f
    ordered = sorted(chosen.values(), key=lambda f: f.start)
    return [
        {"text": " ".join(f.text.split()), "value": f.value, "unit": f.unit, "qualifier": f.qualifier}
        for f in ordered
    ]


def to_gold_record(doc_id: str, lang: str, text: str, published: dt.date | None = None) -> dict[str, Any]:
    """A document gold-format record with ``published``, ``dates`` and ``figures`` filled in.

    Entity and collaboration fields are left empty: they belong to the NER stage.
    """
    reference = published or reference_date(text, lang)
    dates, figures = extract_dates_and_figures(text, lang, reference)
    return {
        "id": doc_id,
        "lang": lang,
        "published": reference.isoformat() if reference else None,
        "orgs": [],
        "persons": [],
        "locations": [],
        "dates": dates_to_gold(dates),
        "figures": figures_to_gold(figures, lang),
        "collaborations": [],
    }
