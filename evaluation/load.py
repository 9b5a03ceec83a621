"""``python -m evaluation.load``: concurrent clients against ``hamkar serve`` on loopback while an ingest
runs → ``results/reliability.json`` (``load``): requests, errors, throughput and latency percentiles.

The store starts with the demo corpus, analysed. During the run a ``hamkar worker`` ingests and analyses
new versions of the demo pages (each with a paragraph of its own, so each is a new document in an
existing story), fed in batches through ``hamkar ingest --enqueue``; the API therefore answers while the
store grows and the writer holds the database's write lock. Every answer other than 2xx is an error.
The run is bounded in time (``--duration``) and in requests (``--max-requests``). It runs on a new
SQLite store, and on a new PostgreSQL database too when ``--postgres`` (default
``$HAMKAR_TEST_POSTGRES_URL``) names a server.
"""

from __future__ import annotations

import argparse
import json
import logging
import os
import platform
import random
import signal
import socket
import subprocess
import sys
import tempfile
import threading
import time
from collections import Counter, defaultdict
from collections.abc import Callable
from dataclasses import dataclass, field
from pathlib import Path

import httpx

from evaluation.reliability import add_common_options, save_section
from evaluation.stores import new_postgres_database
from service.settings import REPO_ROOT, get_settings

log = logging.getLogger(__name__)
DEMO = REPO_ROOT / "corpora" / "demo"
SEARCH_TERMS = ["eğitim", "mesleki eğitim protokol", "kursiyer", "belediye", "Ankara", "آموزش", "مهارت",
                "هنرستان", "tersane", "kooperatif", "\"meslek kursu\"", "işbirliği OR تفاهم‌نامه"]
BATCH = 20  # pages per enqueued batch
QUEUE_LOW = 10  # enqueue another batch when fewer jobs than this are waiting
SERVER_WORKERS = 2  # `hamkar serve --workers`: one per core of the machines this was measured on


def _free_port() -> int:
    with socket.socket() as sock:
        sock.bind(("127.0.0.1", 0))
        return sock.getsockname()[1]


@dataclass
class Stats:
    """Latencies and statuses per endpoint, shared by the client threads."""

    latencies: dict[str, list[float]] = field(default_factory=lambda: defaultdict(list))
    statuses: Counter[str] = field(default_factory=Counter)
    errors: list[str] = field(default_factory=list)
    lock: threading.Lock = field(default_factory=threading.Lock)

    def record(self, endpoint: str, seconds: float, status: int | str) -> None:
        with self.lock:
            self.latencies[endpoint].append(seconds)
            self.statuses[str(status)] += 1
            if not (isinstance(status, int) and 200 <= status < 300) and len(self.errors) < 20:
                self.errors.append(f"{endpoint}: {status}")

    @property
    def count(self) -> int:
        return sum(len(v) for v in self.latencies.values())


class Catalog:
    """Ids worth asking for (documents, organizations, stories), refreshed as the store grows."""

    def __init__(self, client: httpx.Client) -> None:
        self.client = client
        self.documents: list[int] = []
        self.organizations: list[int] = []
        self.stories: list[int] = []
        self.refresh()

    def refresh(self) -> None:
        items = self.client.get("/documents", params={"limit": 200}).json()["items"]
        self.documents = [i["id"] for i in items]
        self.stories = sorted({i["story_id"] for i in items if i["story_id"]})
        self.organizations = [o["id"] for o in self.client.get("/organizations", params={"limit": 200}).json()["items"]]


def _requests(catalog: Catalog) -> list[tuple[float, str, Callable[[random.Random], tuple[str, dict]]]]:
    """(weight, endpoint name, random request) — roughly what a UI user and an analyst's scripts ask."""
    return [
        (5, "health", lambda r: ("/health", {})),
        (15, "documents", lambda r: ("/documents", {"lang": r.choice(["tr", "fa"]), "limit": 20,
                                                   "offset": r.randrange(0, 60)})),
        (15, "document", lambda r: (f"/documents/{r.choice(catalog.documents)}", {})),
        (20, "search", lambda r: ("/search", {"q": r.choice(SEARCH_TERMS), "facets": r.choice(["true", "false"])})),
        (8, "organizations", lambda r: ("/organizations", {"q": r.choice(["oda", "müdürlüğü", "سازمان", "اداره"])})),
        (7, "organization", lambda r: (f"/organizations/{r.choice(catalog.organizations)}", {})),
        (5, "events", lambda r: ("/events", {"limit": 20, "lang": r.choice(["tr", "fa"])})),
        (5, "figures", lambda r: ("/figures", {"limit": 20, "conflicts_only": r.choice(["true", "false"])})),
        (5, "story", lambda r: (f"/stories/{r.choice(catalog.stories)}", {})),
        (10, "ui_search", lambda r: ("/", {"q": r.choice(SEARCH_TERMS)})),
        (5, "ui_document", lambda r: (f"/ui/documents/{r.choice(catalog.documents)}", {})),
        (3, "ui_events", lambda r: ("/ui/events", {"lang": r.choice(["tr", "fa", ""])})),
        (3, "ui_organization", lambda r: (f"/ui/organizations/{r.choice(catalog.organizations)}", {})),
    ]


