"""Read side of the knowledge base: organizations with partners and figure timelines, events with
participants and evidence, figures with conflicts. Shared by the API and the CLI."""

from __future__ import annotations

from collections import Counter, defaultdict
from datetime import date

from sqlalchemy import Select, func, or_, select
from sqlalchemy.orm import Session

from service import schemas
from service.kb.build import organization_ids_of
from service.kb.orgnames import org_key
from service.store.models import (
    Document,
    EntityMention,
    Event,
    EventParticipant,
    FigureMention,
    Organization,
    OrganizationAlias,
)


def _page_of(document: Document, offset: int) -> int | None:
    if not document.pages:
        return None
    for number, (start, end) in enumerate(document.pages, start=1):
        if start <= offset <= end:
            return number
    return None


def evidence(document: Document, start: int, end: int, text: str | None = None) -> schemas.Evidence:
    return schemas.Evidence(document_id=document.id, start=start, end=end, text=text or document.text[start:end],
                            url=document.url, page=_page_of(document, start))


def summary(session: Session, org: Organization) -> schemas.OrganizationSummary:
    ids = organization_ids_of(session, org)
    mentions = session.scalar(select(func.count(EntityMention.id)).where(EntityMention.organization_id.in_(ids))) or 0
    events = session.scalar(
        select(func.count(func.distinct(EventParticipant.event_id)))
        .join(Event, Event.id == EventParticipant.event_id)
        .where(EventParticipant.organization_id.in_(ids), Event.status == "active")
    ) or 0
    return schemas.OrganizationSummary(id=org.id, name=org.name, lang=org.lang, kind=org.kind, acronym=org.acronym,
                                       province=org.province, mention_count=mentions, event_count=events)


def search_organizations(session: Session, q: str | None, lang: str | None) -> Select:
    """Organizations (not merged away) matching ``q`` in any alias, in either script."""
    query = select(Organization).where(Organization.merged_into_id.is_(None))
    if lang:
        query = query.where(Organization.lang == lang)
    if q:
        keys = {org_key(q, code) for code in ("tr", "fa")}
        alias_match = select(OrganizationAlias.organization_id).where(
            or_(*[OrganizationAlias.key.contains(k, autoescape=True) for k in keys if k])
        )
        query = query.where(Organization.id.in_(alias_match))
    return query.order_by(Organization.name)


def event_out(session: Session, event: Event) -> schemas.EventOut:
    participants: dict[int, str] = {}
    for row in event.participants:
        organization = session.get(Organization, row.organization_id)
        target = organization.merged_into_id or organization.id
        if target not in participants or participants[target] == "participant":
            participants[target] = row.role
    documents = {e.document_id: session.get(Document, e.document_id) for e in event.evidence}
    sources = sorted({s.locator for d in documents.values() for s in d.sources})
    return schemas.EventOut(
        id=event.id, type=event.type, lang=event.lang, status=event.status, date_start=event.date_start, date_end=event.date_end,
        date_text=event.date_text, location=event.location, confidence=event.confidence, story_id=event.story_id,
        participants=[schemas.ParticipantOut(organization=summary(session, session.get(Organization, oid)), role=role)
                      for oid, role in participants.items()],
        evidence=[evidence(documents[e.document_id], e.start, e.end, e.text) for e in event.evidence],
        sources=sources,
    )


def events_query(session: Session, *, org_id: int | None = None, event_type: str | None = None,
                 date_from: date | None = None, date_to: date | None = None, lang: str | None = None,
                 include_rejected: bool = False) -> Select:
    query = select(Event).order_by(Event.date_start.desc().nullslast(), Event.id.desc())
    if not include_rejected:
        query = query.where(Event.status == "active")
    if org_id is not None:
        org = session.get(Organization, org_id)
        ids = organization_ids_of(session, org) if org else [org_id]
        query = query.where(Event.id.in_(select(EventParticipant.event_id).where(EventParticipant.organization_id.in_(ids))))
    if event_type:
        query = query.where(Event.type == event_type)
    if date_from:
        query = query.where(Event.date_start >= date_from)
    if date_to:
        query = query.where(Event.date_start <= date_to)
    if lang:
        query = query.where(Event.lang == lang)
    return query


