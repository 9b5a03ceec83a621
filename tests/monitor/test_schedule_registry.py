"""Schedules, backoff and the registry file format (no network, no database)."""

from __future__ import annotations

from datetime import UTC, datetime, timedelta
from pathlib import Path

import pytest

from service.monitor.registry import RegistryError, load_registry
from service.monitor.schedule import MAX_BACKOFF, parse_schedule
from service.settings import REPO_ROOT

MOMENT = datetime(2026, 3, 1, 7, 15, tzinfo=UTC)


@pytest.mark.parametrize(("text", "every"), [("30m", timedelta(minutes=30)), ("6h", timedelta(hours=6)),
                                             ("2d", timedelta(days=2)), ("1w", timedelta(weeks=1)),
                                             ("hourly", timedelta(hours=1)), ("Daily", timedelta(days=1))])
def test_intervals(text: str, every: timedelta) -> None:
    assert parse_schedule(text).next_after(MOMENT) == MOMENT + every


def test_daily_at_a_time_of_day() -> None:
    schedule = parse_schedule("daily@06:30")
    assert schedule.next_after(MOMENT) == datetime(2026, 3, 2, 6, 30, tzinfo=UTC)
    assert schedule.next_after(MOMENT.replace(hour=5)) == datetime(2026, 3, 1, 6, 30, tzinfo=UTC)
    assert schedule.next_after(MOMENT.replace(tzinfo=None)) == datetime(2026, 3, 2, 6, 30, tzinfo=UTC)


@pytest.mark.parametrize("text", ["1m", "every tuesday", "daily@25:00", "6 hours", ""])
def test_invalid_schedules_are_refused(text: str) -> None:
    with pytest.raises(ValueError):
        parse_schedule(text)


def test_backoff_doubles_from_the_period_up_to_a_week() -> None:
    schedule = parse_schedule("6h")
    assert [schedule.retry_after(n) for n in (1, 2, 3)] == [timedelta(hours=h) for h in (6, 12, 24)]
    assert schedule.retry_after(30) == MAX_BACKOFF
    assert parse_schedule("2w").retry_after(5) == timedelta(weeks=2)  # never sooner than the period


def test_sample_registry_is_valid_and_covers_both_countries_and_every_kind() -> None:
    sources = load_registry(REPO_ROOT / "corpora" / "sources.yaml")
    assert len(sources) >= 20
    assert {s.kind for s in sources} == {"feed", "sitemap", "section", "crawl"}
    assert {(s.language, s.country) for s in sources} == {("tr", "TR"), ("fa", "IR")}
    assert all(s.url.startswith("https://") for s in sources)
    assert len({s.name for s in sources}) == len(sources)


def test_defaults_apply_and_entries_override_them(tmp_path: Path) -> None:
    path = tmp_path / "r.yaml"
    path.write_text("defaults: {schedule: daily, delay: 4}\nsources:\n"
                    "  - {name: a, language: tr, kind: feed, url: 'https://example.org/rss'}\n"
                    "  - {name: b, language: fa, kind: sitemap, url: 'https://example.ir/sitemap.xml', delay: 1}\n",
                    encoding="utf-8")
    a, b = load_registry(path)
    assert (a.schedule, a.delay, b.schedule, b.delay, a.enabled) == ("daily", 4, "daily", 1, True)


@pytest.mark.parametrize(("body", "message"), [
    ("- just a list\n", "'sources' list"),
    ("sources:\n  - {name: a, language: en, kind: feed, url: 'https://x.org'}\n", "source a"),
    ("sources:\n  - {name: a, language: tr, kind: feed, url: 'https://x.org', colour: red}\n", "colour"),
    ("sources: [\n", "not valid YAML"),
])
def test_broken_registries_say_what_is_wrong(tmp_path: Path, body: str, message: str) -> None:
    path = tmp_path / "r.yaml"
    path.write_text(body, encoding="utf-8")
    with pytest.raises(RegistryError, match=message):
        load_registry(path)
