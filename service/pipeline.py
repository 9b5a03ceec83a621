"""One document through the NLP and knowledge-base stages, and the faces of that.

``analyze_text`` is pure (text in, extraction out). ``analyze_stored_document`` replaces a stored
document's mentions and KB facts inside the caller's transaction, so ingest and re-processing are
atomic per document. ``extract_files`` produces the document gold format for ``hamkar extract``.
"""

from __future__ import annotations

import logging
import tempfile
from collections import defaultdict
from collections.abc import Iterable, Iterator
from dataclasses import asdict, dataclass, field
from datetime import date
from pathlib import Path

from sqlalchemy import delete, select
from sqlalchemy.orm import Session

from service.ingest.runner import FILE_SUFFIXES, Ingestor
from service.kb.build import clear_document, update_document
from service.kb.orgnames import citation_form
from service.kb.queries import survivors
from service.nlp.dates import DateMention as NlpDate
from service.nlp.extract_facts import dates_to_gold, extract_dates_and_figures, figures_to_gold
from service.nlp.ner import extract_entities
from service.nlp.topic import OFF_TOPIC, classify_topic
from service.settings import get_settings
from service.store.db import transaction
from service.store.models import (
    DateMention,
    Document,
    EntityMention,
    Event,
    EventEvidence,
    FigureMention,
    Organization,
)
from service.text import match_key, sentence_spans

log = logging.getLogger(__name__)
EXTRACTOR_VERSION = "hamkar-0.1"
GOLD_LABELS = {"ORG": "orgs", "PER": "persons", "LOC": "locations"}
PROVINCE_WORDS = ("استان", "شهرستان")


@dataclass
class Analysis:
    """Everything extracted from one text; every item carries offsets into that text."""

    entities: list = field(default_factory=list)
    dates: list = field(default_factory=list)
    figures: list = field(default_factory=list)


def analyze_text(text: str, lang: str, published: date | None) -> Analysis:
    """Entities, dates and figures of ``text``. An ORG span that starts where a figure starts
    (``15 Mesleki ve Teknik Anadolu Lisesi``) is a count of such bodies, not a name: the figure wins."""
    entities = extract_entities(text, lang)
    dates, figures = extract_dates_and_figures(text, lang, published)
    counted = {(f.start, f.end) for f in figures}
    entities = [e for e in entities if not any(a == e.start or (a < e.start < b and e.end <= b) for a, b in counted)
                or e.label != "ORG"]
    return Analysis(entities, dates, figures)


def _sentence_of(spans: list[tuple[int, int]], start: int, end: int) -> tuple[int, int]:
    for s_start, s_end in spans:
        if s_start <= start < s_end:
            return s_start, max(s_end, end)
    return start, end


def analyze_stored_document(session: Session, document_id: int) -> Analysis | None:
    """(Re)compute and store a document's topic, mentions and knowledge-base facts; skipped documents get
    none, and off-topic ones only their topic (they stay stored, outside the knowledge base)."""
    document = session.get(Document, document_id)
    if document is None or document.status != "ok" or document.lang is None:
        return None
    document.topic_label, document.topic_score = classify_topic(f"{document.title or ''}\n{document.text}", document.lang)
    for model in (EntityMention, DateMention, FigureMention):
        session.execute(delete(model).where(model.document_id == document_id))
    if document.topic_label == OFF_TOPIC:
        clear_document(session, document_id)
        return None
    analysis = analyze_text(document.text, document.lang, document.published)
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
        s_start, s_end = figure.sentence if figure.sentence != (0, 0) else _sentence_of(spans, figure.start, figure.end)
        session.add(
            FigureMention(
                document_id=document_id, start=figure.start, end=figure.end, text=figure.text,
                value=float(figure.value), unit=figure.unit, qualifier=figure.qualifier, kind=figure.kind,
                currency=figure.currency, sentence_start=s_start, sentence_end=s_end,
                attached=asdict(figure.attached_to), extractor=EXTRACTOR_VERSION,
            )
        )
    session.flush()
    session.refresh(document)
    update_document(session, document)
    return analysis


def _display_name(mentions: list[EntityMention], org_name: str, lang: str) -> str:
    """How the document names an organization: its longest mention (the full name rather than an
    acronym or a short form), without a case ending, white space collapsed."""
    forms = [citation_form(m.text) for m in mentions]
    return max(forms, key=lambda f: (len(f), forms.count(f))) if forms else org_name


def _entity_name(mention: EntityMention, lang: str) -> str:
    """A person's or place's name as the gold format lists it: white space collapsed, and a Persian
    province or county named without the word for it (``استان آذربایجان شرقی`` is ``آذربایجان شرقی``)."""
    name = " ".join(mention.text.split())
    if lang == "fa" and mention.label == "LOC":
        first, _, rest = name.partition(" ")
        if first in PROVINCE_WORDS and rest:
            return rest
    return name


