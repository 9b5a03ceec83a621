"""Public NER API: ``load_model``, ``extract_entities``, ``extract_entities_many``.

The model runs on ``normalize(text, lang)`` (what it was trained on) and every entity span is mapped
back through ``NormalizedView.to_original``, so mentions always carry offsets into the text the caller
passed in (the stored original), whatever normalization changed (``ي→ی``, digits, dropped diacritics).
"""

from __future__ import annotations

import logging
import os
from bisect import bisect_right
from collections.abc import Iterable, Sequence
from dataclasses import asdict, dataclass
from functools import cache
from pathlib import Path
from typing import Any

from service.text.normalize import NormalizedView, match_key, normalize
from service.text.sentences import sentence_spans

log = logging.getLogger(__name__)

LANGS = ("tr", "fa")
ENGINES = ("spacy", "stanza")
_REPO_ROOT = Path(__file__).resolve().parents[3]


class NerEngineUnavailable(RuntimeError):
    """The requested NER engine or its model is not installed locally (nothing is ever downloaded)."""


@dataclass(frozen=True)
class EntityMention:
    """One entity mention; ``start``/``end`` index the original text, ``normalized`` is its match key."""

    label: str
    text: str
    start: int
    end: int
    normalized: str
    sentence_start: int
    sentence_end: int
    source: str  # "model" or "rules"

    def to_dict(self) -> dict[str, Any]:
        return asdict(self)


def models_dir() -> Path:
    """``$HAMKAR_MODELS_DIR``, else the repository's ``models/``."""
    return Path(os.environ.get("HAMKAR_MODELS_DIR", _REPO_ROOT / "models"))


@cache
def load_model(lang: str, engine: str = "spacy") -> Any:
    """The NER pipeline for ``lang`` (loaded once per process and engine)."""
    _check(lang, engine)
    if engine == "stanza":
        from service.nlp.ner.stanza_engine import load_stanza

        return load_stanza(lang)
    path = models_dir() / lang
    if not (path / "config.cfg").exists():
        raise NerEngineUnavailable(f"no spaCy NER model for {lang!r} at {path} (build it with `make train`)")
    import spacy

    from service.nlp.ner import rules  # noqa: F401  (registers the hamkar_rules factory)

    nlp = spacy.load(path)
    log.info("loaded NER model %s (%s)", path, ", ".join(nlp.pipe_names))
    return nlp


def extract_entities(
    text: str, lang: str, *, engine: str = "spacy", rules: bool = True
) -> list[EntityMention]:
    """Entity mentions of ``text`` with offsets into ``text``."""
    return extract_entities_many([text], lang, engine=engine, rules=rules)[0]


def extract_entities_many(
    texts: Iterable[str], lang: str, *, engine: str = "spacy", rules: bool = True, batch_size: int = 64
) -> list[list[EntityMention]]:
    """``extract_entities`` for many texts, batched through ``nlp.pipe``; ``rules=False`` skips the
    gazetteer component (used to measure what it adds)."""
    texts = list(texts)
    views = [normalize(text, lang) for text in texts]
    if engine == "stanza":
        from service.nlp.ner.stanza_engine import stanza_spans

        nlp = load_model(lang, engine)
        spans = [stanza_spans(nlp, view.text) for view in views]
    else:
        spans = list(_spacy_spans(load_model(lang, engine), [v.text for v in views], rules, batch_size))
    return [
        _mentions(text, view, doc_spans, lang)
        for text, view, doc_spans in zip(texts, views, spans, strict=True)
    ]


#: Texts longer than this (characters) run as several docs split at sentence boundaries: memory stays
#: flat on book-length PDFs and spaCy's ``max_length`` is never reached.
CHUNK_CHARS = 20_000


def _spacy_spans(nlp: Any, texts: list[str], rules: bool, batch_size: int) -> Iterable[list[tuple]]:
    """``(start_char, end_char, label, source)`` per entity of each text (view offsets)."""
    from service.nlp.ner.rules import RULES_KEY

    disable = [] if rules or RULES_KEY not in nlp.pipe_names else [RULES_KEY]
    pieces = [(i, offset, chunk) for i, text in enumerate(texts) for offset, chunk in _chunks(text)]
    spans: list[list[tuple]] = [[] for _ in texts]
    docs = nlp.pipe((chunk for _, _, chunk in pieces), batch_size=batch_size, disable=disable)
    for (i, offset, _), doc in zip(pieces, docs, strict=True):
        from_rules = {(s.start, s.end, s.label_) for s in doc.spans.get(RULES_KEY, [])}
        spans[i].extend(
            (
                offset + e.start_char,
                offset + e.end_char,
                e.label_,
                "rules" if (e.start, e.end, e.label_) in from_rules else "model",
            )
            for e in doc.ents
        )
    return spans


def _chunks(text: str) -> list[tuple[int, str]]:
    """``(offset, piece)`` covering ``text``: the whole text, or runs of sentences of at most
    ``CHUNK_CHARS`` characters (a single longer sentence is its own piece)."""
    limit = CHUNK_CHARS
    if len(text) <= limit:
        return [(0, text)]
    pieces: list[tuple[int, str]] = []
    start = end = 0
    for _, sentence_end in sentence_spans(text):
        if sentence_end - start > limit and end > start:
            pieces.append((start, text[start:end]))
            start = end
        end = sentence_end
    pieces.append((start, text[start:]))
    return pieces


def _mentions(text: str, view: NormalizedView, spans: Sequence[tuple], lang: str) -> list[EntityMention]:
    sentences = sentence_spans(text)
    starts = [s for s, _ in sentences]
    mentions = []
    for vstart, vend, label, source in spans:
        start, end = view.to_original(vstart, vend)
        i = bisect_right(starts, start) - 1
        sent_start, sent_end = sentences[i] if i >= 0 and start < sentences[i][1] else (start, end)
        surface = text[start:end]
        mentions.append(
            EntityMention(
                label, surface, start, end, match_key(surface, lang), sent_start, max(sent_end, end), source
            )
        )
    return mentions


def _check(lang: str, engine: str) -> None:
    if lang not in LANGS:
        raise ValueError(f"unsupported language {lang!r} (expected one of {LANGS})")
    if engine not in ENGINES:
        raise ValueError(f"unknown NER engine {engine!r} (expected one of {ENGINES})")
