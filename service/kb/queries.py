"""Read side of the knowledge base: organizations with partners and figure timelines, events with
participants and evidence, figures with conflicts. Shared by the API, the web UI, the exports and the CLI.

Every function that renders rows takes a whole page of them: the organizations, documents and counts a
page needs are fetched with a fixed number of queries, not a few per row, so a page of 500 events costs
about as many round trips as a page of one."""

from __future__ import annotations

from collections import Counter, defaultdict
from collections.abc import Iterable, Iterator, Sequence
from datetime import date
from itertools import islice
from typing import TypeVar

from sqlalchemy import ColumnElement, Row, Select, and_, false, func, or_, select
from sqlalchemy.orm import Session, aliased

from service import schemas
from service.kb.build import organization_ids_of
from service.kb.orgnames import org_key
from service.store.models import (
    Document,
    DocumentSource,
    EntityMention,
    Event,
    EventEvidence,
    EventParticipant,
    FigureMention,
    Organization,
    OrganizationAlias,
)

T = TypeVar("T")
EVIDENCE_IN_DETAIL = 10  # evidence sentences per event in an organization's page (its events list all)
CHUNK = 500  # ids per IN (...) list: far below SQLite's and PostgreSQL's parameter limits


def chunked(items: Iterable[T], size: int = CHUNK) -> Iterator[list[T]]:
    """``items`` in lists of at most ``size`` (``itertools.batched`` arrives only with Python 3.12)."""
    iterator = iter(items)
    while chunk := list(islice(iterator, size)):
        yield chunk


def _page_of(document: Document | Row, offset: int) -> int | None:
    if not document.pages:
        return None
    for number, (start, end) in enumerate(document.pages, start=1):
        if start <= offset <= end:
            return number
    return None


def evidence(document: Document | Row, start: int, end: int, text: str | None = None) -> schemas.Evidence:
    """Evidence from ``document`` (a document, or a row of its id, URL and pages when ``text`` is given)."""
    return schemas.Evidence(document_id=document.id, start=start, end=end, text=text or document.text[start:end],
                            url=document.url, page=_page_of(document, start))


# -- organizations ---------------------------------------------------------------------------------


def canonical_id() -> ColumnElement[int]:
    """The organization a row counts for: the survivor of a merge, else itself. Merges are kept flat
    (merging into X repoints everything merged into the loser at X), so one step is enough."""
    return func.coalesce(Organization.merged_into_id, Organization.id)


def _mention_counts(key: ColumnElement[int]) -> Select:
    return (select(key.label("org"), func.count(EntityMention.id).label("n"))
            .join(Organization, Organization.id == EntityMention.organization_id).group_by(key))


def _event_counts(key: ColumnElement[int]) -> Select:
    return (select(key.label("org"), func.count(func.distinct(EventParticipant.event_id)).label("n"))
            .join(Organization, Organization.id == EventParticipant.organization_id)
            .join(Event, Event.id == EventParticipant.event_id)
            .where(Event.status == "active").group_by(key))


def summaries(session: Session, orgs: Iterable[Organization]) -> dict[int, schemas.OrganizationSummary]:
    """Summaries (with mention and event counts) of ``orgs`` by id. A surviving organization counts what
    was merged into it; a merged-away one counts only its own rows."""
    orgs = {org.id: org for org in orgs}
    counts: dict[int, list[int]] = {oid: [0, 0] for oid in orgs}
    survivors = [oid for oid, org in orgs.items() if org.merged_into_id is None]
    merged = [oid for oid, org in orgs.items() if org.merged_into_id is not None]
    for key, ids in ((canonical_id(), survivors), (Organization.id, merged)):
        for chunk in chunked(ids):
            for slot, query in enumerate((_mention_counts(key), _event_counts(key))):
                for oid, n in session.execute(query.where(key.in_(chunk))):
                    counts[oid][slot] = n
    return {oid: schemas.OrganizationSummary(
                id=org.id, name=org.name, lang=org.lang, kind=org.kind, acronym=org.acronym, province=org.province,
                mention_count=counts[oid][0], event_count=counts[oid][1])
            for oid, org in orgs.items()}


