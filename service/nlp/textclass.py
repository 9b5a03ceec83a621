"""Small supervised text classifiers (events per sentence, topic per document), one recipe for both.

TF-IDF over words (1–2-grams) and character n-grams (2–5, inside word boundaries, which copes with
Turkish suffixes and Persian spelling variants) feeding a class-balanced logistic regression. Text is
normalized exactly as everywhere else before it is vectorized, at training and at prediction time.
"""

from __future__ import annotations

import json
import logging
from collections.abc import Sequence
from functools import lru_cache
from pathlib import Path

import joblib
import sklearn
from sklearn.feature_extraction.text import TfidfVectorizer
from sklearn.linear_model import LogisticRegression
from sklearn.pipeline import FeatureUnion, Pipeline

from service.text import normalize

log = logging.getLogger(__name__)


class ModelMissing(FileNotFoundError):
    """A classifier artifact is not in ``models/`` (run ``make train``)."""


def prepare(text: str, lang: str) -> str:
    """The classifier's view of a text: normalized, case-folded, ZWNJ as a space."""
    return normalize(text, lang, casefold=True, zwnj="space").text


def build_pipeline(seed: int = 13) -> Pipeline:
    features = FeatureUnion(
        [
            ("words", TfidfVectorizer(ngram_range=(1, 2), min_df=1, sublinear_tf=True)),
            ("chars", TfidfVectorizer(analyzer="char_wb", ngram_range=(2, 5), min_df=2, sublinear_tf=True)),
        ]
    )
    classifier = LogisticRegression(C=8.0, class_weight="balanced", max_iter=3000, random_state=seed)
    return Pipeline([("features", features), ("classifier", classifier)])


def train(texts: Sequence[str], labels: Sequence[str], lang: str, seed: int = 13) -> Pipeline:
    pipeline = build_pipeline(seed)
    pipeline.fit([prepare(t, lang) for t in texts], list(labels))
    return pipeline


def save(pipeline: Pipeline, path: Path, card: dict) -> None:
    """Write the model and a JSON card beside it (data, scores, library versions)."""
    path.parent.mkdir(parents=True, exist_ok=True)
    joblib.dump(pipeline, path, compress=3)
    card = {**card, "sklearn": sklearn.__version__}
    path.with_suffix(".json").write_text(json.dumps(card, ensure_ascii=False, indent=2) + "\n", encoding="utf-8")


@lru_cache(maxsize=16)
def load(path: Path) -> Pipeline:
    """Load a committed classifier once per process."""
    if not path.exists():
        raise ModelMissing(f"no classifier at {path}; run `make train` to build it")
    return joblib.load(path)


def predict_proba(pipeline: Pipeline, texts: Sequence[str], lang: str) -> list[dict[str, float]]:
    """Class probabilities for each text."""
    if not texts:
        return []
    matrix = pipeline.predict_proba([prepare(t, lang) for t in texts])
    classes = list(pipeline.classes_)
    return [dict(zip(classes, (float(p) for p in row), strict=True)) for row in matrix]
