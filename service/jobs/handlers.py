"""What a worker does with each kind of job.

- ``ingest``: fetch or read one source, parse, store (one transaction per document, idempotent by
  content hash and source locator, so a retry after a crash finds the document ``unchanged``). With
  analysis on, the document's ``extract`` job is queued *in the document's own transaction*, so a stored
  document can never miss its analysis. Links of feeds, sitemaps and crawled pages become new jobs.
- ``extract``: NLP and knowledge base for one stored document; the facts are replaced and the job is
  marked done in one transaction, so the effect happens exactly once even if the worker dies.
- ``reprocess``: queue one ``extract`` job per stored document, in the transaction that finishes it.
"""

from __future__ import annotations

import logging
from functools import partial

from sqlalchemy import func, select
from sqlalchemy.orm import Session

from service.ingest.dedup import NearDuplicateIndex
from service.ingest.fetch import Fetcher
from service.ingest.runner import IngestOptions, Ingestor, Task, process_task
from service.jobs.batches import extract_spec, ingest_spec, reprocess_fan_out, source_key
from service.jobs.queue import ClaimedJob, enqueue, finish
from service.settings import Settings
from service.store import documents as repo
from service.store.db import transaction
from service.store.models import Document, Event, EventEvidence, Job

log = logging.getLogger(__name__)


class Handlers:
    """Runs jobs; keeps what is worth keeping between jobs (the HTTP client, the near-duplicate index)."""

    def __init__(self, settings: Settings) -> None:
        self.settings = settings
        self._fetcher: Fetcher | None = None
        self._index: NearDuplicateIndex | None = None
        self._indexed_up_to = 0

    def close(self) -> None:
        if self._fetcher is not None:
            self._fetcher.close()

    def run(self, job: ClaimedJob) -> str:
        """Do the job and mark it done; returns its outcome."""
        handler = {"ingest": self.ingest, "extract": self.extract, "reprocess": self.reprocess}.get(job.kind)
        if handler is None:
            raise ValueError(f"unknown job kind {job.kind!r}")
        return handler(job)

    # -- ingest ---------------------------------------------------------------------------------
    def ingest(self, job: ClaimedJob) -> str:
        payload = job.payload
        options = IngestOptions(crawl=payload.get("crawl", False), max_pages=payload.get("max_pages", 100),
                                max_depth=payload.get("max_depth", 2))
        analyze = payload.get("analyze", True)
        hook = partial(_queue_extract, job) if analyze else None
        ingestor = Ingestor(self.settings, options, on_document=hook)
        task = Task(payload["locator"], payload["kind"], depth=payload.get("depth", 0), crawl=options.crawl)
        result = process_task(ingestor.conditional(task), self._get_fetcher(), self.settings)
        report = ingestor.store(job.run_id, result, self._refreshed_index())
        with transaction(self.settings.database_url) as session:
            queued = self._queue_children(session, job, result.children, options, analyze)
            finish(session, job, report.outcome)
        if queued:
            log.info("%s listed %d new sources", task.locator, queued)
        return report.outcome

    def _get_fetcher(self) -> Fetcher:
        if self._fetcher is None:
            self._fetcher = Fetcher(self.settings)
        return self._fetcher

    def _refreshed_index(self) -> NearDuplicateIndex:
        """The near-duplicate index, with the documents other workers stored since the last job."""
        with transaction(self.settings.database_url) as session:
            if self._index is None:
                self._index = repo.load_index(session, self.settings.near_duplicate_threshold)
            rows = session.execute(select(Document.id, Document.minhash)
                                   .where(Document.minhash.is_not(None), Document.id > self._indexed_up_to))
            self._index.add_all((row.id, row.minhash) for row in rows)
            self._indexed_up_to = max(self._index.signatures, default=0)
        return self._index

    def _queue_children(self, session: Session, job: ClaimedJob, children: list[Task], options: IngestOptions,
                        analyze: bool) -> int:
        """Queue the links a source listed; crawl links within the batch's depth and page budget."""
        listed = [c for c in children if c.depth == 0]
        crawled = [c for c in children if c.depth > 0 and c.depth <= options.max_depth]
        if crawled:
            keys = {source_key(c): c for c in crawled}
            known = set(session.scalars(select(Job.key).where(Job.batch == job.batch, Job.key.in_(list(keys)))))
            used = session.scalar(select(func.count()).select_from(Job).where(
                Job.batch == job.batch, Job.kind == "ingest", Job.payload["depth"].as_integer() > 0)) or 0
            fresh = [c for key, c in keys.items() if key not in known]
            listed += fresh[: max(0, options.max_pages - used)]
        specs = [ingest_spec(child, options, analyze) for child in listed]
        return enqueue(session, specs, batch=job.batch, run_id=job.run_id, max_attempts=job.max_attempts)

    # -- extract --------------------------------------------------------------------------------
    def extract(self, job: ClaimedJob) -> str:
        with transaction(self.settings.database_url) as session:
            outcome = analyse_document(session, job.payload["document_id"])
            finish(session, job, outcome)
        return outcome

    # -- reprocess ------------------------------------------------------------------------------
    def reprocess(self, job: ClaimedJob) -> str:
        with transaction(self.settings.database_url) as session:
            queued = enqueue(session, reprocess_fan_out(session, job.payload.get("lang")), batch=job.batch,
                             max_attempts=job.max_attempts)
            outcome = f"queued {queued} extract jobs"
            finish(session, job, outcome)
        return outcome


def _queue_extract(job: ClaimedJob, session: Session, document_id: int) -> None:
    """The ingest hook: runs inside the new document's transaction."""
    enqueue(session, [extract_spec(document_id)], batch=job.batch, run_id=job.run_id, max_attempts=job.max_attempts)


def analyse_document(session: Session, document_id: int) -> str:
    """Replace one document's mentions and KB facts (in the caller's transaction) and drop the events
    that only this document evidenced and no longer does; returns what happened."""
    from service.nlp.topic import OFF_TOPIC
    from service.pipeline import (
        analyze_stored_document,  # loads the NLP models: only extract workers need them
    )

    document = session.get(Document, document_id)
    if document is None:
        return "missing"
    if document.status != "ok":
        return "skipped"
    evidenced = list(session.scalars(
        select(EventEvidence.event_id).where(EventEvidence.document_id == document_id).distinct()))
    analyze_stored_document(session, document_id)
    session.flush()
    prune_orphaned_events(session, evidenced)
    return "off_topic" if document.topic_label == OFF_TOPIC else "analysed"


def prune_orphaned_events(session: Session, event_ids: list[int]) -> int:
    """Delete those of ``event_ids`` that are active and left without evidence.

    The rows are locked first (PostgreSQL), and the evidence is checked by a later statement, which sees
    evidence that a concurrent worker committed meanwhile: an event that another document just
    evidenced again is kept.
    """
    if not event_ids:
        return 0
    locked = list(session.scalars(
        select(Event.id).where(Event.id.in_(event_ids), Event.status == "active").with_for_update()))
    orphans = session.scalars(select(Event).where(Event.id.in_(locked), ~Event.evidence.any())).all() if locked else []
    for event in orphans:
        session.delete(event)
    return len(orphans)
