"""Named-entity recognition for Turkish and Persian.

Public API (see ``api.py``): ``load_model``, ``extract_entities``, ``extract_entities_many``,
``EntityMention``, ``NerEngineUnavailable``. spaCy is imported only when a model is loaded.
"""

from service.nlp.ner.api import (
    EntityMention,
    NerEngineUnavailable,
    extract_entities,
    extract_entities_many,
    load_model,
)

__all__ = ["EntityMention", "NerEngineUnavailable", "extract_entities", "extract_entities_many", "load_model"]
