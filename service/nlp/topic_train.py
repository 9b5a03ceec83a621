"""Train the topic (relevance) classifiers: ``python -m service.nlp.topic_train [--lang tr fa]``.

Reads ``corpora/topic/{lang}/train.jsonl`` only (``test.jsonl`` is for ``evaluation/topic.py``). The
decision threshold is chosen by 5-fold cross-validation inside the training set: out-of-fold
probabilities of every trained language are pooled and the grid threshold with the best F1 of the
``relevant`` class wins (ties go to the lowest). It is written to each model card; the
``topic_threshold`` setting's default is that value. Deterministic (fixed seed); takes seconds.
"""

from __future__ import annotations

import argparse
import json
import logging

import numpy as np
from sklearn.metrics import precision_recall_fscore_support
from sklearn.model_selection import StratifiedKFold, cross_val_predict

from service.nlp import textclass
from service.nlp.topic import RELEVANT, model_path
from service.settings import get_settings

log = logging.getLogger(__name__)
SEED = 13
FOLDS = 5
GRID = [round(t, 2) for t in np.arange(0.20, 0.81, 0.05)]


def read_train(lang: str) -> list[dict]:
    path = get_settings().corpora_dir / "topic" / lang / "train.jsonl"
    return [json.loads(line) for line in path.read_text(encoding="utf-8").splitlines() if line.strip()]


def out_of_fold(rows: list[dict], lang: str) -> np.ndarray:
    """Cross-validated probability of ``relevant`` for every training item (the recipe of textclass)."""
    texts = [textclass.prepare(r["text"], lang) for r in rows]
    labels = [r["label"] for r in rows]
    folds = StratifiedKFold(FOLDS, shuffle=True, random_state=SEED)
    probabilities = cross_val_predict(textclass.build_pipeline(SEED), texts, labels, cv=folds, method="predict_proba")
    classes = sorted(set(labels))  # predict_proba columns follow the sorted classes
    return probabilities[:, classes.index(RELEVANT)]


def scores_at(truth: np.ndarray, scores: np.ndarray, threshold: float) -> dict[str, float]:
    precision, recall, f1, _ = precision_recall_fscore_support(
        truth, scores >= threshold, average="binary", zero_division=0
    )
    return {"precision": round(float(precision), 3), "recall": round(float(recall), 3), "f1": round(float(f1), 3)}


def choose_threshold(truth: np.ndarray, scores: np.ndarray) -> float:
    f1s = [scores_at(truth, scores, t)["f1"] for t in GRID]
    return GRID[int(np.argmax(f1s))]


def main() -> None:
    parser = argparse.ArgumentParser(description="Train the topic classifiers into models/topic/.")
    parser.add_argument("--lang", nargs="+", default=["tr", "fa"], choices=["tr", "fa"])
    args = parser.parse_args()
    logging.basicConfig(level=logging.INFO)
    data = {lang: read_train(lang) for lang in args.lang}
    truth = {lang: np.array([r["label"] == RELEVANT for r in rows]) for lang, rows in data.items()}
    oof = {lang: out_of_fold(rows, lang) for lang, rows in data.items()}
    threshold = choose_threshold(np.concatenate(list(truth.values())), np.concatenate(list(oof.values())))
    for lang, rows in data.items():
        pipeline = textclass.train([r["text"] for r in rows], [r["label"] for r in rows], lang, seed=SEED)
        card = {
            "what": "topic relevance classifier over a document's title and lead (TF-IDF words + char n-grams, "
            "logistic regression); positive class 'relevant', else 'off_topic'",
            "trained_on": f"corpora/topic/{lang}/train.jsonl ({len(rows)} items, "
            f"{int(truth[lang].sum())} relevant)",
            "cv": f"{FOLDS}-fold stratified cross-validation inside train (seed {SEED})",
            "cv_threshold": threshold,
            "cv_threshold_pooled_over": list(data),
            "cv_scores_at_threshold": scores_at(truth[lang], oof[lang], threshold),
            "cv_f1_by_threshold": {str(t): scores_at(truth[lang], oof[lang], t)["f1"] for t in GRID},
            "held_out_scores": "evaluation/results/topic.json (python -m evaluation.topic)",
        }
        textclass.save(pipeline, model_path(lang), card)
        log.info("%s: threshold %.2f, cross-validated %s", lang, threshold, card["cv_scores_at_threshold"])
    if threshold != get_settings().topic_threshold:
        log.warning("cross-validated threshold %.2f differs from the topic_threshold default %.2f: update "
                    "service/settings.py", threshold, get_settings().topic_threshold)


if __name__ == "__main__":
    main()