def _client(base: str, seed: int, deadline: float, budget: threading.Semaphore, stats: Stats) -> None:
    rng = random.Random(seed)
    with httpx.Client(base_url=base, timeout=30) as client:
        catalog = Catalog(client)
        mix = _requests(catalog)
        weights = [w for w, _, _ in mix]
        while time.monotonic() < deadline and budget.acquire(blocking=False):
            _, name, make = rng.choices(mix, weights)[0]
            path, params = make(rng)
            started = time.perf_counter()
            try:
                status: int | str = client.get(path, params=params).status_code
            except httpx.HTTPError as exc:
                status = type(exc).__name__
            stats.record(name, time.perf_counter() - started, status)
            if rng.random() < 0.01:
                catalog.refresh()


def _variant_batch(folder: Path, number: int) -> list[str]:
    """New versions of demo pages: each gets a paragraph of its own (a new text in a known story)."""
    pages = sorted(DEMO.glob("*/*.html"))
    paths = []
    for index in range(BATCH):
        page = pages[(number * BATCH + index) % len(pages)]
        extra = (f"<p>Güncelleme {number}-{index}: haber {page.stem} yeniden yayımlandı.</p>" if "/tr/" in str(page)
                 else f"<p>به‌روزرسانی {number}-{index}: خبر {page.stem} دوباره منتشر شد.</p>")
        path = folder / f"{number:05d}-{index:02d}-{page.name}"
        path.write_text(page.read_text(encoding="utf-8").replace("</article>", extra + "</article>", 1), encoding="utf-8")
        paths.append(str(path))
    return paths


def _feed_ingest(folder: Path, stop: threading.Event) -> None:
    """Keep the worker busy: enqueue a batch of new pages whenever few jobs are waiting."""
    from service.jobs import enqueue_ingest, state_counts
    from service.store.db import transaction

    url = get_settings().database_url
    number = 0
    while not stop.is_set():
        with transaction(url) as session:
            waiting = sum(states.get("queued", 0) for states in state_counts(session).values())
        if waiting < QUEUE_LOW:
            enqueue_ingest(_variant_batch(folder, number))
            number += 1
        stop.wait(1.0)


def _percentiles(samples: list[float]) -> dict:
    ordered = sorted(samples)

    def pick(q: float) -> float:
        return round(ordered[min(len(ordered) - 1, int(q * len(ordered)))] * 1000, 1)

    return {"n": len(ordered), "p50_ms": pick(0.5), "p95_ms": pick(0.95), "p99_ms": pick(0.99),
            "max_ms": round(ordered[-1] * 1000, 1)}


def _count_documents(url: str) -> int:
    from sqlalchemy import func, select

    from service.store.db import transaction
    from service.store.models import Document

    with transaction(url) as session:
        return session.scalar(select(func.count()).select_from(Document)) or 0


