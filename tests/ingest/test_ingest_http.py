"""Ingest over HTTP against the local test server: every success path and every failure reason."""

from __future__ import annotations

from collections.abc import Iterator

import pytest
from sqlalchemy import func, select

from service.ingest.runner import IngestOptions, Ingestor
from service.settings import Settings
from service.store.db import transaction
from service.store.models import Document, DocumentSource, IngestResult
from tests.conftest import DEMO
from tests.ingest.server import LocalServer


@pytest.fixture(scope="module")
def server() -> Iterator[LocalServer]:
    with LocalServer(DEMO) as running:
        yield running


def run(settings: Settings, *inputs: str, **options) -> dict:  # type: ignore[no-untyped-def]
    summary = Ingestor(settings, IngestOptions(**options)).run(list(inputs), progress=False)
    return {r.locator: r for r in summary.reports}


def count(settings: Settings, model) -> int:  # type: ignore[no-untyped-def]
    with transaction(settings.database_url) as session:
        return session.scalar(select(func.count()).select_from(model)) or 0


def test_page_is_stored_with_metadata_and_raw_html(settings: Settings, server: LocalServer) -> None:
    url = server.url("/tr/01-ankara-meslek-protokol.html")
    reports = run(settings, url)
    assert reports[url].outcome == "new"
    with transaction(settings.database_url) as session:
        doc = session.get(Document, reports[url].document_id)
        assert doc.lang == "tr" and doc.status == "ok"
        assert doc.title and doc.published is not None
        assert doc.raw_type == "html" and doc.raw and len(doc.text) > 200
        assert doc.story_id is not None


def test_rerun_changes_nothing_and_uses_conditional_get(settings: Settings, server: LocalServer) -> None:
    url = server.url("/tr/02-kocaeli-iskur-kosgeb-girisimcilik.html")
    run(settings, url)
    documents, sources = count(settings, Document), count(settings, DocumentSource)
    second = run(settings, url)
    assert second[url].outcome == "unchanged"
    assert "304" in (second[url].detail or "")
    assert (count(settings, Document), count(settings, DocumentSource)) == (documents, sources)


def test_duplicate_on_second_path_becomes_a_second_source(settings: Settings, server: LocalServer) -> None:
    first, copy = server.url("/tr/03-samsun-belediye-kurs-yili.html"), server.url("/copy/tr/03-samsun-belediye-kurs-yili.html")
    reports = run(settings, first, copy)
    assert sorted(r.outcome for r in reports.values()) == ["duplicate", "new"]
    assert reports[first].document_id == reports[copy].document_id
    assert count(settings, Document) == 1 and count(settings, DocumentSource) == 2


def test_syndicated_release_joins_the_same_story(settings: Settings, server: LocalServer) -> None:
    a, b = server.url("/tr/07-protokol-kosgeb.html"), server.url("/tr/07b-protokol-kosgeb-syndicated.html")
    reports = run(settings, a, b)
    assert reports[a].document_id != reports[b].document_id
    assert reports[a].story_id == reports[b].story_id


def test_feed_and_sitemap_expand_to_their_pages(settings: Settings, server: LocalServer) -> None:
    reports = run(settings, server.url("/feed.xml"), server.url("/sitemap.xml"))
    assert reports[server.url("/feed.xml")].outcome == "listed"
    assert reports[server.url("/sitemap.xml")].outcome == "listed"
    pages = [r for r in reports.values() if r.outcome in ("new", "duplicate")]
    assert len(pages) >= 10
    assert {r.locator.split("/")[3] for r in pages} == {"tr", "fa"}


def test_bounded_crawl_respects_max_pages(settings: Settings, server: LocalServer) -> None:
    reports = run(settings, server.url("/tr/01-ankara-meslek-protokol.html"), crawl=True, max_pages=3, max_depth=1)
    assert 1 < len(reports) <= 4


