"""The web UI in headless Chromium (Debian's, never a downloaded browser), over a real server.

Screenshots go to ``test-artifacts/ui/``. The tests assert behaviour (what is shown, where links lead,
what a download holds), never timing.
"""

from __future__ import annotations

import csv
import io
import re
from collections.abc import Iterator
from urllib.parse import parse_qs, urlsplit

import httpx
import pytest
from sqlalchemy import func, select

from tests.ui.conftest import ARTIFACTS, CHROMIUM, CHROMIUM_ARGS, UiStore, needs_models

if not CHROMIUM.exists():
    pytest.skip(f"{CHROMIUM} is not installed (apt-get install chromium)", allow_module_level=True)
sync_api = pytest.importorskip("playwright.sync_api", reason="playwright is not installed")
expect = sync_api.expect


@pytest.fixture(scope="module")
def browser() -> Iterator[object]:
    with sync_api.sync_playwright() as playwright:
        instance = playwright.chromium.launch(executable_path=str(CHROMIUM), args=CHROMIUM_ARGS)
        yield instance
        instance.close()


@pytest.fixture
def page(browser, server: str) -> Iterator[object]:  # type: ignore[no-untyped-def]
    """A fresh browser context (no cookies) per test, English Accept-Language; fails on script errors."""
    context = browser.new_context(base_url=server, locale="en-US", accept_downloads=True,
                                  viewport={"width": 1280, "height": 900})
    tab = context.new_page()
    problems: list[str] = []
    tab.on("pageerror", lambda error: problems.append(f"page error: {error}"))
    tab.on("console", lambda m: problems.append(f"console {m.type}: {m.text}")
           if m.type == "error" and "status of 404" not in m.text else None)
    tab.on("dialog", lambda dialog: (problems.append(f"dialog: {dialog.message}"), dialog.dismiss()))
    yield tab
    context.close()
    assert not problems, problems


def shot(page, name: str) -> None:  # type: ignore[no-untyped-def]
    ARTIFACTS.mkdir(parents=True, exist_ok=True)
    page.screenshot(path=str(ARTIFACTS / f"{name}.png"), full_page=True)


def total(page) -> int:  # type: ignore[no-untyped-def]
    return int(page.locator(".results-count").get_attribute("data-total"))


def session_of(store: UiStore):  # type: ignore[no-untyped-def]
    from service.store.db import session_factory

    return session_factory(store.settings.database_url)()


# -- search -----------------------------------------------------------------------------------


def test_search_box_finds_and_highlights(page) -> None:  # type: ignore[no-untyped-def]
    page.goto("/")
    everything = total(page)
    page.fill("#q", "kursiyer")
    page.press("#q", "Enter")
    page.wait_for_url(re.compile(r"q=kursiyer"))
    found = total(page)
    assert 0 < found < everything
    hits = page.locator(".hit")
    assert hits.count() == min(found, 20)
    expect(hits.first.locator(".snippet mark").first).to_be_visible()
    assert all(lang == "tr" for lang in hits.evaluate_all("els => els.map(e => e.lang)"))
    # Persian query: spacing / ZWNJ variants match, snippets are bidi-aware
    page.fill("#q", "حرفه ای")
    page.press("#q", "Enter")
    page.wait_for_url(re.compile(r"q=%D8"))
    assert total(page) > 0
    first = page.locator(".hit").first
    assert first.get_attribute("lang") == "fa"
    assert first.locator(".snippet").get_attribute("dir") == "auto"
    shot(page, "search-persian")


def test_facet_click_filters_and_can_be_removed(page) -> None:  # type: ignore[no-untyped-def]
    page.goto("/")
    everything = total(page)
    assert page.locator("[data-testid=active-filters]").count() == 0
    page.locator('[data-facet="lang"] a[href*="lang=fa"]').click()
    page.wait_for_url(re.compile(r"lang=fa"))
    persian = total(page)
    assert 0 < persian < everything
    chip = page.locator('[data-testid=active-filters] [data-filter="lang"]')
    expect(chip).to_be_visible()
    expect(chip).to_contain_text("Persian")
    assert set(page.locator(".hit").evaluate_all("els => els.map(e => e.lang)")) == {"fa"}
    expect(page.locator('[data-facet="lang"] a.selected')).to_have_count(1)
    # a second facet narrows further and both filters show
    year = page.locator('[data-facet="year"] a').first
    year_count = int(year.get_attribute("data-count"))
    year.click()
    page.wait_for_url(re.compile(r"date_from=\d{4}-01-01"))
    assert total(page) == year_count
    expect(page.locator("[data-testid=active-filters] .chip")).to_have_count(3)  # language, from, to
    shot(page, "search-facets")
    page.locator('[data-filter="lang"] .chip-remove').click()
    page.wait_for_url(lambda u: "lang=" not in u)
    assert total(page) >= year_count
    page.locator(".chips-clear").click()
    page.wait_for_url(lambda u: not urlsplit(u).query)
    assert total(page) == everything