def figure_conflicts(session: Session, figures: list[FigureMention]) -> dict[int, list[int]]:
    """For each figure, the figures of other stories with the same organization, unit and period but
    another value (a journalist's "which number is right?")."""
    conflicts: dict[int, list[int]] = defaultdict(list)
    keys = {(f.organization_id, f.unit_key, f.period_start, f.period_end) for f in figures if f.organization_id}
    for org_id, unit, start, end in keys:
        group = session.scalars(select(FigureMention).where(
            FigureMention.organization_id == org_id, FigureMention.unit_key == unit,
            FigureMention.period_start == start, FigureMention.period_end == end)).all()
        stories = {f.id: session.get(Document, f.document_id).story_id for f in group}
        for a in group:
            for b in group:
                if a.value != b.value and stories[a.id] != stories[b.id]:
                    conflicts[a.id].append(b.id)
    return conflicts


def figure_out(session: Session, figure: FigureMention, conflicts: dict[int, list[int]]) -> schemas.FigureOut:
    document = session.get(Document, figure.document_id)
    org = session.get(Organization, figure.organization_id) if figure.organization_id else None
    return schemas.FigureOut(
        id=figure.id, value=figure.value, unit=figure.unit, qualifier=figure.qualifier, kind=figure.kind,
        currency=figure.currency, period_start=figure.period_start, period_end=figure.period_end,
        organization=summary(session, org) if org else None,
        evidence=evidence(document, figure.sentence_start, figure.sentence_end),
        conflicts_with=sorted(set(conflicts.get(figure.id, []))),
    )


def figures_query(*, org_ids: list[int] | None = None, unit: str | None = None, lang: str | None = None,
                  date_from: date | None = None, date_to: date | None = None, min_value: float | None = None,
                  max_value: float | None = None) -> Select:
    query = select(FigureMention).order_by(FigureMention.period_start.nullslast(), FigureMention.id)
    if org_ids is not None:
        query = query.where(FigureMention.organization_id.in_(org_ids))
    if unit:
        query = query.where(FigureMention.unit_key == org_key(unit, lang))
    if date_from:
        query = query.where(FigureMention.period_end >= date_from)
    if date_to:
        query = query.where(FigureMention.period_start <= date_to)
    if min_value is not None:
        query = query.where(FigureMention.value >= min_value)
    if max_value is not None:
        query = query.where(FigureMention.value <= max_value)
    return query


def organization_detail(session: Session, org: Organization) -> schemas.OrganizationDetail:
    ids = organization_ids_of(session, org)
    base = summary(session, org)
    parent = session.get(Organization, org.parent_id) if org.parent_id else None
    children = session.scalars(select(Organization).where(Organization.parent_id == org.id)).all()
    merged = session.scalars(select(Organization).where(Organization.merged_into_id == org.id)).all()
    events = session.scalars(events_query(session, org_id=org.id)).all()
    partners: Counter[int] = Counter()
    for event in events:
        others = {session.get(Organization, p.organization_id).merged_into_id or p.organization_id
                  for p in event.participants} - set(ids)
        partners.update(others)
    figures = session.scalars(figures_query(org_ids=ids)).all()
    conflicts = figure_conflicts(session, list(figures))
    return schemas.OrganizationDetail(
        **base.model_dump(),
        parent=summary(session, parent) if parent else None,
        children=[summary(session, c) for c in children],
        merged=[summary(session, m) for m in merged],
        aliases=[schemas.AliasOut.model_validate(a) for a in org.aliases],
        events=[event_out(session, e) for e in events],
        partners=[schemas.PartnerOut(organization=summary(session, session.get(Organization, oid)), events=n)
                  for oid, n in partners.most_common()],
        figures=[figure_out(session, f, conflicts) for f in figures],
    )

