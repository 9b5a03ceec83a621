"""One document through the NLP stages, and the faces of that: extract files, analyze stored documents.

``analyze_text`` is pure (text in, extraction out). ``analyze_stored_document`` replaces a stored
document's mentions inside the caller's transaction, so re-processing after a model change is atomic
per document. ``extract_files`` produces the document gold format for ``hamkar extract``.
"""

from __future__ import annotations

import logging
from collections.abc import Iterable, Iterator
from dataclasses import dataclass, field
from datetime import date
from pathlib import Path

from sqlalchemy import delete
from sqlalchemy.orm import Session

from service.ingest.errors import IngestError
from service.ingest.parse import parse_bytes
from service.ingest.runner import FILE_SUFFIXES
from service.nlp.extract_facts import dates_to_gold, extract_dates_and_figures, figures_to_gold
from service.nlp.ner import extract_entities
from service.store.models import DateMention, Document, EntityMention, FigureMention
from service.text import detect_language, match_key, sentence_spans

log = logging.getLogger(__name__)
EXTRACTOR_VERSION = "hamkar-0.1"
GOLD_LABELS = {"ORG": "orgs", "PER": "persons", "LOC": "locations"}


@dataclass
class Analysis:
    """Everything extracted from one text; every item carries offsets into that text."""

    entities: list = field(default_factory=list)
    dates: list = field(default_factory=list)
    figures: list = field(default_factory=list)


def analyze_text(text: str, lang: str, published: date | None) -> Analysis:
    entities = extract_entities(text, lang)
    dates, figures = extract_dates_and_figures(text, lang, published)
    return Analysis(entities, dates, figures)


def _sentence_of(spans: list[tuple[int, int]], start: int, end: int) -> tuple[int, int]:
    for s_start, s_end in spans:
        if s_start <= start < s_end:
            return s_start, max(s_end, end)
    return start, end


def analyze_stored_document(session: Session, document_id: int) -> Analysis | None:
    """(Re)compute and store a document's mentions; skipped documents get none."""
    document = session.get(Document, document_id)
    if document is None or document.status != "ok" or document.lang is None:
        return None
    analysis = analyze_text(document.text, document.lang, document.published)
    for model in (EntityMention, DateMention, FigureMention):
        session.execute(delete(model).where(model.document_id == document_id))
    spans = sentence_spans(document.text)
    for entity in analysis.entities:
        session.add(
            EntityMention(
                document_id=document_id, label=entity.label, start=entity.start, end=entity.end,
                text=entity.text, normalized=entity.normalized, sentence_start=entity.sentence_start,
                sentence_end=entity.sentence_end, source=entity.source, extractor=EXTRACTOR_VERSION,
            )
        )
    for mention in analysis.dates:
        s_start, s_end = _sentence_of(spans, mention.start, mention.end)
        session.add(
            DateMention(
                document_id=document_id, start=mention.start, end=mention.end, text=mention.text,
                calendar=mention.calendar, granularity=mention.granularity,
                iso_start=date.fromisoformat(mention.iso_start), iso_end=date.fromisoformat(mention.iso_end),
                relative=mention.relative, sentence_start=s_start, sentence_end=s_end,
                extractor=EXTRACTOR_VERSION,
            )
        )
    for figure in analysis.figures:
        s_start, s_end = _sentence_of(spans, figure.start, figure.end)
        session.add(
            FigureMention(
                document_id=document_id, start=figure.start, end=figure.end, text=figure.text,
                value=float(figure.value), unit=figure.unit, qualifier=figure.qualifier, kind=figure.kind,
                currency=figure.currency, sentence_start=s_start, sentence_end=s_end,
                attached=figure.attached_to or {}, extractor=EXTRACTOR_VERSION,
            )
        )
    session.flush()
    return analysis


def gold_record(doc_id: str, text: str, lang: str | None, published: date | None) -> dict:
    """The document gold format (``../shared/seeds/README.md``) plus ``mentions`` with offsets."""
    record: dict = {
        "id": doc_id,
        "lang": lang,
        "published": published.isoformat() if published else None,
        "orgs": [],
        "persons": [],
        "locations": [],
        "dates": [],
        "figures": [],
        "collaborations": [],
        "mentions": [],
    }
    if lang is None:
        return record
    analysis = analyze_text(text, lang, published)
    seen: set[tuple[str, str]] = set()
    for entity in analysis.entities:
        record["mentions"].append(entity.to_dict())
        field_name = GOLD_LABELS.get(entity.label)
        key = (entity.label, match_key(entity.text, lang))
        if field_name and key not in seen:
            seen.add(key)
            record[field_name].append([entity.text])
    record["dates"] = dates_to_gold(analysis.dates)
    record["figures"] = figures_to_gold(analysis.figures)
    return record


def iter_files(paths: Iterable[Path]) -> Iterator[Path]:
    for path in paths:
        if path.is_dir():
            yield from sorted(p for p in path.rglob("*") if p.is_file() and p.suffix.lower() in FILE_SUFFIXES)
        else:
            yield path


def extract_files(paths: Iterable[Path]) -> Iterator[dict]:
    """Gold-format records of local files; a file that cannot be parsed yields an ``error`` record."""
    for path in iter_files(paths):
        try:
            parsed = parse_bytes(path.read_bytes(), name=path.name)
        except (IngestError, OSError) as exc:
            log.warning("%s: %s", path, exc)
            yield gold_record(path.stem, "", None, None) | {"error": str(exc)}
            continue
        guess = detect_language(f"{parsed.title or ''}\n{parsed.text}")
        yield gold_record(path.stem, parsed.text, guess.lang, parsed.published)
