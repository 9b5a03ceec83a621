"""``python -m evaluation.crash``: kill -9 workers at random points during an ingest and a reprocess of
the demo corpus, resume, and check the store (``evaluation/store_checks.py``) → ``results/reliability.json``
(``crash_safety``). ``tests/reliability/test_crash_safety.py`` runs the same scenario.

Two workers run at a time; one of them is killed a random (seeded) moment after it claimed its first job,
and a fresh one takes its place, until the phase has its kills. The killed worker's job keeps its lease
until the lease expires and another worker takes it over. Workers are forked from a server that loaded
the code and models once (multiprocessing's forkserver), so a restart costs milliseconds, not seconds;
the queue is finally drained by a real ``hamkar worker --once`` process.
"""

from __future__ import annotations

import argparse
import json
import logging
import multiprocessing
import os
import random
import signal
import subprocess
import sys
import tempfile
import time
from collections import Counter
from dataclasses import asdict, dataclass
from multiprocessing.context import ForkServerContext
from multiprocessing.process import BaseProcess
from pathlib import Path

from sqlalchemy import func, select

from evaluation.reliability import add_common_options, save_section
from evaluation.store_checks import Fingerprint, curate, curation_problems, fingerprint, store_problems
from evaluation.stores import new_postgres_database
from service.settings import REPO_ROOT, get_settings
from service.store.db import dispose_engine, transaction
from service.store.models import Job

log = logging.getLogger(__name__)
DEMO_INPUTS = [str(REPO_ROOT / "corpora" / "demo" / part) for part in ("tr", "fa", "bulletin")]
SEED = 20261122
LEASE = 2.0  # seconds: short, so killed jobs are taken over quickly
WINDOW = 0.35  # a kill comes up to this long after the worker claimed its first job
MAX_ATTEMPTS = 50  # a job may be hit by several kills; it must never be given up here


@dataclass(frozen=True)
class KillPoint:
    phase: str
    worker: str
    delay_s: float  # after the worker claimed its first job
    in_flight: str | None  # the job the worker held when it died ("kind key"), if any


def _use_database(url: str) -> None:
    os.environ["HAMKAR_DATABASE_URL"] = url
    get_settings.cache_clear()


def _worker_main(url: str, worker_id: str, log_path: str) -> None:
    """Entry point of a forked worker (runs until killed)."""
    from service.jobs import Worker, WorkerOptions

    _use_database(url)
    logging.basicConfig(filename=log_path, level=logging.INFO, format=f"{worker_id} %(name)s: %(message)s", force=True)
    Worker(get_settings(), WorkerOptions(lease_seconds=LEASE, poll_seconds=0.05, worker_id=worker_id)).run()


def forkserver() -> ForkServerContext:
    """A process context whose children start with the code and NLP models already loaded."""
    context = multiprocessing.get_context("forkserver")
    context.set_forkserver_preload(["evaluation.warm_models"])
    return context


def reference_fingerprint() -> Fingerprint:
    """The demo corpus ingested and analysed by one uninterrupted in-process run."""
    from service.ingest.runner import Ingestor
    from service.pipeline import analyze_stored_document

    with tempfile.TemporaryDirectory() as tmp:
        url = f"sqlite:///{tmp}/reference.db"
        settings = get_settings().model_copy(update={"database_url": url})
        Ingestor(settings, on_document=analyze_stored_document).run(DEMO_INPUTS, progress=False)
        try:
            return fingerprint(url)
        finally:
            dispose_engine(url)


def _count(url: str, *conditions) -> int:  # type: ignore[no-untyped-def]
    with transaction(url) as session:
        return session.scalar(select(func.count()).select_from(Job).where(*conditions)) or 0


def _in_flight(url: str, worker_id: str) -> str | None:
    with transaction(url) as session:
        row = session.execute(select(Job.kind, Job.key).where(Job.lease_owner == worker_id, Job.state == "running")).first()
    return f"{row.kind} {Path(row.key).name}" if row else None


def kill_phase(url: str, context: ForkServerContext, rng: random.Random, kills: int, phase: str,
               log_path: Path) -> list[KillPoint]:
    """Keep two workers on the queue and kill one at a time, a random moment after it claimed its first
    job, until ``kills`` kills or an empty queue."""

    def start(number: int) -> tuple[BaseProcess, str]:
        worker_id = f"{phase}-{number}"
        process = context.Process(target=_worker_main, args=(url, worker_id, str(log_path)), daemon=True)
        process.start()
        return process, worker_id

    slots = [start(0), start(1)]
    points: list[KillPoint] = []
    try:
        while len(points) < kills:
            slot = _busy_slot(url, slots, prefer=len(points) % 2, log_path=log_path)
            if slot is None:
                break
            process, worker_id = slots[slot]
            delay = rng.uniform(0, WINDOW)
            time.sleep(delay)
            os.kill(process.pid, signal.SIGKILL)
            process.join()
            points.append(KillPoint(phase, worker_id, round(delay, 3), _in_flight(url, worker_id)))
            slots[slot] = start(len(points) + 1)
    finally:
        for process, _ in slots:
            if process.is_alive():
                process.kill()
                process.join()
    return points


