"""The curated alias table (``corpora/aliases``): national bodies, acronyms and province templates.

Templates such as ``{province} İl Milli Eğitim Müdürlüğü`` or ``اداره کل آموزش فنی و حرفه‌ای استان
{province}`` expand once per province (and per spelling variant of the province), so a mention of any
provincial office resolves to the office of the right province.
"""

from __future__ import annotations

import logging
from dataclasses import dataclass, field, replace
from functools import lru_cache
from pathlib import Path

import yaml

from service.kb.orgnames import org_key
from service.settings import get_settings

log = logging.getLogger(__name__)


@dataclass(frozen=True)
class OrgEntry:
    """One organization of the table; ``province`` is set for entries expanded from a template."""

    canonical: str
    lang: str
    kind: str = "other"
    country: str | None = None
    acronym: str | None = None
    aliases: tuple[str, ...] = ()
    parent: str | None = None
    province: str | None = None

    @property
    def names(self) -> tuple[str, ...]:
        return (self.canonical, *self.aliases, *((self.acronym,) if self.acronym else ()))


@dataclass
class AliasTable:
    """Entries by canonical name, and every alias key to its entry (per language)."""

    entries: dict[tuple[str, str], OrgEntry] = field(default_factory=dict)
    by_key: dict[tuple[str, str], OrgEntry] = field(default_factory=dict)
    provinces: dict[str, list[str]] = field(default_factory=dict)  # lang -> province names and variants

    def add(self, entry: OrgEntry) -> None:
        self.entries.setdefault((entry.lang, entry.canonical), entry)
        for name in entry.names:
            key = org_key(name, entry.lang)
            existing = self.by_key.get((entry.lang, key))
            if existing is not None and existing.canonical == entry.canonical:
                self.by_key[(entry.lang, key)] = entry  # the merged, richer entry
            elif existing is not None:
                log.debug("alias %r of %r already names %r", name, entry.canonical, existing.canonical)
                continue
            self.by_key[(entry.lang, key)] = entry

    def lookup(self, name: str, lang: str) -> OrgEntry | None:
        return self.by_key.get((lang, org_key(name, lang)))

    def entry(self, canonical: str, lang: str) -> OrgEntry | None:
        return self.entries.get((lang, canonical))


_PERSIAN_GENERIC_PREFIXES = ("اداره کل ", "سازمان ", "اداره ")


def persian_variants(name: str) -> list[str]:
    """How Persian pages shorten a provincial body's name: without ``استان`` before the province and
    without a leading ``اداره کل`` / ``سازمان`` (``بهزیستی گیلان`` for ``اداره کل بهزیستی استان گیلان``)."""
    variants = {name, name.replace(" استان ", " ")}
    for variant in list(variants):
        for prefix in _PERSIAN_GENERIC_PREFIXES:
            if variant.startswith(prefix) and len(variant.split()) > 3:
                variants.add(variant[len(prefix):])
    variants.discard(name)
    return sorted(variants)


def _applies(template: dict, province: dict) -> bool:
    """``applies_to: metropolitan`` limits a template to metropolitan provinces (and the converse)."""
    scope = template.get("applies_to")
    if scope == "metropolitan":
        return bool(province.get("metropolitan"))
    if scope == "non_metropolitan":
        return not province.get("metropolitan")
    return True


def _expand(template: dict, provinces: list[dict], lang: str) -> list[OrgEntry]:
    expanded = []
    for province in provinces:
        if not _applies(template, province):
            continue
        spellings = [province["name"], *province.get("variants", [])]
        capital = province.get("capital", province["name"])
        values = {"province": province["name"], "capital": capital}
        canonical = template["template"].format(**values)
        aliases = [a.format(**values) for a in template.get("aliases", [])]
        for variant in spellings[1:]:
            variant_values = {"province": variant, "capital": capital}
            aliases.append(template["template"].format(**variant_values))
            aliases.extend(a.format(**variant_values) for a in template.get("aliases", []))
        if lang == "fa":
            aliases += [v for name in (canonical, *aliases) for v in persian_variants(name)]
        expanded.append(
            OrgEntry(
                canonical=canonical,
                lang=lang,
                kind=template.get("kind", "other"),
                country=template.get("country"),
                acronym=None,
                aliases=tuple(dict.fromkeys(a for a in aliases if a != canonical)),
                parent=template["parent"].format(**values) if template.get("parent") else None,
                province=province["name"],
            )
        )
    return expanded


def load_alias_table(folder: Path) -> AliasTable:
    """Read ``organizations.yaml`` and ``provinces.yaml`` from ``folder`` (absent files: empty table)."""
    table = AliasTable()
    organizations, provinces = folder / "organizations.yaml", folder / "provinces.yaml"
    if not organizations.exists():
        log.warning("no alias table at %s", organizations)
        return table
    province_data = yaml.safe_load(provinces.read_text(encoding="utf-8")) if provinces.exists() else {}
    for lang in ("tr", "fa"):
        names = []
        for province in (province_data or {}).get(lang, []):
            names.extend([province["name"], *province.get("variants", [])])
        table.provinces[lang] = names
    items = yaml.safe_load(organizations.read_text(encoding="utf-8")) or []
    # Templates first, then fixed entries: a fixed entry naming a templated body (İTO, ATO...) adds
    # its acronym and aliases to it, its own fields winning.
    for item in (i for i in items if "template" in i):
        lang = item.get("lang", "tr")
        for entry in _expand(item, (province_data or {}).get(lang, []), lang):
            table.add(entry)
    for item in (i for i in items if "template" not in i):
        lang = item.get("lang", "tr")
        entry = OrgEntry(
            canonical=item["canonical"],
            lang=lang,
            kind=item.get("kind", "other"),
            country=item.get("country"),
            acronym=item.get("acronym"),
            aliases=tuple(item.get("aliases") or ()),
            parent=item.get("parent"),
        )
        templated = table.entries.get((lang, entry.canonical))
        if templated is not None:
            entry = replace(
                entry,
                aliases=tuple(dict.fromkeys((*templated.aliases, *entry.aliases))),
                parent=entry.parent or templated.parent,
                province=templated.province,
            )
            table.entries[(lang, entry.canonical)] = entry
        table.add(entry)
    return table


@lru_cache(maxsize=1)
def default_alias_table() -> AliasTable:
    return load_alias_table(get_settings().corpora_dir / "aliases")
