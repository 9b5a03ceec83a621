"""Collaboration-event detection in sentences: a trained classifier plus trigger lexicons."""

from service.nlp.events.detect import EVENT_TYPES, EventSentence, detect_events
from service.nlp.events.lexicon import lexicon

__all__ = ["EVENT_TYPES", "EventSentence", "detect_events", "lexicon"]