def run(*, clients: int = 8, duration: float = 300.0, max_requests: int = 1_000_000, database_url: str | None = None,
        server_workers: int = SERVER_WORKERS) -> dict:
    """Seed a store, serve it, ingest into it and load it; returns the figures."""
    from service.ingest.runner import Ingestor
    from service.pipeline import analyze_stored_document

    with tempfile.TemporaryDirectory() as tmp:
        url = database_url or f"sqlite:///{tmp}/load.db"
        os.environ["HAMKAR_DATABASE_URL"] = url
        get_settings.cache_clear()
        Ingestor(get_settings(), on_document=analyze_stored_document).run(
            [str(DEMO / "tr"), str(DEMO / "fa"), str(DEMO / "bulletin")], progress=False)
        documents_before = _count_documents(url)
        port = _free_port()
        env = {**os.environ, "HAMKAR_DATABASE_URL": url, "HAMKAR_LOG_LEVEL": "WARNING"}
        hamkar = [sys.executable, "-m", "service.cli.main"]
        server = subprocess.Popen([*hamkar, "serve", "--port", str(port), "--workers", str(server_workers)], env=env, stdout=subprocess.DEVNULL,
                                  stderr=subprocess.DEVNULL)
        worker = subprocess.Popen([*hamkar, "worker", "--poll", "0.5"], env=env, stderr=subprocess.DEVNULL,
                                  stdout=subprocess.DEVNULL)
        base = f"http://127.0.0.1:{port}"
        stop = threading.Event()
        feeder = threading.Thread(target=_feed_ingest, args=(Path(tmp), stop), daemon=True)
        try:
            _wait_for(base)
            feeder.start()
            stats = Stats()
            budget = threading.Semaphore(max_requests)
            started = time.monotonic()
            threads = [threading.Thread(target=_client, args=(base, seed, started + duration, budget, stats))
                       for seed in range(clients)]
            for thread in threads:
                thread.start()
            for thread in threads:
                thread.join()
            elapsed = time.monotonic() - started
        finally:
            stop.set()
            for process in (worker, server):
                process.send_signal(signal.SIGTERM)
            for process in (worker, server):
                process.wait(timeout=60)
        documents_after = _count_documents(url)
    everything = [s for samples in stats.latencies.values() for s in samples]
    errors = sum(n for status, n in stats.statuses.items() if not status.startswith("2"))
    return {
        "what": f"{clients} concurrent clients for {duration:.0f} s against `hamkar serve` on loopback (a mix of "
                "API and web UI reads) while `hamkar worker` ingested and analysed new pages",
        "database": url.split(":")[0],
        "clients": clients,
        "server_workers": server_workers,
        "seconds": round(elapsed, 1),
        "requests": len(everything),
        "errors": errors,
        "server_errors": sum(n for status, n in stats.statuses.items() if status.startswith("5")),
        "error_samples": stats.errors,
        "statuses": dict(stats.statuses),
        "throughput_rps": round(len(everything) / elapsed, 1),
        "latency": _percentiles(everything),
        "endpoints": {name: _percentiles(samples) for name, samples in sorted(stats.latencies.items())},
        "ingest": {"documents_before": documents_before, "documents_after": documents_after,
                   "documents_per_second": round((documents_after - documents_before) / elapsed, 2)},
        "machine": {"cpus": os.cpu_count(), "python": platform.python_version(), "platform": platform.platform(),
                    "note": "server, worker and the clients share these CPUs"},
    }


def _wait_for(base: str, timeout: float = 60.0) -> None:
    deadline = time.monotonic() + timeout
    while time.monotonic() < deadline:
        try:
            if httpx.get(f"{base}/health", timeout=2).status_code == 200:
                return
        except httpx.HTTPError:
            time.sleep(0.2)
    raise RuntimeError(f"hamkar serve did not answer at {base}")


def measure(*, postgres: str | None = None, **options: object) -> dict:
    """The load run on a new SQLite store, and on a new PostgreSQL database when an admin URL is given;
    the totals over both and each run's figures."""
    urls: list[str | None] = [None]
    if postgres:
        urls.append(new_postgres_database(postgres, f"hamkar_load_{os.getpid()}"))
    runs = [run(database_url=url, **options) for url in urls]  # type: ignore[arg-type]
    return {
        "what": runs[0]["what"],
        "databases": [r["database"] for r in runs],
        "requests": sum(r["requests"] for r in runs),
        "errors": sum(r["errors"] for r in runs),
        "server_errors": sum(r["server_errors"] for r in runs),
        "runs": runs,
    }


def main() -> None:
    parser = argparse.ArgumentParser(description="Load the API while an ingest runs; write the figures.")
    parser.add_argument("--clients", type=int, default=8)
    parser.add_argument("--duration", type=float, default=300.0, help="Seconds of load.")
    parser.add_argument("--max-requests", type=int, default=1_000_000, help="Stop after this many requests.")
    parser.add_argument("--server-workers", type=int, default=SERVER_WORKERS, help="`hamkar serve --workers`.")
    add_common_options(parser)
    args = parser.parse_args()
    logging.basicConfig(level=logging.WARNING)
    result = measure(postgres=args.postgres, clients=args.clients, duration=args.duration,
                     max_requests=args.max_requests, server_workers=args.server_workers)
    save_section("load", result, args.out)
    print(json.dumps({k: v for k, v in result.items() if k != "runs"}, ensure_ascii=False, indent=2))
    if result["errors"]:
        sys.exit(1)


if __name__ == "__main__":
    main()
