"""Evaluate the date and figure extractors: ``python -m evaluation.dates_figures``.

Scores the seeds (``../shared/seeds``), the team-written domain set (``corpora/dates-figures``) and the
later documents (``corpora/dates-figures-heldout``, whose first-run scores are in its README) with
:mod:`evaluation.scorer`, times the extractors against a blank spaCy tokenizer pass, and writes
``evaluation/results/dates_figures.json``.

Each document is scored twice: with the gold ``published`` date given as page metadata would give it
(``with_published``), and from the text alone (``text_only``, the byline fallback).
"""

from __future__ import annotations

import argparse
import datetime as dt
import json
import logging
import time
from pathlib import Path
from typing import Any

from evaluation.scorer import format_table, read_jsonl, score
from service.nlp.extract_facts import extract_dates_and_figures, to_gold_record
from service.settings import REPO_ROOT, get_settings

log = logging.getLogger(__name__)

RESULTS = REPO_ROOT / "evaluation" / "results" / "dates_figures.json"
DOMAIN = REPO_ROOT / "corpora" / "dates-figures"
HELDOUT = REPO_ROOT / "corpora" / "dates-figures-heldout"


def load_gold(path: Path) -> list[tuple[dict[str, Any], str]]:
    """(gold record, document text) pairs of a ``gold.jsonl`` whose texts sit beside it as ``<id>.txt``."""
    return [(r, (path.parent / f"{r['id']}.txt").read_text(encoding="utf-8")) for r in read_jsonl(path)]


def gold_sets() -> dict[str, list[tuple[dict[str, Any], str]]]:
    sets = {"seeds": load_gold(get_settings().shared_dir / "seeds" / "gold.jsonl")}
    for name, folder in (("domain", DOMAIN), ("heldout", HELDOUT)):
        sets[name] = [pair for lang in ("tr", "fa") for pair in load_gold(folder / lang / "gold.jsonl")]
    return sets


def predict(docs: list[tuple[dict[str, Any], str]], use_published: bool) -> list[dict[str, Any]]:
    out = []
    for gold, text in docs:
        published = (
            dt.date.fromisoformat(gold["published"]) if use_published and gold.get("published") else None
        )
        out.append(to_gold_record(gold["id"], gold["lang"], text, published))
    return out


def summary(result: dict[str, Any]) -> dict[str, Any]:
    """Dates and figures per language, plus overall (the fields this stage fills)."""
    scopes = {"overall": result["overall"], **result["by_lang"]}
    return {scope: {f: fields[f] for f in ("dates", "figures")} for scope, fields in scopes.items()}


def timing(docs: list[tuple[dict[str, Any], str]], repeat: int) -> dict[str, float]:
    """Milliseconds per document: dates+figures vs a blank spaCy tokenizer pass over the same texts."""
    import spacy

    nlp = {lang: spacy.blank(lang) for lang in ("tr", "fa")}
    extract_dates_and_figures("ısınma 1 Ocak 2024 500 kişi", "tr", None)  # warm caches and compiled patterns
    extract_dates_and_figures("۱ فروردین ۱۴۰۳ ۵۰۰ نفر", "fa", None)
    for lang in nlp:
        nlp[lang]("warm up")
    start = time.perf_counter()
    for _ in range(repeat):
        for gold, text in docs:
            extract_dates_and_figures(text, gold["lang"], None)
    facts = time.perf_counter() - start
    start = time.perf_counter()
    for _ in range(repeat):
        for gold, text in docs:
            nlp[gold["lang"]](text)
    tokenizer = time.perf_counter() - start
    n = repeat * len(docs)
    return {
        "documents": len(docs),
        "repeat": repeat,
        "dates_figures_ms_per_doc": round(1000 * facts / n, 3),
        "spacy_blank_tokenizer_ms_per_doc": round(1000 * tokenizer / n, 3),
        "ratio": round(facts / tokenizer, 2) if tokenizer else None,
    }


def main(argv: list[str] | None = None) -> dict[str, Any]:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--repeat", type=int, default=5, help="timing repetitions over all documents")
    parser.add_argument("--output", type=Path, default=RESULTS)
    args = parser.parse_args(argv)
    logging.basicConfig(level=logging.INFO, format="%(message)s")
    report: dict[str, Any] = {}
    all_docs = []
    for name, docs in gold_sets().items():
        all_docs.extend(docs)
        gold = [g for g, _ in docs]
        report[name] = {"documents": len(docs)}
        for variant, use_published in (("with_published", True), ("text_only", False)):
            result = score(gold, predict(docs, use_published))
            report[name][variant] = summary(result)
            log.info("%s (%s, %d documents)\n%s\n", name, variant, len(docs), format_table(result))
    report["timing"] = timing(all_docs, args.repeat)
    log.info("timing: %s", report["timing"])
    args.output.parent.mkdir(parents=True, exist_ok=True)
    args.output.write_text(json.dumps(report, ensure_ascii=False, indent=2) + "\n", encoding="utf-8")
    log.info("wrote %s", args.output)
    return report


if __name__ == "__main__":
    main()
