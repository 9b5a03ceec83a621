"""The knowledge-base HTTP API over the analysed demo corpus: events, figures, organizations, curation,
exports and the collaboration graph, on SQLite and (when a test server is given) PostgreSQL.

The demo corpus is ingested and analysed once per database (module scope) and read by the read-only
tests; a test that curates gets its own copy of that store (a file copy on SQLite, ``CREATE DATABASE ...
TEMPLATE`` on PostgreSQL), so no test sees another's changes. Expected answers are derived from the API
itself (a filter is checked against the unfiltered listing, a list against the detail, a quote against
the document text), not copied from a run."""

from __future__ import annotations

import csv
import io
import json
import sqlite3
import uuid
import xml.etree.ElementTree as ET
from collections import Counter, defaultdict
from collections.abc import Callable, Iterator
from itertools import combinations
from pathlib import Path
from typing import Any

import pytest
from fastapi.testclient import TestClient
from sqlalchemy import create_engine, text
from sqlalchemy.engine import make_url

from service.api.app import create_app
from service.ingest.runner import Ingestor
from service.kb.orgnames import org_key
from service.pipeline import analyze_stored_document
from service.settings import Settings, get_settings
from service.store.db import dispose_engine, get_engine
from tests.conftest import DEMO, POSTGRES_URL, _postgres_database

API_KEY = "secret"
ACTOR = "tester"
WRITE = {"X-API-Key": API_KEY}
GRAPHML = "{http://graphml.graphdrawing.org/xmlns}"
#: The export columns, in order: dashboards and spreadsheets read them by position and name, so any change
#: must be deliberate (and show up here).
COLUMNS = {
    "documents": ["id", "lang", "published", "published_calendar", "title", "url", "story_id", "sitename",
                  "updated_at"],
    "events": ["id", "type", "status", "date_start", "date_end", "date_text", "location", "lang", "story_id",
               "confidence", "participants", "participant_ids", "roles", "documents", "sources", "evidence", "updated_at"],
    "figures": ["id", "value", "unit", "qualifier", "kind", "currency", "period_start", "period_end",
                "organization_id", "organization", "document_id", "start", "end", "text", "sentence", "url"],
    "organizations": ["id", "name", "lang", "kind", "acronym", "province", "parent_id", "aliases", "mentions",
                      "events", "merged_into_id", "updated_at"],
}
FTM = {"documents": ("hamkar-doc-", "Article"), "events": ("hamkar-event-", "Event"),
       "figures": ("hamkar-figure-", "Note"), "organizations": ("hamkar-org-", "Organization")}


# -- stores ----------------------------------------------------------------------------------------


def _admin_execute(statement: str) -> None:
    admin = create_engine(POSTGRES_URL, isolation_level="AUTOCOMMIT")
    try:
        with admin.connect() as connection:
            connection.execute(text(statement))
    finally:
        admin.dispose()


def _drop(url: str) -> None:
    dispose_engine(url)
    parsed = make_url(url)
    if parsed.get_backend_name() == "postgresql":
        _admin_execute(f"DROP DATABASE IF EXISTS {parsed.database}")


def _clone(url: str, folder: Path) -> str:
    """A copy of the store at ``url``, to be changed by one test."""
    parsed = make_url(url)
    if parsed.get_backend_name() == "sqlite":
        target = folder / "clone.db"
        source, copy = sqlite3.connect(parsed.database), sqlite3.connect(target)
        try:
            source.backup(copy)
        finally:
            source.close()
            copy.close()
        return f"sqlite:///{target}"
    dispose_engine(url)  # a template database must have no open connections
    name = f"clone_{uuid.uuid4().hex[:12]}"
    _admin_execute(f"CREATE DATABASE {name} TEMPLATE {parsed.database}")
    return parsed.set(database=name).render_as_string(hide_password=False)


@pytest.fixture(scope="module", params=["sqlite", "postgresql"])
def store(request: pytest.FixtureRequest, tmp_path_factory: pytest.TempPathFactory) -> Iterator[Settings]:
    """Settings of a store holding the whole demo corpus (Turkish, Persian, the PDF bulletin), analysed."""
    if request.param == "postgresql":
        if not POSTGRES_URL:
            pytest.skip("no PostgreSQL test server (HAMKAR_TEST_POSTGRES_URL is unset)")
        url = _postgres_database()
    else:
        url = f"sqlite:///{tmp_path_factory.mktemp('kb-api') / 'hamkar.db'}"
    with pytest.MonkeyPatch.context() as patch:
        patch.setenv("HAMKAR_DATABASE_URL", url)
        get_settings.cache_clear()
        settings = get_settings()
        settings.api_keys = [f"{ACTOR}:{API_KEY}"]
        Ingestor(settings, on_document=analyze_stored_document).run(
            [str(DEMO / "tr"), str(DEMO / "fa"), str(DEMO / "bulletin")], progress=False)
        yield settings
    get_settings.cache_clear()
    _drop(url)


@pytest.fixture(scope="module")
def api(store: Settings) -> Iterator[TestClient]:
    """The API over the shared store: only for tests that do not change it."""
    with TestClient(create_app(store)) as client:
        yield client


@pytest.fixture
def fresh(store: Settings, tmp_path: Path) -> Iterator[TestClient]:
    """The API over this test's own copy of the store (for curation)."""
    url = _clone(store.database_url, tmp_path)
    try:
        with TestClient(create_app(store.model_copy(update={"database_url": url}))) as client:
            yield client
    finally:
        _drop(url)


# -- helpers ---------------------------------------------------------------------------------------


def get(client: TestClient, path: str, **params: Any) -> Any:
    response = client.get(path, params={k: v for k, v in params.items() if v is not None})
    assert response.status_code == 200, (path, params, response.text)
    return response.json()


def post(client: TestClient, path: str, body: dict, status: int = 200) -> Any:
    response = client.post(path, json=body, headers=WRITE)
    assert response.status_code == status, (path, body, response.text)
    return response.json() if response.content else None


