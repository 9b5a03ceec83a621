"""``hamkar ingest``: expand inputs (URLs, files, folders, feeds, sitemaps, crawls) and store documents.

Fetching and parsing run in a thread pool (network-bound, and lxml releases the GIL); every store is
one transaction in the calling thread, so a crash never leaves half a document and a failure of one
source never stops the batch. Every source ends with one recorded outcome and, if it failed, a reason.
"""

from __future__ import annotations

import logging
from collections import Counter
from collections.abc import Callable, Iterable
from concurrent.futures import FIRST_COMPLETED, Future, ThreadPoolExecutor, wait
from dataclasses import asdict, dataclass, field
from datetime import UTC, datetime
from pathlib import Path

from tqdm import tqdm

from service.ingest.dedup import canonical_url
from service.ingest.errors import IngestError, Reason
from service.ingest.fetch import Fetcher
from service.ingest.links import classify_xml, entries_from_sitemap, feed_items, same_site_links
from service.ingest.parse import ParsedDocument, parse_bytes
from service.settings import Settings, get_settings
from service.store import documents as repo
from service.store.db import migrate, transaction
from service.store.models import IngestResult, IngestRun
from service.text import LanguageGuess, detect_language

log = logging.getLogger(__name__)
FILE_SUFFIXES = (".html", ".htm", ".xhtml", ".pdf", ".txt", ".text", ".xml")


@dataclass(frozen=True)
class Task:
    """One source to process. ``depth`` counts crawl hops from a crawl root."""

    locator: str
    kind: str  # "url" or "file"
    depth: int = 0
    crawl: bool = False
    etag: str | None = None
    last_modified: str | None = None


@dataclass
class TaskResult:
    task: Task
    children: list[Task] = field(default_factory=list)
    parsed: ParsedDocument | None = None
    language: LanguageGuess | None = None
    raw: bytes = b""
    etag: str | None = None
    last_modified: str | None = None
    http_status: int | None = None
    final_url: str | None = None
    container: str | None = None  # "feed" / "sitemap" when the source only listed other sources
    not_modified: bool = False
    error: IngestError | None = None


@dataclass
class IngestOptions:
    crawl: bool = False
    max_pages: int = 100
    max_depth: int = 2


@dataclass
class SourceReport:
    locator: str
    outcome: str
    reason: str | None = None
    detail: str | None = None
    document_id: int | None = None
    story_id: int | None = None


@dataclass
class IngestSummary:
    run_id: int
    reports: list[SourceReport] = field(default_factory=list)

    @property
    def counts(self) -> dict[str, int]:
        return dict(Counter(r.outcome for r in self.reports))

    @property
    def failures(self) -> list[SourceReport]:
        return [r for r in self.reports if r.outcome in ("failed", "skipped")]

    def to_dict(self) -> dict:
        return {
            "run_id": self.run_id,
            "counts": self.counts,
            "failure_reasons": dict(Counter(r.reason for r in self.failures)),
            "sources": [asdict(r) for r in self.reports],
        }


def expand_inputs(inputs: Iterable[str], crawl: bool) -> list[Task]:
    """Turn command-line inputs into tasks; folders expand to their supported files (sorted)."""
    tasks: list[Task] = []
    for item in inputs:
        if "://" in item:
            tasks.append(Task(item, "url", crawl=crawl))
            continue
        path = Path(item)
        if path.is_dir():
            files = sorted(p for p in path.rglob("*") if p.is_file() and p.suffix.lower() in FILE_SUFFIXES)
            tasks.extend(Task(str(p.resolve()), "file") for p in files)
        else:
            tasks.append(Task(str(path.resolve()) if path.exists() else item, "file"))
    return tasks


