"""The jobs table as a queue: enqueue, claim with a lease, renew, finish, retry.

Workers on many machines share one table. A claim is one statement, so two workers never get the same
job: on PostgreSQL the candidate row is picked with ``FOR UPDATE SKIP LOCKED`` (concurrent claims skip
each other's rows instead of waiting), on SQLite the whole ``UPDATE … RETURNING`` runs under the
database's single write lock. A lease that is not renewed expires, and the job is claimed again: that is
how the jobs of a killed worker are taken over. Every later write by a worker is fenced by
``(lease_owner, attempts)``, so a worker that lost its lease can no longer finish or fail the job.
"""

from __future__ import annotations

import logging
from collections.abc import Iterable, Sequence
from dataclasses import dataclass, field
from datetime import timedelta
from typing import Any

from sqlalchemy import and_, func, or_, select, update
from sqlalchemy.dialects import postgresql, sqlite
from sqlalchemy.orm import Session
from sqlalchemy.sql.elements import ColumnElement

from service.store.models import Job, utcnow

log = logging.getLogger(__name__)
KINDS = ("ingest", "extract", "reprocess")
ACTIVE = ("queued", "running")
DEFAULT_MAX_ATTEMPTS = 5
_INSERT_CHUNK = 500  # rows per INSERT (SQLite allows 32766 bound parameters per statement)


class LeaseLost(RuntimeError):
    """The job's lease expired and another worker claimed it; this worker's result must not count."""


@dataclass(frozen=True)
class JobSpec:
    """A job to enqueue. ``key`` identifies the work within its batch (a source, a document)."""

    kind: str
    key: str
    payload: dict[str, Any] = field(default_factory=dict)


@dataclass(frozen=True)
class ClaimedJob:
    """A snapshot of a job this worker holds; ``owner`` and ``attempts`` fence every later write."""

    id: int
    kind: str
    batch: str
    key: str
    payload: dict[str, Any]
    attempts: int
    max_attempts: int
    run_id: int | None
    owner: str


def enqueue(
    session: Session,
    specs: Iterable[JobSpec],
    *,
    batch: str,
    run_id: int | None = None,
    max_attempts: int = DEFAULT_MAX_ATTEMPTS,
) -> int:
    """Insert jobs, skipping any whose ``(batch, key)`` is already queued or done; returns how many were new.

    Runs in the caller's transaction, so jobs appear together with whatever caused them (a stored
    document and its extract job, a reprocess and its fan-out) or not at all.
    """
    now = utcnow()
    rows = [
        {"kind": s.kind, "batch": batch, "key": s.key, "payload": s.payload, "state": "queued", "attempts": 0,
         "max_attempts": max_attempts, "run_after": now, "run_id": run_id, "created_at": now}
        for s in specs
    ]
    dialect = postgresql if session.get_bind().dialect.name == "postgresql" else sqlite
    inserted = 0
    for start in range(0, len(rows), _INSERT_CHUNK):
        statement = dialect.insert(Job).values(rows[start : start + _INSERT_CHUNK])
        statement = statement.on_conflict_do_nothing(index_elements=["batch", "key"]).returning(Job.id)
        inserted += len(session.execute(statement).all())  # rowcount is not reliable here on psycopg
    return inserted


def _claimable(now: Any, kinds: Sequence[str] | None) -> ColumnElement[bool]:
    condition = or_(
        and_(Job.state == "queued", Job.run_after <= now),
        and_(Job.state == "running", Job.lease_expires < now, Job.attempts < Job.max_attempts),
    )
    return and_(condition, Job.kind.in_(kinds)) if kinds else condition


def claim(session: Session, owner: str, lease_seconds: float, kinds: Sequence[str] | None = None) -> ClaimedJob | None:
    """Take the oldest claimable job (queued and due, or running under an expired lease), or None."""
    now = utcnow()
    claimable = _claimable(now, kinds)
    pick = select(Job.id).where(claimable).order_by(Job.id).limit(1)
    if session.get_bind().dialect.name == "postgresql":
        pick = pick.with_for_update(skip_locked=True)
    statement = (
        update(Job)
        .where(Job.id == pick.scalar_subquery(), claimable)
        .values(state="running", lease_owner=owner, lease_expires=now + timedelta(seconds=lease_seconds),
                attempts=Job.attempts + 1, started_at=now)
        .returning(Job.id, Job.kind, Job.batch, Job.key, Job.payload, Job.attempts, Job.max_attempts, Job.run_id)
    )
    row = session.execute(statement, execution_options={"synchronize_session": False}).first()
    if row is None:
        return None
    return ClaimedJob(row.id, row.kind, row.batch, row.key, dict(row.payload or {}), row.attempts,
                      row.max_attempts, row.run_id, owner)


