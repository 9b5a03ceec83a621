"""NER throughput on one core and peak memory → the ``speed`` section of ``results/ner.json``.

``python -m evaluation.ner_speed`` (also callable as ``bench_ner()`` from ``make bench``). Input: the
public test sentences of each language grouped into ~20-sentence documents (press-release sized),
warmed up once, then timed through the public API (normalization + model + rules + offset mapping)
and through the bare spaCy pipeline. One thread (``OMP_NUM_THREADS=1``); words = whitespace tokens.
"""

from __future__ import annotations

import os

os.environ.setdefault("OMP_NUM_THREADS", "1")

import argparse  # noqa: E402
import itertools  # noqa: E402
import json  # noqa: E402
import logging  # noqa: E402
import platform  # noqa: E402
import resource  # noqa: E402
import time  # noqa: E402
from collections.abc import Callable  # noqa: E402
from pathlib import Path  # noqa: E402
from typing import Any  # noqa: E402

from service.nlp.ner.api import extract_entities_many, load_model  # noqa: E402
from service.nlp.ner.corpora import public_corpora, read_public  # noqa: E402
from service.text.normalize import normalize  # noqa: E402

log = logging.getLogger(__name__)
RESULT = Path(__file__).parent / "results" / "ner.json"


def sample_documents(lang: str, words: int = 100_000, per_doc: int = 20) -> list[str]:
    """About ``words`` words of test text, taken round-robin from the language's public corpora."""
    streams = [read_public(spec, "test") for spec in public_corpora(lang)]
    sentences: list[str] = []
    total = 0
    for sentence in itertools.chain.from_iterable(itertools.zip_longest(*streams)):
        if sentence is None:
            continue
        sentences.append(sentence.text)
        total += len(sentence.text.split())
        if total >= words:
            break
    return [" ".join(sentences[i : i + per_doc]) for i in range(0, len(sentences), per_doc)]


def _bare_pipe(nlp: Any, docs: list[str], lang: str) -> list:
    return list(nlp.pipe((normalize(d, lang).text for d in docs), batch_size=64))


def _words_per_second(words: int, call: Callable, *args: Any, **kwargs: Any) -> int:
    start = time.perf_counter()
    call(*args, **kwargs)
    return round(words / (time.perf_counter() - start))


def bench_ner(words: int = 100_000) -> dict:
    """Words per second per language: full API with and without rules, and the bare spaCy pipeline."""
    result: dict = {
        "what": __doc__.split("\n\n")[1].replace("\n", " "),
        "machine": platform.processor() or platform.machine(),
    }
    for lang in ("tr", "fa"):
        nlp = load_model(lang)
        docs = sample_documents(lang, words)
        n_words = sum(len(d.split()) for d in docs)
        extract_entities_many(docs[:5], lang)  # warm-up (vocab, caches)
        runs = {
            "api_with_rules": _words_per_second(n_words, extract_entities_many, docs, lang),
            "api_without_rules": _words_per_second(n_words, extract_entities_many, docs, lang, rules=False),
            "spacy_pipe": _words_per_second(n_words, _bare_pipe, nlp, docs, lang),
        }
        result[lang] = {"words": n_words, "documents": len(docs), "words_per_second": runs}
        log.info("%s: %s words/s", lang, runs)
    result["peak_rss_mb"] = round(resource.getrusage(resource.RUSAGE_SELF).ru_maxrss / 1024, 1)
    return result


def main(argv: list[str] | None = None) -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--out", type=Path, default=RESULT)
    parser.add_argument("--words", type=int, default=100_000)
    args = parser.parse_args(argv)
    logging.basicConfig(level=logging.INFO, format="%(asctime)s %(levelname)s %(name)s: %(message)s")
    speed = bench_ner(args.words)
    results = json.loads(args.out.read_text()) if args.out.exists() else {}
    results["speed"] = speed
    args.out.write_text(json.dumps(results, ensure_ascii=False, indent=1) + "\n")
    log.info("wrote %s", args.out)


if __name__ == "__main__":
    main()
