"""Tokenizers of the Hamkar NER pipelines.

Turkish writes case suffixes of proper nouns after an apostrophe (``İŞKUR'un``, ``Odası'nın``,
``2022'de``). Entities must exclude them, so the suffix (apostrophe included) becomes its own token:
``Odası'nın`` → ``Odası`` + ``'nın``. The rule is an extra *suffix* pattern of spaCy's own tokenizer,
which spaCy saves with the pipeline (``tokenizer`` file), so a saved model reloads with plain
``spacy.load`` and no custom code. Persian keeps spaCy's default rules: they split on spaces and
punctuation and keep ZWNJ inside words, which matches ``normalize(text, "fa")`` (ZWNJ kept).
"""

from __future__ import annotations

import re

from spacy.language import Language
from spacy.util import compile_suffix_regex

#: An apostrophe (ASCII or typographic) followed by a Turkish suffix, after a letter or digit.
#: Suffixes are short and written either all lower case (``'nın``) or all upper case in headlines
#: (``'NIN``); mixed case after an apostrophe is a name (``O'Neil``), not a suffix.
TURKISH_APOSTROPHE_SUFFIX = r"(?<=[^\W_])['’](?:[a-zçğıöşüâîû]{1,12}|[A-ZÇĞİÖŞÜÂÎÛ]{1,12})"

#: Tokens kept whole: dates (``12.01.2022``), numbers (``4.608``, ``2,5``, ``10:30``), short ordinals
#: (``3.``) and Roman ordinals (``XII.``). spaCy's Turkish ``token_match`` also keeps a suffix on
#: numbers (``2022'de``), which would put the suffix inside DATE entities; this one does not.
TURKISH_TOKEN_MATCH = r"^(?:\d{1,2}[./-]\d{1,2}[./-]\d{2,4}|[+-]?\d+(?:[.,:]\d+)*|\d{1,2}\.|[IVXLCDM]+\.)$"


def customize_tokenizer(nlp: Language) -> Language:
    """Add the language's Hamkar tokenization rules to ``nlp``'s tokenizer in place."""
    if nlp.lang == "tr":
        suffixes = [TURKISH_APOSTROPHE_SUFFIX, *nlp.Defaults.suffixes]
        nlp.tokenizer.suffix_search = compile_suffix_regex(suffixes).search
        nlp.tokenizer.token_match = re.compile(TURKISH_TOKEN_MATCH).match
    return nlp


def blank_pipeline(lang: str) -> Language:
    """A blank spaCy pipeline for ``lang`` with the Hamkar tokenizer."""
    import spacy

    return customize_tokenizer(spacy.blank(lang))
