"""What ``hamkar ingest --enqueue`` and ``hamkar jobs reprocess`` put in the queue, and how a batch ends.

One enqueue call is one *batch*: its jobs share a batch id (a source is queued once per batch, as one
``hamkar ingest`` run fetches it once) and, for ingest, one :class:`IngestRun` that collects the per-source
results the workers record, so ``hamkar failures`` works the same for queued and direct ingests.
"""

from __future__ import annotations

import logging
import uuid
from dataclasses import asdict, dataclass
from datetime import UTC, datetime

from sqlalchemy import exists, select
from sqlalchemy.orm import Session

from service.ingest.dedup import canonical_url
from service.ingest.runner import IngestOptions, Task, expand_inputs
from service.jobs.queue import ACTIVE, DEFAULT_MAX_ATTEMPTS, JobSpec, enqueue
from service.settings import Settings, get_settings
from service.store.db import migrate, transaction
from service.store.models import Document, IngestResult, IngestRun, Job

log = logging.getLogger(__name__)


@dataclass(frozen=True)
class Enqueued:
    batch: str
    run_id: int | None
    queued: int


def source_key(task: Task) -> str:
    """The identity of a source within a batch (canonical URL, or the file path)."""
    return f"ingest:{canonical_url(task.locator) if task.kind == 'url' else task.locator}"


def ingest_spec(task: Task, options: IngestOptions, analyze: bool) -> JobSpec:
    payload = {"locator": task.locator, "kind": task.kind, "depth": task.depth, "crawl": task.crawl,
               "analyze": analyze, **asdict(options)}
    return JobSpec("ingest", source_key(task), payload)


def extract_spec(document_id: int) -> JobSpec:
    return JobSpec("extract", f"extract:{document_id}", {"document_id": document_id})


def enqueue_ingest(
    inputs: list[str],
    options: IngestOptions | None = None,
    *,
    analyze: bool = True,
    max_attempts: int = DEFAULT_MAX_ATTEMPTS,
    settings: Settings | None = None,
) -> Enqueued:
    """One ingest job per expanded input (a folder becomes one job per file), under a new ingest run."""
    settings = settings or get_settings()
    options = options or IngestOptions()
    migrate(settings.database_url)
    tasks = expand_inputs(inputs, options.crawl)
    batch = uuid.uuid4().hex
    with transaction(settings.database_url) as session:
        run = IngestRun(arguments={"inputs": inputs, "enqueued": True, "batch": batch, **asdict(options)})
        session.add(run)
        session.flush()
        queued = enqueue(session, [ingest_spec(t, options, analyze) for t in tasks], batch=batch,
                         run_id=run.id, max_attempts=max_attempts)
        run_id = run.id
    log.info("queued %d ingest jobs in batch %s (run %d)", queued, batch, run_id)
    return Enqueued(batch, run_id, queued)


def enqueue_reprocess(
    lang: str | None = None, *, max_attempts: int = DEFAULT_MAX_ATTEMPTS, settings: Settings | None = None
) -> Enqueued:
    """One reprocess job; the worker that takes it queues one extract job per stored document."""
    settings = settings or get_settings()
    migrate(settings.database_url)
    batch = uuid.uuid4().hex
    with transaction(settings.database_url) as session:
        queued = enqueue(session, [JobSpec("reprocess", f"reprocess:{lang or '*'}", {"lang": lang})],
                         batch=batch, max_attempts=max_attempts)
    return Enqueued(batch, None, queued)


def reprocess_fan_out(session: Session, lang: str | None) -> list[JobSpec]:
    """The extract jobs of a reprocess: every stored document with a supported language."""
    query = select(Document.id).where(Document.status == "ok").order_by(Document.id)
    if lang:
        query = query.where(Document.lang == lang)
    return [extract_spec(document_id) for document_id in session.scalars(query)]


def finalize_runs(session: Session) -> int:
    """Close the ingest runs whose jobs are all finished: finish time and outcome counts (the first
    recorded outcome per source, since a job retried after a crash records its source again)."""
    active = exists().where(Job.run_id == IngestRun.id, Job.state.in_(ACTIVE))
    queued = exists().where(Job.run_id == IngestRun.id)
    runs = session.scalars(select(IngestRun).where(IngestRun.finished_at.is_(None), queued, ~active)).all()
    for run in runs:
        first: dict[str, str] = {}
        rows = session.execute(select(IngestResult.locator, IngestResult.outcome)
                               .where(IngestResult.run_id == run.id).order_by(IngestResult.id))
        for locator, outcome in rows:
            first.setdefault(locator, outcome)
        counts: dict[str, int] = {}
        for outcome in first.values():
            counts[outcome] = counts.get(outcome, 0) + 1
        run.summary = {"counts": counts}
        run.finished_at = datetime.now(UTC)
        log.info("ingest run %d finished: %s", run.id, counts)
    return len(runs)
