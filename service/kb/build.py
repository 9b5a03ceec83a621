"""Turn one analysed document into knowledge-base facts: resolved organizations, collaboration events
(one per story, however many sites carried it), and figures tied to an organization and a period.

Runs inside the document's transaction after the NLP stage stored its mentions. Every fact written here
is also a :class:`Statement` with the document and character offsets it was read from.
"""

from __future__ import annotations

import logging
import re
from collections import defaultdict
from dataclasses import dataclass
from datetime import date

from sqlalchemy import delete, select
from sqlalchemy.orm import Session

from service.kb.aliases import default_alias_table
from service.kb.orgnames import fold_name, initials, org_key
from service.kb.resolve import OrgResolver, Resolution
from service.nlp.events import detect_events, lexicon
from service.nlp.textclass import prepare
from service.settings import get_settings
from service.store.models import (
    DateMention,
    Document,
    EntityMention,
    Event,
    EventEvidence,
    EventParticipant,
    FigureMention,
    Organization,
    Rejection,
    Statement,
)
from service.text import sentence_spans

log = logging.getLogger(__name__)
EXTRACTOR = "hamkar-kb-0.1"
_ACRONYM = re.compile(r"^\s*\(\s*([A-ZÇĞİÖŞÜ][A-ZÇĞİÖŞÜa-zçğıöşü&.\-]{1,11})\s*\)")
ROLE_WINDOW = 60


def mention_key(document: Document, start: int, end: int, label: str) -> str:
    """A mention's identity that survives re-processing (the text's hash, offsets and label)."""
    return f"{document.content_hash}:{start}:{end}:{label}"


def rejected_keys(session: Session, kind: str) -> set[str]:
    return set(session.scalars(select(Rejection.key).where(Rejection.kind == kind)))


def defined_acronyms(text: str, mentions: list[EntityMention], lang: str) -> dict[str, str]:
    """Acronyms the document itself explains: ``Almanya Federal Mesleki Eğitim Enstitüsü (BIBB)``, or an
    all-capitals mention whose letters are the initials of a full name in the same document
    (``TTK`` beside ``Türkiye Taşkömürü Kurumu``)."""
    found: dict[str, str] = {}
    for mention in mentions:
        match = _ACRONYM.match(text[mention.end : mention.end + 20])
        if match:
            found[org_key(match.group(1), lang)] = mention.text
    by_initials = {initials(m.text, lang): m.text for m in mentions if len(m.text.split()) >= 2}
    for mention in mentions:
        word = mention.text.split("'")[0]
        if 2 <= len(word) <= 8 and word.isupper() and " " not in word:
            full = by_initials.get(org_key(word, lang))
            if full:
                found.setdefault(org_key(word, lang), full)
    return found


_COORDINATION = frozenset({"ve", "ile", "&", "و", "با"})


def short_forms(mentions: list[EntityMention], lang: str) -> dict[str, str]:
    """Names the document uses as the short form of exactly one longer name it also uses: the longer
    name without its leading qualifiers in Turkish (``Ticaret Odası`` beside ``Bursa Ticaret Odası``),
    without its trailing ones in Persian (``اداره کل آموزش فنی و حرفه‌ای استان`` beside ``... استان
    آذربایجان شرقی``). Keyed by the short name's key; valid in this document only, so the short key is
    never bound to the organization (another document's ``Ticaret Odası`` is another chamber)."""
    names: dict[str, tuple[list[str], str]] = {}
    for mention in mentions:
        names.setdefault(org_key(mention.text, lang), (fold_name(mention.text, lang).split(), mention.text))
    target: dict[str, str] = {}  # key -> key of the longest name it stands for (itself if none or several)
    for key, (words, _) in sorted(names.items(), key=lambda item: -len(item[1][0])):
        longer = {target[other] for other, (more, _) in names.items()
                  if len(more) > len(words) and _qualifies(more, words, lang)}
        target[key] = longer.pop() if len(words) >= 2 and len(longer) == 1 else key
    return {key: names[full][1] for key, full in target.items() if full != key}


def _qualifies(longer: list[str], shorter: list[str], lang: str) -> bool:
    """``longer`` is ``shorter`` with qualifiers added at the end where the language puts them (before
    in Turkish, after in Persian), and the added words are no coordination (``KOSGEB ve Gebze Halk
    Eğitimi Merkezi`` is two bodies, not a longer name of ``Gebze Halk Eğitimi Merkezi``)."""
    n = len(shorter)
    core, added = (longer[:n], longer[n:]) if lang == "fa" else (longer[-n:], longer[:-n])
    return core == shorter and not set(added) & _COORDINATION


