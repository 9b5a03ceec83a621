"""Curation: merge, split, rename, add an alias, reject a mention or an event — each written to the
audit log (who, when, what, why) and stored so that re-processing never undoes it.

Merges keep the merged organization as a row pointing at the survivor (``merged_into_id``), splits and
new aliases move alias keys (a key binds to one organization, and re-processing only adds keys), renames
lock the name, and rejections are keyed by content hash and offsets (mentions) or event key (events).
"""

from __future__ import annotations

from sqlalchemy import select, update
from sqlalchemy.orm import Session

from service.kb.build import mention_key, update_document
from service.kb.orgnames import org_key
from service.store.models import (
    CurationAction,
    Document,
    EntityMention,
    Event,
    EventParticipant,
    FigureMention,
    Organization,
    OrganizationAlias,
    Rejection,
    Statement,
    utcnow,
)


class CurationError(ValueError):
    """The requested change is impossible (unknown id, merging into itself...)."""


class NotFound(CurationError):
    pass


def _log(session: Session, actor: str, action: str, target_type: str, target_id: int | None,
         payload: dict, reason: str) -> CurationAction:
    entry = CurationAction(actor=actor, action=action, target_type=target_type, target_id=target_id,
                           payload=payload, reason=reason)
    session.add(entry)
    session.flush()
    return entry


def _org(session: Session, org_id: int) -> Organization:
    org = session.get(Organization, org_id)
    if org is None:
        raise NotFound(f"organization {org_id} not found")
    return org


def _touch(*orgs: Organization | None) -> None:
    """Mark organizations changed through other tables (aliases, mentions moved in or out), so that an
    incremental export (``since=``) picks them up."""
    now = utcnow()
    for org in orgs:
        if org is not None:
            org.updated_at = now


def _repoint(session: Session, old: list[int] | int, new: int, keys: list[str] | None = None) -> None:
    """Point mentions, participants, figures and statements of ``old`` at ``new`` (for ``keys`` only)."""
    olds = old if isinstance(old, list) else [old]
    mention_filter = EntityMention.organization_id.in_(olds)
    if keys is not None:
        mention_filter = mention_filter & EntityMention.normalized.in_(keys)
    moved = session.scalars(select(EntityMention).where(mention_filter)).all()
    for mention in moved:
        mention.organization_id = new
    if keys is None:
        session.execute(update(EventParticipant).where(EventParticipant.organization_id.in_(olds)).values(organization_id=new))
        session.execute(update(FigureMention).where(FigureMention.organization_id.in_(olds)).values(organization_id=new))
        session.execute(
            update(Statement)
            .where(Statement.subject_type == "organization", Statement.subject_id.in_(olds))
            .values(subject_id=new)
        )
    else:
        for document_id in {m.document_id for m in moved}:
            update_document(session, session.get(Document, document_id))


def merge(session: Session, source_id: int, target_id: int, *, actor: str, reason: str) -> Organization:
    """Merge ``source`` into ``target``: its aliases, mentions, events and figures move to the target."""
    if source_id == target_id:
        raise CurationError("cannot merge an organization into itself")
    source, target = _org(session, source_id), _org(session, target_id)
    if target.merged_into_id is not None:
        raise CurationError(f"organization {target_id} was itself merged into {target.merged_into_id}")
    source.merged_into_id = target.id
    session.execute(update(OrganizationAlias).where(OrganizationAlias.organization_id == source.id)
                    .values(organization_id=target.id))
    session.execute(update(Organization).where(Organization.merged_into_id == source.id, Organization.id != source.id)
                    .values(merged_into_id=target.id))
    session.execute(update(Organization).where(Organization.parent_id == source.id).values(parent_id=target.id))
    _repoint(session, source.id, target.id)
    _touch(source, target)
    _log(session, actor, "merge", "organization", target.id, {"merged": source.id, "into": target.id,
                                                               "merged_name": source.name}, reason)
    return target