def summary(session: Session, org: Organization) -> schemas.OrganizationSummary:
    return summaries(session, [org])[org.id]


def _organizations(session: Session, ids: Iterable[int]) -> dict[int, Organization]:
    """The organizations with these ids, in one query per chunk (then served from the identity map)."""
    found: dict[int, Organization] = {}
    for chunk in chunked(set(ids)):
        found.update((org.id, org) for org in session.scalars(select(Organization).where(Organization.id.in_(chunk))))
    return found


def survivors(session: Session, ids: Iterable[int]) -> dict[int, Organization]:
    """For each organization id, the organization it now stands for (the survivor of any merge)."""
    orgs = _organizations(session, ids)
    targets = _organizations(session, {o.merged_into_id for o in orgs.values() if o.merged_into_id} - set(orgs))
    targets.update(orgs)
    return {oid: targets[org.merged_into_id] if org.merged_into_id else org for oid, org in orgs.items()}


def filter_ids(session: Session, org_id: int) -> list[int]:
    """The organization ids an ``org=`` filter stands for: the organization's survivor (a merged-away id
    keeps working after a merge, as its page does) and everything merged into it."""
    org = session.get(Organization, org_id)
    if org is None:
        return [org_id]
    if org.merged_into_id is not None:
        org = session.get(Organization, org.merged_into_id) or org
    return organization_ids_of(session, org)


def search_organizations(session: Session, q: str | None, lang: str | None, *, include_merged: bool = False) -> Select:
    """Organizations (not merged away, unless ``include_merged``) matching ``q`` in any alias, in either script."""
    query = select(Organization) if include_merged else select(Organization).where(Organization.merged_into_id.is_(None))
    if lang:
        query = query.where(Organization.lang == lang)
    if q:
        keys = [k for k in {org_key(q, code) for code in ("tr", "fa")} if k]  # none for a query of punctuation
        alias_match = select(OrganizationAlias.organization_id).where(
            or_(false(), *[OrganizationAlias.key.contains(k, autoescape=True) for k in keys])
        )
        query = query.where(Organization.id.in_(alias_match))
    return query.order_by(Organization.name)


def ranked_organizations(session: Session, q: str | None, lang: str | None, *, limit: int | None = None,
                         offset: int = 0) -> tuple[list[schemas.OrganizationSummary], int]:
    """Organizations matching ``q`` that are mentioned or take part in an event, most events first, then
    most mentions, then by name; one page of them and the count of all. Counted and ordered in SQL."""
    mentions = _mention_counts(canonical_id()).subquery()
    events = _event_counts(canonical_id()).subquery()
    n_events = func.coalesce(events.c.n, 0)
    n_mentions = func.coalesce(mentions.c.n, 0)
    base = (search_organizations(session, q, lang).order_by(None)
            .outerjoin(mentions, mentions.c.org == Organization.id).outerjoin(events, events.c.org == Organization.id)
            .where(or_(n_events > 0, n_mentions > 0)))
    total = session.scalar(select(func.count()).select_from(base.subquery())) or 0
    page = base.add_columns(n_mentions, n_events).order_by(n_events.desc(), n_mentions.desc(), Organization.name,
                                                           Organization.id)
    page = page.offset(offset) if limit is None else page.limit(limit).offset(offset)
    items = [schemas.OrganizationSummary(
                 id=org.id, name=org.name, lang=org.lang, kind=org.kind, acronym=org.acronym,
                 province=org.province, mention_count=m, event_count=e)
             for org, m, e in session.execute(page)]
    return items, total


# -- events ----------------------------------------------------------------------------------------


def _documents(session: Session, ids: Iterable[int]) -> dict[int, Document]:
    found: dict[int, Document] = {}
    for chunk in chunked(set(ids)):
        found.update((d.id, d) for d in session.scalars(select(Document).where(Document.id.in_(chunk))))
    return found


