"""What a store must look like after any crash: the invariants the crash-safety scenario checks.

A document is *lost* when a source of the reference run has no document, *duplicated* when its text is
stored twice, *half-written* when it lacks its search-index row, its analysis or its sources, or when its
mention counts differ from a clean run. Facts whose document is gone are *orphans*.
"""

from __future__ import annotations

from collections import defaultdict
from dataclasses import dataclass

from sqlalchemy import func, select, text
from sqlalchemy.orm import Session

from service.kb import curation
from service.store.db import transaction
from service.store.models import (
    CurationAction,
    DateMention,
    Document,
    DocumentSource,
    EntityMention,
    Event,
    EventParticipant,
    FigureMention,
    Job,
    Organization,
    OrganizationAlias,
    Statement,
)

#: Tables whose rows belong to one document and must never outlive it.
DOCUMENT_TABLES = ("document_sources", "entity_mentions", "date_mentions", "figure_mentions", "statements",
                   "event_evidence", "event_participants")
CURATED_NAME = "Kurated Test Organization"
CURATED_ALIAS = "Kurated Test Alias"

#: content hash -> (status, sources, entity, date and figure mention counts, topic label)
Fingerprint = dict[str, tuple]


def fingerprint(url: str) -> Fingerprint:
    """Per stored text: what a clean run and a crashed-and-resumed run must agree on."""
    with transaction(url) as session:
        sources: dict[int, list[str]] = defaultdict(list)
        for document_id, locator in session.execute(select(DocumentSource.document_id, DocumentSource.locator)):
            sources[document_id].append(locator)
        counts = {model: dict(session.execute(select(model.document_id, func.count()).group_by(model.document_id)).all())
                  for model in (EntityMention, DateMention, FigureMention)}
        result: Fingerprint = {}
        for doc in session.execute(select(Document.id, Document.content_hash, Document.status, Document.topic_label)):
            result[doc.content_hash] = (
                doc.status, tuple(sorted(sources[doc.id])),
                *(counts[model].get(doc.id, 0) for model in (EntityMention, DateMention, FigureMention)),
                doc.topic_label,
            )
        return result


def store_problems(url: str, reference: Fingerprint, *, analysed: bool = True) -> list[str]:
    """Everything wrong with the store at ``url`` compared with a clean run's ``reference``."""
    problems: list[str] = []
    actual = fingerprint(url)
    for digest in reference.keys() - actual.keys():
        problems.append(f"lost: the document of {reference[digest][1]} is missing")
    for digest in actual.keys() - reference.keys():
        problems.append(f"unexpected document {actual[digest][1]} (half-written text?)")
    for digest in reference.keys() & actual.keys():
        if actual[digest] != reference[digest]:
            problems.append(f"differs from a clean run: {actual[digest]} != {reference[digest]}")
    with transaction(url) as session:
        problems += _integrity_problems(session, analysed)
    return problems


def _integrity_problems(session: Session, analysed: bool) -> list[str]:
    problems = []
    duplicates = session.execute(select(Document.content_hash).group_by(Document.content_hash)
                                 .having(func.count() > 1)).scalars().all()
    problems += [f"duplicated text {digest}" for digest in duplicates]
    for table in DOCUMENT_TABLES:
        orphans = session.scalar(text(f"SELECT count(*) FROM {table} WHERE document_id NOT IN (SELECT id FROM documents)"))
        if orphans:
            problems.append(f"{orphans} rows of {table} without their document")
    indexed = set(session.scalars(text("SELECT rowid FROM search_index")))
    ok_ids = set(session.scalars(select(Document.id).where(Document.status == "ok")))
    problems += [f"document {i} is not in the search index" for i in sorted(ok_ids - indexed)]
    problems += [f"search index row {i} has no searchable document" for i in sorted(indexed - ok_ids)]
    sourceless = session.scalars(select(Document.id).where(~select(DocumentSource.id).where(
        DocumentSource.document_id == Document.id).exists())).all()
    problems += [f"document {i} has no source" for i in sourceless]
    if analysed:
        unanalysed = session.scalars(select(Document.id).where(Document.status == "ok", Document.topic_label.is_(None))).all()
        problems += [f"document {i} was never analysed" for i in unanalysed]
    empty_events = session.scalars(select(Event.id).where(Event.status == "active", ~Event.evidence.any())).all()
    problems += [f"active event {i} has no evidence" for i in empty_events]
    unfinished = session.execute(select(Job.id, Job.kind, Job.state, Job.error).where(Job.state != "done")).all()
    problems += [f"job {row.id} ({row.kind}) is {row.state}: {row.error}" for row in unfinished]
    return problems


