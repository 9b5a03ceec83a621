"""The topic filter: clear cases right, off-topic documents stored but kept out of the KB and default search."""

from __future__ import annotations

import json
from pathlib import Path

import pytest
from fastapi.testclient import TestClient
from sqlalchemy import func, select

from service.api.app import create_app
from service.ingest.runner import Ingestor
from service.nlp.extract_facts import extract_dates_and_figures
from service.nlp.topic import OFF_TOPIC, RELEVANT, classify_topic, label_for, lead, model_path
from service.pipeline import analyze_stored_document
from service.search.service import SearchFilters, search
from service.settings import Settings, get_settings
from service.store.db import transaction
from service.store.models import Document, EntityMention, EventEvidence, FigureMention

RELEVANT_TR = (
    "Kütahya'da kadınlara yönelik seramik ustalığı kursu açıldı\n"
    "Kütahya Halk Eğitimi Merkezi ile İŞKUR İl Müdürlüğü arasında imzalanan protokol kapsamında açılan seramik "
    "ustalığı kursuna 40 kadın kursiyer katıldı. Dört ay sürecek kursu başarıyla tamamlayanlara mesleki yeterlilik "
    "belgesi verilecek ve kursiyerler işbaşı eğitim programı ile yerel seramik atölyelerinde istihdam edilecek."
)
OFF_TOPIC_TR = (
    "Kütahyaspor sahasında Uşakspor'u 3-1 yendi\n"
    "Ligin 12. haftasında Kütahyaspor, evinde ağırladığı Uşakspor'u 3-1 mağlup etti. Karşılaşmayı 8 bin 500 "
    "seyirci izledi. İlk yarıyı 1-0 önde kapatan ev sahibi ekip, ikinci yarıda bulduğu iki golle farkı açtı. "
    "Teknik direktör maçtan sonra yaptığı açıklamada oyuncularının mücadelesinden memnun olduğunu söyledi."
)
RELEVANT_FA = (
    "آموزش مهارتی ۳۵۰ مددجو در مراکز فنی و حرفه‌ای یزد\n"
    "مدیرکل آموزش فنی و حرفه‌ای استان یزد از برگزاری دوره‌های آموزش مهارتی برای ۳۵۰ مددجوی کمیته امداد خبر داد. "
    "این دوره‌ها در رشته‌های خیاطی، تعمیر لوازم خانگی و جوشکاری برگزار می‌شود و به فراگیران پس از قبولی در آزمون "
    "گواهینامه مهارت اعطا خواهد شد تا بتوانند در بازار کار مشغول شوند."
)
OFF_TOPIC_FA = (
    "افزایش قیمت گوجه‌فرنگی در میادین میوه و تره‌بار تهران\n"
    "قیمت هر کیلو گوجه‌فرنگی در میادین میوه و تره‌بار تهران در هفته گذشته ۲۰ درصد افزایش یافت. فروشندگان "
    "کاهش عرضه از استان‌های جنوبی و سرمای هوا را دلیل این افزایش می‌دانند. پیش‌بینی می‌شود با ورود محصول "
    "گلخانه‌ای قیمت‌ها در ماه آینده کاهش یابد."
)


@pytest.mark.parametrize(("text", "lang", "expected"), [
    (RELEVANT_TR, "tr", RELEVANT), (OFF_TOPIC_TR, "tr", OFF_TOPIC),
    (RELEVANT_FA, "fa", RELEVANT), (OFF_TOPIC_FA, "fa", OFF_TOPIC),
])
def test_clear_cases(text: str, lang: str, expected: str) -> None:
    label, score = classify_topic(text, lang)
    assert label == expected
    assert (score >= 0.75) if expected == RELEVANT else (score <= 0.35)


def test_threshold_is_the_cross_validated_one_and_configurable(monkeypatch: pytest.MonkeyPatch) -> None:
    for lang in ("tr", "fa"):
        card = json.loads(model_path(lang).with_suffix(".json").read_text(encoding="utf-8"))
        assert card["cv_threshold"] == get_settings().topic_threshold
        assert "train.jsonl" in card["trained_on"]
    _label, score = classify_topic(RELEVANT_TR, "tr")
    monkeypatch.setenv("HAMKAR_TOPIC_THRESHOLD", str(min(score + 0.01, 1.0)))
    get_settings.cache_clear()
    try:
        assert classify_topic(RELEVANT_TR, "tr")[0] == OFF_TOPIC
    finally:
        get_settings.cache_clear()
    assert label_for(0.4, threshold=0.3) == RELEVANT and label_for(0.4, threshold=0.5) == OFF_TOPIC


