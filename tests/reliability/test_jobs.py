"""The job queue: exclusive claims, leases that expire and are taken over, fenced completion, retries,
per-batch de-duplication, and the ``hamkar ingest --enqueue`` / ``hamkar worker`` / ``hamkar jobs`` faces."""

from __future__ import annotations

import threading
from collections.abc import Iterator
from datetime import timedelta

import pytest
from sqlalchemy import func, select, update
from typer.testing import CliRunner

from service.cli.main import app
from service.ingest.runner import IngestOptions
from service.jobs import Worker, WorkerOptions, enqueue_ingest, state_counts
from service.jobs.handlers import Handlers
from service.jobs.queue import (
    ClaimedJob,
    JobSpec,
    LeaseLost,
    claim,
    enqueue,
    fail,
    finish,
    reap_abandoned,
    renew,
)
from service.settings import Settings
from service.store.db import migrate, transaction
from service.store.models import Document, IngestRun, Job, utcnow
from tests.conftest import DEMO
from tests.ingest.server import LocalServer

runner = CliRunner()


@pytest.fixture
def store(settings: Settings) -> Settings:
    migrate(settings.database_url)
    return settings


def _enqueue(settings: Settings, count: int, batch: str = "b1", max_attempts: int = 5) -> int:
    with transaction(settings.database_url) as session:
        return enqueue(session, [JobSpec("extract", f"extract:{i}", {"document_id": i}) for i in range(count)],
                       batch=batch, max_attempts=max_attempts)


def _expire(settings: Settings, job_id: int) -> None:
    with transaction(settings.database_url) as session:
        session.execute(update(Job).where(Job.id == job_id).values(lease_expires=utcnow() - timedelta(seconds=1)))


def test_enqueue_skips_what_the_batch_already_has(store: Settings) -> None:
    assert _enqueue(store, 3) == 3
    assert _enqueue(store, 5) == 2  # keys 0-2 are in batch b1 already
    assert _enqueue(store, 3, batch="b2") == 3  # another batch may queue the same work again


def test_claims_are_exclusive_under_concurrency(store: Settings) -> None:
    _enqueue(store, 40)
    claimed: list[int] = []
    lock = threading.Lock()

    def grab(name: str) -> None:
        while True:
            with transaction(store.database_url) as session:
                job = claim(session, name, 60)
            if job is None:
                return
            with lock:
                claimed.append(job.id)

    threads = [threading.Thread(target=grab, args=(f"w{i}",)) for i in range(4)]
    for thread in threads:
        thread.start()
    for thread in threads:
        thread.join()
    assert sorted(claimed) == sorted(set(claimed)) and len(claimed) == 40


def test_expired_lease_is_taken_over_and_the_old_owner_is_fenced_off(store: Settings) -> None:
    _enqueue(store, 1)
    with transaction(store.database_url) as session:
        first = claim(session, "dead", 60)
        assert claim(session, "other", 60) is None  # leased
    _expire(store, first.id)
    with transaction(store.database_url) as session:
        second = claim(session, "alive", 60)
    assert second.id == first.id and second.attempts == 2
    with pytest.raises(LeaseLost), transaction(store.database_url) as session:
        finish(session, first, "late")
    with transaction(store.database_url) as session:
        assert not renew(session, first, 60)
        assert renew(session, second, 60)
        finish(session, second, "done")
        assert state_counts(session) == {"extract": {"done": 1}}


def test_failures_are_retried_with_backoff_then_given_up(store: Settings) -> None:
    _enqueue(store, 1, max_attempts=2)
    with transaction(store.database_url) as session:
        job = claim(session, "w", 60)
        assert fail(session, job, "boom", backoff_seconds=3600) == "queued"
        assert claim(session, "w", 60) is None  # not due before the backoff
        session.execute(update(Job).values(run_after=utcnow()))
        job = claim(session, "w", 60)
        assert fail(session, job, "boom again", backoff_seconds=0) == "failed"
        assert session.scalar(select(Job.error)) == "boom again"


