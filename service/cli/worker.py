"""``hamkar worker`` (run queued jobs) and ``hamkar jobs`` (the queue's state, reprocess, retry)."""

from __future__ import annotations

import json
import signal
from enum import StrEnum
from typing import Annotated

import typer

from service.settings import get_settings

jobs_app = typer.Typer(
    help="The job queue: without a subcommand, job counts by kind and state.", invoke_without_command=True
)


class Kind(StrEnum):
    ingest = "ingest"
    extract = "extract"
    reprocess = "reprocess"


KindOption = Annotated[list[Kind] | None, typer.Option("--kind", help="Only jobs of this kind (repeatable).")]


def register(app: typer.Typer) -> None:
    """Add ``worker`` and ``jobs`` to the ``hamkar`` app."""
    app.command()(worker)
    app.add_typer(jobs_app, name="jobs")


def _session():  # type: ignore[no-untyped-def]
    from service.store.db import migrate, transaction

    settings = get_settings()
    migrate(settings.database_url)
    return transaction(settings.database_url)


def worker(
    once: Annotated[bool, typer.Option("--once", help="Work until no job is queued or running, then exit.")] = False,
    kind: KindOption = None,
    lease: Annotated[float, typer.Option(help="Lease length (seconds): a dead worker's job is taken over after it.")] = 60.0,
    poll: Annotated[float, typer.Option(help="Sleep between looks at an empty queue (seconds).")] = 2.0,
    worker_id: Annotated[str | None, typer.Option("--id", help="Name in the job's lease (default host:pid:random).")] = None,
    as_json: Annotated[bool, typer.Option("--json", help="Print the counts as JSON at exit.")] = False,
) -> None:
    """Claim and run queued jobs (fill the queue with `hamkar ingest --enqueue`). Start as many as you like,
    on as many machines as share the database. SIGTERM or Ctrl-C stops after the current job."""
    from service.jobs import Worker, WorkerOptions

    runner = Worker(options=WorkerOptions(kinds=[k.value for k in kind] if kind else None, lease_seconds=lease,
                                          poll_seconds=poll, worker_id=worker_id))

    def stop(_signum: int, _frame: object) -> None:
        if runner.stopping:  # a second Ctrl-C: leave now, the lease hands the job to another worker
            raise KeyboardInterrupt
        typer.echo("stopping after the current job (again to stop now)", err=True)
        runner.stop()

    signal.signal(signal.SIGTERM, stop)
    signal.signal(signal.SIGINT, stop)
    stats = runner.run(once=once)
    if as_json:
        typer.echo(json.dumps({"worker": runner.id, "jobs": dict(stats)}))
    else:
        done = ", ".join(f"{n} {key}" for key, n in sorted(stats.items())) or "no jobs"
        typer.echo(f"worker {runner.id}: {done}")


@jobs_app.callback()
def jobs(
    ctx: typer.Context,
    as_json: Annotated[bool, typer.Option("--json", help="Print the counts as JSON.")] = False,
) -> None:
    """Job counts by kind and state, and the errors of failed jobs."""
    if ctx.invoked_subcommand is not None:
        return
    from sqlalchemy import select

    from service.jobs import state_counts
    from service.store.models import Job

    with _session() as session:
        counts = state_counts(session)
        failed = session.execute(select(Job.id, Job.kind, Job.key, Job.error).where(Job.state == "failed")
                                 .order_by(Job.id.desc()).limit(20)).all()
    if as_json:
        typer.echo(json.dumps(counts))
        return
    if not counts:
        typer.echo("the queue is empty; fill it with `hamkar ingest --enqueue`")
    for kind_name, states in sorted(counts.items()):
        typer.echo(f"{kind_name:<10} " + "  ".join(f"{state}={n}" for state, n in sorted(states.items())))
    for row in failed:
        typer.echo(f"  failed job {row.id} ({row.kind} {row.key}): {row.error}")


@jobs_app.command()
def reprocess(lang: Annotated[str | None, typer.Option(help="Only documents of this language.")] = None) -> None:
    """Queue a re-run of NLP and knowledge-base extraction over stored documents (curation is kept)."""
    from service.jobs import enqueue_reprocess

    enqueue_reprocess(lang)
    typer.echo("queued a reprocess job; `hamkar worker` turns it into one extract job per document")


@jobs_app.command()
def retry(kind: KindOption = None) -> None:
    """Queue failed jobs again, with their attempts reset (after fixing what made them fail)."""
    from service.jobs.queue import retry_failed

    with _session() as session:
        count = retry_failed(session, [k.value for k in kind] if kind else None)
    typer.echo(f"queued {count} failed jobs again")
