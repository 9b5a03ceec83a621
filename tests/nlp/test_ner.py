"""NER: tokenizer, training-data conversion, rule merge policy, and the committed models end to end."""

from __future__ import annotations

import importlib.util

import pytest
from spacy.tokens import Span

from service.nlp.ner import (
    EntityMention,
    NerEngineUnavailable,
    extract_entities,
    extract_entities_many,
    load_model,
)
from service.nlp.ner.corpora import CorpusSpec, Sentence, from_tokens
from service.nlp.ner.docs import to_doc
from service.nlp.ner.rules import RULES_KEY, RuleComponent, merge
from service.nlp.ner.tokenizer import blank_pipeline

PLO = frozenset({"PER", "ORG", "LOC"})


@pytest.fixture(scope="module")
def tr_nlp():
    return load_model("tr")


@pytest.fixture(scope="module")
def fa_nlp():
    return load_model("fa")


def _texts(nlp, text: str) -> list[str]:
    return [t.text for t in nlp.make_doc(text)]


# -- tokenizer ----------------------------------------------------------------------------------------
@pytest.mark.parametrize(
    ("text", "tokens"),
    [
        ("Ankara Ticaret Odası'nın", ["Ankara", "Ticaret", "Odası", "'nın"]),
        ("İŞKUR’un desteğiyle", ["İŞKUR", "’un", "desteğiyle"]),
        ("2022'de (KOSGEB'e)", ["2022", "'de", "(", "KOSGEB", "'e", ")"]),
        ("BAKANLIĞI'NIN", ["BAKANLIĞI", "'NIN"]),
        ("O'Neil 4.608 kursiyer", ["O'Neil", "4.608", "kursiyer"]),
    ],
)
def test_turkish_suffix_split(text: str, tokens: list[str]) -> None:
    assert _texts(blank_pipeline("tr"), text) == tokens


def test_saved_model_keeps_tokenizer_rules(tr_nlp) -> None:
    assert _texts(tr_nlp, "Odası'nın 2022'de") == ["Odası", "'nın", "2022", "'de"]


def test_persian_tokens_keep_zwnj(fa_nlp) -> None:
    assert "حرفه\u200cای" in _texts(fa_nlp, "آموزش فنی و حرفه\u200cای")


# -- training data ------------------------------------------------------------------------------------
def test_milliyet_suffix_glued_and_attached_suffix_trimmed() -> None:
    milliyet = CorpusSpec("tr", "milliyet-news-ner", PLO, "")
    s = from_tokens(["Almanya", "'nın", "başkenti"], ["B-LOC", "O", "O"], ["B-LOC", "O", "O"], milliyet, "x")
    assert s.text == "Almanya'nın başkenti" and s.entities == ((0, 7, "LOC"),)
    wiki = CorpusSpec("tr", "turkish-wiki-ner", PLO, "")
    s = from_tokens(["İngiltere'de", "yaşadı"], ["B-LOC", "O"], ["B-GPE", "O"], wiki, "x")
    assert s.entities == ((0, 9, "LOC"),)


def test_corpus_without_dates_leaves_date_tokens_missing() -> None:
    nlp = blank_pipeline("tr")
    sentence = Sentence("Ahmet 12 Ocak 2022 günü uçakla geldi", ((0, 5, "PER"),), PLO, "x")
    doc = to_doc(nlp, sentence)
    iob = {t.text: t.ent_iob_ for t in doc}
    assert iob["Ahmet"] == "B" and iob["Ocak"] == "" and iob["2022"] == ""
    assert iob["uçakla"] == "" and iob["geldi"] == "O"  # a neighbour of a date word is masked too


def test_persian_training_text_is_normalized() -> None:
    nlp = blank_pipeline("fa")
    doc = to_doc(nlp, Sentence("علي در سال ۱۴۰۲", ((0, 3, "PER"),), frozenset(), "x"))
    assert doc.text == "علی در سال 1402" and [e.text for e in doc.ents] == ["علی"]


# -- rules --------------------------------------------------------------------------------------------
def test_merge_policy() -> None:
    doc = blank_pipeline("tr").make_doc("Ankara Ticaret Odası ile Ahmet Yılmaz geldi")
    model = [Span(doc, 0, 1, "LOC"), Span(doc, 4, 6, "PER")]
    covering = Span(doc, 0, 3, "ORG")  # contains the model's LOC: replaces it
    crossing = Span(doc, 5, 7, "ORG")  # crosses the model's PER: loses
    entities, from_rules = merge(model, [covering, crossing])
    assert [(e.text, e.label_) for e in entities] == [
        ("Ankara Ticaret Odası", "ORG"),
        ("Ahmet Yılmaz", "PER"),
    ]
    assert from_rules == [covering]