def _fenced(job: ClaimedJob) -> ColumnElement[bool]:
    return and_(Job.id == job.id, Job.lease_owner == job.owner, Job.attempts == job.attempts, Job.state == "running")


def renew(session: Session, job: ClaimedJob, lease_seconds: float) -> bool:
    """Extend the lease; False when it was lost (another worker holds the job now)."""
    result = session.execute(
        update(Job).where(_fenced(job)).values(lease_expires=utcnow() + timedelta(seconds=lease_seconds)),
        execution_options={"synchronize_session": False},
    )
    return result.rowcount == 1


def finish(session: Session, job: ClaimedJob, outcome: str) -> None:
    """Mark the job done in the caller's transaction; raise :class:`LeaseLost` (rolling the caller's work
    back with it) when the lease is no longer ours."""
    result = session.execute(
        update(Job).where(_fenced(job)).values(state="done", outcome=outcome[:32], error=None,
                                              lease_expires=None, finished_at=utcnow()),
        execution_options={"synchronize_session": False},
    )
    if result.rowcount != 1:
        raise LeaseLost(f"job {job.id} was taken over by another worker")


def fail(session: Session, job: ClaimedJob, error: str, backoff_seconds: float) -> str:
    """Put the job back in the queue after ``backoff_seconds``, or mark it failed when its attempts are
    used up; returns the new state ('queued', 'failed', or 'lost' when the lease was no longer ours)."""
    state = "failed" if job.attempts >= job.max_attempts else "queued"
    now = utcnow()
    result = session.execute(
        update(Job).where(_fenced(job)).values(
            state=state, error=error[:4000], lease_owner=None, lease_expires=None,
            run_after=now + timedelta(seconds=backoff_seconds), finished_at=now if state == "failed" else None,
        ),
        execution_options={"synchronize_session": False},
    )
    return state if result.rowcount == 1 else "lost"


def reap_abandoned(session: Session) -> int:
    """Fail running jobs whose lease expired after their last allowed attempt (a job that kills every
    worker that takes it must not be retried for ever)."""
    now = utcnow()
    result = session.execute(
        update(Job)
        .where(Job.state == "running", Job.lease_expires < now, Job.attempts >= Job.max_attempts)
        .values(state="failed", error="abandoned: the lease expired on the last attempt (worker died?)",
                lease_owner=None, lease_expires=None, finished_at=now),
        execution_options={"synchronize_session": False},
    )
    return result.rowcount


def has_active(session: Session, kinds: Sequence[str] | None = None) -> bool:
    """Whether any job (of ``kinds``) is still queued or running."""
    query = select(Job.id).where(Job.state.in_(ACTIVE)).limit(1)
    if kinds:
        query = query.where(Job.kind.in_(kinds))
    return session.scalar(query) is not None


def state_counts(session: Session) -> dict[str, dict[str, int]]:
    """``{kind: {state: count}}`` over the whole table."""
    counts: dict[str, dict[str, int]] = {}
    for kind, state, count in session.execute(select(Job.kind, Job.state, func.count()).group_by(Job.kind, Job.state)):
        counts.setdefault(kind, {})[state] = count
    return counts


def retry_failed(session: Session, kinds: Sequence[str] | None = None) -> int:
    """Queue failed jobs again with fresh attempts (after the cause was fixed)."""
    query = update(Job).where(Job.state == "failed")
    if kinds:
        query = query.where(Job.kind.in_(kinds))
    result = session.execute(
        query.values(state="queued", attempts=0, run_after=utcnow(), finished_at=None),
        execution_options={"synchronize_session": False},
    )
    return result.rowcount
