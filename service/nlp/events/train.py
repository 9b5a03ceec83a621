"""Train the event-sentence classifiers: ``python -m service.nlp.events.train [--lang tr fa]``.

Reads ``corpora/events/{lang}/train.jsonl`` (never ``test.jsonl``), writes ``models/events/{lang}.joblib``
and a JSON card with the held-out scores. Deterministic (fixed seed); takes seconds.
"""

from __future__ import annotations

import argparse
import json
import logging

from sklearn.metrics import classification_report

from service.nlp import textclass
from service.nlp.events.detect import model_path
from service.settings import get_settings

log = logging.getLogger(__name__)


def read_split(lang: str, split: str) -> list[dict]:
    path = get_settings().corpora_dir / "events" / lang / f"{split}.jsonl"
    return [json.loads(line) for line in path.read_text(encoding="utf-8").splitlines() if line.strip()]


def train_language(lang: str) -> dict:
    train, test = read_split(lang, "train"), read_split(lang, "test")
    pipeline = textclass.train([r["text"] for r in train], [r["type"] for r in train], lang)
    predicted = pipeline.predict([textclass.prepare(r["text"], lang) for r in test])
    report = classification_report([r["type"] for r in test], predicted, output_dict=True, zero_division=0)
    card = {
        "what": "event-type classifier over sentences (TF-IDF words + char n-grams, logistic regression)",
        "trained_on": f"corpora/events/{lang}/train.jsonl ({len(train)} sentences)",
        "evaluated_on": f"corpora/events/{lang}/test.jsonl ({len(test)} sentences)",
        "test_macro_f1": round(report["macro avg"]["f1-score"], 3),
        "test_accuracy": round(report["accuracy"], 3),
        "test_per_type_f1": {k: round(v["f1-score"], 3) for k, v in report.items() if isinstance(v, dict) and k not in ("macro avg", "weighted avg")},
    }
    textclass.save(pipeline, model_path(lang), card)
    return card


def main() -> None:
    parser = argparse.ArgumentParser(description="Train the event-sentence classifiers into models/events/.")
    parser.add_argument("--lang", nargs="+", default=["tr", "fa"], choices=["tr", "fa"])
    args = parser.parse_args()
    logging.basicConfig(level=logging.INFO)
    for lang in args.lang:
        card = train_language(lang)
        log.info("%s: %s", lang, json.dumps(card, ensure_ascii=False))


if __name__ == "__main__":
    main()