def test_head_word_and_acronym_rules() -> None:
    nlp = blank_pipeline("tr")
    component = RuleComponent(nlp)
    component.add_entries([{"label": "ORG", "name": "KOSGEB"}, {"label": "ORG", "head": "Lisesi"}])
    doc = component(
        nlp.make_doc("Bugün Nene Hatun Kız Mesleki ve Teknik Anadolu Lisesi ile Kosgeb'in ortak projesi")
    )
    assert [e.text for e in doc.ents] == ["Nene Hatun Kız Mesleki ve Teknik Anadolu Lisesi", "Kosgeb"]
    assert len(doc.spans[RULES_KEY]) == 2


@pytest.mark.parametrize("text, model, kept", [
    ("Halk Eğitim Merkezleri ile Ankara Ticaret Odası kurs açtı", ["Halk Eğitim Merkezleri"], ["Ankara Ticaret Odası"]),
    ("Mesleki ve Teknik Anadolu Liselerinde ve Nene Hatun Lisesi'nde staj", [], ["Nene Hatun Lisesi"]),
    ("Sektörel Mükemmeliyet Merkezlerini gezdi", ["Sektörel Mükemmeliyet Merkezlerini"], []),
    ("Birleşmiş Milletler raporu", ["Birleşmiş Milletler"], ["Birleşmiş Milletler"]),  # not a listed noun
])
def test_plural_head_names_a_class_not_an_organization(text: str, model: list[str], kept: list[str]) -> None:
    nlp = blank_pipeline("tr")
    component = RuleComponent(nlp)
    component.add_entries([{"label": "ORG", "head": h} for h in ("Merkezi", "Odası", "Lisesi")]
                          + [{"label": "ORG", "generic_plural": s} for s in ("merkez", "lise", "oda")])
    doc = nlp.make_doc(text)
    doc.ents = [Span(doc, i, i + len(name.split()), label="ORG") for name in model
                for i in range(len(doc)) if doc[i : i + len(name.split())].text == name]
    assert [e.text for e in component(doc).ents if e.label_ == "ORG"] == kept


@pytest.mark.parametrize("text, expected", [
    ('Genç Girişimci Buluşması"na KOSGEB Batman Müdürlüğü de katıldı.', ["KOSGEB Batman Müdürlüğü"]),
    ("“Mesleki Eğitimde Sektör İş Birliği Güçlenecek” Toplantıda Ankara Ticaret Odası konuştu.",
     ["Ankara Ticaret Odası"]),
])
def test_names_do_not_run_across_quotation_marks(tr_nlp, text: str, expected: list[str]) -> None:
    assert [m.text for m in extract_entities(text, "tr") if m.label == "ORG"] == expected


def test_an_acronym_before_ve_is_a_name_of_its_own(tr_nlp) -> None:
    text = "Program KOSGEB ve Gebze Halk Eğitimi Merkezi iş birliğiyle yürütülüyor."
    assert [m.text for m in extract_entities(text, "tr") if m.label == "ORG"] == ["KOSGEB", "Gebze Halk Eğitimi Merkezi"]


@pytest.mark.parametrize("text, expected", [
    ("Toplantıya Tepebaşı İlçe Milli Eğitim Müdürlüğü katıldı.", ["Tepebaşı İlçe Milli Eğitim Müdürlüğü"]),
    ("Projeye Doğu Karadeniz Kalkınma Ajansı destek verdi.", ["Doğu Karadeniz Kalkınma Ajansı"]),
    ("Eğitim Bilimleri Fakültesi yeni bölüm açtı.", ["Eğitim Bilimleri Fakültesi"]),  # a bare noun stays
])
def test_a_sentence_opening_event_noun_is_not_part_of_the_name(tr_nlp, text: str, expected: list[str]) -> None:
    assert [m.text for m in extract_entities(text, "tr") if m.label == "ORG"] == expected


def test_persian_plural_opening_names_a_class(fa_nlp) -> None:
    text = "هنرستان‌های فنی و حرفه‌ای و مراکز آموزش فنی و حرفه‌ای با اداره کل آموزش فنی و حرفه‌ای استان تهران همکاری کردند."
    orgs = [m.text for m in extract_entities(text, "fa") if m.label == "ORG"]
    assert orgs == ["اداره کل آموزش فنی و حرفه‌ای استان تهران"]


# -- committed models, public API ---------------------------------------------------------------------
def _check_offsets(text: str, mentions: list[EntityMention]) -> None:
    for m in mentions:
        assert text[m.start : m.end] == m.text
        assert m.sentence_start <= m.start < m.end <= m.sentence_end
        assert m.source in ("model", "rules")


