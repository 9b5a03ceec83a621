"""`hamkar sources`, `hamkar monitor --once` and the /sources API report the registry's real state."""

from __future__ import annotations

import json
from collections.abc import Iterator
from pathlib import Path

import pytest
from fastapi.testclient import TestClient
from typer.testing import CliRunner

from service.api.app import create_app
from service.cli.main import app
from service.monitor.runner import Monitor
from service.settings import Settings, get_settings
from tests.ingest.server import LocalServer
from tests.monitor.conftest import T0, registry_file

runner = CliRunner()


def hamkar(*args: str) -> str:
    result = runner.invoke(app, list(args))
    assert result.exit_code == 0, result.output
    return result.output


def test_import_then_monitor_once_picks_up_new_items_and_skips_known_ones(
    settings: Settings, server: LocalServer, tmp_path: Path
) -> None:
    path = registry_file(server, tmp_path)
    assert "4 sources" in hamkar("sources", "import", str(path))
    assert {row["state"] for row in map(json.loads, hamkar("sources", "--json").splitlines())} == {"new"}
    runs = [json.loads(line) for line in hamkar("monitor", "--once", "--no-analyze", "--json").splitlines()]
    assert {r["name"]: r["status"] for r in runs} == {
        "local-feed": "ok", "local-sitemap": "ok", "local-section": "ok", "local-broken": "failed"}
    rows = {row["name"]: row for row in map(json.loads, hamkar("sources", "--json").splitlines())}
    assert rows["local-feed"]["state"] == "ok" and rows["local-feed"]["last_new"] == 2
    assert rows["local-sitemap"]["last_fetched"] == 3
    broken = rows["local-broken"]
    assert broken["state"] == "failing" and broken["consecutive_failures"] == 1 and "500" in broken["last_error"]
    assert broken["backoff_until"] == broken["next_run"]
    # the table shows the failure and its error
    table = hamkar("sources")
    assert "failed 1x in a row" in table and "http_error" in table
    # nothing is due again until the schedule says so: a cron call in the same hour does nothing
    assert "no source is due" in hamkar("monitor", "--once", "--no-analyze")
    # re-importing the (unchanged) file keeps the run state
    assert "0 new, 4 updated" in hamkar("sources", "import", str(path))
    assert json.loads(hamkar("sources", "--json").splitlines()[0])["last_run"] is not None


def test_add_disable_enable(settings: Settings) -> None:
    hamkar("sources", "add", "--name", "mem-bursa", "--url", "https://bursa.meb.gov.tr/www/haberler/kategori/1",
           "--kind", "section", "--lang", "tr", "--schedule", "daily", "--links-xpath", "//a")
    assert "disabled" in hamkar("sources", "disable", "mem-bursa")
    row = json.loads(hamkar("sources", "--json"))
    assert (row["state"], row["schedule"], row["hints"]) == ("disabled", "daily", {"links": "//a"})
    hamkar("sources", "enable", str(row["id"]))
    assert json.loads(hamkar("sources", "--json"))["enabled"] is True


@pytest.mark.parametrize("bad", [["--schedule", "every tuesday"], ["--kind", "newsletter"], ["--url", "ftp://x"],
                                 ["--links-xpath", "//a["]])
def test_add_rejects_invalid_configuration(settings: Settings, bad: list[str]) -> None:
    args = {"--name": "x", "--url": "https://example.org/", "--kind": "feed", "--lang": "tr", "--schedule": "6h",
            "--links-xpath": "//a"}
    args.update(dict(zip(bad[::2], bad[1::2], strict=True)))
    result = runner.invoke(app, ["sources", "add", *[part for pair in args.items() for part in pair]])
    assert result.exit_code == 2 and "error" in result.output


def test_import_rejects_duplicate_names(settings: Settings, tmp_path: Path) -> None:
    path = tmp_path / "bad.yaml"
    entry = "  - {name: a, language: tr, kind: feed, url: 'https://example.org/rss'}\n"
    path.write_text("sources:\n" + entry * 2, encoding="utf-8")
    result = runner.invoke(app, ["sources", "import", str(path)])
    assert result.exit_code == 2 and "duplicate source names: a" in result.output


@pytest.fixture
def client(settings: Settings, server: LocalServer, registry: dict, monkeypatch: pytest.MonkeyPatch) -> Iterator[TestClient]:
    Monitor(settings).run_due(T0)
    monkeypatch.setenv("HAMKAR_API_KEYS", '["curator:s3cret"]')
    get_settings.cache_clear()
    with TestClient(create_app(get_settings())) as test_client:
        yield test_client


def test_api_lists_sources_with_status_and_runs(client: TestClient, registry: dict) -> None:
    listing = {row["name"]: row for row in client.get("/sources").json()}
    assert listing["local-feed"]["state"] == "ok" and listing["local-feed"]["last_new"] == 2
    assert listing["local-broken"]["state"] == "failing" and "500" in listing["local-broken"]["last_error"]
    detail = client.get(f"/sources/{registry['local-sitemap']}").json()
    assert detail["name"] == "local-sitemap" and detail["runs"][0]["status"] == "ok"
    assert detail["runs"][0]["new"] == 3 and detail["runs"][0]["ingest_run_id"]
    assert client.get("/sources/9999").status_code == 404


def test_api_writes_need_a_key(client: TestClient, registry: dict) -> None:
    body = {"name": "tvto-qom", "language": "fa", "country": "IR", "kind": "section",
            "url": "https://qom.irantvto.ir/", "schedule": "daily"}
    assert client.post("/sources", json=body).status_code == 401
    created = client.post("/sources", json=body, headers={"X-API-Key": "s3cret"})
    assert created.status_code == 200 and created.json()["state"] == "new"
    assert client.post("/sources", json={**body, "schedule": "sometimes"},
                       headers={"X-API-Key": "s3cret"}).status_code == 422
    source_id = registry["local-broken"]
    assert client.patch(f"/sources/{source_id}", json={"enabled": False}).status_code == 401
    disabled = client.patch(f"/sources/{source_id}", json={"enabled": False}, headers={"X-API-Key": "s3cret"})
    assert disabled.json()["state"] == "disabled"
    assert len(client.get("/sources").json()) == 5
