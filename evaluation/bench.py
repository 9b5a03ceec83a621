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
from datetime import datetime, timezone
from pathlib import Path

from service.settings import REPO_ROOT, get_settings

log = logging.getLogger(__name__)
RESULT = REPO_ROOT / "evaluation" / "results" / "bench.json"
DEMO = REPO_ROOT / "corpora" / "demo"


def bench_ingest(repeats: int = 3) -> dict:
    """Documents per second for the demo corpus from local files into a fresh SQLite store."""
    from service.ingest.runner import Ingestor

    inputs = [str(DEMO / "tr"), str(DEMO / "fa"), str(DEMO / "bulletin")]
    runs = []
    for _ in range(repeats):
        with tempfile.TemporaryDirectory() as tmp:
            os.environ["HAMKAR_DATABASE_URL"] = f"sqlite:///{tmp}/bench.db"
            get_settings.cache_clear()
            ingestor = Ingestor(get_settings())
            start = time.perf_counter()
            summary = ingestor.run(inputs, progress=False)
            elapsed = time.perf_counter() - start
            stored = sum(summary.counts.get(k, 0) for k in ("new", "duplicate", "skipped"))
            runs.append({"documents": stored, "seconds": round(elapsed, 3)})
    best = min(runs, key=lambda r: r["seconds"])
    return {
        "what": "hamkar ingest of corpora/demo (tr, fa, bulletin) from local files into a new SQLite store",
        "documents": best["documents"],
        "best_seconds": best["seconds"],
        "documents_per_second": round(best["documents"] / best["seconds"], 2),
        "runs": runs,
    }


SECTIONS: dict[str, Callable[[], dict]] = {"ingest": bench_ingest}


def main() -> None:
    parser = argparse.ArgumentParser(description="Run the benchmarks and write evaluation/results/bench.json.")
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
        "measured_at": datetime.now(timezone.utc).isoformat(timespec="seconds"),
    }
    args.out.parent.mkdir(parents=True, exist_ok=True)
    args.out.write_text(json.dumps(result, ensure_ascii=False, indent=2) + "\n", encoding="utf-8")
    print(json.dumps(result, ensure_ascii=False, indent=2))


if __name__ == "__main__":
    main()