def split(session: Session, org_id: int, aliases: list[str], name: str, *, actor: str, reason: str) -> Organization:
    """Move ``aliases`` of an organization to a new organization called ``name``."""
    org = _org(session, org_id)
    keys = [org_key(a, org.lang) for a in aliases]
    rows = session.scalars(select(OrganizationAlias).where(OrganizationAlias.organization_id == org.id,
                                                           OrganizationAlias.key.in_(keys))).all()
    if not rows:
        raise CurationError(f"none of {aliases} is an alias of organization {org_id}")
    new = Organization(name=name, key=org_key(name, org.lang), lang=org.lang, kind=org.kind, country=org.country,
                       origin="curator", name_locked=True)
    session.add(new)
    session.flush()
    for row in rows:
        row.organization_id = new.id
        row.origin, row.reason, row.score = "curator", f"split from {org.name} by {actor}", 1.0
    mention_keys = _mention_keys(session, org.id, keys)
    _repoint(session, org.id, new.id, mention_keys)
    _touch(org)
    _log(session, actor, "split", "organization", org.id, {"new": new.id, "name": name, "aliases": aliases}, reason)
    return new


def _mention_keys(session: Session, org_id: int, keys: list[str]) -> list[str]:
    """Normalized mention texts of ``org_id`` whose organization key is one of ``keys``."""
    mentions = session.scalars(select(EntityMention).where(EntityMention.organization_id == org_id)).all()
    lang = session.get(Organization, org_id).lang
    return sorted({m.normalized for m in mentions if org_key(m.text, lang) in keys})


def rename(session: Session, org_id: int, name: str, *, actor: str, reason: str) -> Organization:
    org = _org(session, org_id)
    old = org.name
    org.name, org.name_locked = name, True
    _bind_alias(session, org, name, actor)
    _log(session, actor, "rename", "organization", org.id, {"from": old, "to": name}, reason)
    return org


def add_alias(session: Session, org_id: int, alias: str, *, actor: str, reason: str) -> Organization:
    """Bind ``alias`` to the organization (moving it from another organization if it was bound there)."""
    org = _org(session, org_id)
    previous = _bind_alias(session, org, alias, actor)
    if previous is not None and previous != org.id:
        _repoint(session, previous, org.id, _mention_keys(session, previous, [org_key(alias, org.lang)]))
        _touch(session.get(Organization, previous))
    _touch(org)
    _log(session, actor, "add_alias", "organization", org.id, {"alias": alias, "moved_from": previous}, reason)
    return org


def _bind_alias(session: Session, org: Organization, alias: str, actor: str) -> int | None:
    key = org_key(alias, org.lang)
    row = session.scalar(select(OrganizationAlias).where(OrganizationAlias.lang == org.lang, OrganizationAlias.key == key))
    previous = row.organization_id if row else None
    if row is None:
        row = OrganizationAlias(organization_id=org.id, alias=alias, key=key, lang=org.lang, origin="curator")
        session.add(row)
    row.organization_id, row.origin, row.score, row.reason = org.id, "curator", 1.0, f"added by {actor}"
    session.flush()
    return previous


def reject_mention(session: Session, mention_id: int, *, actor: str, reason: str) -> EntityMention:
    mention = session.get(EntityMention, mention_id)
    if mention is None:
        raise NotFound(f"mention {mention_id} not found")
    document = session.get(Document, mention.document_id)
    entry = _log(session, actor, "reject_mention", "mention", mention.id,
                 {"document": document.id, "start": mention.start, "end": mention.end, "text": mention.text}, reason)
    key = mention_key(document, mention.start, mention.end, mention.label)
    if session.scalar(select(Rejection).where(Rejection.kind == "mention", Rejection.key == key)) is None:
        session.add(Rejection(kind="mention", key=key, curation_id=entry.id))
    session.flush()
    update_document(session, document)
    return mention


def reject_event(session: Session, event_id: int, *, actor: str, reason: str) -> Event:
    event = session.get(Event, event_id)
    if event is None:
        raise NotFound(f"event {event_id} not found")
    entry = _log(session, actor, "reject_event", "event", event.id, {"key": event.key, "type": event.type}, reason)
    if session.scalar(select(Rejection).where(Rejection.kind == "event", Rejection.key == event.key)) is None:
        session.add(Rejection(kind="event", key=event.key, curation_id=entry.id))
    event.status = "rejected"
    for participant in event.participants:  # their event counts change
        org = session.get(Organization, participant.organization_id)
        _touch(org, session.get(Organization, org.merged_into_id) if org.merged_into_id else None)
    session.flush()
    return event
