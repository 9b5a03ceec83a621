"""Entity-level NER scores of the shipped models → ``evaluation/results/ner.json``.

``python -m evaluation.ner_eval`` scores each public corpus's test split and the domain test split
(``corpora/ner-domain/{lang}/test.txt``), with and without the rule/gazetteer component, next to the
published anchors. Matching is exact: a prediction counts only with the gold span's start, end and label.

Only the labels a corpus annotates are scored on it (Milliyet has no DATE: a predicted date there is
neither right nor wrong), and MISC is never scored (the models do not predict it). The test text is the
corpus tokens joined by spaces (Milliyet's split suffixes glued back, ``corpora.py``), run through the
public API ``extract_entities_many``, i.e. normalization, tokenizer, model, rules and the offset map
back to the original text are all part of what is measured.
"""

from __future__ import annotations

import os

os.environ.setdefault("OMP_NUM_THREADS", "1")

import argparse  # noqa: E402
import json  # noqa: E402
import logging  # noqa: E402
import time  # noqa: E402
from collections import Counter  # noqa: E402
from pathlib import Path  # noqa: E402

from service.nlp.ner.api import extract_entities_many, load_model, models_dir  # noqa: E402
from service.nlp.ner.corpora import REPO_ROOT, Sentence, public_corpora, read_domain, read_public  # noqa: E402
from service.nlp.ner.labels import LABELS  # noqa: E402

log = logging.getLogger(__name__)
RESULT = REPO_ROOT / "evaluation" / "results" / "ner.json"

#: Published scores (``../shared/corpora/ner/README.md``); "comparable" says how close the setting is.
ANCHORS: dict[str, list[dict]] = {
    "starlang-ner": [
        {
            "system": "Stanza (char-LM + BiLSTM-CRF)",
            "f1": 81.65,
            "comparable": "same data and split, 5 types (TIME→DATE here)",
        }
    ],
    "milliyet-news-ner": [
        {"system": "BiLSTM-CRF", "f1": 92.12, "comparable": "same corpus, their split (not ours)"},
        {"system": "BERTurk", "f1": 95.82, "comparable": "same corpus, their split; transformer ceiling"},
    ],
    "turkish-wiki-ner": [
        {
            "system": "spaCy tr_core_news_md",
            "f1": 88.94,
            "comparable": "indicative only: 19 labels, test + WikiANN",
        }
    ],
    "arman": [
        {
            "system": "Stanza",
            "f1": 80.07,
            "comparable": "same corpus; 6 types incl. event/pro (MISC, not scored here)",
        }
    ],
    "peyma": [
        {
            "system": "mBERT",
            "f1": 86.64,
            "comparable": "very likely the same split, 7 classes (TIME→DATE here)",
        },
        {"system": "Beheshti-NER", "f1": 90.59, "comparable": "as above"},
        {"system": "ParsBERT v2", "f1": 93.40, "comparable": "as above; transformer ceiling"},
    ],
    "nsurl2019-peyma-600k": [
        {"system": "NSURL-2019 best", "f1": 85.4, "comparable": "different (official) test set"}
    ],
}

#: What the project set out to reach (issue 3).
TARGETS = {
    "starlang-ner": 87.0,
    "arman": 85.0,
    "milliyet-news-ner": 92.0,
    "peyma": 90.0,
    "ner-domain/ORG": 90.0,
}


def score(gold: list[set], predicted: list[set], labels: frozenset[str]) -> dict:
    """Micro and per-label precision/recall/F1 (in %) over sets of ``(start, end, label)``."""
    counts: dict[str, Counter] = {label: Counter() for label in sorted(labels)}
    for gold_spans, predicted_spans in zip(gold, predicted, strict=True):
        gold_spans = {g for g in gold_spans if g[2] in labels}
        predicted_spans = {p for p in predicted_spans if p[2] in labels}
        for span in gold_spans & predicted_spans:
            counts[span[2]]["tp"] += 1
        for span in predicted_spans - gold_spans:
            counts[span[2]]["fp"] += 1
        for span in gold_spans - predicted_spans:
            counts[span[2]]["fn"] += 1
    result = {"micro": _prf(sum(counts.values(), Counter()))}
    result["per_label"] = {label: _prf(c) for label, c in counts.items()}
    return result


def _prf(c: Counter) -> dict:
    tp, fp, fn = c["tp"], c["fp"], c["fn"]
    p = tp / (tp + fp) if tp + fp else 0.0
    r = tp / (tp + fn) if tp + fn else 0.0
    f = 2 * p * r / (p + r) if p + r else 0.0
    return {
        "precision": round(100 * p, 2),
        "recall": round(100 * r, 2),
        "f1": round(100 * f, 2),
        "tp": tp,
        "fp": fp,
        "fn": fn,
    }