def walk(client: TestClient, path: str, limit: int, **params: Any) -> list[dict]:
    """Every item of a paginated listing, checking each page's limit, offset, total and next_offset, and
    that the pages are disjoint and together hold ``total`` items."""
    items: list[dict] = []
    offset, total = 0, None
    while True:
        page = get(client, path, limit=limit, offset=offset, **params)
        total = page["total"] if total is None else total
        assert (page["total"], page["limit"], page["offset"]) == (total, limit, offset)
        assert len(page["items"]) == min(limit, total - offset)
        following = offset + limit if offset + limit < total else None
        assert page["next_offset"] == following
        items += page["items"]
        if following is None:
            break
        offset = following
    ids = [item["id"] for item in items]
    assert len(ids) == len(set(ids)) == total, "pages overlap or miss items"
    return items


def everything(client: TestClient, path: str, **params: Any) -> list[dict]:
    """All items of a listing in one page (the demo store is far smaller than the page limit)."""
    page = get(client, path, limit=500, **params)
    assert page["total"] == len(page["items"]) and page["next_offset"] is None
    return page["items"]


def ids(items: list[dict]) -> list[int]:
    return [item["id"] for item in items]


def participant_ids(event: dict) -> set[int]:
    return {p["organization"]["id"] for p in event["participants"]}


def export(client: TestClient, dataset: str, fmt: str = "ndjson", **params: Any) -> tuple[list, Any]:
    """The rows of an export (dicts for NDJSON and FtM, CSV rows as dicts with the header first) and the
    response; checks that ``X-Hamkar-Rows`` counts them."""
    response = client.get(f"/export/{dataset}", params={"format": fmt} | {k: v for k, v in params.items() if v is not None})
    assert response.status_code == 200, (dataset, params, response.text)
    if fmt == "csv":
        reader = csv.DictReader(io.StringIO(response.text))
        rows: list = [reader.fieldnames, *reader]
        count = len(rows) - 1
    else:
        rows = [json.loads(line) for line in response.text.splitlines()]
        count = len(rows)
    assert int(response.headers["X-Hamkar-Rows"]) == count
    return rows, response


@pytest.fixture(scope="module")
def document(api: TestClient) -> Callable[[int], dict]:
    """GET /documents/{id}, once per document."""
    cache: dict[int, dict] = {}

    def fetch(document_id: int) -> dict:
        if document_id not in cache:
            cache[document_id] = get(api, f"/documents/{document_id}")
        return cache[document_id]

    return fetch


@pytest.fixture(scope="module")
def events(api: TestClient) -> list[dict]:
    """Every active event with all its evidence."""
    found = everything(api, "/events", evidence_limit=1000)
    assert len(found) >= 20, "the demo corpus states dozens of events"
    return found


@pytest.fixture(scope="module")
def figures(api: TestClient) -> list[dict]:
    found = everything(api, "/figures")
    assert len(found) >= 100
    return found


@pytest.fixture(scope="module")
def organizations(api: TestClient) -> list[dict]:
    found = everything(api, "/organizations")
    assert len(found) >= 50
    return found


def _codepoint_collation(url: str) -> bool:
    """Whether the database orders text by code point, as Python does (SQLite; PostgreSQL with the C
    collation, as .ci/postgres.sh creates it)."""
    if make_url(url).get_backend_name() == "sqlite":
        return True
    with get_engine(url).connect() as connection:
        collation = connection.scalar(text("SELECT datcollate FROM pg_database WHERE datname = current_database()"))
    return collation in ("C", "POSIX") or collation.startswith("C.")


def assert_evidence_quotes_document(evidence: dict, document: Callable[[int], dict]) -> None:
    """Provenance: the quote is the document's original text at [start:end], on the stated PDF page."""
    doc = document(evidence["document_id"])
    assert 0 <= evidence["start"] < evidence["end"] <= len(doc["text"])
    assert doc["text"][evidence["start"]:evidence["end"]] == evidence["text"]
    assert evidence["url"] == doc["url"]
    if doc["pages"]:
        start, end = doc["pages"][evidence["page"] - 1]
        assert start <= evidence["start"] <= end
    else:
        assert evidence["page"] is None


# -- events ----------------------------------------------------------------------------------------


def test_event_pages_are_disjoint_ordered_and_cover_the_total(api: TestClient, events: list[dict]) -> None:
    paged = walk(api, "/events", 7)
    assert ids(paged) == ids(events), "paging changes the order or the content"
    newest_first = sorted(events, key=lambda e: e["id"], reverse=True)
    newest_first.sort(key=lambda e: e["date_start"] or "", reverse=True)  # stable: ties keep id order
    assert ids(events) == ids(newest_first), "events are newest first (undated last), then by id descending"
    beyond = get(api, "/events", offset=len(events) + 5)
    assert beyond["items"] == [] and beyond["total"] == len(events) and beyond["next_offset"] is None
    assert api.get("/events", params={"limit": 0}).status_code == 422
    assert api.get("/events", params={"offset": -1}).status_code == 422