def events_out(session: Session, events: Sequence[Event], *, evidence_limit: int | None = None) -> list[schemas.EventOut]:
    """``events`` as the API shows them: participants (merged organizations shown as their survivor, the
    most specific role kept), evidence sentences and the sources that reported them. A story syndicated
    to hundreds of sites makes an event with hundreds of sentences: ``evidence_limit`` keeps the first
    ones (and as many sources) while the totals still count them all."""
    ids = [e.id for e in events]
    participants = _participants(session, ids)
    targets = survivors(session, {row.organization_id for rows in participants.values() for row in rows})
    shown = summaries(session, {t.id: t for t in targets.values()}.values())
    cited, cited_total = _evidence(session, ids, evidence_limit)
    sources = _sources(session, ids)
    documents = _document_refs(session, {row.document_id for rows in cited.values() for row in rows})
    out = []
    for event in events:
        roles: dict[int, str] = {}
        for row in participants.get(event.id, []):
            target = targets[row.organization_id].id
            if target not in roles or roles[target] == "participant":
                roles[target] = row.role
        reported = sources.get(event.id, [])
        out.append(schemas.EventOut(
            id=event.id, type=event.type, lang=event.lang, status=event.status, date_start=event.date_start,
            date_end=event.date_end, date_text=event.date_text, location=event.location,
            confidence=event.confidence, story_id=event.story_id,
            participants=[schemas.ParticipantOut(organization=shown[oid], role=role) for oid, role in roles.items()],
            evidence=[evidence(documents[e.document_id], e.start, e.end, e.text) for e in cited.get(event.id, [])],
            evidence_total=cited_total.get(event.id, 0),
            sources=reported if evidence_limit is None else reported[:evidence_limit],
            sources_total=len(reported),
        ))
    return out


def _participants(session: Session, event_ids: Sequence[int]) -> dict[int, list[Row]]:
    """Each event's distinct (organization_id, role) pairs in the order first stated. Stored rows are one
    per organization per reporting document, so a syndicated story has thousands: they are grouped in SQL."""
    rows: dict[int, list[Row]] = defaultdict(list)
    first = func.min(EventParticipant.id)
    for chunk in chunked(event_ids):
        query = (select(EventParticipant.event_id, EventParticipant.organization_id, EventParticipant.role)
                 .where(EventParticipant.event_id.in_(chunk))
                 .group_by(EventParticipant.event_id, EventParticipant.organization_id, EventParticipant.role)
                 .order_by(first))
        for row in session.execute(query):
            rows[row.event_id].append(row)
    return rows


def _evidence(session: Session, event_ids: Sequence[int], limit: int | None) -> tuple[dict[int, list[Row]], dict[int, int]]:
    """The first ``limit`` evidence sentences of each event (plain rows: thousands of ORM objects for a
    syndicated story would cost more than the query) and each event's count of them."""
    rank = func.row_number().over(partition_by=EventEvidence.event_id, order_by=EventEvidence.id).label("rank")
    rows: dict[int, list[Row]] = defaultdict(list)
    totals: dict[int, int] = {}
    for chunk in chunked(event_ids):
        ranked = (select(EventEvidence.event_id, EventEvidence.document_id, EventEvidence.start, EventEvidence.end,
                         EventEvidence.text, rank).where(EventEvidence.event_id.in_(chunk)).subquery())
        query = select(ranked).order_by(ranked.c.event_id, ranked.c.rank)
        if limit is not None:
            query = query.where(ranked.c.rank <= limit)
        for row in session.execute(query):
            rows[row.event_id].append(row)
        totals.update(session.execute(select(EventEvidence.event_id, func.count()).where(
            EventEvidence.event_id.in_(chunk)).group_by(EventEvidence.event_id)).all())
    return rows, totals