def clear_document(session: Session, document_id: int) -> None:
    """Remove this document's KB facts (its events keep the evidence of other documents)."""
    for model in (EventParticipant, EventEvidence, Statement):
        session.execute(delete(model).where(model.document_id == document_id))


def update_document(session: Session, document: Document) -> None:
    """(Re)build the KB facts of ``document`` from its stored mentions."""
    clear_document(session, document.id)
    lang = document.lang
    if document.status != "ok" or lang is None:
        return
    settings = get_settings()
    resolver = OrgResolver(session, default_alias_table(), settings.org_merge_threshold)
    rejected = rejected_keys(session, "mention")
    orgs = [
        m for m in document.entities
        if m.label == "ORG" and mention_key(document, m.start, m.end, m.label) not in rejected
    ]
    for mention in document.entities:
        if mention.label == "ORG" and mention not in orgs:
            mention.organization_id = None
            mention.resolution_reason = "rejected by a curator"
    acronyms = defined_acronyms(document.text, orgs, lang)
    shortened = short_forms(orgs, lang)
    for mention in orgs:
        full = shortened.get(org_key(mention.text, lang))
        resolved = resolver.resolve(full or mention.text, lang, acronyms)
        if resolved is None:
            continue
        if full:
            resolved = Resolution(resolved.organization_id, resolved.score,
                                  f"short form of '{full}' in this document; {resolved.reason}")
        mention.organization_id = resolved.organization_id
        mention.resolution_score = resolved.score
        mention.resolution_reason = resolved.reason
        _statement(session, "organization", resolved.organization_id, "name", mention.text, document, mention.start, mention.end)
    session.flush()
    resolved_orgs = [m for m in orgs if m.organization_id is not None]
    _build_events(session, document, resolved_orgs)
    _attach_figures(session, document, resolved_orgs)


@dataclass
class _Group:
    type: str
    sentences: list[tuple[int, int, float]]


def _build_events(session: Session, document: Document, orgs: list[EntityMention]) -> None:
    lang = document.lang
    spans = sentence_spans(document.text)
    detected = detect_events(document.text, lang, spans)
    groups: dict[str, _Group] = {}
    for sentence in detected:
        groups.setdefault(sentence.type, _Group(sentence.type, [])).sentences.append((sentence.start, sentence.end, sentence.score))
    rejected = rejected_keys(session, "event")
    attribution = lexicon(lang).attribution
    lead_end = spans[1][1] if len(spans) > 1 else (spans[0][1] if spans else 0)
    for ordinal, group in enumerate(sorted(groups.values(), key=lambda g: g.sentences[0][0])):
        inside = [m for m in orgs if any(a <= m.start < b for a, b, _ in group.sentences)]
        inside = [m for m in inside if not _is_attribution(document.text, m, attribution, lang)]
        if len({m.organization_id for m in inside}) < 2 and ordinal == 0:
            # A release often names the partners in its title or lead and the act in a later sentence.
            lead = [m for m in orgs if m.start < lead_end and not _is_attribution(document.text, m, attribution, lang)]
            inside = inside + [m for m in lead if m not in inside]
        participants = {m.organization_id: m for m in inside}
        if len(participants) < 2:
            continue  # a collaboration needs at least two organizations acting together
        key = f"s{document.story_id or 0}:{group.type}:{ordinal}"
        event = session.scalar(select(Event).where(Event.key == key))
        if event is None:
            event = Event(key=key, type=group.type, lang=lang, story_id=document.story_id)
            session.add(event)
        event.status = "rejected" if key in rejected else (event.status if event.status == "rejected" else "active")
        event.confidence = max(score for _, _, score in group.sentences)
        when = _event_date(document, group)
        if when is not None:
            event.date_start, event.date_end, event.date_text = when
        place = _event_location(document, group)
        if place:
            event.location = place
        session.flush()
        for start, end, score in group.sentences:
            session.add(EventEvidence(event_id=event.id, document_id=document.id, start=start, end=end,
                                      text=document.text[start:end], score=score, extractor=EXTRACTOR))
            _statement(session, "event", event.id, "type", group.type, document, start, end)
        for org_id, mention in participants.items():
            role = _role(document.text, mention, lang, group.type)
            session.add(EventParticipant(event_id=event.id, organization_id=org_id, document_id=document.id,
                                         role=role, mention_start=mention.start, mention_end=mention.end))
            _statement(session, "event", event.id, f"participant:{role}", str(org_id), document, mention.start, mention.end)