def test_a_job_that_kills_every_worker_is_abandoned(store: Settings) -> None:
    _enqueue(store, 1, max_attempts=1)
    with transaction(store.database_url) as session:
        job = claim(session, "w", 60)
    _expire(store, job.id)
    with transaction(store.database_url) as session:
        assert claim(session, "w2", 60) is None  # no attempts left
        assert reap_abandoned(session) == 1
        assert session.scalar(select(Job.state)) == "failed"


def test_a_failing_job_is_retried_then_failed_and_the_worker_goes_on(
    store: Settings, monkeypatch: pytest.MonkeyPatch
) -> None:
    _enqueue(store, 2, max_attempts=2)

    def run(_self: Handlers, job: ClaimedJob) -> str:
        if job.key == "extract:0":
            raise RuntimeError("the model exploded")
        with transaction(store.database_url) as session:
            finish(session, job, "fine")
        return "fine"

    monkeypatch.setattr(Handlers, "run", run)
    stats = Worker(store, WorkerOptions(poll_seconds=0.01, retry_backoff=0)).run(once=True)
    assert stats == {"extract:retry": 1, "extract:failed": 1, "extract:fine": 1}
    with transaction(store.database_url) as session:
        assert session.scalar(select(Job.error).where(Job.state == "failed")) == "RuntimeError: the model exploded"
    assert "queued 1 failed jobs again" in runner.invoke(app, ["jobs", "retry"]).output


def test_enqueue_and_worker_commands(store: Settings) -> None:
    files = sorted((DEMO / "tr").glob("0[1-3]-*.html"))
    result = runner.invoke(app, ["ingest", "--enqueue", "--no-analyze", *map(str, files)])
    assert result.exit_code == 0 and "queued 3 ingest jobs" in result.output
    assert "ingest" in runner.invoke(app, ["jobs"]).output
    result = runner.invoke(app, ["worker", "--once", "--poll", "0.05", "--json"])
    assert result.exit_code == 0, result.output
    assert '"ingest:new": 3' in result.output
    assert "ingest" in runner.invoke(app, ["jobs", "--json"]).output
    with transaction(store.database_url) as session:
        assert session.scalar(select(func.count()).select_from(Document)) == 3
        run = session.scalar(select(IngestRun))
        assert run.finished_at is not None and run.summary == {"counts": {"new": 3}}
    assert runner.invoke(app, ["worker", "--help"]).exit_code == 0
    assert runner.invoke(app, ["jobs", "reprocess", "--help"]).exit_code == 0


@pytest.fixture
def server() -> Iterator[LocalServer]:
    with LocalServer(DEMO) as running:
        yield running


def test_feeds_fan_out_into_jobs_that_workers_share(store: Settings, server: LocalServer) -> None:
    queued = enqueue_ingest([server.url("/feed.xml")], analyze=False, settings=store)
    assert queued.queued == 1
    workers = [Worker(store, WorkerOptions(poll_seconds=0.05, worker_id=f"w{i}")) for i in range(2)]
    threads = [threading.Thread(target=w.run, kwargs={"once": True}) for w in workers]
    for thread in threads:
        thread.start()
    for thread in threads:
        thread.join(timeout=120)
    with transaction(store.database_url) as session:
        states = state_counts(session)
        pages = session.scalar(select(func.count()).select_from(Job).where(Job.key.like("ingest:http%"))) or 0
        documents = session.scalar(select(func.count()).select_from(Document))
    assert states == {"ingest": {"done": pages}} and pages > 3
    assert documents == pages - 1  # every page the feed lists, once
    assert sum(sum(w.stats.values()) for w in workers) == pages


def test_crawl_jobs_keep_to_the_page_budget(store: Settings, server: LocalServer) -> None:
    root = server.url("/monitor/section.html")
    enqueue_ingest([root], IngestOptions(crawl=True, max_pages=2, max_depth=1), analyze=False, settings=store)
    Worker(store, WorkerOptions(poll_seconds=0.05)).run(once=True)
    with transaction(store.database_url) as session:
        jobs = session.execute(select(Job.key, Job.payload, Job.state)).all()
    crawled = [job for job in jobs if job.payload["depth"] == 1]
    assert len(jobs) == 3 and len(crawled) == 2  # the section links to more pages than the budget
    assert {job.state for job in jobs} == {"done"}
