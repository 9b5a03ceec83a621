"""``hamkar worker``: claim jobs, run them under a renewed lease, record what happened.

Several workers (processes, machines) share one queue. A worker killed at any point leaves its job
``running`` under a lease nobody renews; once the lease expires another worker claims it and runs it
again, and because every job's effect is idempotent (ingest) or committed together with the job's
completion (extract, reprocess), each document is affected exactly once.
"""

from __future__ import annotations

import logging
import os
import socket
import threading
import time
import uuid
from collections import Counter
from collections.abc import Sequence
from dataclasses import dataclass

from sqlalchemy.exc import IntegrityError, OperationalError, SQLAlchemyError

from service.jobs.batches import finalize_runs
from service.jobs.handlers import Handlers
from service.jobs.queue import ClaimedJob, LeaseLost, claim, fail, has_active, reap_abandoned, renew
from service.settings import Settings, get_settings
from service.store.db import migrate, transaction

log = logging.getLogger(__name__)
#: Conflicts between concurrent writers (a unique key two workers insert at once, SQLite's write lock,
#: a PostgreSQL serialization failure) are retried at once, before the job counts as failed.
TRANSIENT_RETRIES = 3
MAX_BACKOFF = 300.0
_MIGRATE_LOCK = threading.Lock()  # Alembic's command API is not thread-safe (several workers in one process)


@dataclass
class WorkerOptions:
    kinds: Sequence[str] | None = None  # None: every kind
    lease_seconds: float = 60.0
    poll_seconds: float = 2.0
    retry_backoff: float = 5.0  # seconds before a failed job is retried, doubled per attempt
    worker_id: str | None = None


class _Heartbeat:
    """Renews a job's lease every third of its length while the job runs (in a thread of its own)."""

    def __init__(self, url: str, job: ClaimedJob, lease_seconds: float) -> None:
        self.url, self.job, self.lease = url, job, lease_seconds
        self._done = threading.Event()
        self._thread = threading.Thread(target=self._beat, name=f"lease-{job.id}", daemon=True)

    def __enter__(self) -> _Heartbeat:
        self._thread.start()
        return self

    def __exit__(self, *exc: object) -> None:
        self._done.set()
        self._thread.join(timeout=5)

    def _beat(self) -> None:
        while not self._done.wait(self.lease / 3):
            try:
                with transaction(self.url) as session:
                    if not renew(session, self.job, self.lease):
                        log.warning("lost the lease of job %d; its result will be discarded", self.job.id)
                        return
            except SQLAlchemyError as exc:
                log.warning("could not renew the lease of job %d: %s", self.job.id, exc)


class Worker:
    """One worker process: a loop of claim → run → finish, until stopped (or the queue is empty)."""

    def __init__(self, settings: Settings | None = None, options: WorkerOptions | None = None) -> None:
        self.settings = settings or get_settings()
        self.options = options or WorkerOptions()
        self.id = self.options.worker_id or f"{socket.gethostname()}:{os.getpid()}:{uuid.uuid4().hex[:6]}"
        self.stats: Counter[str] = Counter()
        self._stop = threading.Event()

    def stop(self) -> None:
        """Finish the current job, then return from :meth:`run` (signal handlers call this)."""
        self._stop.set()

    @property
    def stopping(self) -> bool:
        return self._stop.is_set()

    def run(self, *, once: bool = False) -> Counter[str]:
        """Process jobs until stopped; with ``once``, until no job is queued or running any more."""
        url = self.settings.database_url
        with _MIGRATE_LOCK:
            migrate(url)
        handlers = Handlers(self.settings)
        log.info("worker %s started (kinds: %s)", self.id, ", ".join(self.options.kinds or ["all"]))
        try:
            while not self._stop.is_set():
                try:
                    job = self._claim()
                    if job is None and self._idle(once):
                        break
                except OperationalError as exc:  # a database restart must not end a worker
                    log.warning("the database is unavailable (%s); trying again", exc.orig)
                    job = None
                if job is None:
                    self._stop.wait(self.options.poll_seconds)
                else:
                    self._execute(handlers, job)
        finally:
            handlers.close()
        log.info("worker %s stopped: %s", self.id, dict(self.stats))
        return self.stats

    def _claim(self) -> ClaimedJob | None:
        with transaction(self.settings.database_url) as session:
            abandoned = reap_abandoned(session)
            if abandoned:
                log.warning("%d jobs failed: their workers died on the last attempt", abandoned)
            return claim(session, self.id, self.options.lease_seconds, self.options.kinds)

    def _idle(self, once: bool) -> bool:
        """Housekeeping when no job is claimable; True when a ``once`` worker is done."""
        with transaction(self.settings.database_url) as session:
            finalize_runs(session)
            return once and not has_active(session, self.options.kinds)

    def _execute(self, handlers: Handlers, job: ClaimedJob) -> None:
        log.info("job %d: %s %s (attempt %d)", job.id, job.kind, job.key, job.attempts)
        try:
            with _Heartbeat(self.settings.database_url, job, self.options.lease_seconds):
                outcome = self._run(handlers, job)
        except LeaseLost as exc:
            log.warning("%s", exc)
            outcome = "lost"
        except Exception as exc:  # noqa: BLE001 - a failing job is recorded and retried, never fatal
            log.exception("job %d (%s %s) failed", job.id, job.kind, job.key)
            outcome = self._record_failure(job, exc)
        self.stats[f"{job.kind}:{outcome}"] += 1

    def _record_failure(self, job: ClaimedJob, exc: Exception) -> str:
        """Queue the job again after a backoff, or fail it for good; 'retry', 'failed' or 'lost'."""
        backoff = min(MAX_BACKOFF, self.options.retry_backoff * 2 ** (job.attempts - 1))
        try:
            with transaction(self.settings.database_url) as session:
                state = fail(session, job, f"{type(exc).__name__}: {exc}", backoff)
        except SQLAlchemyError as db_error:
            log.warning("could not record the failure of job %d (%s); its lease will expire", job.id, db_error)
            return "lost"
        return "retry" if state == "queued" else state

    def _run(self, handlers: Handlers, job: ClaimedJob) -> str:
        attempt = 0
        while True:
            try:
                return handlers.run(job)
            except (OperationalError, IntegrityError) as exc:
                if attempt >= TRANSIENT_RETRIES:
                    raise
                log.info("job %d: write conflict (%s); trying again", job.id, exc.orig)
                time.sleep(0.1 * 2**attempt)
                attempt += 1
