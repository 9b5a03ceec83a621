"""Within one document, a shorter name stands for the one longer name of the document it truncates."""

from __future__ import annotations

import pytest

from service.kb.build import short_forms
from service.store.models import EntityMention


def _mentions(*names: str) -> list[EntityMention]:
    return [EntityMention(text=name, label="ORG") for name in names]


@pytest.mark.parametrize(("names", "lang", "expected"), [
    # Turkish drops leading qualifiers (the province, the ministry)
    (["Bursa Ticaret Odası", "Ticaret Odası"], "tr", {"ticaret odasi": "Bursa Ticaret Odası"}),
    (["Milli Eğitim Bakanlığı Mesleki ve Teknik Eğitim Genel Müdürlüğü", "Mesleki ve Teknik Eğitim Genel Müdürlüğü",
      "Genel Müdürlük"], "tr",
     {"mesleki ve teknik egitim genel mudurlugu": "Milli Eğitim Bakanlığı Mesleki ve Teknik Eğitim Genel Müdürlüğü"}),
    # two chambers in the document: "Ticaret Odası" could be either, so it stays itself
    (["Bursa Ticaret Odası", "İzmir Ticaret Odası", "Ticaret Odası"], "tr", {}),
    # a chain of truncations leads to the longest name
    (["Kayseri İl Milli Eğitim Müdürlüğü", "İl Milli Eğitim Müdürlüğü", "Milli Eğitim Müdürlüğü"], "tr",
     {"il milli egitim mudurlugu": "Kayseri İl Milli Eğitim Müdürlüğü",
      "milli egitim mudurlugu": "Kayseri İl Milli Eğitim Müdürlüğü"}),
    # Persian drops trailing qualifiers (the province after استان)
    (["اداره کل آموزش فنی و حرفه ای استان آذربایجان شرقی", "اداره اداره کل آموزش فنی و حرفه ای استان"], "fa",
     {"ادارهکلآموزشفنیوحرفهایاستان": "اداره کل آموزش فنی و حرفه ای استان آذربایجان شرقی"}),
    # a coordination is two bodies, not a longer name of the second
    (["KOSGEB ve Gebze Halk Eğitimi Merkezi", "Gebze Halk Eğitimi Merkezi"], "tr", {}),
    # a single word is too short to stand for anything
    (["Ankara Üniversitesi", "Üniversitesi"], "tr", {}),
    # the wrong end: a Turkish prefix or a Persian suffix is not a short form
    (["Ankara Ticaret Odası", "Ankara Ticaret"], "tr", {}),
    (["سازمان آموزش فنی و حرفه ای کشور", "آموزش فنی و حرفه ای کشور"], "fa", {}),
])
def test_short_forms(names: list[str], lang: str, expected: dict[str, str]) -> None:
    assert short_forms(_mentions(*names), lang) == expected
