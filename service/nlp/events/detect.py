"""Which sentences state a collaboration event, and of what type.

Policy: the sentence classifier (``models/events/{lang}.joblib``, trained on ``corpora/events``) gives
class probabilities; a trigger of a type found in the sentence adds ``TRIGGER_BONUS`` to that type. The
best event type wins when its combined score reaches ``THRESHOLD`` and beats ``none``. The classifier
carries the context (who does what to whom); the triggers carry vocabulary the small training set may
lack. ``evaluation/kb.py`` measures both alone and combined.
"""

from __future__ import annotations

from dataclasses import dataclass
from pathlib import Path

from service.nlp import textclass
from service.nlp.events.lexicon import lexicon
from service.settings import get_settings
from service.text import sentence_spans

EVENT_TYPES = ("meeting", "protocol", "project", "training", "funding", "other")
TRIGGER_BONUS = 0.25
THRESHOLD = 0.45


@dataclass(frozen=True)
class EventSentence:
    """A sentence ``[start, end)`` of the original text stating an event of ``type``."""

    start: int
    end: int
    type: str
    score: float
    trigger: str | None


def model_path(lang: str) -> Path:
    return get_settings().models_dir / "events" / f"{lang}.joblib"


def detect_events(
    text: str, lang: str, spans: list[tuple[int, int]] | None = None, *, use_classifier: bool = True,
    use_triggers: bool = True,
) -> list[EventSentence]:
    """Event sentences of ``text``; ``spans`` are its sentence spans (computed when not given)."""
    spans = spans if spans is not None else sentence_spans(text)
    sentences = [text[a:b] for a, b in spans]
    if use_classifier:
        probabilities = textclass.predict_proba(textclass.load(model_path(lang)), sentences, lang)
    else:
        probabilities = [{"none": 0.5} for _ in sentences]
    words = lexicon(lang)
    found: list[EventSentence] = []
    for (start, end), sentence, probs in zip(spans, sentences, probabilities, strict=True):
        prepared = textclass.prepare(sentence, lang)
        triggers = words.trigger_types(prepared) if use_triggers else {}
        scores = {t: probs.get(t, 0.0) + (TRIGGER_BONUS if t in triggers else 0.0) for t in EVENT_TYPES}
        if not use_classifier:
            scores = {t: (1.0 if t in triggers else 0.0) for t in EVENT_TYPES}
        best = max(EVENT_TYPES, key=lambda t: scores[t])
        if scores[best] >= THRESHOLD and scores[best] > probs.get("none", 0.0):
            span = triggers.get(best)
            found.append(EventSentence(start, end, best, round(scores[best], 3), prepared[span[0]:span[1]] if span else None))
    return found
