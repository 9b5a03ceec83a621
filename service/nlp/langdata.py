"""Access to the per-language data modules (``service/nlp/<lang>/<module>.py``, attribute ``DATA``).

Why: extractors ask for "the calendar words of Persian" by name instead of importing language modules,
so adding a language is adding a folder, and an unsupported language fails loudly in one place.
"""

from __future__ import annotations

from functools import lru_cache
from importlib import import_module
from typing import Any

SUPPORTED_LANGUAGES = ("tr", "fa")


@lru_cache(maxsize=32)
def language_data(lang: str, module: str) -> Any:
    """Return ``service.nlp.<lang>.<module>.DATA``; ``ValueError`` for a language Hamkar does not handle."""
    if lang not in SUPPORTED_LANGUAGES:
        raise ValueError(f"unsupported language {lang!r}; expected one of {SUPPORTED_LANGUAGES}")
    return import_module(f"service.nlp.{lang}.{module}").DATA
