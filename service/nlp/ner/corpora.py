"""Training and evaluation sentences from the public corpora and the domain corpus, in one form.

Every sentence becomes ``Sentence``: the *original* text (tokens joined by spaces, as a reader would see
them) with character entity spans, plus the label inventory its source annotates. The same text goes
through ``normalize`` and the Hamkar tokenizer both when training docs are built (``docs.py``) and at
inference, so token boundaries never depend on how a corpus happened to tokenize:

- Milliyet writes a Turkish suffix after an apostrophe as its own token (``Almanya 'nın``); it is glued
  back (``Almanya'nın``) and the tokenizer splits it again like any raw text.
- Starlang and Turkish Wiki NER tag ``İngiltere'de`` as one entity token; the suffix is cut off the
  entity span (entities exclude suffixes).
- ``MISC`` is dropped (not predicted). ARMAN ``fac`` spans that are schools, universities or research
  centres become ``ORG`` (the domain's convention and ParsTwiNER's); other facilities stay ``LOC``.
"""

from __future__ import annotations

import json
import logging
import os
import re
from collections.abc import Iterator
from dataclasses import dataclass
from pathlib import Path

from service.nlp.ner.labels import LABELS
from service.nlp.ner.markup import read_corpus
from service.nlp.ner.tokenizer import TURKISH_APOSTROPHE_SUFFIX
from service.text.normalize import ZWNJ

log = logging.getLogger(__name__)

REPO_ROOT = Path(__file__).resolve().parents[3]

_ALL = frozenset(LABELS)
_PLO = frozenset({"PER", "ORG", "LOC"})


@dataclass(frozen=True)
class CorpusSpec:
    """A public corpus: its directory under ``corpora/ner/{lang}`` and the labels it annotates."""

    lang: str
    name: str
    labels: frozenset[str]
    licence: str


#: The public corpora, in the order they are read. ``labels`` is what the source annotates (of ours).
PUBLIC_CORPORA: tuple[CorpusSpec, ...] = (
    CorpusSpec("tr", "milliyet-news-ner", _PLO, "none stated; research only, not redistributable"),
    CorpusSpec("tr", "starlang-ner", _PLO | {"DATE", "MONEY"}, "none stated (unknown); research only"),
    CorpusSpec("tr", "turkish-wiki-ner", _ALL, "CC BY-SA 4.0 (also MIT)"),
    CorpusSpec("fa", "peyma", _ALL, "free for research purposes; no licence file"),
    CorpusSpec("fa", "nsurl2019-peyma-600k", _ALL, "none stated; NSURL-2019 shared-task data, research only"),
    CorpusSpec("fa", "arman", _PLO, "academic research use only"),
    CorpusSpec("fa", "parstwiner", _PLO, "MIT"),
)

DOMAIN_LABELS = _ALL

_SUFFIX_AT_END = re.compile(TURKISH_APOSTROPHE_SUFFIX + "$")
_SPLIT_SUFFIX_TOKEN = re.compile(r"^['’][^\W\d_]+$")
_FAC_AS_ORG = re.compile(
    r"^(دانشگاه|دانشکده|پژوهشگاه|پژوهشکده|آموزشگاه|هنرستان|دبیرستان|مدرسه|حوزه علمیه|مرکز|موسسه|مؤسسه|انستیتو)"
)


#: Persian affixes that PEYMA writes after a space where edited text uses ZWNJ (``می شود`` → ``می‌شود``).
_FA_SPACED_SUFFIX = re.compile(
    r"(?<=[\u0600-\u06ff]) (?=(?:ها|های|هایی|ای|ام|ات|اش|اند|ایم|اید|تر|ترین)(?:\s|$))"
)
_FA_SPACED_PREFIX = re.compile(r"(^|\s)(می|نمی) (?=[\u0600-\u06ff])")


