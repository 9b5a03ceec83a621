"""Organization mentions → canonical organizations, each decision with a score and a reason.

Order of evidence, strongest first: an acronym the document itself defines (``... Enstitüsü (BIBB)``),
an alias already bound to an organization (including every alias a curator added or moved), the curated
alias table (national bodies, province templates), a fuzzy match (rapidfuzz) against known names that
agrees on province, numbers and head word, and finally a new organization. A key binds to one
organization only, and re-processing only adds bindings, so curation is never undone.
"""

from __future__ import annotations

import logging
import re
from dataclasses import dataclass

from rapidfuzz import fuzz, process
from sqlalchemy import select
from sqlalchemy.orm import Session

from service.kb.aliases import AliasTable, OrgEntry
from service.kb.orgnames import citation_form, fold_name, org_key
from service.store.models import Organization, OrganizationAlias

log = logging.getLogger(__name__)
_DIGITS = re.compile(r"\d+")


@dataclass(frozen=True)
class Resolution:
    organization_id: int
    score: float
    reason: str


class OrgResolver:
    """Resolves names within one session; keeps the alias keys of a language in memory."""

    def __init__(self, session: Session, table: AliasTable, threshold: float) -> None:
        self.session = session
        self.table = table
        self.threshold = threshold
        self._keys: dict[str, dict[str, int]] = {}
        self._folded: dict[str, str] = {}
        self._provinces = {lang: [fold_name(p, lang) for p in names] for lang, names in table.provinces.items()}

    # -- public ---------------------------------------------------------------------------------
    def resolve(self, name: str, lang: str, acronyms: dict[str, str] | None = None) -> Resolution | None:
        key = org_key(name, lang)
        if len(key) < 2:
            return None
        keys = self._lang_keys(lang)
        if acronyms and key in acronyms:  # the document's own definition beats what other documents meant
            full = acronyms[key]
            resolved = self.resolve(full, lang)
            if resolved is not None:
                self._bind(resolved.organization_id, name, lang, "acronym", 0.95, f"acronym defined in text: {full}")
                return Resolution(resolved.organization_id, 0.95, f"acronym of '{full}' defined in the document")
        if key in keys:
            return Resolution(self.canonical(keys[key]), 1.0, f"known name '{name}'")
        entry = self.table.lookup(name, lang)
        if entry is not None:
            org_id = self._from_table(entry)
            self._bind(org_id, name, lang, "table", 1.0, f"alias table: {entry.canonical}")
            return Resolution(org_id, 1.0, f"alias table entry '{entry.canonical}'")
        match = self._fuzzy(key, lang, fold_name(name, lang))
        if match is not None:
            org_id, score, other = match
            reason = f"fuzzy match {score:.0f} with '{other}'"
            self._bind(org_id, name, lang, "fuzzy", score / 100, reason)
            return Resolution(org_id, round(score / 100, 3), reason)
        org_id = self._create(name, lang, origin="text")
        return Resolution(org_id, 1.0, "first mention of a new organization")

    def canonical(self, org_id: int) -> int:
        """Follow curator merges to the surviving organization."""
        seen = set()
        while org_id not in seen:
            seen.add(org_id)
            target = self.session.scalar(select(Organization.merged_into_id).where(Organization.id == org_id))
            if target is None:
                return org_id
            org_id = target
        return org_id

    # -- internals ------------------------------------------------------------------------------
    def _lang_keys(self, lang: str) -> dict[str, int]:
        if lang not in self._keys:
            rows = self.session.execute(
                select(OrganizationAlias.key, OrganizationAlias.organization_id, OrganizationAlias.alias)
                .where(OrganizationAlias.lang == lang)
            ).all()
            self._keys[lang] = {row.key: row.organization_id for row in rows}
            self._folded.update({row.key: fold_name(row.alias, lang) for row in rows})
        return self._keys[lang]

    def _bind(self, org_id: int, name: str, lang: str, origin: str, score: float, reason: str) -> None:
        key = org_key(name, lang)
        keys = self._lang_keys(lang)
        if key in keys or len(key) < 2:
            return
        self.session.add(
            OrganizationAlias(
                organization_id=org_id, alias=name, key=key, lang=lang, origin=origin, score=score, reason=reason
            )
        )
        keys[key] = org_id
        self._folded[key] = fold_name(name, lang)

    def _create(self, name: str, lang: str, origin: str, entry: OrgEntry | None = None) -> int:
        name = entry.canonical if entry else citation_form(name)
        org = Organization(
            name=name,
            key=org_key(name, lang),
            lang=lang,
            kind=entry.kind if entry else None,
            country=(entry.country if entry else None) or {"tr": "TR", "fa": "IR"}.get(lang),
            acronym=entry.acronym if entry else None,
            province=entry.province if entry else None,
            origin=origin,
        )
        self.session.add(org)
        self.session.flush()
        self._bind(org.id, org.name, lang, origin, 1.0, "canonical name" if entry else "first mention")
        return org.id

    def _from_table(self, entry: OrgEntry) -> int:
        keys = self._lang_keys(entry.lang)
        existing = keys.get(org_key(entry.canonical, entry.lang))
        if existing is not None:
            return self.canonical(existing)
        org_id = self._create(entry.canonical, entry.lang, "table", entry)
        for alias in entry.names:
            self._bind(org_id, alias, entry.lang, "table", 1.0, f"alias table: {entry.canonical}")
        if entry.parent:
            parent = self.table.entry(entry.parent, entry.lang)
            parent_id = self._from_table(parent) if parent else self.resolve(entry.parent, entry.lang).organization_id
            self.session.get(Organization, org_id).parent_id = parent_id
        return org_id

    def _fuzzy(self, key: str, lang: str, folded: str) -> tuple[int, float, str] | None:
        keys = self._lang_keys(lang)
        if not keys:
            return None
        candidates = process.extract(key, list(keys), scorer=fuzz.ratio, score_cutoff=self.threshold, limit=5)
        for other, score, _ in candidates:
            if self._compatible(folded, self._folded.get(other, other), lang):
                return self.canonical(keys[other]), float(score), other
        return None

    def _compatible(self, a: str, b: str, lang: str) -> bool:
        """Two folded names may only merge if they agree on provinces, numbers and the head (last) word."""
        if _DIGITS.findall(a) != _DIGITS.findall(b):
            return False
        if lang != "fa" and a.split()[-1:] != b.split()[-1:]:
            return False
        provinces = self._provinces.get(lang, [])
        in_a = {p for p in provinces if f" {p} " in f" {a} "}
        in_b = {p for p in provinces if f" {p} " in f" {b} "}
        return in_a == in_b
