"""Is a document about vocational education, skills training or employment programmes, or off-topic?

A per-language classifier (``models/topic/{lang}.joblib``, trained by :mod:`service.nlp.topic_train` on
``corpora/topic``) scores a document's *lead*: the title and the first ``LEAD_WORDS`` words. The training
items are title-plus-lead news snippets and the corpus rule is that the lead decides the label, so a long
article is judged on what it is mainly about, not diluted by its tail. Documents scoring below the
``topic_threshold`` setting are ``off_topic``: they stay stored but are kept out of the knowledge base
and out of default search results.
"""

from __future__ import annotations

from pathlib import Path

from service.nlp import textclass
from service.settings import get_settings

RELEVANT = "relevant"
OFF_TOPIC = "off_topic"
LEAD_WORDS = 150  # the longest training item has 150 words


def model_path(lang: str) -> Path:
    return get_settings().models_dir / "topic" / f"{lang}.joblib"


def lead(text: str, words: int = LEAD_WORDS) -> str:
    """The first ``words`` words of ``text`` (line breaks kept as spaces)."""
    return " ".join(text.split()[:words])


def topic_scores(texts: list[str], lang: str) -> list[float]:
    """Relevance probability of each text's lead (batch form, for evaluation)."""
    pipeline = textclass.load(model_path(lang))
    return [p[RELEVANT] for p in textclass.predict_proba(pipeline, [lead(t) for t in texts], lang)]


def label_for(score: float, threshold: float | None = None) -> str:
    threshold = get_settings().topic_threshold if threshold is None else threshold
    return RELEVANT if score >= threshold else OFF_TOPIC


def classify_topic(text: str, lang: str, threshold: float | None = None) -> tuple[str, float]:
    """``(label, score)``: score is the probability that ``text`` is relevant, label applies the threshold."""
    score = round(topic_scores([text], lang)[0], 4)
    return label_for(score, threshold), score