@dataclass(frozen=True)
class Sentence:
    """Original text, entity spans ``(start, end, label)`` into it, and the labels its source annotates."""

    text: str
    entities: tuple[tuple[int, int, str], ...]
    labels: frozenset[str]
    source: str


def shared_dir() -> Path:
    """The shared data directory: ``$HAMKAR_SHARED_DIR`` or ``../shared`` beside the repository."""
    return Path(os.environ.get("HAMKAR_SHARED_DIR", REPO_ROOT.parent / "shared"))


def domain_dir() -> Path:
    """The team-written domain corpus: ``corpora/ner-domain`` in the repository."""
    return REPO_ROOT / "corpora" / "ner-domain"


def public_corpora(lang: str) -> list[CorpusSpec]:
    return [spec for spec in PUBLIC_CORPORA if spec.lang == lang]


def read_public(spec: CorpusSpec, split: str) -> Iterator[Sentence]:
    """Yield the sentences of one split (``train``, ``dev``, ``test``) of a public corpus."""
    path = shared_dir() / "corpora" / "ner" / spec.lang / spec.name / f"{split}.jsonl"
    with path.open(encoding="utf-8") as handle:
        for line in handle:
            record = json.loads(line)
            yield from_tokens(record["tokens"], record["tags"], record["orig_tags"], spec, record["id"])


def read_domain(lang: str, split: str) -> list[Sentence]:
    """The domain corpus split (``train`` or ``test``); empty when the file does not exist yet."""
    path = domain_dir() / lang / f"{split}.txt"
    if not path.exists():
        log.warning("domain corpus %s not found", path)
        return []
    return [
        Sentence(s.text, tuple(e for e in s.entities if e[2] in DOMAIN_LABELS), DOMAIN_LABELS, s.source)
        for s in read_corpus(path)
    ]


def from_tokens(
    tokens: list[str], tags: list[str], orig_tags: list[str], spec: CorpusSpec, source: str
) -> Sentence:
    """Join corpus tokens into text and turn BIO tags into character spans (see module docstring)."""
    starts: list[int] = []
    parts: list[str] = []
    length = 0
    for token in tokens:
        glue = spec.lang == "tr" and parts and _SPLIT_SUFFIX_TOKEN.match(token)
        if parts and not glue:
            parts.append(" ")
            length += 1
        starts.append(length)
        parts.append(token)
        length += len(token)
    text = "".join(parts)
    entities = []
    for first, last, label in _bio_spans(tags):
        if label == "MISC":
            continue
        start, end = starts[first], starts[last] + len(tokens[last])
        if spec.lang == "tr":
            suffix = _SUFFIX_AT_END.search(text, start, end)
            if suffix:
                end = suffix.start()
        elif spec.name == "arman" and orig_tags[first].endswith("fac") and _FAC_AS_ORG.match(text[start:end]):
            label = "ORG"
        entities.append((start, end, label))
    return Sentence(text, tuple(entities), spec.labels, f"{spec.name}:{source}")


def zwnj_variant(sentence: Sentence) -> Sentence:
    """The sentence with spaced Persian affixes joined by ZWNJ (same length, so spans stay valid).

    Training on both spellings makes the model robust to either; PEYMA only has the spaced one.
    """
    text = _FA_SPACED_PREFIX.sub(rf"\1\2{ZWNJ}", _FA_SPACED_SUFFIX.sub(ZWNJ, sentence.text))
    return Sentence(text, sentence.entities, sentence.labels, sentence.source)


def _bio_spans(tags: list[str]) -> Iterator[tuple[int, int, str]]:
    """``(first_token, last_token, label)`` of each BIO entity (inclusive token indices)."""
    first, label = -1, ""
    for i, tag in enumerate([*tags, "O"]):
        if first >= 0 and not (tag.startswith("I-") and tag[2:] == label):
            yield first, i - 1, label
            first = -1
        if tag.startswith("B-") or (tag.startswith("I-") and first < 0):
            first, label = i, tag[2:]
