"""``make fuzz`` → ``python -m evaluation.fuzz``: hostile inputs (``evaluation/fuzz_inputs.py``) against the
HTML, PDF, text, feed, sitemap, date, number and figure parsers → ``results/reliability.json`` (``fuzz``).

Each target has a contract: ``parse_bytes`` returns a document or raises :class:`IngestError` with a
reason; the feed and sitemap readers return lists; the extractors return mentions whose offsets point at
their own text; ``parse_number`` returns a number or None. Anything else is a *crash*, a broken promise
(such as a wrong offset) a *violation*, and an input still running after its deadline a *timeout*: a
SIGALRM interrupts it, and a shard process that stops responding altogether is killed and counted.
``tests/reliability/test_hostile_input.py`` runs the same targets with a small budget.
"""

from __future__ import annotations

import argparse
import json
import logging
import multiprocessing
import signal
import sys
import time
import traceback
from collections import Counter
from collections.abc import Callable, Iterator
from contextlib import contextmanager
from dataclasses import dataclass
from multiprocessing.connection import Connection
from pathlib import Path
from typing import Any

from hypothesis import HealthCheck, Phase, given, seed, settings
from hypothesis import strategies as st

from evaluation import fuzz_inputs as inputs
from evaluation.reliability import add_common_options, save_section
from service.ingest.errors import IngestError, Reason

log = logging.getLogger(__name__)
BASE_URL = "http://demo.hamkar.test/feed.xml"
SAMPLES_KEPT = 5


class InputTimeout(BaseException):
    """Raised by the deadline alarm; a BaseException so that parsers' ``except Exception`` cannot eat it."""


class Violation(AssertionError):
    """A parser returned, but broke its contract (wrong type, offsets outside the text)."""


@contextmanager
def deadline(seconds: float) -> Iterator[None]:
    """Interrupt the block after ``seconds`` (main thread only; SIGALRM reaches Python and regex code)."""

    def alarm(_signum: int, _frame: object) -> None:
        raise InputTimeout

    previous = signal.signal(signal.SIGALRM, alarm)
    signal.setitimer(signal.ITIMER_REAL, seconds)
    try:
        yield
    finally:
        signal.setitimer(signal.ITIMER_REAL, 0)
        signal.signal(signal.SIGALRM, previous)


def _check_spans(text: str, mentions: list[Any]) -> None:
    for mention in mentions:
        if not (0 <= mention.start <= mention.end <= len(text)) or text[mention.start : mention.end] != mention.text:
            raise Violation(f"offsets {mention.start}:{mention.end} do not hold {mention.text!r}")


def _parse(content_type: str, name: str) -> Callable[[bytes], None]:
    def run(data: bytes) -> None:
        from service.ingest.parse import ParsedDocument, parse_bytes

        parsed = parse_bytes(data, content_type=content_type, name=name, url="http://demo.hamkar.test/x")
        if not isinstance(parsed, ParsedDocument) or not isinstance(parsed.text, str):
            raise Violation(f"parse_bytes returned {type(parsed).__name__}")
        for start, end in parsed.pages or []:
            if not 0 <= start <= end <= len(parsed.text):
                raise Violation(f"page span {start}:{end} outside the text")

    return run


def _feed(data: bytes) -> None:
    from service.ingest.links import classify_xml, feed_items

    classify_xml(data)
    if not all(isinstance(item.url, str) for item in feed_items(data, BASE_URL)):
        raise Violation("feed item without a URL")


def _sitemap(data: bytes) -> None:
    from service.ingest.links import entries_from_sitemap

    if not all(isinstance(entry.url, str) for entry in entries_from_sitemap(data, BASE_URL)):
        raise Violation("sitemap entry without a URL")


def _dates(value: tuple[str, str]) -> None:
    from service.nlp.dates import extract_dates

    text, lang = value
    _check_spans(text, extract_dates(text, lang))


def _numbers(value: tuple[str, str]) -> None:
    from service.nlp.numbers import parse_number

    number = parse_number(*value)
    if number is not None and not isinstance(number, int | float):
        raise Violation(f"parse_number returned {type(number).__name__}")


