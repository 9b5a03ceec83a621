"""Turn ``Sentence`` objects into annotated spaCy docs exactly as the model will see text at inference.

The text is normalized with ``normalize(text, lang)`` (ASCII digits, one apostrophe, Persian ``ي→ی``,
``ك→ک``, diacritics dropped, ZWNJ kept), entity spans are mapped into the normalized view, and the
Hamkar tokenizer splits it. Labels the source does not annotate are handled by the missing-value
policy of ``labels.py``.
"""

from __future__ import annotations

from collections import Counter
from collections.abc import Iterable

from spacy.language import Language
from spacy.tokens import Doc, DocBin, Span

from service.nlp.ner.corpora import Sentence
from service.nlp.ner.labels import LABELS, NUMERIC_LABELS, maybe_numeric_entity
from service.text.normalize import normalize


def to_doc(nlp: Language, sentence: Sentence, stats: Counter | None = None) -> Doc:
    """An annotated doc of the normalized sentence; unalignable entities become missing tokens."""
    stats = stats if stats is not None else Counter()
    view = normalize(sentence.text, nlp.lang)
    doc = nlp.make_doc(view.text)
    entities: list[Span] = []
    missing: list[Span] = []
    for start, end, label in sentence.entities:
        if label not in LABELS:
            continue
        vstart, vend = view.to_view(start), view.to_view(end)
        span = doc.char_span(vstart, vend, label=label)
        if span is None:
            stats["entity_unaligned"] += 1
            loose = doc.char_span(vstart, vend, alignment_mode="expand")
            if loose is not None:
                missing.append(loose)
            continue
        stats["entity"] += 1
        entities.append(span)
    entities = _drop_overlaps(entities, stats)
    if not NUMERIC_LABELS <= sentence.labels:
        missing.extend(_maybe_numeric_spans(doc, entities, stats))
    doc.set_ents(entities, missing=_outside(missing, entities), default="outside")
    return doc


def build_docbin(nlp: Language, sentences: Iterable[Sentence], copies: int = 1) -> tuple[DocBin, Counter]:
    """A DocBin of the sentences (each ``copies`` times), and conversion counters for the log."""
    stats: Counter = Counter()
    docbin = DocBin(store_user_data=False)
    for sentence in sentences:
        doc = to_doc(nlp, sentence, stats)
        stats["sentences"] += 1
        stats["tokens"] += len(doc)
        for _ in range(copies):
            docbin.add(doc)
    return docbin, stats


def _drop_overlaps(spans: list[Span], stats: Counter) -> list[Span]:
    """Keep the first of overlapping gold spans (corpora have none, but a bad markup line must not crash)."""
    kept: list[Span] = []
    taken: set[int] = set()
    for span in spans:
        if taken.intersection(range(span.start, span.end)):
            stats["entity_overlap_dropped"] += 1
            continue
        taken.update(range(span.start, span.end))
        kept.append(span)
    return kept


def _maybe_numeric_spans(doc: Doc, entities: list[Span], stats: Counter) -> list[Span]:
    """Single-token spans to mark missing: detector hits outside entities, and their word neighbours."""
    inside = {i for span in entities for i in range(span.start, span.end)}
    hits = {t.i for t in doc if t.i not in inside and maybe_numeric_entity(t.text, doc.lang_)}
    masked = set(hits)
    for i in hits:
        for j in (i - 1, i + 1):
            if 0 <= j < len(doc) and j not in inside and not doc[j].is_punct:
                masked.add(j)
    stats["tokens_masked"] += len(masked)
    return [doc[i : i + 1] for i in sorted(masked)]


def _outside(spans: list[Span], entities: list[Span]) -> list[Span]:
    """One-token spans for the tokens of ``spans`` outside every entity (missing must not overwrite gold)."""
    if not spans:
        return []
    doc = spans[0].doc
    inside = {i for span in entities for i in range(span.start, span.end)}
    tokens = {i for span in spans for i in range(span.start, span.end)} - inside
    return [doc[i : i + 1] for i in sorted(tokens)]