def _is_attribution(text: str, mention: EntityMention, cues: tuple[str, ...], lang: str) -> bool:
    """An organization named only as the news source (``به گزارش روابط عمومی ...``)."""
    before = prepare(text[max(0, mention.start - 30) : mention.start], lang)
    return any(before.rstrip().endswith(cue) or cue in before[-25:] for cue in cues)


def _role(text: str, mention: EntityMention, lang: str, event_type: str) -> str:
    window = prepare(text[max(0, mention.start - ROLE_WINDOW) : mention.end + ROLE_WINDOW], lang)
    for role, cues in lexicon(lang).roles.items():
        if any(cue in window for cue in cues):
            return role
    return "signatory" if event_type == "protocol" else "participant"


def _event_date(document: Document, group: _Group) -> tuple[date, date, str] | None:
    for start, end, _ in group.sentences:
        for mention in document.dates:
            if start <= mention.start < end:
                return mention.iso_start, mention.iso_end, mention.text
    if document.published:
        return document.published, document.published, document.published_text or document.published.isoformat()
    return None


def _event_location(document: Document, group: _Group) -> str | None:
    for start, end, _ in group.sentences:
        for mention in document.entities:
            if mention.label == "LOC" and start <= mention.start < end:
                return mention.text
    return None


def _attach_figures(session: Session, document: Document, orgs: list[EntityMention]) -> None:
    """Tie each figure to the organization of its sentence (nearest before it, else after) and a period."""
    main_org = _most_mentioned(orgs)
    for figure in document.figures:
        in_sentence = [m for m in orgs if figure.sentence_start <= m.start < figure.sentence_end]
        before = [m for m in in_sentence if m.end <= figure.start]
        chosen = before[-1] if before else (in_sentence[0] if in_sentence else None)
        figure.organization_id = chosen.organization_id if chosen else main_org
        figure.unit_key = org_key(figure.unit, document.lang) if figure.unit else None
        period = _figure_period(document, figure)
        figure.period_start, figure.period_end = period if period else (None, None)
        if figure.organization_id:
            _statement(session, "organization", figure.organization_id, f"figure:{figure.unit_key}",
                       repr(figure.value), document, figure.start, figure.end)


def _most_mentioned(orgs: list[EntityMention]) -> int | None:
    counts: dict[int, int] = defaultdict(int)
    for mention in orgs:
        counts[mention.organization_id] += 1
    return max(counts, key=lambda k: (counts[k], -k)) if counts else None


def _figure_period(document: Document, figure: FigureMention) -> tuple[date, date] | None:
    dates: list[DateMention] = [d for d in document.dates if figure.sentence_start <= d.start < figure.sentence_end]
    if dates:
        nearest = min(dates, key=lambda d: abs(d.start - figure.start))
        return nearest.iso_start, nearest.iso_end
    if document.published:
        year = document.published.year
        return date(year, 1, 1), date(year, 12, 31)
    return None


def _statement(session: Session, subject_type: str, subject_id: int, prop: str, value: str,
               document: Document, start: int, end: int) -> None:
    session.add(Statement(subject_type=subject_type, subject_id=subject_id, property=prop, value=value,
                          document_id=document.id, start=start, end=end, extractor=EXTRACTOR))


def prune_events(session: Session) -> int:
    """Delete active events left without evidence (after re-processing); rejected ones stay on record."""
    orphans = session.scalars(
        select(Event).where(Event.status == "active", ~Event.evidence.any())
    ).all()
    for event in orphans:
        session.delete(event)
    return len(orphans)


def organization_ids_of(session: Session, org: Organization) -> list[int]:
    """The organization and every organization merged into it."""
    ids, frontier = {org.id}, [org.id]
    while frontier:
        children = session.scalars(select(Organization.id).where(Organization.merged_into_id.in_(frontier))).all()
        frontier = [c for c in children if c not in ids]
        ids.update(frontier)
    return sorted(ids)