def _sources(session: Session, event_ids: Sequence[int]) -> dict[int, list[str]]:
    """Each event's sources (URL or path of every copy of every document stating it), sorted."""
    found: dict[int, set[str]] = defaultdict(set)
    for chunk in chunked(event_ids):
        query = (select(EventEvidence.event_id, DocumentSource.locator).distinct()
                 .join(DocumentSource, DocumentSource.document_id == EventEvidence.document_id)
                 .where(EventEvidence.event_id.in_(chunk)))
        for event_id, locator in session.execute(query):
            found[event_id].add(locator)
    return {event_id: sorted(locators) for event_id, locators in found.items()}


def _document_refs(session: Session, ids: Iterable[int]) -> dict[int, Row]:
    """What evidence needs of a document (id, URL, page spans) without loading its text."""
    found: dict[int, Row] = {}
    for chunk in chunked(set(ids)):
        query = select(Document.id, Document.url, Document.pages).where(Document.id.in_(chunk))
        found.update((row.id, row) for row in session.execute(query))
    return found


def event_out(session: Session, event: Event) -> schemas.EventOut:
    return events_out(session, [event])[0]


def events_query(session: Session, *, org_id: int | None = None, event_type: str | None = None,
                 date_from: date | None = None, date_to: date | None = None, lang: str | None = None,
                 include_rejected: bool = False) -> Select:
    query = select(Event).order_by(Event.date_start.desc().nullslast(), Event.id.desc())
    if not include_rejected:
        query = query.where(Event.status == "active")
    if org_id is not None:
        ids = filter_ids(session, org_id)
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


# -- figures ---------------------------------------------------------------------------------------


def figure_conflicts(session: Session, figures: Sequence[FigureMention]) -> dict[int, list[int]]:
    """For each figure, the figures of other stories with the same organization, unit and period but
    another value (a journalist's "which number is right?"). A figure's conflicts depend only on the
    stored figures, not on which others are listed with it."""
    keys = {(f.organization_id, f.unit_key, f.period_start, f.period_end) for f in figures if f.organization_id}
    groups: dict[tuple, list[tuple[int, float, int | None]]] = defaultdict(list)
    for chunk in chunked({key[0] for key in keys}):
        rows = session.execute(
            select(FigureMention.id, FigureMention.organization_id, FigureMention.unit_key, FigureMention.period_start,
                   FigureMention.period_end, FigureMention.value, Document.story_id)
            .join(Document, Document.id == FigureMention.document_id)
            .where(FigureMention.organization_id.in_(chunk)))
        for fid, org_id, unit, start, end, value, story in rows:
            if (org_id, unit, start, end) in keys:
                groups[(org_id, unit, start, end)].append((fid, value, story))
    conflicts: dict[int, list[int]] = defaultdict(list)
    for group in groups.values():
        for a_id, a_value, a_story in group:
            conflicts[a_id].extend(b_id for b_id, b_value, b_story in group if a_value != b_value and a_story != b_story)
    return conflicts


def with_conflicts(query: Select) -> Select:
    """``query`` (of figures) narrowed to figures that have a conflict, in SQL: another story states
    another value for the same organization, unit and period (the rule of ``figure_conflicts``)."""
    other, other_doc, doc = aliased(FigureMention), aliased(Document), aliased(Document)
    conflicting = (
        select(other.id).join(other_doc, other_doc.id == other.document_id)
        .where(other.organization_id == FigureMention.organization_id,
               other.unit_key.is_not_distinct_from(FigureMention.unit_key),
               other.period_start.is_not_distinct_from(FigureMention.period_start),
               other.period_end.is_not_distinct_from(FigureMention.period_end),
               other.value != FigureMention.value,
               other_doc.story_id.is_distinct_from(doc.story_id))
    )
    # Only a group stating two values can hold a conflict: find those groups first (most groups are one
    # value repeated by syndicated copies), then look for the other story within them.
    key = (FigureMention.organization_id, FigureMention.unit_key, FigureMention.period_start, FigureMention.period_end)
    disputed = (select(*key).where(FigureMention.organization_id.is_not(None)).group_by(*key)
                .having(func.count(func.distinct(FigureMention.value)) > 1).subquery())
    in_disputed = and_(disputed.c.organization_id == FigureMention.organization_id,  # hashable, for PostgreSQL
                       *(column.is_not_distinct_from(disputed.c[column.key]) for column in key[1:]))
    return (query.join(doc, doc.id == FigureMention.document_id).join(disputed, in_disputed)
            .where(conflicting.exists()))