def test_event_filters_select_exactly_the_matching_events(api: TestClient, events: list[dict]) -> None:
    def check(expected: list[dict], **params: Any) -> None:
        assert 0 < len(expected) < len(events), f"{params} should select some events, not all"
        found = walk(api, "/events", 5, **params)
        assert ids(found) == ids(expected), params  # same events, same order as unfiltered

    types = Counter(e["type"] for e in events)
    assert len(types) >= 3
    for event_type in types:
        check([e for e in events if e["type"] == event_type], type=event_type)
    for lang in ("tr", "fa"):
        check([e for e in events if e["lang"] == lang], lang=lang)
    check([e for e in events if e["lang"] == "fa" and e["type"] == "protocol"], lang="fa", type="protocol")
    dates = sorted(e["date_start"] for e in events if e["date_start"])
    low, high = dates[len(dates) // 4], dates[3 * len(dates) // 4]
    check([e for e in events if e["date_start"] and e["date_start"] >= high], date_from=high)
    check([e for e in events if e["date_start"] and e["date_start"] <= low], date_to=low)
    check([e for e in events if e["date_start"] and low <= e["date_start"] <= high], date_from=low, date_to=high)
    busiest = Counter(oid for e in events for oid in participant_ids(e)).most_common(2)
    for org_id, _ in busiest:
        check([e for e in events if org_id in participant_ids(e)], org=org_id)
    assert get(api, "/events", type="no-such-type")["total"] == 0
    assert get(api, "/events", date_from="2999-01-01")["total"] == 0


def test_every_event_has_participants_and_evidence_quoting_its_documents(
        events: list[dict], document: Callable[[int], dict]) -> None:
    quoted_pages = 0
    for event in events:
        assert event["status"] == "active"
        assert event["participants"], f"event {event['id']} has no participant"
        assert len(participant_ids(event)) == len(event["participants"]), "an organization listed twice"
        assert event["evidence"] and len(event["evidence"]) == event["evidence_total"]
        for evidence in event["evidence"]:
            assert_evidence_quotes_document(evidence, document)
            assert document(evidence["document_id"])["lang"] == event["lang"]
            quoted_pages += evidence["page"] is not None
        # the sources are every place a document stating the event was found
        locators = {s["locator"] for e in event["evidence"] for s in document(e["document_id"])["sources"]}
        assert event["sources"] == sorted(locators) and event["sources_total"] == len(locators)
    assert quoted_pages, "the PDF bulletin states events: their evidence carries a page number"


def test_evidence_limit_caps_lists_but_totals_match_the_event_detail(api: TestClient, events: list[dict]) -> None:
    details = {e["id"]: get(api, f"/events/{e['id']}") for e in events}
    for detail in details.values():  # the detail lists everything
        assert len(detail["evidence"]) == detail["evidence_total"] and len(detail["sources"]) == detail["sources_total"]
    parameters = api.app.openapi()["paths"]["/events"]["get"]["parameters"]
    default_cap = next(p["schema"]["default"] for p in parameters if p["name"] == "evidence_limit")
    assert any(d["evidence_total"] > default_cap for d in details.values()), "no event exercises the default cap"
    assert any(d["sources_total"] > 1 for d in details.values()), "no syndicated event exercises the source cap"
    for cap in (None, 0, 1, 2):
        listed = get(api, "/events", limit=500, evidence_limit=cap)["items"]
        assert ids(listed) == ids(events)
        shown = default_cap if cap is None else cap
        for item in listed:
            detail = details[item["id"]]
            assert item["evidence"] == detail["evidence"][:shown], (cap, item["id"])
            assert item["sources"] == detail["sources"][:shown], (cap, item["id"])
            assert (item["evidence_total"], item["sources_total"]) == (detail["evidence_total"], detail["sources_total"])
            assert {k: v for k, v in item.items() if k not in ("evidence", "sources")} == \
                   {k: v for k, v in detail.items() if k not in ("evidence", "sources")}
    assert api.get("/events", params={"evidence_limit": 1001}).status_code == 422
    assert api.get("/events/999999").status_code == 404


# -- figures ---------------------------------------------------------------------------------------


def test_figure_pages_cover_the_total_and_quote_their_documents(
        api: TestClient, figures: list[dict], document: Callable[[int], dict]) -> None:
    assert ids(walk(api, "/figures", 50)) == ids(figures)
    for figure in figures:
        assert_evidence_quotes_document(figure["evidence"], document)
        if figure["organization"] is not None:
            assert figure["organization"]["mention_count"] + figure["organization"]["event_count"] > 0


def test_figure_conflicts_follow_the_rule_and_conflicts_only_lists_exactly_them(
        api: TestClient, figures: list[dict], document: Callable[[int], dict]) -> None:
    """A conflict: another story states another value for the same organization, unit and period."""
    by_id = {f["id"]: f for f in figures}
    groups: dict[tuple, list[dict]] = defaultdict(list)
    for f in figures:
        if f["organization"] is not None:
            lang = document(f["evidence"]["document_id"])["lang"]
            key = (f["organization"]["id"], f["unit"] and org_key(f["unit"], lang), f["period_start"], f["period_end"])
            groups[key].append(f)

    def story(f: dict) -> int | None:
        return document(f["evidence"]["document_id"])["story_id"]

    for group in groups.values():
        for f in group:
            expected = sorted({g["id"] for g in group if g["value"] != f["value"] and story(g) != story(f)})
            assert f["conflicts_with"] == expected, f["id"]
    conflicting = [f for f in figures if f["conflicts_with"]]
    assert len(conflicting) >= 2, "the demo corpus has figures that disagree across stories"
    for f in conflicting:
        for other_id in f["conflicts_with"]:
            other = by_id[other_id]
            assert f["id"] in other["conflicts_with"], "conflicts are symmetric"
            assert other["organization"]["id"] == f["organization"]["id"]
            assert (other["period_start"], other["period_end"]) == (f["period_start"], f["period_end"])
            assert other["value"] != f["value"] and story(other) != story(f)
    assert ids(walk(api, "/figures", 4, conflicts_only=True)) == ids(conflicting)
    unit = conflicting[0]["unit"]
    with_unit = [f for f in conflicting if f["unit"] == unit]
    assert ids(walk(api, "/figures", 4, conflicts_only=True, unit=unit)) == ids(with_unit)


def test_figure_filters_by_unit_value_and_organization(api: TestClient, figures: list[dict],
                                                       document: Callable[[int], dict]) -> None:
    def check(expected: list[dict], **params: Any) -> None:
        assert 0 < len(expected) < len(figures), params
        assert ids(walk(api, "/figures", 6, **params)) == ids(expected), params

    for unit, lang in (("kursiyer", "tr"), ("KURSİYER", "tr"), ("مرکز", "fa"), ("مركز", "fa")):  # case, Arabic kaf
        key = org_key(unit, lang)
        check([f for f in figures if f["unit"] and org_key(f["unit"], lang) == key
               and document(f["evidence"]["document_id"])["lang"] == lang], unit=unit, lang=lang)
    values = sorted(f["value"] for f in figures)
    low, high = values[len(values) // 4], values[3 * len(values) // 4]
    check([f for f in figures if f["value"] >= high], min_value=high)
    check([f for f in figures if f["value"] <= low], max_value=low)
    check([f for f in figures if low <= f["value"] <= high], min_value=low, max_value=high)
    busiest = Counter(f["organization"]["id"] for f in figures if f["organization"]).most_common(1)[0][0]
    check([f for f in figures if f["organization"] and f["organization"]["id"] == busiest], org=busiest)
    assert api.get("/figures", params={"org": 999999}).status_code == 404


def test_figure_lang_filter_keeps_figures_of_that_language(api: TestClient, figures: list[dict],
                                                           document: Callable[[int], dict]) -> None:
    for lang in ("tr", "fa"):
        expected = [f for f in figures if document(f["evidence"]["document_id"])["lang"] == lang]
        rows, _ = export(api, "figures", lang=lang)
        assert sorted(r["id"] for r in rows) == sorted(ids(expected))
        assert ids(walk(api, "/figures", 50, lang=lang)) == ids(expected)


# -- organizations ---------------------------------------------------------------------------------


def test_organizations_are_ranked_and_paginated(api: TestClient, store: Settings, organizations: list[dict]) -> None:
    by_name = _codepoint_collation(store.database_url)
    for a, b in zip(organizations, organizations[1:], strict=False):
        assert (-a["event_count"], -a["mention_count"]) <= (-b["event_count"], -b["mention_count"]), (a, b)
        if by_name and (a["event_count"], a["mention_count"]) == (b["event_count"], b["mention_count"]):
            assert a["name"] <= b["name"], (a, b)
    assert all(o["event_count"] or o["mention_count"] for o in organizations), "unmentioned organizations listed"
    assert organizations[0]["event_count"] > organizations[-1]["event_count"]
    assert ids(walk(api, "/organizations", 40)) == ids(organizations)
    for lang in ("tr", "fa"):
        expected = [o for o in organizations if o["lang"] == lang]
        assert expected and ids(walk(api, "/organizations", 40, lang=lang)) == ids(expected)


def test_organization_counts_agree_with_detail_and_events(api: TestClient, organizations: list[dict],
                                                          events: list[dict]) -> None:
    events_of: dict[int, set[int]] = defaultdict(set)
    for event in events:
        for org_id in participant_ids(event):
            events_of[org_id].add(event["id"])
    for summary in organizations:
        detail = get(api, f"/organizations/{summary['id']}")
        assert {k: detail[k] for k in summary} == summary
        assert summary["event_count"] == len(events_of[summary["id"]])
        assert {e["id"] for e in detail["events"]} == events_of[summary["id"]]
        assert summary["id"] not in {p["organization"]["id"] for p in detail["partners"]}
        partners = Counter(oid for e in events if summary["id"] in participant_ids(e)
                           for oid in participant_ids(e) - {summary["id"]})
        assert {p["organization"]["id"]: p["events"] for p in detail["partners"]} == dict(partners)
        assert detail["aliases"], "an organization is found by at least one alias"
    assert api.get("/organizations/999999").status_code == 404


@pytest.mark.parametrize(("spellings", "name"), [
    (["işkur", "İŞKUR", "ISKUR", "iskur", "IŞKUR"], "Türkiye İş Kurumu"),  # Turkish dotted/dotless I, any case
    (["iş kurumu", "İŞ KURUMU", "is kurumu"], "Türkiye İş Kurumu"),  # a shorter alias, with or without diacritics
    (["فنی و حرفه‌ای کشور", "فني و حرفه اي كشور", "فنی و حرفه ای کشور"], "سازمان آموزش فنی و حرفه‌ای کشور"),  # ي/ك, ZWNJ
    (["tvto", "TVTO"], "سازمان آموزش فنی و حرفه‌ای کشور"),  # a Persian organization by its Latin acronym
])
def test_organizations_are_found_by_any_alias_in_either_script(api: TestClient, spellings: list[str], name: str) -> None:
    """Spellings of one name (case, Turkish I, Arabic letters, half-spaces) find the same organizations."""
    answers = []
    for q in spellings:
        found = walk(api, "/organizations", 2, q=q)
        assert name in [o["name"] for o in found], (q, [o["name"] for o in found])
        answers.append(ids(found))
    assert all(answer == answers[0] for answer in answers), "spellings of one name find different organizations"
    assert get(api, "/organizations", q="zzq-no-such-name")["total"] == 0
    assert get(api, "/organizations", q="%")["total"] == 0, "a LIKE wildcard matched as a wildcard"


# -- curation --------------------------------------------------------------------------------------


def _merge_pair(client: TestClient) -> tuple[int, int]:
    """Two organizations that took part in one event and each in an event without the other (so merging
    them must count their shared event once)."""
    listed = everything(client, "/events")
    events_of: dict[int, set[int]] = defaultdict(set)
    for event in listed:
        for org_id in participant_ids(event):
            events_of[org_id].add(event["id"])
    for event in listed:
        for a, b in combinations(sorted(participant_ids(event)), 2):
            if events_of[a] - events_of[b] and events_of[b] - events_of[a]:
                return a, b
    raise AssertionError("no two organizations share an event and each have another")


def _event_ids(client: TestClient, org_id: int) -> set[int]:
    return set(ids(everything(client, "/events", org=org_id)))


def _log(client: TestClient) -> list[dict]:
    response = client.get("/curation/log")
    assert response.status_code == 200
    return response.json()


def test_writes_need_a_valid_api_key(fresh: TestClient) -> None:
    org = everything(fresh, "/organizations")[0]
    event = everything(fresh, "/events")[0]
    writes = [
        (f"/organizations/{org['id']}/rename", {"name": "Yeni Ad", "reason": "r"}),
        (f"/organizations/{org['id']}/aliases", {"alias": "Yeni Takma Ad", "reason": "r"}),
        (f"/organizations/{org['id']}/merge", {"into": org["id"] + 1, "reason": "r"}),
        (f"/organizations/{org['id']}/split", {"aliases": [org["name"]], "name": "Yeni", "reason": "r"}),
        (f"/events/{event['id']}/reject", {"reason": "r"}),
        ("/mentions/1/reject", {"reason": "r"}),
    ]
    disabled = TestClient(create_app(fresh.app.state.settings.model_copy(update={"api_keys": []})))
    for path, body in writes:
        assert fresh.post(path, json=body).status_code == 401, path
        assert fresh.post(path, json=body, headers={"X-API-Key": "wrong"}).status_code == 401, path
        assert fresh.post(path, json=body, headers={"X-API-Key": ACTOR}).status_code == 401, "the name is no key"
        assert disabled.post(path, json=body, headers=WRITE).status_code == 403, path
    assert get(fresh, f"/organizations/{org['id']}")["name"] == org["name"]
    assert get(fresh, f"/events/{event['id']}")["status"] == "active"
    assert _log(fresh) == []
    assert fresh.post(f"/events/{event['id']}/reject", json={"reason": ""}, headers=WRITE).status_code == 422


def test_merge_moves_counts_events_aliases_and_is_logged(fresh: TestClient) -> None:
    a_id, b_id = _merge_pair(fresh)
    a, b = get(fresh, f"/organizations/{a_id}"), get(fresh, f"/organizations/{b_id}")
    a_events, b_events = _event_ids(fresh, a_id), _event_ids(fresh, b_id)
    a_figures, b_figures = get(fresh, "/figures", org=a_id)["total"], get(fresh, "/figures", org=b_id)["total"]
    listed_before = get(fresh, "/organizations")["total"]

    merged = post(fresh, f"/organizations/{a_id}/merge", {"into": b_id, "reason": "same body, two names"})
    assert merged["id"] == b_id and [m["id"] for m in merged["merged"]] == [a_id]
    assert merged["mention_count"] == a["mention_count"] + b["mention_count"]
    assert merged["event_count"] == len(a_events | b_events) < len(a_events) + len(b_events)
    assert {x["alias"] for x in a["aliases"] + b["aliases"]} <= {x["alias"] for x in merged["aliases"]}
    assert {a_id, b_id}.isdisjoint(p["organization"]["id"] for p in merged["partners"])
    assert get(fresh, f"/organizations/{a_id}") == get(fresh, f"/organizations/{b_id}") == merged
    assert _event_ids(fresh, b_id) == a_events | b_events
    for event_id in a_events:
        shown = participant_ids(get(fresh, f"/events/{event_id}"))
        assert b_id in shown and a_id not in shown, event_id
    assert get(fresh, "/figures", org=b_id)["total"] == a_figures + b_figures
    listing = everything(fresh, "/organizations")
    assert len(listing) == listed_before - 1 and a_id not in ids(listing)
    assert next(o for o in listing if o["id"] == b_id) == {k: merged[k] for k in listing[0]}
    assert b_id in ids(everything(fresh, "/organizations", q=a["aliases"][0]["alias"]))
    entry = _log(fresh)[0]
    assert (entry["actor"], entry["action"], entry["target_type"], entry["target_id"]) == (ACTOR, "merge", "organization", b_id)
    assert (entry["payload"]["merged"], entry["payload"]["into"], entry["reason"]) == (a_id, b_id, "same body, two names")

    # impossible merges are refused and change nothing
    other = next(o["id"] for o in listing if o["id"] != b_id)
    assert fresh.post(f"/organizations/{b_id}/merge", json={"into": b_id, "reason": "r"}, headers=WRITE).status_code == 409
    assert fresh.post(f"/organizations/{other}/merge", json={"into": a_id, "reason": "r"}, headers=WRITE).status_code == 409
    assert fresh.post(f"/organizations/{b_id}/merge", json={"into": 999999, "reason": "r"}, headers=WRITE).status_code == 404
    assert len(_log(fresh)) == 1

    # merging the survivor on: the first name now leads to the last survivor, which counts all three
    c = get(fresh, f"/organizations/{other}")
    final = post(fresh, f"/organizations/{b_id}/merge", {"into": other, "reason": "one more"})
    assert get(fresh, f"/organizations/{a_id}")["id"] == get(fresh, f"/organizations/{b_id}")["id"] == other
    assert {m["id"] for m in final["merged"]} == {a_id, b_id}
    assert final["mention_count"] == a["mention_count"] + b["mention_count"] + c["mention_count"]


def test_filters_by_a_merged_organization_follow_the_merge(fresh: TestClient) -> None:
    a_id, b_id = _merge_pair(fresh)
    post(fresh, f"/organizations/{a_id}/merge", {"into": b_id, "reason": "same"})
    assert _event_ids(fresh, a_id) == _event_ids(fresh, b_id)
    assert get(fresh, "/figures", org=a_id)["total"] == get(fresh, "/figures", org=b_id)["total"]
    assert get(fresh, "/graph", org=a_id) == get(fresh, "/graph", org=b_id)
    assert export(fresh, "events", org=a_id)[0] == export(fresh, "events", org=b_id)[0]


def _split_target(client: TestClient) -> tuple[dict, str]:
    """The most mentioned organization with an acronym (texts use the acronym on its own), and the alias
    that is its acronym."""
    org = max((o for o in everything(client, "/organizations") if o["acronym"]), key=lambda o: o["mention_count"])
    key = org_key(org["acronym"], org["lang"])
    aliases = get(client, f"/organizations/{org['id']}")["aliases"]
    return org, next(a["alias"] for a in aliases if org_key(a["alias"], org["lang"]) == key)


def test_split_moves_aliases_mentions_and_figures_to_a_new_organization(fresh: TestClient) -> None:
    org, acronym = _split_target(fresh)
    before = get(fresh, f"/organizations/{org['id']}")
    figures_before = get(fresh, "/figures", org=org["id"])["total"]
    listed_before = get(fresh, "/organizations")["total"]

    new = post(fresh, f"/organizations/{org['id']}/split", {"aliases": [acronym], "name": f"{acronym} (ayrı)", "reason": "two bodies"})
    after = get(fresh, f"/organizations/{org['id']}")
    assert new["id"] != org["id"] and new["name"] == f"{acronym} (ayrı)" and new["lang"] == org["lang"]
    assert [x["alias"] for x in new["aliases"]] == [acronym] and new["aliases"][0]["origin"] == "curator"
    assert acronym not in [x["alias"] for x in after["aliases"]]
    assert len(after["aliases"]) == len(before["aliases"]) - 1
    assert new["mention_count"] > 0, "mentions by the acronym move with it"
    assert new["mention_count"] + after["mention_count"] == before["mention_count"]
    assert get(fresh, "/figures", org=new["id"])["total"] + get(fresh, "/figures", org=org["id"])["total"] == figures_before
    assert get(fresh, f"/organizations/{new['id']}") == new
    assert get(fresh, "/organizations")["total"] == listed_before + 1
    assert new["id"] in ids(everything(fresh, "/organizations", q=acronym))
    assert org["id"] in ids(everything(fresh, "/organizations", q=before["name"]))
    entry = _log(fresh)[0]
    assert (entry["action"], entry["target_id"], entry["payload"]["new"], entry["payload"]["aliases"]) == \
           ("split", org["id"], new["id"], [acronym])
    refused = fresh.post(f"/organizations/{org['id']}/split", json={"aliases": ["zzq yok"], "name": "X", "reason": "r"},
                         headers=WRITE)
    assert refused.status_code == 409 and len(_log(fresh)) == 1


def test_rename_and_alias_are_found_and_exported_incrementally(fresh: TestClient) -> None:
    rows, response = export(fresh, "organizations")
    cursor = response.headers["X-Hamkar-Next-Since"]
    assert cursor == max(r["updated_at"] for r in rows)
    assert export(fresh, "organizations", since=cursor)[0] == [], "nothing changed after the cursor"
    org, taken = _split_target(fresh)  # its acronym, which texts use: moving it moves mentions
    other = next(o for o in everything(fresh, "/organizations", lang=org["lang"]) if o["id"] != org["id"])

    renamed = post(fresh, f"/organizations/{org['id']}/rename", {"name": "Zümrüt Meslek Kurumu", "reason": "new name"})
    assert renamed["name"] == get(fresh, f"/organizations/{org['id']}")["name"] == "Zümrüt Meslek Kurumu"
    assert "Zümrüt Meslek Kurumu" in [a["alias"] for a in renamed["aliases"]]
    assert ids(everything(fresh, "/organizations", q="zümrüt meslek")) == [org["id"]]
    assert org["id"] in ids(everything(fresh, "/organizations", q=org["name"])), "the old name still finds it"
    changed, response = export(fresh, "organizations", since=cursor)
    assert [(r["id"], r["name"]) for r in changed] == [(org["id"], "Zümrüt Meslek Kurumu")]
    cursor = response.headers["X-Hamkar-Next-Since"]
    assert cursor == changed[0]["updated_at"]
    assert export(fresh, "organizations", since=cursor)[0] == []

    aliased = post(fresh, f"/organizations/{other['id']}/aliases", {"alias": "Ağ Zqx Birliği", "reason": "abbreviation"})
    added = next(a for a in aliased["aliases"] if a["alias"] == "Ağ Zqx Birliği")
    assert added["origin"] == "curator" and ACTOR in added["reason"]
    for q in ("ağ zqx", "AĞ ZQX BİRLİĞİ", "ag zqx birligi"):
        assert ids(everything(fresh, "/organizations", q=q)) == [other["id"]], q
    # an alias of another organization (of the same language: aliases are per language) moves over, with
    # the mentions that use it
    org_before, other_before = get(fresh, f"/organizations/{org['id']}"), get(fresh, f"/organizations/{other['id']}")
    post(fresh, f"/organizations/{other['id']}/aliases", {"alias": taken, "reason": "belongs there"})
    org_after, other_after = get(fresh, f"/organizations/{org['id']}"), get(fresh, f"/organizations/{other['id']}")
    assert taken not in [a["alias"] for a in org_after["aliases"]]
    assert taken in [a["alias"] for a in other_after["aliases"]]
    moved = org_before["mention_count"] - org_after["mention_count"]
    assert moved > 0 and other_after["mention_count"] == other_before["mention_count"] + moved
    assert other["id"] in ids(everything(fresh, "/organizations", q=taken))
    log = _log(fresh)
    assert [e["action"] for e in log] == ["add_alias", "add_alias", "rename"]
    assert log[0]["payload"]["moved_from"] == org["id"] and log[1]["payload"]["moved_from"] is None
    assert log[2]["payload"] == {"from": org["name"], "to": "Zümrüt Meslek Kurumu"}
    assert fresh.post("/organizations/999999/rename", json={"name": "X", "reason": "r"}, headers=WRITE).status_code == 404


@pytest.mark.parametrize("action", ["merge", "split", "add_alias"])
def test_incremental_export_sees_the_organization_a_curation_changed(fresh: TestClient, action: str) -> None:
    cursor = export(fresh, "organizations")[1].headers["X-Hamkar-Next-Since"]
    if action == "merge":  # the survivor gains the mentions, events and aliases of the merged one
        a_id, b_id = _merge_pair(fresh)
        changed_org = post(fresh, f"/organizations/{a_id}/merge", {"into": b_id, "reason": "same"})
    elif action == "split":  # the split organization loses an alias and its mentions
        org, acronym = _split_target(fresh)
        post(fresh, f"/organizations/{org['id']}/split", {"aliases": [acronym], "name": "Ayrı", "reason": "two"})
        changed_org = get(fresh, f"/organizations/{org['id']}")
    else:
        org = everything(fresh, "/organizations")[0]
        changed_org = post(fresh, f"/organizations/{org['id']}/aliases", {"alias": "Zqx Takma Ad", "reason": "nick"})
    changed = {r["id"]: r for r in export(fresh, "organizations", since=cursor)[0]}
    # (a merge also re-parents the merged organization's children: they may be listed too)
    assert changed_org["id"] in changed, f"organization {changed_org['id']} is missing from {sorted(changed)}"
    row = changed[changed_org["id"]]
    assert (row["mentions"], row["events"]) == (changed_org["mention_count"], changed_org["event_count"])
    assert row["aliases"] == [a["alias"] for a in changed_org["aliases"]]
    if action == "merge":  # the merged-away organization comes too, pointing at its survivor
        assert changed[a_id]["merged_into_id"] == b_id and row["merged_into_id"] is None
        assert a_id not in {r["id"] for r in export(fresh, "organizations")[0]}, "a full export lists survivors only"


def test_rejected_event_leaves_lists_counts_graph_and_exports(fresh: TestClient) -> None:
    listed = everything(fresh, "/events")
    event = max(listed, key=lambda e: len(e["participants"]))
    counts = {o: get(fresh, f"/organizations/{o}")["event_count"] for o in participant_ids(event)}
    cursor = export(fresh, "events")[1].headers["X-Hamkar-Next-Since"]
    org_cursor = export(fresh, "organizations")[1].headers["X-Hamkar-Next-Since"]

    rejected = post(fresh, f"/events/{event['id']}/reject", {"reason": "not a collaboration"})
    assert rejected["status"] == "rejected" and rejected["id"] == event["id"]
    assert get(fresh, f"/events/{event['id']}")["status"] == "rejected"
    remaining = everything(fresh, "/events")
    assert ids(remaining) == [i for i in ids(listed) if i != event["id"]]
    with_rejected = everything(fresh, "/events", include_rejected=True)
    assert ids(with_rejected) == ids(listed)
    assert next(e for e in with_rejected if e["id"] == event["id"])["status"] == "rejected"
    for org_id, before in counts.items():
        assert get(fresh, f"/organizations/{org_id}")["event_count"] == before - 1
        assert event["id"] not in {e["id"] for e in get(fresh, f"/organizations/{org_id}")["events"]}
    assert all(event["id"] not in edge["events"] for edge in get(fresh, "/graph")["edges"])
    # the participants' event counts changed: an incremental export of organizations carries them
    assert {r["id"] for r in export(fresh, "organizations", since=org_cursor)[0]} == set(counts)
    assert event["id"] not in [r["id"] for r in export(fresh, "events")[0]]
    assert event["id"] in [r["id"] for r in export(fresh, "events", include_rejected=True)[0]]
    changed = export(fresh, "events", since=cursor, include_rejected=True)[0]
    assert [(r["id"], r["status"]) for r in changed] == [(event["id"], "rejected")]
    entry = _log(fresh)[0]
    assert (entry["action"], entry["target_type"], entry["target_id"], entry["reason"]) == \
           ("reject_event", "event", event["id"], "not a collaboration")
    assert fresh.post("/events/999999/reject", json={"reason": "r"}, headers=WRITE).status_code == 404


# -- exports ---------------------------------------------------------------------------------------


@pytest.mark.parametrize("dataset", list(COLUMNS))
def test_export_columns_are_stable_and_formats_agree(api: TestClient, dataset: str) -> None:
    table, response = export(api, dataset, "csv")
    header, rows = table[0], table[1:]
    assert header == COLUMNS[dataset] and rows
    assert response.headers["content-type"].startswith("text/csv")
    assert f"hamkar-{dataset}.csv" in response.headers["content-disposition"]
    empty, _ = export(api, dataset, "csv", lang="xx")
    assert empty == [COLUMNS[dataset]], "an empty export still has the header"
    records, response = export(api, dataset, "ndjson")
    assert response.headers["content-type"].startswith("application/x-ndjson")
    assert all(list(record) == COLUMNS[dataset] for record in records)
    assert [int(r["id"]) for r in rows] == [r["id"] for r in records]
    for row, record in zip(rows, records, strict=True):  # lists and objects are JSON in CSV cells
        for column, value in record.items():
            if isinstance(value, list | dict):
                assert json.loads(row[column]) == value, column
    entities, _ = export(api, dataset, "ftm")
    prefix, schema = FTM[dataset]
    assert [e["id"] for e in entities] == [f"{prefix}{r['id']}" for r in records]
    assert all(e["schema"] == schema and all(isinstance(v, list) and v for v in e["properties"].values())
               for e in entities)
    if dataset == "events":
        for entity, record in zip(entities, records, strict=True):
            assert entity["properties"]["involved"] == [f"hamkar-org-{i}" for i in record["participant_ids"]]


def test_event_export_matches_the_api_for_the_same_filters(api: TestClient, events: list[dict]) -> None:
    dates = sorted(e["date_start"] for e in events if e["date_start"])
    busiest = Counter(oid for e in events for oid in participant_ids(e)).most_common(1)[0][0]
    for export_filters, api_filters in [
        ({}, {}),
        ({"lang": "fa"}, {"lang": "fa"}),
        ({"event_type": "protocol", "lang": "tr"}, {"type": "protocol", "lang": "tr"}),
        ({"date_from": dates[len(dates) // 2]}, {"date_from": dates[len(dates) // 2]}),
        ({"date_from": dates[len(dates) // 4], "date_to": dates[len(dates) // 2]},
         {"date_from": dates[len(dates) // 4], "date_to": dates[len(dates) // 2]}),
        ({"org": busiest}, {"org": busiest}),
    ]:
        rows, _ = export(api, "events", **export_filters)
        listed = everything(api, "/events", evidence_limit=1000, **api_filters)
        assert listed and sorted(r["id"] for r in rows) == sorted(ids(listed)), export_filters
        by_id = {e["id"]: e for e in listed}
        for row in rows:
            event = by_id[row["id"]]
            assert row["participant_ids"] == [p["organization"]["id"] for p in event["participants"]]
            assert row["roles"] == [p["role"] for p in event["participants"]]
            assert row["sources"] == event["sources"]
            assert row["documents"] == sorted({e["document_id"] for e in event["evidence"]})
            assert row["evidence"] == [{k: e[k] for k in ("document_id", "start", "end", "text")} for e in event["evidence"]]


def test_figure_organization_and_document_exports_match_the_api(api: TestClient, figures: list[dict],
                                                                document: Callable[[int], dict]) -> None:
    values = sorted(f["value"] for f in figures)
    busiest = Counter(f["organization"]["id"] for f in figures if f["organization"]).most_common(1)[0][0]
    for export_filters, api_filters in [
        ({}, {}),
        ({"unit": "kursiyer", "lang": "tr"}, {"unit": "kursiyer", "lang": "tr"}),
        ({"value_min": values[len(values) // 2]}, {"min_value": values[len(values) // 2]}),
        ({"value_max": values[len(values) // 3], "org": busiest}, {"max_value": values[len(values) // 3], "org": busiest}),
    ]:
        rows, _ = export(api, "figures", **export_filters)
        listed = walk(api, "/figures", 100, **api_filters)
        assert listed and [r["id"] for r in rows] == sorted(ids(listed)), export_filters
    by_id = {f["id"]: f for f in figures}
    for row in export(api, "figures")[0]:
        figure = by_id[row["id"]]
        text_of = document(row["document_id"])["text"]
        assert text_of[row["start"]:row["end"]] == row["text"]
        assert row["sentence"] == figure["evidence"]["text"] and row["value"] == figure["value"]
        assert row["organization_id"] == (figure["organization"] and figure["organization"]["id"])

    for params in ({}, {"lang": "fa"}, {"q": "odası"}, {"q": "فنی و حرفه"}):
        rows, _ = export(api, "organizations", **params)
        listed = everything(api, "/organizations", **params)
        assert listed and sorted(r["id"] for r in rows) == sorted(ids(listed)), params
        by_id = {o["id"]: o for o in listed}
        assert all((r["mentions"], r["events"]) == (by_id[r["id"]]["mention_count"], by_id[r["id"]]["event_count"])
                   for r in rows)

    for lang in (None, "tr", "fa"):
        rows, _ = export(api, "documents", lang=lang)
        hits = get(api, "/search", lang=lang, limit=100)
        assert hits["next_cursor"] is None and rows
        assert sorted(r["id"] for r in rows) == sorted(h["document"]["id"] for h in hits["items"])
        assert all(lang is None or r["lang"] == lang for r in rows)


def test_since_cursors_return_only_later_rows(api: TestClient) -> None:
    rows, response = export(api, "figures")
    all_ids = [r["id"] for r in rows]
    assert response.headers["X-Hamkar-Next-Since"] == str(max(all_ids))
    middle = all_ids[len(all_ids) // 2]
    later, response = export(api, "figures", since=middle)
    assert [r["id"] for r in later] == [i for i in all_ids if i > middle]
    assert response.headers["X-Hamkar-Next-Since"] == str(max(all_ids))
    none, response = export(api, "figures", since=max(all_ids))
    assert none == [] and "X-Hamkar-Next-Since" not in response.headers
    for dataset in ("events", "organizations", "documents"):
        rows, response = export(api, dataset)
        cursor = response.headers["X-Hamkar-Next-Since"]
        assert cursor == max(r["updated_at"] for r in rows)
        assert export(api, dataset, since=cursor)[0] == [], dataset
        oldest = min(r["updated_at"] for r in rows)
        assert [r["id"] for r in export(api, dataset, since=oldest)[0]] == \
               [r["id"] for r in rows if r["updated_at"] > oldest], dataset
    assert api.get("/export/organizations", params={"since": "last tuesday"}).status_code == 400
    assert api.get("/export/figures", params={"since": "abc"}).status_code == 400
    assert api.get("/export/events", params={"format": "xlsx"}).status_code == 422
    assert api.get("/export/people").status_code == 422


# -- graph -----------------------------------------------------------------------------------------


def _graphml(api: TestClient, **params: Any) -> tuple[dict[str, dict[str, str]], list[tuple[str, str, int]]]:
    response = api.get("/graph", params={"format": "graphml", **params})
    assert response.status_code == 200 and response.headers["content-type"].startswith("application/graphml+xml")
    root = ET.fromstring(response.content)
    graph = root.find(f"{GRAPHML}graph")
    assert graph is not None and graph.get("edgedefault") == "undirected"
    nodes = {n.get("id"): {d.get("key"): d.text for d in n.findall(f"{GRAPHML}data")} for n in graph.findall(f"{GRAPHML}node")}
    edges = [(e.get("source"), e.get("target"), int(e.find(f"{GRAPHML}data").text)) for e in graph.findall(f"{GRAPHML}edge")]
    return nodes, edges


def _expected_edges(events: list[dict]) -> dict[tuple[int, int], list[int]]:
    edges: dict[tuple[int, int], list[int]] = defaultdict(list)
    for event in events:
        for pair in combinations(sorted(participant_ids(event)), 2):
            edges[pair].append(event["id"])
    return edges


def test_graph_links_the_participants_of_each_event(api: TestClient, events: list[dict]) -> None:
    graph = get(api, "/graph")
    expected = _expected_edges(events)
    assert expected, "the demo events have several participants"
    assert {(e["source"], e["target"]): sorted(e["events"]) for e in graph["edges"]} == \
           {pair: sorted(event_ids) for pair, event_ids in expected.items()}
    assert all(e["weight"] == len(e["events"]) for e in graph["edges"])
    degree = Counter(oid for e in events for oid in participant_ids(e))
    node_ids = {n for pair in expected for n in pair}
    assert sorted(n["id"] for n in graph["nodes"]) == sorted(node_ids)
    names = {p["organization"]["id"]: p["organization"]["name"] for e in events for p in e["participants"]}
    for node in graph["nodes"]:
        assert node["events"] == degree[node["id"]] and node["name"] == names[node["id"]]

    nodes, edges = _graphml(api)
    assert set(nodes) == {f"o{n['id']}" for n in graph["nodes"]}
    for node in graph["nodes"]:
        assert nodes[f"o{node['id']}"] == {"name": node["name"], "lang": node["lang"], "events": str(node["events"])}
    assert sorted(edges) == sorted((f"o{e['source']}", f"o{e['target']}", e["weight"]) for e in graph["edges"])

    hub = degree.most_common(1)[0][0]
    focused = get(api, "/graph", org=hub)
    assert focused["edges"] and all(hub in (e["source"], e["target"]) for e in focused["edges"])
    assert focused["edges"] == [e for e in graph["edges"] if hub in (e["source"], e["target"])]
    protocols = get(api, "/graph", type="protocol")
    assert {(e["source"], e["target"]): e["events"] for e in protocols["edges"]} == \
           dict(_expected_edges([e for e in events if e["type"] == "protocol"]))
    persian = _graphml(api, lang="fa")[0]
    assert persian and all(n["lang"] == "fa" for n in persian.values())
