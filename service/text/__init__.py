"""Text layer: language identification, normalized views with offset maps, sentence spans.

Imports nothing else of Hamkar's: every later stage points its offsets into the *original* text and uses
these views only to compare or search.
"""

from service.text.language import LanguageGuess, detect_language
from service.text.normalize import NormalizedView, fold_case, match_key, normalize
from service.text.sentences import sentence_spans

__all__ = [
    "LanguageGuess",
    "NormalizedView",
    "detect_language",
    "fold_case",
    "match_key",
    "normalize",
    "sentence_spans",
]