def test_robots_disallowed(settings: Settings, server: LocalServer) -> None:
    url = server.url("/private/secret.html")
    report = run(settings, url)[url]
    assert (report.outcome, report.reason) == ("failed", "robots_disallowed")
    assert server.site.hits["/private/secret.html"] == 0


def test_redirect_to_private_address_is_refused(settings: Settings, server: LocalServer) -> None:
    settings.allow_private_networks = False
    settings.allowed_networks = ["127.0.0.1/32"]
    url = server.url("/redirect-private")
    report = run(settings, url)[url]
    assert (report.outcome, report.reason) == ("failed", "private_address")
    assert "10.255.255.1" in report.detail


def test_private_address_refused_without_opt_in(settings: Settings, server: LocalServer) -> None:
    settings.allow_private_networks = False
    url = server.url("/tr/01-ankara-meslek-protokol.html")
    report = run(settings, url)[url]
    assert report.reason == "private_address"


def test_safe_redirect_is_followed(settings: Settings, server: LocalServer) -> None:
    url = server.url("/redirect-demo")
    assert run(settings, url)[url].outcome == "new"


def test_timeout(settings: Settings, server: LocalServer) -> None:
    settings.timeout, settings.retries = 0.5, 0
    url = server.url("/slow")
    assert run(settings, url)[url].reason == "timeout"


@pytest.mark.parametrize("path", ["/big-declared", "/big-streamed"])
def test_too_large_is_aborted(settings: Settings, server: LocalServer, path: str) -> None:
    settings.max_bytes = 100_000
    url = server.url(path)
    report = run(settings, url)[url]
    assert report.reason == "too_large"


@pytest.mark.parametrize("path", ["/cp1254-declared.html", "/cp1254-undeclared.html"])
def test_windows_1254_decodes(settings: Settings, server: LocalServer, path: str) -> None:
    url = server.url(path)
    report = run(settings, url)[url]
    with transaction(settings.database_url) as session:
        doc = session.get(Document, report.document_id)
        assert "Şırnak, Iğdır ve Çorum" in doc.text
        assert doc.raw_encoding == "cp1254"


def test_unknown_language_is_stored_as_skipped(settings: Settings, server: LocalServer) -> None:
    url = server.url("/english.html")
    report = run(settings, url)[url]
    assert (report.outcome, report.reason) == ("skipped", "unknown_language")
    with transaction(settings.database_url) as session:
        doc = session.get(Document, report.document_id)
        assert doc.status == "skipped" and "'en'" in doc.skip_reason


def test_retry_after_503_then_success(settings: Settings, server: LocalServer) -> None:
    server.site.hits.clear()  # the server outlives one test (shared by both database backends)
    url = server.url("/flaky")
    assert run(settings, url)[url].outcome == "new"
    assert server.site.hits["/flaky"] == 3


def test_errors_are_recorded_and_never_stop_the_batch(settings: Settings, server: LocalServer) -> None:
    server.site.hits.clear()
    settings.retries = 1
    good = server.url("/fa/01-tabriz-tafahomname.html")
    failing = {
        server.url("/missing.html"): "http_error",
        server.url("/always-503"): "http_error",
        server.url("/binary.bin"): "unsupported_type",
        "http://nonexistent.invalid/page": "dns_error",
        "ftp://example.org/file": "invalid_url",
    }
    reports = run(settings, *failing, good)
    assert reports[good].outcome == "new"
    assert {url: reports[url].reason for url in failing} == failing
    assert server.site.hits["/always-503"] == 2
    with transaction(settings.database_url) as session:
        recorded = session.scalars(select(IngestResult.reason).where(IngestResult.outcome == "failed")).all()
        assert sorted(recorded) == sorted(failing.values())


def test_failures_never_delete_stored_documents(settings: Settings, server: LocalServer) -> None:
    url = server.url("/tr/04-trabzon-ortahisar-sektor-toplantisi.html")
    run(settings, url)
    settings.allow_private_networks = False
    assert run(settings, url)[url].outcome == "failed"
    assert count(settings, Document) == 1
