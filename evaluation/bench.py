"""``make bench``: throughput and memory of the pipeline on this machine → ``results/bench.json``.

Benchmarks measure; tests never time anything. Each section runs in isolation on a fresh temporary
store so results do not depend on what a developer has ingested.
"""

from __future__ import annotations

import argparse
import json
import logging
import os
import platform
import resource
import tempfile
import time
from collections.abc import Callable
from datetime import UTC, datetime
from pathlib import Path

from evaluation.reliability import postgres_admin_url, save_section
from service.settings import REPO_ROOT, get_settings

log = logging.getLogger(__name__)
RESULT = REPO_ROOT / "evaluation" / "results" / "bench.json"
DEMO = REPO_ROOT / "corpora" / "demo"


def bench_ingest(repeats: int = 3) -> dict:
    """Documents per second for the demo corpus from local files into a fresh SQLite store."""
    from service.ingest.runner import Ingestor
    from service.pipeline import analyze_stored_document

    inputs = [str(DEMO / "tr"), str(DEMO / "fa"), str(DEMO / "bulletin")]
    runs = []
    for _ in range(repeats + 1):  # the first run loads the models and is not counted
        with tempfile.TemporaryDirectory() as tmp:
            os.environ["HAMKAR_DATABASE_URL"] = f"sqlite:///{tmp}/bench.db"
            get_settings.cache_clear()
            ingestor = Ingestor(get_settings(), on_document=analyze_stored_document)
            start = time.perf_counter()
            summary = ingestor.run(inputs, progress=False)
            elapsed = time.perf_counter() - start
            stored = sum(summary.counts.get(k, 0) for k in ("new", "duplicate", "skipped"))
            runs.append({"documents": stored, "seconds": round(elapsed, 3)})
    runs = runs[1:]
    best = min(runs, key=lambda r: r["seconds"])
    return {
        "what": "hamkar ingest of corpora/demo (tr, fa, bulletin) from local files into a new SQLite store, "
                "with NER, dates, figures, topic and knowledge base (models loaded before timing)",
        "documents": best["documents"],
        "best_seconds": best["seconds"],
        "documents_per_second": round(best["documents"] / best["seconds"], 2),
        "runs": runs,
    }


def _percentiles(samples: list[float]) -> dict:
    ordered = sorted(samples)

    def pick(q: float) -> float:
        return round(ordered[min(len(ordered) - 1, int(q * len(ordered)))] * 1000, 2)

    return {"p50_ms": pick(0.50), "p95_ms": pick(0.95), "p99_ms": pick(0.99), "n": len(ordered)}


SEARCH_QUERIES = {
    "rare_term": {"q": "zeytinyağı", "facets": "false"},
    "and_query": {"q": "mesleki eğitim protokol", "facets": "false"},
    "common_term": {"q": "eğitim", "facets": "false"},
    "filtered_faceted": {
        "q": "eğitim",
        "lang": "tr",
        "date_from": "2024-01-01",
        "date_to": "2025-12-31",
        "facets": "true",
    },
}


