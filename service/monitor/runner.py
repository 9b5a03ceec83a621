"""``hamkar monitor``: run the due sources, fetch only what is new or changed, keep per-source status.

For each due source: read its listing (:mod:`service.monitor.listing`), keep the items whose key is
unknown or whose version changed, and hand their URLs to the :class:`~service.ingest.runner.Ingestor`,
which fetches them with the stored ETag/Last-Modified and stores a document only when its content hash
is new. A crawl source is handed to the Ingestor as a bounded crawl. Each source is claimed before it
runs (its ``next_run`` is pushed out in one UPDATE), so two monitors never run the same source at once,
and a source that fails is rescheduled with exponential backoff: it costs the others nothing.
"""

from __future__ import annotations

import logging
import time
from collections import Counter
from collections.abc import Callable
from dataclasses import asdict, dataclass
from datetime import UTC, datetime, timedelta

from sqlalchemy import or_, select, update
from sqlalchemy.orm import Session

from service.ingest.dedup import canonical_url
from service.ingest.errors import IngestError
from service.ingest.fetch import Fetcher
from service.ingest.runner import IngestOptions, Ingestor, IngestSummary
from service.monitor.listing import ListedItem, Listing, list_source
from service.monitor.schedule import as_utc, parse_schedule
from service.settings import Settings, get_settings
from service.store.db import migrate, transaction
from service.store.models import Source, SourceItem, SourceRun

log = logging.getLogger(__name__)
CLAIM = timedelta(hours=1)  # a run that dies without releasing its source is retried after this


class SourceFailed(Exception):
    """The source as a whole failed (its listing or crawl root could not be read)."""


@dataclass
class RunReport:
    """What one run of one source did."""

    source_id: int
    name: str
    status: str  # ok or failed
    listed: int = 0
    fetched: int = 0
    new: int = 0
    changed: int = 0
    failed: int = 0
    error: str | None = None
    next_run: datetime | None = None
    ingest_run_id: int | None = None

    def to_dict(self) -> dict:
        data = asdict(self)
        data["next_run"] = self.next_run.isoformat() if self.next_run else None
        return data


@dataclass(frozen=True)
class _Snapshot:
    """The source as read when it was claimed (the run works without holding a session open)."""

    id: int
    name: str
    kind: str
    url: str
    schedule: str
    max_pages: int
    delay: float
    links_xpath: str | None
    etag: str | None
    last_modified: str | None
    next_run: datetime | None
    known: dict[str, str | None]


@dataclass
class _Result:
    listing: Listing | None
    picked: list[ListedItem]
    summary: IngestSummary | None