def test_long_documents_are_judged_on_their_lead() -> None:
    words = " ".join(f"w{i}" for i in range(400))
    assert lead(words).split() == words.split()[:150]


def ingest(settings: Settings, folder: Path, texts: dict[str, str], analyze: bool) -> dict[str, int]:
    folder.mkdir(exist_ok=True)
    for name, text in texts.items():
        (folder / f"{name}.txt").write_text(text, encoding="utf-8")
    summary = Ingestor(settings, on_document=analyze_stored_document if analyze else None).run(
        [str(folder / f"{name}.txt") for name in texts], progress=False)
    return {Path(r.locator).stem: r.document_id for r in summary.reports}


def count(session, model, document_id: int) -> int:  # type: ignore[no-untyped-def]
    return session.scalar(select(func.count()).select_from(model).where(model.document_id == document_id)) or 0


def test_off_topic_document_is_stored_but_kept_out_of_the_kb_and_default_search(
    settings: Settings, tmp_path: Path
) -> None:
    assert extract_dates_and_figures(OFF_TOPIC_TR, "tr", None)[1], "the sports item has figures to keep out"
    ids = ingest(settings, tmp_path / "docs", {"off": OFF_TOPIC_TR}, analyze=True)
    ids |= ingest(settings, tmp_path / "later", {"unclassified": RELEVANT_TR}, analyze=False)
    with transaction(settings.database_url) as session:
        document = session.get(Document, ids["off"])
        assert document.status == "ok" and document.text.startswith("Kütahyaspor")  # nothing is lost
        assert document.topic_label == OFF_TOPIC and document.topic_score < get_settings().topic_threshold
        assert all(count(session, m, ids["off"]) == 0 for m in (EntityMention, FigureMention, EventEvidence))
        # re-analysis removes facts a document had before it was judged off-topic (e.g. a raised threshold)
        session.add(FigureMention(document_id=ids["off"], start=0, end=3, text="3-1", value=3.0, unit=None,
                                  qualifier="exact", kind="count", currency=None, sentence_start=0, sentence_end=10,
                                  attached={}, extractor="test"))
        session.flush()
        assert analyze_stored_document(session, ids["off"]) is None
        assert count(session, FigureMention, ids["off"]) == 0

        def found(**filters: bool) -> set[int]:
            return {hit.document.id for hit in search(session, "Kütahya", SearchFilters(**filters), facets=False).hits}

        assert found() == {ids["unclassified"]}  # not yet classified documents stay visible
        assert found(include_off_topic=True) == {ids["off"], ids["unclassified"]}
    with TestClient(create_app(settings)) as client:
        default = client.get("/search", params={"q": "Kütahyaspor"}).json()
        included = client.get("/search", params={"q": "Kütahyaspor", "include_off_topic": "true"}).json()
    assert default["total"] == 0 and [i["document"]["id"] for i in included["items"]] == [ids["off"]]


def test_relevant_document_goes_through_the_knowledge_base(settings: Settings, tmp_path: Path) -> None:
    if not (get_settings().models_dir / "tr" / "meta.json").exists():
        pytest.skip("the Turkish NER model (models/tr) is not built yet: run `make train`")
    ids = ingest(settings, tmp_path / "docs", {"relevant": RELEVANT_TR, "off": OFF_TOPIC_TR}, analyze=True)
    with transaction(settings.database_url) as session:
        document = session.get(Document, ids["relevant"])
        assert document.topic_label == RELEVANT
        assert count(session, FigureMention, ids["relevant"]) > 0
        assert count(session, EntityMention, ids["relevant"]) > 0
        hits = search(session, "Kütahya", SearchFilters(), facets=False).hits
        assert [hit.document.id for hit in hits] == [ids["relevant"]]