def bench_search(docs: int | None = None, clients: int = 8, requests: int = 400) -> dict:
    """Latency of /search over a synthetic corpus, 8 concurrent clients on loopback, and the raw
    engine time of the same queries in the same run."""
    import socket
    import threading
    from concurrent.futures import ThreadPoolExecutor

    import httpx
    import uvicorn

    from evaluation.synthetic import generate
    from service.api.app import create_app
    from service.search.index import match_ids
    from service.search.query import parse_query
    from service.store.db import migrate, transaction

    docs = docs or int(os.environ.get("HAMKAR_BENCH_DOCS", "100000"))
    with tempfile.TemporaryDirectory() as tmp:
        os.environ["HAMKAR_DATABASE_URL"] = f"sqlite:///{tmp}/search.db"
        get_settings.cache_clear()
        settings = get_settings()
        migrate(settings.database_url)
        start = time.perf_counter()
        with transaction(settings.database_url) as session:
            corpus = generate(session, docs, DEMO)
        build_seconds = round(time.perf_counter() - start, 1)
        with socket.socket() as sock:
            sock.bind(("127.0.0.1", 0))
            port = sock.getsockname()[1]
        server = uvicorn.Server(
            uvicorn.Config(create_app(settings), host="127.0.0.1", port=port, log_level="warning")
        )
        thread = threading.Thread(target=server.run, daemon=True)
        thread.start()
        while not server.started:
            time.sleep(0.05)
        results: dict = {}
        base = f"http://127.0.0.1:{port}/search"
        with httpx.Client(timeout=60) as warm:
            totals = {
                name: warm.get(base, params=params).json()["total"] for name, params in SEARCH_QUERIES.items()
            }
        for name, params in SEARCH_QUERIES.items():

            def worker(count: int, params: dict = params) -> list[float]:
                samples = []
                with httpx.Client(timeout=60) as client:
                    for _ in range(count):
                        began = time.perf_counter()
                        response = client.get(base, params=params)
                        response.raise_for_status()
                        samples.append(time.perf_counter() - began)
                return samples

            with ThreadPoolExecutor(clients) as pool:
                samples = [s for chunk in pool.map(worker, [requests // clients] * clients) for s in chunk]
            engine = []
            with transaction(settings.database_url) as session:
                parsed = parse_query(params["q"], params.get("lang"))
                for _ in range(30):
                    began = time.perf_counter()
                    match_ids(session, parsed)
                    engine.append(time.perf_counter() - began)
            results[name] = {
                "params": params,
                "hits": totals[name],
                "api": _percentiles(samples),
                "engine": _percentiles(engine),
            }
        server.should_exit = True
        thread.join(timeout=10)
    return {
        "what": f"/search on {docs} synthetic documents (evaluation/synthetic.py), {clients} concurrent clients on "
        "loopback; engine = the raw FTS5 match of the same query (all hits with BM25), single client",
        "engine": "sqlite-fts5",
        "corpus": corpus,
        "build_seconds": build_seconds,
        "queries": results,
        "goals": {"p95_ms": 25, "max_ratio_to_engine": 2},
    }


def bench_nlp() -> dict:
    """Per-document NLP time on the demo corpus: NER, and what dates + figures add to it; plus NER
    words per second on one core (``evaluation/ner_speed.py``)."""
    from evaluation.ner_speed import bench_ner
    from service.ingest.parse import parse_bytes
    from service.nlp.extract_facts import extract_dates_and_figures
    from service.nlp.ner import extract_entities
    from service.text import detect_language

    texts = []
    for path in sorted((DEMO / "tr").glob("*.html")) + sorted((DEMO / "fa").glob("*.html")):
        parsed = parse_bytes(path.read_bytes(), name=path.name)
        texts.append((parsed.text, detect_language(parsed.text).lang))
    for text, lang in texts[:2]:  # load both models before timing
        extract_entities(text, lang)
    ner = facts = 0.0
    for _ in range(5):
        for text, lang in texts:
            began = time.perf_counter()
            extract_entities(text, lang)
            ner += time.perf_counter() - began
            began = time.perf_counter()
            extract_dates_and_figures(text, lang, None)
            facts += time.perf_counter() - began
    runs = 5 * len(texts)
    return {
        "what": "per document of corpora/demo (tr+fa HTML, 5 passes): NER vs dates+figures",
        "documents": len(texts),
        "ner_ms_per_doc": round(ner / runs * 1000, 2),
        "dates_figures_ms_per_doc": round(facts / runs * 1000, 2),
        "dates_figures_share_of_ner": round(facts / ner, 3),
        "goal_share": 0.2,
        "ner_words_per_second": bench_ner(),
    }


def bench_load() -> dict:
    """8 clients for 5 minutes against `hamkar serve` while a worker ingests (evaluation/load.py); the full
    figures go to results/reliability.json. PostgreSQL too when HAMKAR_TEST_POSTGRES_URL names a server."""
    from evaluation import load

    result = load.measure(postgres=postgres_admin_url())
    save_section("load", result)
    return {r["database"]: {k: r[k] for k in ("clients", "server_workers", "seconds", "requests", "errors",
                                              "throughput_rps", "latency")} for r in result["runs"]}


def bench_crash() -> dict:
    """Workers killed at random points (evaluation/crash.py); the full figures go to
    results/reliability.json. PostgreSQL too when HAMKAR_TEST_POSTGRES_URL names a server."""
    from evaluation import crash

    result = crash.measure(postgres=postgres_admin_url())
    save_section("crash_safety", result)
    return {k: result[k] for k in ("kill_points", "kill_points_survived")}


SECTIONS: dict[str, Callable[[], dict]] = {"ingest": bench_ingest, "nlp": bench_nlp, "search": bench_search,
                                           "crash": bench_crash, "load": bench_load}


def main() -> None:
    parser = argparse.ArgumentParser(
        description="Run the benchmarks and write evaluation/results/bench.json."
    )
    parser.add_argument("--only", choices=sorted(SECTIONS), action="append", help="Run only these sections.")
    parser.add_argument("--out", type=Path, default=RESULT)
    args = parser.parse_args()
    logging.basicConfig(level=logging.WARNING)
    result = json.loads(args.out.read_text()) if args.out.exists() else {}
    for name in args.only or list(SECTIONS):
        log.warning("bench: %s", name)
        result[name] = SECTIONS[name]()
    result["machine"] = {
        "python": platform.python_version(),
        "platform": platform.platform(),
        "cpus": os.cpu_count(),
        "peak_rss_mb": round(resource.getrusage(resource.RUSAGE_SELF).ru_maxrss / 1024, 1),
        "measured_at": datetime.now(UTC).isoformat(timespec="seconds"),
    }
    args.out.parent.mkdir(parents=True, exist_ok=True)
    args.out.write_text(json.dumps(result, ensure_ascii=False, indent=2) + "\n", encoding="utf-8")
    print(json.dumps(result, ensure_ascii=False, indent=2))


if __name__ == "__main__":
    main()