def _figures(value: tuple[str, str]) -> None:
    from service.nlp.figures import extract_figures

    text, lang = value
    _check_spans(text, extract_figures(text, lang))


@dataclass(frozen=True)
class Target:
    name: str
    strategy: Callable[[], st.SearchStrategy[Any]]
    run: Callable[[Any], None]
    share: float  # of the total budget
    rejects: bool = False  # whether raising IngestError (with a reason) is part of the contract


TARGETS = {t.name: t for t in [
    Target("html", inputs.html_documents, _parse("text/html", "page.html"), 0.12, rejects=True),
    Target("pdf", inputs.pdf_documents, _parse("application/pdf", "bulletin.pdf"), 0.08, rejects=True),
    Target("text", inputs.text_documents, _parse("text/plain", "note.txt"), 0.10, rejects=True),
    Target("feed", inputs.feed_documents, _feed, 0.12),
    Target("sitemap", inputs.sitemap_documents, _sitemap, 0.12),
    Target("dates", inputs.nlp_texts, _dates, 0.16),
    Target("numbers", inputs.number_texts, _numbers, 0.16),
    Target("figures", inputs.nlp_texts, _figures, 0.14),
]}


@dataclass(frozen=True)
class Outcome:
    kind: str  # ok, rejected, crash, violation, timeout
    detail: str = ""

    @property
    def fine(self) -> bool:
        return self.kind in ("ok", "rejected")


def run_input(target: Target, value: Any, timeout: float) -> Outcome:
    """One input through one target, classified."""
    try:
        with deadline(timeout):
            target.run(value)
    except InputTimeout:
        return Outcome("timeout", f"still running after {timeout}s")
    except IngestError as exc:
        if target.rejects and isinstance(exc.reason, Reason) and exc.detail:
            return Outcome("rejected", exc.reason.value)
        return Outcome("crash", f"IngestError outside its contract: {exc}")
    except Violation as exc:
        return Outcome("violation", str(exc))
    except Exception as exc:  # noqa: BLE001 - that is what we are looking for
        frame = traceback.extract_tb(exc.__traceback__)[-1]
        return Outcome("crash", f"{type(exc).__name__}: {exc} ({Path(frame.filename).name}:{frame.lineno})")
    return Outcome("ok")


def run_shard(name: str, examples: int, shard_seed: int, timeout: float) -> dict:
    """Up to ``examples`` generated inputs for one target; counts, and samples of what went wrong."""
    target = TARGETS[name]
    counts: Counter[str] = Counter()
    samples: list[dict] = []

    @seed(shard_seed)
    @settings(max_examples=examples, database=None, deadline=None, phases=[Phase.generate],
              suppress_health_check=list(HealthCheck))
    @given(target.strategy())
    def explore(value: Any) -> None:
        outcome = run_input(target, value, timeout)
        counts["inputs"] += 1
        counts[outcome.kind if outcome.kind != "rejected" else f"rejected:{outcome.detail}"] += 1
        if not outcome.fine and len(samples) < SAMPLES_KEPT:
            samples.append({"outcome": outcome.kind, "detail": outcome.detail[:300], "input": repr(value)[:300]})

    started = time.perf_counter()
    explore()
    return {"target": name, "counts": dict(counts), "samples": samples, "seconds": time.perf_counter() - started}


def _shard_process(name: str, examples: int, shard_seed: int, timeout: float, conn: Connection) -> None:
    logging.disable(logging.CRITICAL)  # trafilatura and friends log every rejected page
    conn.send(run_shard(name, examples, shard_seed, timeout))