def test_turkish_extraction(tr_nlp) -> None:
    text = (
        "Kayseri İl Milli Eğitim Müdürlüğü ile Kayseri Organize Sanayi Bölgesi Müdürlüğü arasında protokol "
        "imzalandı. Vali Hüseyin Akbulut, İŞKUR’un ve KOSGEB'in desteğiyle Ankara'da 4 bin kursiyere eğitim verileceğini söyledi."
    )
    mentions = extract_entities(text, "tr")
    _check_offsets(text, mentions)
    found = {(m.text, m.label) for m in mentions}
    assert ("Kayseri İl Milli Eğitim Müdürlüğü", "ORG") in found
    assert ("İŞKUR", "ORG") in found and ("KOSGEB", "ORG") in found
    assert ("Hüseyin Akbulut", "PER") in found
    iskur = next(m for m in mentions if m.text == "İŞKUR")
    assert iskur.normalized == "işkur" and iskur.sentence_start > 0


def test_persian_offsets_with_arabic_letters(fa_nlp) -> None:
    text = "به گزارش ايرنا، علي اكبري مدير كل آموزش فني و حرفه اي استان تهران در سال ۱۴۰۲ گفت."
    mentions = extract_entities(text, "fa")
    _check_offsets(text, mentions)
    assert any(m.label == "PER" and "ي" in m.text for m in mentions)
    assert any(m.label in ("ORG", "LOC") for m in mentions)


def test_many_equals_single_and_to_dict() -> None:
    texts = ["Ankara Ticaret Odası'nın toplantısı.", "", "TOBB Başkanı Rifat Hisarcıklıoğlu konuştu."]
    many = extract_entities_many(texts, "tr")
    assert many == [extract_entities(t, "tr") for t in texts]
    assert many[1] == []
    assert set(many[0][0].to_dict()) == {
        "label", "text", "start", "end", "normalized", "sentence_start", "sentence_end", "source"
    }  # fmt: skip


def test_rules_can_be_disabled(tr_nlp) -> None:
    text = "MESEM öğrencileri KOSGEB'e gitti."
    assert all(m.source == "model" for m in extract_entities(text, "tr", rules=False))


def test_load_model_is_cached_and_checks_arguments(tr_nlp) -> None:
    assert load_model("tr") is tr_nlp
    with pytest.raises(ValueError):
        load_model("de")
    with pytest.raises(ValueError):
        load_model("tr", engine="flair")


@pytest.mark.skipif(importlib.util.find_spec("stanza") is not None, reason="stanza installed: see test below")
def test_stanza_unavailable_is_a_clear_error() -> None:
    with pytest.raises(NerEngineUnavailable, match="stanza"):
        extract_entities("Ankara", "tr", engine="stanza")


def test_stanza_engine_when_installed() -> None:
    pytest.importorskip("stanza")
    try:
        load_model("tr", engine="stanza")
    except NerEngineUnavailable as exc:
        pytest.skip(f"stanza installed without local models: {exc}")
    assert extract_entities("Ankara'da toplantı yapıldı.", "tr", engine="stanza") is not None


def test_blank_model_dir_is_unavailable(monkeypatch, tmp_path) -> None:
    from service.nlp.ner import api

    monkeypatch.setenv("HAMKAR_MODELS_DIR", str(tmp_path))
    with pytest.raises(NerEngineUnavailable):
        api.load_model.__wrapped__("fa")  # bypass the per-process cache


def test_shipped_pipeline_components(tr_nlp, fa_nlp) -> None:
    for nlp in (tr_nlp, fa_nlp):
        assert nlp.pipe_names == ["tok2vec", "ner", RULES_KEY]
        assert set(nlp.get_pipe("ner").labels) == {"PER", "ORG", "LOC", "DATE", "MONEY", "PERCENT"}


def test_paragraphs_run_separately_with_original_offsets() -> None:
    from service.nlp.ner import api

    paragraph = "Ankara Ticaret Odası'nın toplantısına İŞKUR katıldı.\nKOSGEB de destek verdi."
    text = "\n\n".join([paragraph] * 12)
    assert len(api._chunks(text)) == 12
    mentions = extract_entities(text, "tr")
    assert sum(m.text == "KOSGEB" for m in mentions) == 12
    assert all("\n\n" not in m.text for m in mentions)
    _check_offsets(text, mentions)


def test_headline_in_capitals_is_not_an_entity() -> None:
    text = "EĞİTİMLERİ TAMAMLANDI\n\nAnkara Ticaret Odası kursiyerlere sertifika verdi."
    labels = {(m.text, m.label) for m in extract_entities(text, "tr")}
    assert not any(t == "EĞİTİMLERİ TAMAMLANDI" for t, _ in labels)
    assert ("Ankara Ticaret Odası", "ORG") in labels
