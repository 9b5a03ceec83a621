"""Ingest of local files and folders: the demo corpus, the seeds, the real-world documents, bad files."""

from __future__ import annotations

import json
from pathlib import Path

import pytest
from sqlalchemy import func, select

from evaluation.extraction import evaluate_folder
from service.ingest.runner import Ingestor
from service.settings import Settings
from service.store.db import transaction
from service.store.models import Document, DocumentSource
from tests.conftest import DEMO


def run(settings: Settings, *inputs: str | Path, on_document=None) -> dict:  # type: ignore[no-untyped-def]
    summary = Ingestor(settings, on_document=on_document).run([str(i) for i in inputs], progress=False)
    return {r.locator: r for r in summary.reports}


def documents(settings: Settings) -> list[Document]:
    with transaction(settings.database_url) as session:
        return list(session.scalars(select(Document).order_by(Document.id)))


def test_demo_corpus_ingests_completely(settings: Settings) -> None:
    reports = run(settings, DEMO / "tr", DEMO / "fa", DEMO / "bulletin")
    outcomes = {r.outcome for r in reports.values()}
    assert outcomes <= {"new", "duplicate"}, [r for r in reports.values() if r.outcome not in ("new", "duplicate")]
    docs = documents(settings)
    langs = [d.lang for d in docs]
    assert langs.count("tr") >= 12 and langs.count("fa") >= 12
    assert all(d.published is not None for d in docs if d.raw_type == "html"), [
        d.title for d in docs if d.published is None and d.raw_type == "html"
    ]
    # Persian pages whose only date is Jalali still get a publication date, with the original kept.
    jalali = [d for d in docs if d.published_calendar == "jalali"]
    assert len(jalali) >= 5 and all(d.published_text for d in jalali)
    # The syndicated pair shares a story; stories never merge unrelated releases.
    stories = [d.story_id for d in docs]
    assert len(set(stories)) < len(stories) and len(set(stories)) >= len(docs) - 4


def test_persian_zwnj_survives_extraction(settings: Settings) -> None:
    run(settings, DEMO / "fa")
    assert any("\u200c" in d.text for d in documents(settings))


def test_pdf_bulletin_has_pages_and_repaired_hyphenation(settings: Settings) -> None:
    pdf = next((DEMO / "bulletin").glob("*.pdf"))
    report = run(settings, pdf)[str(pdf.resolve())]
    assert report.outcome == "new"
    doc = documents(settings)[0]
    assert doc.raw_type == "pdf" and doc.lang == "tr"
    assert doc.pages and len(doc.pages) >= 3
    assert all(0 <= start <= end <= len(doc.text) for start, end in doc.pages)
    assert "-\n" not in doc.text.replace("- \n", "-\n").split("\f")[0] or "Gü-\n" not in doc.text


def test_rerun_changes_nothing(settings: Settings) -> None:
    run(settings, DEMO / "tr")
    before = [(d.id, d.content_hash, d.story_id) for d in documents(settings)]
    reports = run(settings, DEMO / "tr")
    assert {r.outcome for r in reports.values()} == {"unchanged"}
    assert [(d.id, d.content_hash, d.story_id) for d in documents(settings)] == before


def test_a_failing_document_leaves_nothing_half_written(settings: Settings) -> None:
    files = sorted((DEMO / "tr").glob("*.html"))[:3]

    def explode_on_second(session, document_id: int) -> None:  # type: ignore[no-untyped-def]
        if document_id == 2:
            raise RuntimeError("simulated crash inside the document's transaction")

    with pytest.raises(RuntimeError):
        run(settings, *files, on_document=explode_on_second)
    with transaction(settings.database_url) as session:
        assert session.scalar(select(func.count(Document.id))) == 1
        assert session.scalar(select(func.count(DocumentSource.id))) == 1
    # the next run completes the batch
    run(settings, *files)
    assert len(documents(settings)) == 3


def test_bad_files_are_recorded_with_reasons(settings: Settings, tmp_path: Path) -> None:
    settings.max_bytes = 50_000
    (tmp_path / "huge.txt").write_text("kurs " * 20_000, encoding="utf-8")
    (tmp_path / "binary.pdf").write_bytes(b"%PDF-1.4\n" + bytes(range(256)) * 10)
    (tmp_path / "blob.txt").write_bytes(b"\x00\x01\x02\xff" * 100)
    (tmp_path / "english.txt").write_text("The ministry and the chamber signed a protocol for the training of workers.")
    (tmp_path / "broken.html").write_text("<html><body><div><p>" * 3 + "\x00", encoding="utf-8")
    reports = run(settings, tmp_path, tmp_path / "missing.html")
    by_name = {Path(k).name: (r.outcome, r.reason) for k, r in reports.items()}
    assert by_name["huge.txt"] == ("failed", "too_large")
    assert by_name["binary.pdf"] == ("failed", "malformed")
    assert by_name["blob.txt"] == ("failed", "undecodable")
    assert by_name["english.txt"] == ("skipped", "unknown_language")
    assert by_name["broken.html"][0] == "failed"
    assert by_name["missing.html"] == ("failed", "not_found")


def test_seeds_ingest_with_their_languages(settings: Settings, shared_dir: Path) -> None:
    seeds = shared_dir / "seeds"
    gold = {json.loads(line)["id"]: json.loads(line) for line in (seeds / "gold.jsonl").read_text().splitlines()}
    reports = run(settings, *sorted(seeds.glob("*.txt")))
    assert {r.outcome for r in reports.values()} == {"new"}
    for locator, report in reports.items():
        with transaction(settings.database_url) as session:
            doc = session.get(Document, report.document_id)
            assert doc.lang == gold[Path(locator).stem]["lang"]


def test_realworld_documents_ingest(settings: Settings, shared_dir: Path) -> None:
    folder = shared_dir / "realworld"
    reports = run(settings, folder / "docs", folder / "html")
    assert len(reports) == 13
    assert {r.outcome for r in reports.values()} <= {"new", "duplicate"}
    assert all(d.lang == "tr" for d in documents(settings))


def test_realworld_html_matches_reference_parses(shared_dir: Path) -> None:
    result = evaluate_folder(shared_dir / "realworld" / "html")
    for name, page in result["pages"].items():
        assert page["title_similarity"] >= 0.85, name  # references keep some site/section suffixes
        assert page["body_f1"] >= 0.85, name
        assert page["date_match"] != "no", name
