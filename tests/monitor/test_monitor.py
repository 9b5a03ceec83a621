"""The monitor against the local site: only new or changed items are fetched, failures back off alone."""

from __future__ import annotations

from datetime import timedelta

import pytest
from sqlalchemy import func, select

from service.monitor.registry import SourceConfig, upsert_source
from service.monitor.runner import Monitor, RunReport
from service.monitor.schedule import as_utc
from service.settings import Settings
from service.store.db import transaction
from service.store.models import Document, Source, SourceItem, SourceRun
from tests.ingest.server import MONITOR_FEED_ITEMS, MONITOR_SITEMAP, LocalServer
from tests.monitor.conftest import T0

SIX_HOURS = timedelta(hours=6)
NEW_PAGE = "/tr/12-van-kadin-tekstil-projesi.html"
SECTION_PAGES = ["/tr/08-erzurum-hem-kadin-kooperatif.html", "/tr/11-bursa-mesem-ciraklik.html"]


def by_name(reports: list[RunReport]) -> dict[str, RunReport]:
    return {r.name: r for r in reports}


def source(settings: Settings, source_id: int) -> Source:
    with transaction(settings.database_url) as session:
        return session.get(Source, source_id)


def test_first_run_fetches_every_listed_item(settings: Settings, server: LocalServer, registry: dict) -> None:
    reports = by_name(Monitor(settings).run_due(T0))
    assert set(reports) == set(registry)
    feed, sitemap, section = reports["local-feed"], reports["local-sitemap"], reports["local-section"]
    assert (feed.status, feed.listed, feed.fetched, feed.new, feed.failed) == ("ok", 2, 2, 2, 0)
    assert (sitemap.status, sitemap.listed, sitemap.fetched, sitemap.new) == ("ok", 3, 3, 3)
    assert (section.status, section.listed, section.new) == ("ok", 2, 2)  # the XPath hint skips navigation
    assert server.site.hits["/monitor/about.html"] == 0
    assert all(server.site.hits[page] == 1 for _guid, page in MONITOR_FEED_ITEMS)
    assert all(server.site.hits[page] == 1 for page in [*MONITOR_SITEMAP, *SECTION_PAGES])
    assert feed.next_run == T0 + SIX_HOURS
    with transaction(settings.database_url) as session:
        assert session.scalar(select(func.count()).select_from(Document)) == 7
        keys = set(session.scalars(select(SourceItem.key).where(SourceItem.source_id == registry["local-feed"])))
        assert keys == {guid for guid, _page in MONITOR_FEED_ITEMS}


def test_second_run_fetches_only_the_new_feed_item(settings: Settings, server: LocalServer, registry: dict) -> None:
    monitor = Monitor(settings)
    monitor.run_due(T0)
    before = server.site.hits.copy()
    server.site.feed_items.insert(0, ("mon-tr-12", NEW_PAGE))
    reports = by_name(monitor.run_due(T0 + SIX_HOURS))
    delta = server.site.hits - before
    feed = reports["local-feed"]
    assert (feed.listed, feed.fetched, feed.new, feed.changed, feed.failed) == (3, 1, 1, 0, 0)
    assert delta[NEW_PAGE] == 1
    old_pages = [page for _guid, page in MONITOR_FEED_ITEMS] + list(MONITOR_SITEMAP) + SECTION_PAGES
    assert not any(delta[page] for page in old_pages), delta  # nothing already known was requested again
    # the unchanged section page answered 304 to the conditional GET: nothing listed, nothing fetched
    assert (reports["local-section"].listed, reports["local-section"].fetched) == (0, 0)
    assert (reports["local-sitemap"].fetched, reports["local-sitemap"].new) == (0, 0)


def test_sitemap_lastmod_refetches_only_the_changed_page(settings: Settings, server: LocalServer, registry: dict) -> None:
    monitor = Monitor(settings)
    monitor.run_due(T0)
    before = server.site.hits.copy()
    changed, *unchanged = list(MONITOR_SITEMAP)
    server.site.sitemap_lastmod[changed] = "2026-01-05"
    sitemap = by_name(monitor.run_due(T0 + SIX_HOURS))["local-sitemap"]
    delta = server.site.hits - before
    assert (sitemap.listed, sitemap.fetched) == (3, 1)
    assert delta[changed] == 1 and not any(delta[page] for page in unchanged)
    # the page itself did not change: the Ingestor's conditional GET / content hash stores nothing new
    assert (sitemap.new, sitemap.changed) == (0, 0)
    with transaction(settings.database_url) as session:
        version = session.scalar(select(SourceItem.version).where(SourceItem.url == server.url(changed)))
    assert version == "2026-01-05"


