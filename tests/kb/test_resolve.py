"""Organization resolution against a small alias table and an empty store."""

from __future__ import annotations

from pathlib import Path

import pytest

from service.kb.aliases import load_alias_table
from service.kb.orgnames import org_key
from service.kb.resolve import OrgResolver
from service.settings import Settings
from service.store.db import migrate, transaction
from service.store.models import Organization, OrganizationAlias

ORGS = """
- canonical: Türkiye İş Kurumu
  lang: tr
  kind: agency
  acronym: İŞKUR
  aliases: [İş Kurumu]
  parent: Çalışma ve Sosyal Güvenlik Bakanlığı
- canonical: Çalışma ve Sosyal Güvenlik Bakanlığı
  lang: tr
  kind: ministry
  acronym: ÇSGB
- template: "{province} İl Milli Eğitim Müdürlüğü"
  lang: tr
  kind: directorate
  aliases: ["{province} Milli Eğitim Müdürlüğü"]
- template: "اداره کل آموزش فنی و حرفه‌ای استان {province}"
  lang: fa
  aliases: ["فنی و حرفه‌ای استان {province}"]
"""
PROVINCES = """
tr:
  - name: Kayseri
  - name: Konya
  - name: Afyonkarahisar
    variants: [Afyon]
fa:
  - name: آذربایجان شرقی
  - name: تهران
"""


@pytest.fixture
def resolver(settings: Settings, tmp_path: Path):  # type: ignore[no-untyped-def]
    (tmp_path / "organizations.yaml").write_text(ORGS, encoding="utf-8")
    (tmp_path / "provinces.yaml").write_text(PROVINCES, encoding="utf-8")
    migrate(settings.database_url)
    with transaction(settings.database_url) as session:
        yield OrgResolver(session, load_alias_table(tmp_path), threshold=90)


def test_acronym_with_suffix_resolves_to_table_entry_with_parent(resolver: OrgResolver) -> None:
    first = resolver.resolve("İŞKUR'un", "tr")
    again = resolver.resolve("Türkiye İş Kurumu", "tr")
    assert first.organization_id == again.organization_id and first.score == 1.0
    assert "alias table" in first.reason
    org = resolver.session.get(Organization, first.organization_id)
    parent = resolver.session.get(Organization, org.parent_id)
    assert org.name == "Türkiye İş Kurumu" and parent.name == "Çalışma ve Sosyal Güvenlik Bakanlığı"


def test_province_templates_resolve_to_the_right_province(resolver: OrgResolver) -> None:
    kayseri = resolver.resolve("Kayseri Milli Eğitim Müdürlüğünce", "tr")
    konya = resolver.resolve("Konya İl Milli Eğitim Müdürlüğü", "tr")
    afyon = resolver.resolve("Afyon İl Milli Eğitim Müdürlüğü", "tr")
    names = {resolver.session.get(Organization, r.organization_id).name for r in (kayseri, konya, afyon)}
    assert names == {"Kayseri İl Milli Eğitim Müdürlüğü", "Konya İl Milli Eğitim Müdürlüğü",
                     "Afyonkarahisar İl Milli Eğitim Müdürlüğü"}


def test_persian_spelling_variants(resolver: OrgResolver) -> None:
    a = resolver.resolve("اداره کل آموزش فنی و حرفه ای استان آذربایجان شرقی", "fa")
    b = resolver.resolve("فني‌وحرفه‌اي استان آذربايجان‌شرقي", "fa")
    c = resolver.resolve("اداره کل آموزش فنی و حرفه‌ای استان تهران", "fa")
    assert a.organization_id == b.organization_id != c.organization_id


def test_acronym_defined_in_text(resolver: OrgResolver) -> None:
    full = resolver.resolve("Almanya Federal Mesleki Eğitim Enstitüsü", "tr")
    short = resolver.resolve("BIBB", "tr", {org_key("BIBB", "tr"): "Almanya Federal Mesleki Eğitim Enstitüsü"})
    assert short.organization_id == full.organization_id and "acronym" in short.reason


def test_fuzzy_merge_has_score_and_reason_and_respects_guards(resolver: OrgResolver) -> None:
    original = resolver.resolve("Mamak İş Adamları Derneği", "tr")
    typo = resolver.resolve("Mamak İşadamları Derneği", "tr")
    assert typo.organization_id == original.organization_id
    assert 0.9 <= typo.score < 1.0 and typo.reason.startswith("fuzzy match")
    other_province = resolver.resolve("Kayseri Ticaret Odası", "tr")
    assert resolver.resolve("Konya Ticaret Odası", "tr").organization_id != other_province.organization_id
    number = resolver.resolve("Ankara 2 Nolu Mesleki Eğitim Merkezi", "tr")
    assert resolver.resolve("Ankara 3 Nolu Mesleki Eğitim Merkezi", "tr").organization_id != number.organization_id
    alias = resolver.session.query(OrganizationAlias).filter_by(alias="Mamak İşadamları Derneği").one()
    assert alias.origin == "fuzzy" and alias.reason == typo.reason