def _without_surname_repeats(persons: list[list[str]], lang: str) -> list[list[str]]:
    """Drop a person named by a tail of another person's full name in the same document (``Kaya`` or
    ``کاظمی`` after ``Mehmet Nebi Kaya``, ``مهدی کاظمی``): news repeat the surname, it is one person."""
    words = [[match_key(word, lang) for word in names[0].split()] for names in persons]
    return [names for names, mine in zip(persons, words, strict=True)
            if not any(len(other) > len(mine) and other[-len(mine):] == mine for other in words)]


def gold_record(session: Session, document: Document, doc_id: str) -> dict:
    """The document gold format (``../shared/seeds/README.md``) of a stored, analysed document, plus
    ``mentions`` with offsets into the original text."""
    lang = document.lang if document.status == "ok" else None
    record: dict = {
        "id": doc_id,
        "lang": lang,
        "published": document.published.isoformat() if document.published else None,
        "orgs": [], "persons": [], "locations": [], "dates": [], "figures": [], "collaborations": [],
        "mentions": [],
    }
    if lang is None:
        return record
    by_org: dict[int, list[EntityMention]] = defaultdict(list)
    seen: set[tuple[str, str]] = set()
    for mention in document.entities:
        record["mentions"].append({"label": mention.label, "text": mention.text, "start": mention.start,
                                   "end": mention.end, "organization_id": mention.organization_id})
        if mention.label == "ORG":
            if mention.organization_id is not None:
                by_org[mention.organization_id].append(mention)
            continue
        field_name = GOLD_LABELS.get(mention.label)
        name = _entity_name(mention, lang)
        key = (mention.label, match_key(name, lang))
        if field_name and key not in seen:
            seen.add(key)
            record[field_name].append([name])
    record["persons"] = _without_surname_repeats(record["persons"], lang)
    names = {org_id: _display_name(ms, session.get(Organization, org_id).name, lang) for org_id, ms in by_org.items()}
    record["orgs"] = [[name] for name in names.values()]
    record["dates"] = dates_to_gold([
        NlpDate(d.text, d.start, d.end, d.calendar, d.granularity, d.iso_start.isoformat(), d.iso_end.isoformat(),
                d.relative)
        for d in document.dates
    ])
    record["figures"] = figures_to_gold(document.figures, lang)
    for figure in record["figures"]:
        if float(figure["value"]).is_integer():
            figure["value"] = int(figure["value"])
    event_ids = session.scalars(select(EventEvidence.event_id).where(EventEvidence.document_id == document.id).distinct())
    events = session.scalars(select(Event).where(Event.id.in_(list(event_ids)), Event.status == "active")).all()
    targets = survivors(session, {row.organization_id for event in events for row in event.participants})
    for event in events:
        participants = []
        for row in event.participants:
            target = targets[row.organization_id]
            name = names.get(target.id) or target.name
            if name not in participants:
                participants.append(name)
        record["collaborations"].append({
            "type": event.type,
            "date": event.date_start.isoformat() if event.date_start else None,
            "location": event.location,
            "participants": participants,
        })
    return record


def extract_files(paths: Iterable[Path]) -> Iterator[dict]:
    """Gold-format records of local files, through the same ingest and analysis as the service (into a
    throw-away SQLite store); a file that cannot be read yields a record with an ``error``."""
    files = [str(p.resolve()) for p in iter_files(paths)]
    with tempfile.TemporaryDirectory() as tmp:
        settings = get_settings().model_copy(update={"database_url": f"sqlite:///{tmp}/extract.db"})
        summary = Ingestor(settings, on_document=analyze_stored_document).run(files, progress=False)
        reports = {r.locator: r for r in summary.reports}
        with transaction(settings.database_url) as session:
            for locator in files:
                report, doc_id = reports.get(locator), Path(locator).stem
                if report is None or report.document_id is None:
                    detail = report.detail if report else "not processed"
                    yield {"id": doc_id, "lang": None, "published": None, "orgs": [], "persons": [],
                           "locations": [], "dates": [], "figures": [], "collaborations": [], "mentions": [],
                           "error": detail}
                    continue
                yield gold_record(session, session.get(Document, report.document_id), doc_id)


def iter_files(paths: Iterable[Path]) -> Iterator[Path]:
    for path in paths:
        if path.is_dir():
            yield from sorted(p for p in path.rglob("*") if p.is_file() and p.suffix.lower() in FILE_SUFFIXES)
        else:
            yield path