def test_failing_source_backs_off_and_never_blocks_the_others(
    settings: Settings, server: LocalServer, registry: dict
) -> None:
    monitor = Monitor(settings)
    broken = registry["local-broken"]
    gaps = []
    times = [T0, T0 + SIX_HOURS, T0 + 3 * SIX_HOURS]
    for moment in times:
        reports = by_name(monitor.run_due(moment))
        assert reports["local-broken"].status == "failed"
        assert all(reports[name].status == "ok" for name in ("local-feed", "local-sitemap", "local-section"))
        state = source(settings, broken)
        gaps.append(as_utc(state.next_run) - moment)
        assert as_utc(state.backoff_until) == as_utc(state.next_run)
        assert "http_error" in state.last_error and "500" in state.last_error
    assert gaps == [SIX_HOURS, 2 * SIX_HOURS, 4 * SIX_HOURS]
    assert source(settings, broken).consecutive_failures == 3
    # between two tries the broken source is skipped while the others run on their schedule
    assert "local-broken" not in by_name(monitor.run_due(T0 + 4 * SIX_HOURS))
    with transaction(settings.database_url) as session:
        runs = session.scalars(select(SourceRun.status).where(SourceRun.source_id == broken)).all()
    assert runs == ["failed"] * 3
    # fixed: the next run succeeds and clears the failure state
    with transaction(settings.database_url) as session:
        upsert_source(session, SourceConfig(name="local-broken", language="fa", kind="feed", delay=0,
                                            url=server.url("/monitor/feed.xml")))
    recovered = by_name(monitor.run_due(T0 + 7 * SIX_HOURS))["local-broken"]
    assert recovered.status == "ok" and recovered.new == 0 and recovered.fetched == 2
    state = source(settings, broken)
    assert (state.consecutive_failures, state.backoff_until, state.last_error) == (0, None, None)


def test_disabled_and_claimed_sources_do_not_run(settings: Settings, server: LocalServer, registry: dict) -> None:
    with transaction(settings.database_url) as session:
        session.get(Source, registry["local-broken"]).enabled = False
    monitor = Monitor(settings)
    assert "local-broken" not in by_name(monitor.run_due(T0))
    # a source already run (claimed and rescheduled) is not run twice for the same moment
    assert monitor.run_source(registry["local-feed"], T0) is None


def test_crawl_source_hands_a_bounded_crawl_to_the_ingestor(settings: Settings, server: LocalServer) -> None:
    monitor = Monitor(settings)  # migrates the fresh store
    with transaction(settings.database_url) as session:
        crawl, _created = upsert_source(session, SourceConfig(
            name="local-crawl", language="tr", kind="crawl", url=server.url("/monitor/section.html"),
            max_pages=3, delay=0))
        crawl.next_run = T0
    first = monitor.run_source(crawl.id, T0)
    # the root and its three links: two articles and a navigation page that is missing (404)
    assert (first.status, first.fetched, first.new, first.failed) == ("ok", 4, 3, 1)
    second = monitor.run_source(crawl.id, T0 + SIX_HOURS)
    assert second.status == "ok" and second.new == 0 and second.changed == 0


def test_ctrl_c_during_a_run_gives_the_source_back(
    settings: Settings, registry: dict, monkeypatch: pytest.MonkeyPatch
) -> None:
    def interrupted(self, snapshot):  # type: ignore[no-untyped-def]
        raise KeyboardInterrupt

    monkeypatch.setattr(Monitor, "_run", interrupted)
    with pytest.raises(KeyboardInterrupt):
        Monitor(settings).run_source(registry["local-feed"], T0)
    state = source(settings, registry["local-feed"])
    assert as_utc(state.next_run) == T0 and state.last_run is None  # due again, nothing recorded


def test_loop_runs_due_sources_until_told_to_stop(settings: Settings, registry: dict) -> None:
    reports: list[RunReport] = []
    checks = iter([False, True])
    Monitor(settings).loop(poll=1, should_stop=lambda: next(checks), on_report=reports.append)
    assert {r.name for r in reports} == set(registry)  # T0 is in the past: everything was due once