def test_cursor_pagination(page) -> None:  # type: ignore[no-untyped-def]
    page.goto("/")
    first = page.locator(".hit").evaluate_all("els => els.map(e => e.dataset.doc)")
    page.locator("[data-testid=next-page]").click()
    page.wait_for_url(re.compile(r"cursor="))
    second = page.locator(".hit").evaluate_all("els => els.map(e => e.dataset.doc)")
    assert second and not set(first) & set(second)
    assert len(first) + len(second) == total(page) or page.locator("[data-testid=next-page]").count() == 1


def test_export_download_respects_filters(page) -> None:  # type: ignore[no-untyped-def]
    page.goto("/?lang=fa")
    shown = total(page)
    link = page.locator('[data-export="export_documents-csv"]')
    query = parse_qs(urlsplit(link.get_attribute("href")).query)
    assert query["lang"] == ["fa"] and query["format"] == ["csv"]
    with page.expect_download() as info:
        link.click()
    download = info.value
    assert download.suggested_filename == "hamkar-documents.csv"
    with open(download.path(), encoding="utf-8") as handle:
        body = handle.read()
    assert body.splitlines()[0].startswith("id,lang,published,published_calendar,title")
    rows = list(csv.DictReader(io.StringIO(body)))
    assert len(rows) == shown and {r["lang"] for r in rows} == {"fa"}
    events_link = page.locator('[data-export="export_events-ndjson"]')
    assert parse_qs(urlsplit(events_link.get_attribute("href")).query)["lang"] == ["fa"]
    with page.expect_download() as info:
        events_link.click()
    assert info.value.suggested_filename == "hamkar-events.ndjson"


# -- language and direction -------------------------------------------------------------------


def test_interface_language_switch_is_remembered(page) -> None:  # type: ignore[no-untyped-def]
    page.goto("/")
    html = page.locator("html")
    assert html.get_attribute("lang") == "en" and html.get_attribute("dir") == "ltr"
    expect(page.locator(".mainnav a").first).to_have_text("Search")
    page.locator('.langswitch a[data-ui="fa"]').click()
    page.wait_for_url(re.compile(r"ui=fa"))
    assert html.get_attribute("lang") == "fa" and html.get_attribute("dir") == "rtl"
    expect(page.locator(".mainnav a").first).to_have_text("جست‌وجو")
    # the sidebar sits on the right in a right-to-left page
    box_sidebar, box_results = page.locator(".sidebar").bounding_box(), page.locator(".results").bounding_box()
    assert box_sidebar["x"] > box_results["x"]
    shot(page, "search-ui-fa")
    page.goto("/ui/events")  # no ?ui=: the cookie remembers
    assert html.get_attribute("dir") == "rtl"
    expect(page.locator("h1")).to_have_text("رویدادهای همکاری")
    page.locator('.langswitch a[data-ui="tr"]').click()
    page.wait_for_url(re.compile(r"ui=tr"))
    assert html.get_attribute("lang") == "tr" and html.get_attribute("dir") == "ltr"
    page.goto("/")
    expect(page.locator(".mainnav a").first).to_have_text("Arama")


def test_persian_document_is_right_to_left_with_its_jalali_date(page, ui_store: UiStore) -> None:  # type: ignore[no-untyped-def]
    document_id = ui_store.documents["01-tabriz-tafahomname.html"]
    page.goto(f"/ui/documents/{document_id}")
    article = page.locator("article.doc")
    assert article.get_attribute("dir") == "rtl" and article.get_attribute("lang") == "fa"
    assert page.locator("html").get_attribute("dir") == "ltr"  # the interface stays English
    expect(page.locator("[data-testid=jalali]")).to_contain_text("۱۴۰۳")
    expect(page.locator(".doc-title")).to_contain_text("تفاهم‌نامه")
    direction = page.locator(".doc-text p").first.evaluate("e => getComputedStyle(e).direction")
    assert direction == "rtl"
    shot(page, "document-fa")


@needs_models
def test_persian_document_highlights_entities_dates_and_figures(page, ui_store: UiStore) -> None:  # type: ignore[no-untyped-def]
    document_id = ui_store.documents["01-tabriz-tafahomname.html"]
    page.goto(f"/ui/documents/{document_id}")
    text = page.locator("#doc-text")
    orgs = text.locator("span.ent-org")
    assert orgs.count() >= 1
    assert text.locator("span.date").count() >= 1
    assert text.locator("span.fig").count() >= 1
    link = orgs.locator("a[href^='/ui/organizations/']").first
    name = link.inner_text()
    assert name and name in page.locator("#doc-text").inner_text()
    shot(page, "document-fa-highlights")
    link.click()
    page.wait_for_url(re.compile(r"/ui/organizations/\d+$"))
    expect(page.locator("h1.org-name")).to_be_visible()