def figures_out(session: Session, figures: Sequence[FigureMention],
                conflicts: dict[int, list[int]] | None = None) -> list[schemas.FigureOut]:
    """``figures`` with their organization, evidence sentence and conflicts (computed here unless given)."""
    if conflicts is None:
        conflicts = figure_conflicts(session, figures)
    documents = _documents(session, {f.document_id for f in figures})
    shown = summaries(session, _organizations(session, {f.organization_id for f in figures if f.organization_id}).values())
    return [schemas.FigureOut(
                id=f.id, value=f.value, unit=f.unit, qualifier=f.qualifier, kind=f.kind, currency=f.currency,
                period_start=f.period_start, period_end=f.period_end,
                organization=shown[f.organization_id] if f.organization_id else None,
                evidence=evidence(documents[f.document_id], f.sentence_start, f.sentence_end),
                conflicts_with=sorted(set(conflicts.get(f.id, []))))
            for f in figures]


def figures_query(*, org_ids: list[int] | None = None, unit: str | None = None, lang: str | None = None,
                  date_from: date | None = None, date_to: date | None = None, min_value: float | None = None,
                  max_value: float | None = None) -> Select:
    query = select(FigureMention).order_by(FigureMention.period_start.nullslast(), FigureMention.id)
    if org_ids is not None:
        query = query.where(FigureMention.organization_id.in_(org_ids))
    if unit:
        query = query.where(FigureMention.unit_key == org_key(unit, lang))
    if lang:
        query = query.where(FigureMention.document_id.in_(select(Document.id).where(Document.lang == lang)))
    if date_from:
        query = query.where(FigureMention.period_end >= date_from)
    if date_to:
        query = query.where(FigureMention.period_start <= date_to)
    if min_value is not None:
        query = query.where(FigureMention.value >= min_value)
    if max_value is not None:
        query = query.where(FigureMention.value <= max_value)
    return query


# -- one organization ------------------------------------------------------------------------------


def organization_detail(session: Session, org: Organization) -> schemas.OrganizationDetail:
    ids = organization_ids_of(session, org)
    parent = session.get(Organization, org.parent_id) if org.parent_id else None
    children = session.scalars(select(Organization).where(Organization.parent_id == org.id)).all()
    merged = session.scalars(select(Organization).where(Organization.merged_into_id == org.id)).all()
    events = session.scalars(events_query(session, org_id=org.id)).all()
    participants = _participants(session, [e.id for e in events])
    targets = survivors(session, {p.organization_id for rows in participants.values() for p in rows})
    partners: Counter[int] = Counter()
    for rows in participants.values():
        partners.update({targets[p.organization_id].id for p in rows} - set(ids))
    related = {o.id: o for o in [org, *([parent] if parent else []), *children, *merged,
                                 *(t for t in targets.values() if t.id in partners)]}
    shown = summaries(session, related.values())
    figures = session.scalars(figures_query(org_ids=ids)).all()
    return schemas.OrganizationDetail(
        **shown[org.id].model_dump(),
        parent=shown[parent.id] if parent else None,
        children=[shown[c.id] for c in children],
        merged=[shown[m.id] for m in merged],
        aliases=[schemas.AliasOut.model_validate(a) for a in org.aliases],
        events=events_out(session, events, evidence_limit=EVIDENCE_IN_DETAIL),
        partners=[schemas.PartnerOut(organization=shown[oid], events=n) for oid, n in partners.most_common()],
        figures=figures_out(session, figures),
    )