def process_task(task: Task, fetcher: Fetcher, settings: Settings) -> TaskResult:
    """Fetch or read one source and parse it (runs in a worker thread; touches no database)."""
    try:
        return _process(task, fetcher, settings)
    except IngestError as exc:
        return TaskResult(task, error=exc)
    except Exception as exc:  # noqa: BLE001 - one broken source must never stop the batch
        log.exception("unexpected failure on %s", task.locator)
        return TaskResult(task, error=IngestError(Reason.MALFORMED, f"{type(exc).__name__}: {exc}"))


def _process(task: Task, fetcher: Fetcher, settings: Settings) -> TaskResult:
    if task.kind == "file":
        data, name, content_type, charset, base = _read_file(task.locator, settings), task.locator, "", None, None
        result = TaskResult(task)
    else:
        fetched = fetcher.fetch(task.locator, etag=task.etag, last_modified=task.last_modified)
        if fetched.not_modified:
            return TaskResult(task, not_modified=True, http_status=304, final_url=fetched.final_url)
        data, name, content_type, charset = fetched.content, fetched.final_url, fetched.content_type, fetched.charset
        base = fetched.final_url
        result = TaskResult(
            task,
            etag=fetched.etag,
            last_modified=fetched.last_modified,
            http_status=fetched.status,
            final_url=fetched.final_url,
        )
    container = classify_xml(data) if (name.lower().endswith(".xml") or "xml" in content_type) else None
    if container:
        result.container = container
        result.children = _container_children(container, data, base or "")
        if not result.children:
            raise IngestError(Reason.EMPTY, f"the {container} lists no links")
        return result
    parsed = parse_bytes(data, content_type=content_type, charset=charset, name=name, url=base)
    if len(parsed.text.strip()) < settings.min_text_chars and parsed.raw_type != "text":
        raise IngestError(Reason.EMPTY, f"only {len(parsed.text.strip())} characters of text extracted")
    result.parsed = parsed
    result.raw = data
    result.language = detect_language(f"{parsed.title or ''}\n{parsed.text}")
    if task.crawl and parsed.raw_type == "html" and base:
        html_text = data.decode(parsed.encoding or "utf-8", errors="replace")
        result.children = [
            Task(link, "url", depth=task.depth + 1, crawl=True) for link in same_site_links(html_text, base)
        ]
    return result


def _read_file(locator: str, settings: Settings) -> bytes:
    path = Path(locator)
    if not path.exists():
        raise IngestError(Reason.NOT_FOUND, f"no such file: {locator}")
    if not path.is_file():
        raise IngestError(Reason.UNSUPPORTED_TYPE, f"not a regular file: {locator}")
    size = path.stat().st_size
    if size > settings.max_bytes:
        raise IngestError(Reason.TOO_LARGE, f"{locator} has {size} bytes (limit {settings.max_bytes})")
    return path.read_bytes()


def _container_children(container: str, data: bytes, base: str) -> list[Task]:
    if container == "feed":
        return [Task(item.url, "url") for item in feed_items(data, base)]
    return [Task(entry.url, "url") for entry in entries_from_sitemap(data, base)]