def test_stored_script_never_runs(page, ui_store: UiStore, server: str) -> None:  # type: ignore[no-untyped-def]
    page.goto(f"/ui/documents/{ui_store.script_document}")
    text = page.locator("#doc-text").inner_text()
    assert "<script>window.pwned=1</script>" in text
    assert '<img src=x onerror="window.pwned=4">' in text
    expect(page.locator(".doc-title")).to_contain_text("<script>window.pwned=2</script>")
    assert page.evaluate("typeof window.pwned") == "undefined"
    assert page.locator("#doc-text script, #doc-text img, .doc-title script").count() == 0
    shot(page, "document-script-as-text")
    page.goto("/?q=kursiyerler+betik")
    assert page.locator(f'.hit[data-doc="{ui_store.script_document}"]').count() == 1
    assert page.evaluate("typeof window.pwned") == "undefined"
    # the HTML itself carries the text escaped, and a policy that forbids inline scripts anyway
    response = httpx.get(f"{server}/ui/documents/{ui_store.script_document}")
    assert "&lt;script&gt;window.pwned=1&lt;/script&gt;" in response.text
    assert "<script>window.pwned" not in response.text
    assert "script-src 'self'" in response.headers["content-security-policy"]


# -- knowledge base pages ---------------------------------------------------------------------


def _organization_with_partners_and_figures(store: UiStore) -> tuple[int, int]:
    """The busiest organization that has partners, preferring one with dated figures; and its figure count."""
    from service.kb import queries
    from service.store.models import Event, EventParticipant, Organization

    with session_of(store) as session:
        events = func.count(func.distinct(EventParticipant.event_id))
        busiest = session.scalars(
            select(Organization.id)
            .join(EventParticipant, EventParticipant.organization_id == Organization.id)
            .join(Event, Event.id == EventParticipant.event_id)
            .where(Event.status == "active", Organization.merged_into_id.is_(None))
            .group_by(Organization.id).order_by(events.desc(), Organization.id).limit(20)).all()
        candidates = []
        for org_id in busiest:
            detail = queries.organization_detail(session, session.get(Organization, org_id))
            if detail.partners:
                candidates.append((org_id, sum(1 for f in detail.figures if f.period_start is not None)))
    assert candidates, "the analysed demo store has no collaborations"
    return max(candidates, key=lambda c: c[1] > 0)  # the first with figures, else the busiest


@needs_models
def test_organization_page_draws_graph_and_timeline(page, ui_store: UiStore) -> None:  # type: ignore[no-untyped-def]
    org_id, dated_figures = _organization_with_partners_and_figures(ui_store)
    page.goto(f"/ui/organizations/{org_id}")
    expect(page.locator("h1.org-name")).to_be_visible()
    nodes = page.locator("#graph svg .g-node[data-id]")
    expect(nodes.first).to_be_visible()
    assert nodes.count() >= 2
    assert page.locator("#graph svg line.g-edge").count() >= 1
    assert page.locator(f'#graph svg .g-node.focus[data-id="{org_id}"]').count() == 1
    assert page.locator(".aliases tbody tr").count() >= 1
    assert page.locator(".event").count() >= 1
    assert page.locator(".partner-list li").count() >= 1
    if dated_figures:
        points = page.locator("#timeline svg .tl-point")
        expect(points.first).to_be_visible()
        assert page.locator("#timeline svg .tl-series").count() >= 1
    else:
        expect(page.locator("#timeline")).to_have_count(0)
    shot(page, "organization")
    # evidence links open the document with the sentence marked
    page.locator(".event .evidence-link").first.click()
    page.wait_for_url(re.compile(r"/ui/documents/\d+\?hl=\d+-\d+"))
    expect(page.locator("#doc-text mark.evidence")).to_be_visible()
    # a partner node leads to that partner's page
    page.go_back()
    partner = page.locator(f'#graph svg .g-node[data-id]:not([data-id="{org_id}"])').first
    partner_id = partner.get_attribute("data-id")
    partner.locator("circle").click()
    page.wait_for_url(re.compile(rf"/ui/organizations/{partner_id}$"))


@needs_models
def test_events_page_filters_by_type(page) -> None:  # type: ignore[no-untyped-def]
    page.goto("/ui/events")
    everything = total(page)
    assert everything > 0
    page.select_option('select[name="event_type"]', "protocol")
    page.locator(".filterbar button[type=submit]").click()
    page.wait_for_url(re.compile(r"event_type=protocol"))
    protocols = total(page)
    assert 0 < protocols <= everything
    badges = page.locator(".event .badge[class*='type-']")
    assert set(badges.evaluate_all("els => els.map(e => e.className)")) == {"badge type-protocol"}
    expect(page.locator('[data-filter="event_type"]')).to_be_visible()
    shot(page, "events")
    first_org = page.locator(".event .participants a").first
    first_org.click()
    page.wait_for_url(re.compile(r"/ui/organizations/\d+$"))


def test_pages_answer_without_analysis_too(page) -> None:  # type: ignore[no-untyped-def]
    """Every page renders (possibly empty) whatever the store holds; unknown ids are a 404 page."""
    for path in ("/ui/events", "/ui/organizations", "/ui/graph"):
        response = page.goto(path)
        assert response.status == 200, path
        expect(page.locator("h1")).to_be_visible()
    response = page.goto("/ui/documents/999999")
    assert response.status == 404
    expect(page.locator("h1")).to_have_text("Not found")
    response = page.goto("/?date_from=not-a-date&q=kursiyer")
    assert response.status == 200
    expect(page.locator(".notice")).to_contain_text("date_from")