@dataclass(frozen=True)
class Curated:
    """What a curator did before a reprocess, and what must still hold after it."""

    target: int  # survives the merge, gets the alias
    merged: int
    renamed: int
    lang: str
    spans: frozenset[tuple[str, int, int]]  # mentions (content hash, start, end) of target and merged


def curate(url: str, lang: str = "tr") -> Curated:
    """Merge the second most mentioned organization into the first, rename the third, alias the first."""
    with transaction(url) as session:
        ranked = session.execute(
            select(Organization.id).join(EntityMention, EntityMention.organization_id == Organization.id)
            .where(Organization.lang == lang, Organization.merged_into_id.is_(None))
            .group_by(Organization.id).order_by(func.count().desc(), Organization.id).limit(3)
        ).scalars().all()
        target, merged, renamed = ranked
        curation.merge(session, merged, target, actor="crash-test", reason="same organization")
        curation.rename(session, renamed, CURATED_NAME, actor="crash-test", reason="official name")
        curation.add_alias(session, target, CURATED_ALIAS, actor="crash-test", reason="seen in print")
        session.flush()
        spans = frozenset(_spans(session, target))
    return Curated(target, merged, renamed, lang, spans)


def _spans(session: Session, org_id: int) -> list[tuple[str, int, int]]:
    rows = session.execute(select(Document.content_hash, EntityMention.start, EntityMention.end)
                           .join(Document, Document.id == EntityMention.document_id)
                           .where(EntityMention.organization_id == org_id))
    return [tuple(row) for row in rows]


def curation_problems(url: str, curated: Curated) -> list[str]:
    """Whether the merge, rename and alias of :func:`curate` survived (a reprocess must not undo them)."""
    problems = []
    with transaction(url) as session:
        merged = session.get(Organization, curated.merged)
        if merged.merged_into_id != curated.target:
            problems.append(f"merge undone: organization {merged.id} points at {merged.merged_into_id}")
        for model, column in ((EntityMention, EntityMention.organization_id),
                              (FigureMention, FigureMention.organization_id),
                              (EventParticipant, EventParticipant.organization_id)):
            if session.scalar(select(func.count()).select_from(model).where(column == curated.merged)):
                problems.append(f"{model.__tablename__} still point at the merged organization {merged.id}")
        if session.scalar(select(func.count()).select_from(Statement).where(
                Statement.subject_type == "organization", Statement.subject_id == curated.merged)):
            problems.append(f"statements still name the merged organization {merged.id}")
        missing = curated.spans - set(_spans(session, curated.target))
        if missing:
            problems.append(f"{len(missing)} mentions of the merged organizations moved elsewhere")
        renamed = session.get(Organization, curated.renamed)
        if renamed.name != CURATED_NAME or not renamed.name_locked:
            problems.append(f"rename undone: {renamed.name!r}")
        alias = session.scalar(select(OrganizationAlias).where(
            OrganizationAlias.lang == curated.lang, OrganizationAlias.alias == CURATED_ALIAS))
        if alias is None or alias.organization_id != curated.target or alias.origin != "curator":
            problems.append("curated alias lost or moved")
        logged = session.scalar(select(func.count()).select_from(CurationAction))
        if logged != 3:
            problems.append(f"the audit log has {logged} entries instead of 3")
    return problems