class Ingestor:
    """Runs one ingest: a work queue over a thread pool, storing results as they complete."""

    def __init__(
        self,
        settings: Settings | None = None,
        options: IngestOptions | None = None,
        on_document: Callable[..., None] | None = None,
    ) -> None:
        self.settings = settings or get_settings()
        self.options = options or IngestOptions()
        self.on_document = on_document
        self.seen: set[str] = set()
        self.crawled_pages = 0

    def run(self, inputs: list[str], *, progress: bool = True) -> IngestSummary:
        url = self.settings.database_url
        migrate(url)
        with transaction(url) as session:
            run = IngestRun(arguments={"inputs": inputs, **asdict(self.options)})
            session.add(run)
            session.flush()
            run_id = run.id
            index = repo.load_index(session, self.settings.near_duplicate_threshold)
        summary = IngestSummary(run_id)
        queue = [t for t in expand_inputs(inputs, self.options.crawl) if self._admit(t)]
        bar = tqdm(total=len(queue), unit="src", desc="ingest", disable=not progress, leave=False)
        with Fetcher(self.settings) as fetcher, ThreadPoolExecutor(max_workers=self.settings.concurrency) as pool:
            pending: set[Future[TaskResult]] = set()
            while queue or pending:
                while queue and len(pending) < self.settings.concurrency * 2:
                    pending.add(pool.submit(process_task, self.conditional(queue.pop(0)), fetcher, self.settings))
                done, pending = wait(pending, return_when=FIRST_COMPLETED)
                for future in done:
                    result = future.result()
                    report = self.store(run_id, result, index)
                    summary.reports.append(report)
                    children = [c for c in result.children if self._admit(c)]
                    queue.extend(children)
                    bar.total += len(children)
                    bar.update(1)
        bar.close()
        with transaction(url) as session:
            run = session.get(IngestRun, run_id)
            run.finished_at = datetime.now(UTC)
            run.summary = {"counts": summary.counts}
        return summary

    def _admit(self, task: Task) -> bool:
        key = canonical_url(task.locator) if task.kind == "url" else task.locator
        if key in self.seen:
            return False
        if task.depth > 0:
            if task.depth > self.options.max_depth or self.crawled_pages >= self.options.max_pages:
                return False
            self.crawled_pages += 1
        self.seen.add(key)
        return True

    def conditional(self, task: Task) -> Task:
        """Attach the stored ETag/Last-Modified so an unchanged page answers 304 (also used by the
        queue workers, :mod:`service.jobs`, which run one task at a time)."""
        if task.kind != "url":
            return task
        with transaction(self.settings.database_url) as session:
            source = repo.find_source(session, task.locator)
            if source is None:
                return task
            return Task(task.locator, task.kind, task.depth, task.crawl, source.etag, source.last_modified)

    def store(self, run_id: int, result: TaskResult, index) -> SourceReport:  # type: ignore[no-untyped-def]
        """Record ``result`` under ``run_id``: a document in one transaction (with ``on_document``), or
        the outcome of a failed, unchanged or listing source. Idempotent for a re-run of the same task."""
        task = result.task
        if result.error is not None:
            report = SourceReport(task.locator, "failed", result.error.reason.value, result.error.detail)
        elif result.not_modified:
            report = SourceReport(task.locator, "unchanged", detail="not modified (HTTP 304)")
        elif result.container:
            report = SourceReport(task.locator, "listed", detail=f"{result.container} with {len(result.children)} links")
        else:
            report = self._store_document(run_id, result, index)
            return report
        with transaction(self.settings.database_url) as session:
            session.add(IngestResult(run_id=run_id, locator=task.locator, outcome=report.outcome,
                                     reason=report.reason, detail=report.detail))
        if report.outcome == "failed":
            log.warning("%s: %s (%s)", task.locator, report.reason, report.detail)
        return report

    def _store_document(self, run_id: int, result: TaskResult, index) -> SourceReport:  # type: ignore[no-untyped-def]
        task, parsed, language = result.task, result.parsed, result.language
        assert parsed is not None and language is not None
        locator = task.locator
        with transaction(self.settings.database_url) as session:
            stored = repo.store_parsed(
                session,
                parsed,
                locator=locator,
                kind=task.kind,
                raw=result.raw,
                language=language,
                index=index,
                etag=result.etag,
                last_modified=result.last_modified,
                http_status=result.http_status,
                canonical=canonical_url(result.final_url or locator) if task.kind == "url" else None,
            )
            reason = detail = None
            if stored.outcome == "skipped":
                reason, detail = Reason.UNKNOWN_LANGUAGE.value, language.reason
            if stored.outcome in ("new", "updated") and self.on_document is not None:
                self.on_document(session, stored.document_id)
            session.add(IngestResult(run_id=run_id, locator=locator, outcome=stored.outcome, reason=reason,
                                     detail=detail, document_id=stored.document_id))
        if stored.signature is not None:
            index.add(stored.document_id, stored.signature)
        return SourceReport(locator, stored.outcome, reason, detail, stored.document_id, stored.story_id)