def _busy_slot(url: str, slots: list[tuple[BaseProcess, str]], prefer: int, log_path: Path) -> int | None:
    """The slot (``prefer`` first) whose worker has claimed a job; None once the queue is empty. On SQLite
    one worker may wait on the other's write lock for a long time, so either may be the one to kill."""
    deadline = time.monotonic() + 120
    order = [prefer, 1 - prefer]
    while time.monotonic() < deadline:
        for slot in order:
            process, worker_id = slots[slot]
            if not process.is_alive():
                raise RuntimeError(f"worker {worker_id} died by itself (exit {process.exitcode}); see {log_path}")
            if _count(url, Job.lease_owner == worker_id):
                return slot
        if not _count(url, Job.state.in_(("queued", "running"))):
            return None
        time.sleep(0.02)
    raise RuntimeError(f"no worker claimed a job within two minutes; see {log_path}")


def drain(url: str) -> None:
    """Run a real ``hamkar worker --once`` until the queue is empty (taking over expired leases)."""
    env = {**os.environ, "HAMKAR_DATABASE_URL": url}
    command = [sys.executable, "-m", "service.cli.main", "worker", "--once", "--lease", str(LEASE), "--poll", "0.1"]
    subprocess.run(command, env=env, check=True, capture_output=True, timeout=300)


def run_scenario(url: str, reference: Fingerprint, *, kills_per_phase: int, seed: int = SEED,
                 log_path: Path | None = None) -> dict:
    """Ingest, curate, reprocess, with kills during both phases; returns the kill points and problems."""
    from service.jobs import enqueue_ingest, enqueue_reprocess

    _use_database(url)
    settings = get_settings()
    rng = random.Random(seed)
    context = forkserver()
    log_path = log_path or Path(tempfile.mkstemp(suffix=".log")[1])
    started = time.perf_counter()
    enqueue_ingest(DEMO_INPUTS, analyze=True, max_attempts=MAX_ATTEMPTS, settings=settings)
    points = kill_phase(url, context, rng, kills_per_phase, "ingest", log_path)
    drain(url)
    problems = [f"after ingest: {p}" for p in store_problems(url, reference)]
    curated = curate(url)
    enqueue_reprocess(max_attempts=MAX_ATTEMPTS, settings=settings)
    points += kill_phase(url, context, rng, kills_per_phase, "reprocess", log_path)
    drain(url)
    problems += [f"after reprocess: {p}" for p in store_problems(url, reference) + curation_problems(url, curated)]
    with transaction(url) as session:
        dialect = session.get_bind().dialect.name
        retried = session.scalar(select(func.count()).select_from(Job).where(Job.attempts > 1)) or 0
    return {
        "database": dialect,
        "documents": len(reference),
        "kill_points": len(points),
        "killed_mid_job": sum(p.in_flight is not None for p in points),
        "killed_in": dict(Counter(f"{p.phase}: {p.in_flight.split()[0] if p.in_flight else 'between jobs'}"
                                  for p in points)),
        "jobs_taken_over": retried,
        "survived": not problems,
        "problems": problems,
        "seconds": round(time.perf_counter() - started, 1),
        "points": [asdict(p) for p in points],
    }


def measure(*, kills_per_phase: int = 15, seed: int = SEED, postgres: str | None = None) -> dict:
    """The scenario on a new SQLite store, and on PostgreSQL when an admin URL is given."""
    reference = reference_fingerprint()
    runs = []
    with tempfile.TemporaryDirectory() as tmp:
        urls = [f"sqlite:///{tmp}/crash.db"] + ([new_postgres_database(postgres, f"hamkar_crash_{os.getpid()}")] if postgres else [])
        for url in urls:
            runs.append(run_scenario(url, reference, kills_per_phase=kills_per_phase, seed=seed))
            dispose_engine(url)
    return {
        "what": "kill -9 of `hamkar worker` processes at random (seeded) points during an ingest of corpora/demo "
                "with analysis and during a reprocess after curation; then resume and check for lost, duplicated "
                "or half-written documents, orphan facts and undone curation",
        "seed": seed,
        "kill_points": sum(r["kill_points"] for r in runs),
        "kill_points_survived": sum(r["kill_points"] for r in runs if r["survived"]),
        "runs": runs,
    }


def main() -> None:
    parser = argparse.ArgumentParser(description="Kill workers at random points; check the store; write the figures.")
    parser.add_argument("--kills", type=int, default=15, help="Kills per phase (ingest, reprocess).")
    parser.add_argument("--seed", type=int, default=SEED)
    add_common_options(parser)
    args = parser.parse_args()
    logging.basicConfig(level=logging.WARNING)
    result = measure(kills_per_phase=args.kills, seed=args.seed, postgres=args.postgres)
    save_section("crash_safety", result, args.out)
    print(json.dumps({k: v for k, v in result.items() if k != "runs"}, indent=2))
    if result["kill_points_survived"] < result["kill_points"]:
        sys.exit(1)


if __name__ == "__main__":
    main()