def run_all(total: int, *, jobs: int, shard_size: int, timeout: float, base_seed: int,
            names: list[str] | None = None) -> dict[str, dict]:
    """Spread ``total`` inputs over the targets and shards; run the shards ``jobs`` at a time, each in a
    process of its own that is killed (and its inputs counted as one hang) if it stops answering."""
    context = multiprocessing.get_context("fork")
    chosen = {name: TARGETS[name] for name in names or TARGETS}
    shares = sum(target.share for target in chosen.values())
    shards = []
    for name, target in chosen.items():
        budget = round(total * target.share / shares)
        shards += [(name, min(shard_size, budget - done), base_seed + len(shards) + i)
                   for i, done in enumerate(range(0, budget, shard_size))]
    results: dict[str, dict] = {name: {"counts": Counter(), "samples": [], "seconds": 0.0} for name in chosen}
    running: list[tuple[multiprocessing.Process, Connection, tuple, float]] = []
    while shards or running:
        while shards and len(running) < jobs:
            shard = shards.pop(0)
            receiver, sender = context.Pipe(duplex=False)
            process = context.Process(target=_shard_process, args=(*shard, timeout, sender), daemon=True)
            process.start()
            running.append((process, receiver, shard, time.monotonic()))
        time.sleep(0.05)
        for item in list(running):
            process, receiver, (name, examples, shard_seed), began = item
            summary = results[name]
            if receiver.poll():
                shard_result = receiver.recv()
                summary["counts"].update(shard_result["counts"])
                summary["samples"] = (summary["samples"] + shard_result["samples"])[:SAMPLES_KEPT]
                summary["seconds"] += shard_result["seconds"]
            elif process.is_alive() and time.monotonic() - began < examples * timeout + 120:
                continue
            elif process.is_alive():
                process.kill()
                summary["counts"].update({"hung_shards": 1, "timeout": 1})
                summary["samples"].append({"outcome": "hung shard", "seed": shard_seed})
            else:
                summary["counts"].update({"dead_shards": 1, "crash": 1})
                summary["samples"].append({"outcome": f"shard process died ({process.exitcode})", "seed": shard_seed})
            process.join()
            running.remove(item)
            log.info("%s shard %d done: %s", name, shard_seed, dict(summary["counts"]))
    return {name: {**r, "counts": dict(r["counts"]), "seconds": round(r["seconds"], 1)} for name, r in results.items()}


def main() -> None:
    parser = argparse.ArgumentParser(description="Fuzz the parsers with generated hostile inputs.")
    parser.add_argument("--inputs", type=int, default=100_000, help="Total inputs over all targets.")
    parser.add_argument("--jobs", type=int, default=max(1, multiprocessing.cpu_count()))
    parser.add_argument("--shard-size", type=int, default=1000)
    parser.add_argument("--timeout", type=float, default=5.0, help="Seconds one input may take.")
    parser.add_argument("--seed", type=int, default=1)
    parser.add_argument("--target", choices=sorted(TARGETS), action="append", help="Only these parsers.")
    add_common_options(parser, postgres=False)
    args = parser.parse_args()
    logging.basicConfig(level=logging.INFO, format="%(message)s")
    import service.ingest.parse  # noqa: F401 - load the parsers once, before the shard processes fork
    import service.nlp.figures  # noqa: F401

    started = time.perf_counter()
    targets = run_all(args.inputs, jobs=args.jobs, shard_size=args.shard_size, timeout=args.timeout,
                      base_seed=args.seed, names=args.target)
    totals = Counter()
    for summary in targets.values():
        totals.update({k: v for k, v in summary["counts"].items() if not k.startswith("rejected:")})
    result = {
        "what": "hypothesis-generated hostile inputs (mutated demo documents, deep nesting, bombs, broken PDFs, "
                "invalid UTF-8, mixed scripts) against the parsers; each input bounded by a deadline",
        "inputs": totals["inputs"],
        "crashes": totals["crash"],
        "violations": totals["violation"],
        "timeouts": totals["timeout"],
        "per_input_timeout_s": args.timeout,
        "seed": args.seed,
        "seconds": round(time.perf_counter() - started, 1),
        "targets": targets,
    }
    save_section("fuzz", result, args.out)
    print(json.dumps({k: v for k, v in result.items() if k != "targets"}, indent=2))
    if totals["crash"] or totals["timeout"] or totals["violation"]:
        sys.exit(1)


if __name__ == "__main__":
    main()