class Monitor:
    """Runs sources from the registry in the database; ``on_document`` is the Ingestor's analysis hook."""

    def __init__(
        self, settings: Settings | None = None, *, on_document: Callable[..., None] | None = None,
        progress: bool = False,
    ) -> None:
        self.settings = settings or get_settings()
        self.on_document = on_document
        self.progress = progress
        migrate(self.settings.database_url)

    def due(self, now: datetime | None = None) -> list[int]:
        """Ids of the enabled sources whose ``next_run`` has come, earliest first."""
        now = now or datetime.now(UTC)
        with transaction(self.settings.database_url) as session:
            query = (select(Source.id).where(Source.enabled, or_(Source.next_run.is_(None), Source.next_run <= now))
                     .order_by(Source.next_run, Source.id))
            return list(session.scalars(query))

    def run_due(self, now: datetime | None = None) -> list[RunReport]:
        """Run every due source once (``hamkar monitor --once``)."""
        now = now or datetime.now(UTC)
        reports = []
        for source_id in self.due(now):
            report = self.run_source(source_id, now)
            if report is not None:
                reports.append(report)
        return reports

    def loop(self, poll: float = 60.0, should_stop: Callable[[], bool] = lambda: False,
             on_report: Callable[[RunReport], None] | None = None) -> None:
        """Run due sources until ``should_stop``; sleeps until the next ``next_run`` (at most ``poll`` s)."""
        while not should_stop():
            for report in self.run_due():
                if on_report:
                    on_report(report)
            time.sleep(max(1.0, min(poll, self._seconds_to_next())))

    def run_source(self, source_id: int, now: datetime | None = None) -> RunReport | None:
        """Run one source if it can be claimed (``None`` when it is not due or another monitor has it)."""
        now = now or datetime.now(UTC)
        snapshot = self._claim(source_id, now)
        if snapshot is None:
            return None
        try:
            result = self._run(snapshot)
        except (IngestError, SourceFailed) as exc:
            return self._failed(snapshot, now, str(exc))
        except Exception as exc:  # noqa: BLE001 - one broken source must never stop the others
            log.exception("source %s crashed", snapshot.name)
            return self._failed(snapshot, now, f"{type(exc).__name__}: {exc}")
        except BaseException:  # Ctrl-C: give the source back so the next monitor runs it at once
            self._release(snapshot)
            raise
        return self._succeeded(snapshot, now, result)

    # -- steps -------------------------------------------------------------------------------------
    def _claim(self, source_id: int, now: datetime) -> _Snapshot | None:
        due = (Source.id == source_id, Source.enabled, or_(Source.next_run.is_(None), Source.next_run <= now))
        with transaction(self.settings.database_url) as session:
            source = session.scalar(select(Source).where(*due))
            if source is None:
                return None
            claimed = session.execute(
                update(Source).where(*due).values(next_run=now + CLAIM).execution_options(synchronize_session=False)
            ).rowcount
            if claimed != 1:  # another monitor took it in between
                return None
            rows = session.execute(select(SourceItem.key, SourceItem.version).where(SourceItem.source_id == source_id))
            known = {key: version for key, version in rows}
            return _Snapshot(source.id, source.name, source.kind, source.url, source.schedule, source.max_pages,
                             source.delay, (source.hints or {}).get("links"), source.etag, source.last_modified,
                             source.next_run, known)

    def _release(self, snapshot: _Snapshot) -> None:
        with transaction(self.settings.database_url) as session:
            session.execute(update(Source).where(Source.id == snapshot.id).values(next_run=snapshot.next_run))

    def _run(self, snapshot: _Snapshot) -> _Result:
        settings = self.settings.model_copy(update={"host_delay": snapshot.delay})
        if snapshot.kind == "crawl":
            options = IngestOptions(crawl=True, max_pages=snapshot.max_pages)
            summary = Ingestor(settings, options, self.on_document).run([snapshot.url], progress=self.progress)
            root = next((r for r in summary.reports if r.locator == snapshot.url), None)
            if root is not None and root.outcome == "failed":
                raise SourceFailed(f"{root.reason}: {root.detail}")
            return _Result(None, [], summary)
        with Fetcher(settings) as fetcher:
            listing = list_source(snapshot.kind, snapshot.url, fetcher, etag=snapshot.etag,
                                  last_modified=snapshot.last_modified, links_xpath=snapshot.links_xpath)
        picked = [item for item in listing.items if _wanted(item, snapshot.known)][: snapshot.max_pages]
        log.info("%s: %d listed, %d new or changed", snapshot.name, len(listing.items), len(picked))
        urls = list(dict.fromkeys(item.url for item in picked))
        summary = Ingestor(settings, on_document=self.on_document).run(urls, progress=self.progress) if urls else None
        return _Result(listing, picked, summary)

    def _succeeded(self, snapshot: _Snapshot, now: datetime, result: _Result) -> RunReport:
        reports = {canonical_url(r.locator): r for r in (result.summary.reports if result.summary else [])}
        outcomes = Counter(r.outcome for r in reports.values())
        listing = result.listing
        report = RunReport(
            snapshot.id, snapshot.name, "ok",
            listed=len(listing.items) if listing else len(reports),
            fetched=len(result.picked) if listing else len(reports),
            new=outcomes["new"], changed=outcomes["updated"],
            failed=outcomes["failed"] + (len(listing.errors) if listing else 0),
            error=("; ".join(listing.errors) or None) if listing else None,
            next_run=parse_schedule(snapshot.schedule).next_after(now),
            ingest_run_id=result.summary.run_id if result.summary else None,
        )
        with transaction(self.settings.database_url) as session:
            source = session.get(Source, snapshot.id)
            if listing is not None and not listing.not_modified:
                source.etag, source.last_modified = listing.etag, listing.last_modified
            for item in result.picked:
                stored = reports.get(canonical_url(item.url))
                if stored is not None and stored.outcome != "failed":  # failed items are retried next run
                    _remember(session, snapshot.id, item, stored.document_id, now)
            source.consecutive_failures = 0
            source.backoff_until = None
            self._record(session, source, report, now)
        return report

    def _failed(self, snapshot: _Snapshot, now: datetime, error: str) -> RunReport:
        with transaction(self.settings.database_url) as session:
            source = session.get(Source, snapshot.id)
            source.consecutive_failures += 1
            delay = parse_schedule(snapshot.schedule).retry_after(source.consecutive_failures)
            report = RunReport(snapshot.id, snapshot.name, "failed", error=error, next_run=now + delay)
            source.backoff_until = report.next_run
            self._record(session, source, report, now)
            log.warning("source %s failed (%d in a row), next try %s: %s", snapshot.name,
                        source.consecutive_failures, report.next_run.isoformat(timespec="minutes"), error)
        return report

    @staticmethod
    def _record(session: Session, source: Source, report: RunReport, now: datetime) -> None:
        source.next_run, source.last_run, source.last_status = report.next_run, now, report.status
        source.last_listed, source.last_fetched = report.listed, report.fetched
        source.last_new, source.last_changed, source.last_failed = report.new, report.changed, report.failed
        source.last_error = report.error
        session.add(SourceRun(source_id=source.id, started_at=now, finished_at=datetime.now(UTC),
                              status=report.status, listed=report.listed, fetched=report.fetched, new=report.new,
                              changed=report.changed, failed=report.failed, error=report.error,
                              ingest_run_id=report.ingest_run_id))

    def _seconds_to_next(self) -> float:
        with transaction(self.settings.database_url) as session:
            upcoming = session.scalar(select(Source.next_run).where(Source.enabled).order_by(Source.next_run).limit(1))
        if upcoming is None:
            return float("inf")
        return (as_utc(upcoming) - datetime.now(UTC)).total_seconds()


def _wanted(item: ListedItem, known: dict[str, str | None]) -> bool:
    """New (unknown key) or changed (a version that differs from the remembered one)."""
    if item.key not in known:
        return True
    return item.version is not None and item.version != known[item.key]


def _remember(session: Session, source_id: int, item: ListedItem, document_id: int | None, now: datetime) -> None:
    row = session.scalar(select(SourceItem).where(SourceItem.source_id == source_id, SourceItem.key == item.key))
    if row is None:
        session.add(SourceItem(source_id=source_id, key=item.key, url=item.url, version=item.version,
                               document_id=document_id, first_seen=now, last_seen=now))
        return
    row.url, row.version, row.last_seen = item.url, item.version, now
    row.document_id = document_id or row.document_id