def evaluate(lang: str, sentences: list[Sentence], labels: frozenset[str]) -> dict:
    """Scores with and without rules, plus words/second of each run."""
    gold = [set(s.entities) for s in sentences]
    texts = [s.text for s in sentences]
    words = sum(len(t.split()) for t in texts)
    out: dict = {
        "sentences": len(texts),
        "words": words,
        "entities": sum(len(g & _labelled(g, labels)) for g in gold),
    }
    for name, rules in (("with_rules", True), ("without_rules", False)):
        start = time.perf_counter()
        mentions = extract_entities_many(texts, lang, rules=rules)
        elapsed = time.perf_counter() - start
        predicted = [{(m.start, m.end, m.label) for m in ms} for ms in mentions]
        out[name] = score(gold, predicted, labels) | {"words_per_second": round(words / elapsed)}
    return out


def _labelled(spans: set, labels: frozenset[str]) -> set:
    return {s for s in spans if s[2] in labels}


def model_info(lang: str) -> dict:
    path = models_dir() / lang
    size = sum(f.stat().st_size for f in path.rglob("*") if f.is_file())
    meta = json.loads((path / "meta.json").read_text())
    return {
        "path": str(path.relative_to(REPO_ROOT)) if path.is_relative_to(REPO_ROOT) else str(path),
        "size_mb": round(size / 1e6, 2),
        "pipeline": meta.get("pipeline"),
        "train_minutes": meta.get("hamkar", {}).get("train_minutes"),
        "training_counts": meta.get("hamkar", {}).get("training_counts"),
    }


def main(argv: list[str] | None = None) -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--lang", choices=["tr", "fa"], action="append", help="default: both")
    parser.add_argument("--out", type=Path, default=RESULT)
    parser.add_argument("--limit", type=int, default=0, help="score only the first N sentences of each set")
    args = parser.parse_args(argv)
    logging.basicConfig(level=logging.INFO, format="%(asctime)s %(levelname)s %(name)s: %(message)s")
    results: dict = json.loads(args.out.read_text()) if args.out.exists() else {}
    results.setdefault("languages", {})
    results["method"] = (__doc__ or "").split("\n\n")[1].replace("\n", " ")
    results["targets"] = TARGETS
    for lang in args.lang or ["tr", "fa"]:
        load_model(lang)
        entry: dict = {"model": model_info(lang), "corpora": {}}
        sets = [
            (spec.name, list(read_public(spec, "test")), spec.labels & set(LABELS))
            for spec in public_corpora(lang)
        ]
        sets.append(("ner-domain", read_domain(lang, "test"), frozenset(LABELS)))
        for name, sentences, labels in sets:
            if not sentences:
                log.warning("%s/%s: no test sentences, skipped", lang, name)
                continue
            if args.limit:
                sentences = sentences[: args.limit]
            scored = evaluate(lang, sentences, frozenset(labels))
            scored["labels_scored"] = sorted(labels)
            scored["anchors"] = ANCHORS.get(name, [])
            entry["corpora"][name] = scored
            log.info(
                "%s %-22s F1 %.2f (without rules %.2f)",
                lang, name, scored["with_rules"]["micro"]["f1"], scored["without_rules"]["micro"]["f1"],
            )  # fmt: skip
        results["languages"][lang] = entry
    args.out.parent.mkdir(parents=True, exist_ok=True)
    args.out.write_text(json.dumps(results, ensure_ascii=False, indent=1) + "\n")
    log.info("wrote %s", args.out)
    print(markdown_table(results))


def markdown_table(results: dict) -> str:
    """The summary table of ``evaluation/README.md`` and ``models/README.md``."""
    rows = [
        "| lang | test set | F1 with rules | F1 without rules | ORG F1 (with / without) | words/s | anchors |",
        "|---|---|---:|---:|---:|---:|---|",
    ]
    for lang, entry in results["languages"].items():
        for name, scored in entry["corpora"].items():
            with_rules, without = scored["with_rules"], scored["without_rules"]
            org = f"{with_rules['per_label']['ORG']['f1']:.2f} / {without['per_label']['ORG']['f1']:.2f}"
            anchors = "; ".join(f"{a['system']} {a['f1']}" for a in scored["anchors"]) or "-"
            rows.append(
                f"| {lang} | {name} | {with_rules['micro']['f1']:.2f} | {without['micro']['f1']:.2f} | {org} "
                f"| {with_rules['words_per_second']} | {anchors} |"
            )
    return "\n".join(rows)


if __name__ == "__main__":
    main()
