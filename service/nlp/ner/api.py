"""Public NER API: ``load_model``, ``extract_entities``, ``extract_entities_many``.

The model runs on ``normalize(text, lang)`` (what it was trained on) and every entity span is mapped
back through ``NormalizedView.to_original``, so mentions always carry offsets into the text the caller
passed in (the stored original), whatever normalization changed (``ي→ی``, digits, dropped diacritics).
"""

from __future__ import annotations

import logging
import os
import re
from bisect import bisect_right
from collections.abc import Iterable, Sequence
from dataclasses import asdict, dataclass
from functools import cache
from pathlib import Path
from typing import Any

from service.text.normalize import NormalizedView, fold_case, match_key, normalize
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


#: A dateline before the name: "KONYA - ", "KONYA (AA) - ", "19 Ocak 2024 - ".
_DATELINE = re.compile(r"(?:[A-ZÇĞİÖŞÜ]{3,}(?: \([A-Za-zİ]+\))?|[\d.]+ \w+ \d{4})\s*[-–—]\s+(?=\S)")
#: A capitalised first word carrying a case ending belongs to the sentence, not to the name that follows
#: ("Toplantısında Tepebaşı İlçe Milli Eğitim Müdürlüğü"; not -ya/-ye, which ends Türkiye and Konya).
_INFLECTED_LEAD = re.compile(r"\w{3,}(?:yla|yle|ında|inde|unda|ünde|ından|inden|undan|ünden) (?=\w+ \w)")
#: A last word no organization name ends with: a finite verb (a headline) or a document or event noun.
_NOT_A_NAME_END = re.compile(
    r"(?:\w+(?:[ln][dt][ıiuü]|yor|acak|ecek)|geldi|verdi|aldı|etti|yaptı|başladı|protokolü|sözleşmesi|anlaşması|toplantısı|"
    r"toplantıları|raporu|çalışmaları|etkinliği|projesi)$"
)


def _trim_start(text: str, start: int, end: int) -> int:
    """Move a span's start past a dateline or an inflected sentence-initial word."""
    for pattern in (_DATELINE, _INFLECTED_LEAD):
        match = pattern.match(text, start, end)
        if match:
            start = match.end()
    return start
_PARAGRAPH = re.compile(r"\S(?:.|\n(?!\s*\n))*")


def _chunks(text: str) -> list[tuple[int, str]]:
    """``(offset, paragraph)`` pieces of ``text``: running the model per paragraph keeps entities from
    crossing a headline or a paragraph break (measured: better than whole texts, and than single
    sentences, which lose context) and memory flat on book-length PDFs."""
    return [(m.start(), m.group()) for m in _PARAGRAPH.finditer(text)]


#: Words that name a kind of body, not a body: alone they are not an organization mention.
GENERIC_ORG_WORDS = frozenset(
    "kurul kurulu bakanlık bakanlığı müdürlük müdürlüğü genel müdürlük başkanlık başkanlığı merkez merkezi "
    "okul okulu belediye odası oda idare اداره سازمان ادارهکل مرکز اداره‌کل وزارت شورا".split()
) | {"اداره کل", "genel müdürlüğü", "il müdürlüğü"}


def plausible(surface: str, label: str, source: str) -> bool:
    """Drop spans no reader would call a name: a hyphenated line end, a person name with a lower-case
    word, a bare generic head word, or a multi-word headline in capitals (unless a gazetteer rule, which
    knows the name, found it)."""
    words = surface.split()
    if not words or surface.rstrip().endswith("-"):
        return False
    if label == "PER" and any(w[0].isalpha() and w[0].islower() and not ("\u0600" <= w[0] <= "\u06ff") for w in words):
        return False
    if label == "ORG" and " ".join(w.casefold() for w in words) in GENERIC_ORG_WORDS:
        return False
    if label == "ORG" and len(words) > 1 and _NOT_A_NAME_END.search(fold_case(words[-1])):
        return False
    letters = [c for c in surface if c.isalpha()]
    if source == "model" and len(words) > 1 and letters and all(c.isupper() for c in letters):
        return False
    return True


def _mentions(text: str, view: NormalizedView, spans: Sequence[tuple], lang: str) -> list[EntityMention]:
    sentences = sentence_spans(text)
    starts = [s for s, _ in sentences]
    mentions = []
    for vstart, vend, label, source in spans:
        start, end = view.to_original(vstart, vend)
        i = bisect_right(starts, start) - 1
        sent_start, sent_end = sentences[i] if i >= 0 and start < sentences[i][1] else (start, end)
        start = _trim_start(text, start, end)
        surface = text[start:end]
        if not plausible(surface, label, source):
            continue
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
