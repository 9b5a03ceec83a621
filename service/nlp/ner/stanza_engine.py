"""Optional Stanza engine (``engine="stanza"``, extra ``hamkar[stanza]``).

Used only where ``stanza`` and its Turkish/Persian ``tokenize`` + ``ner`` models are already installed
locally: nothing is downloaded (``download_method=None``), and anything missing raises
``NerEngineUnavailable`` with what to install. Stanza's labels are mapped to Hamkar's.
"""

from __future__ import annotations

import os
from pathlib import Path
from typing import Any

from service.nlp.ner.api import NerEngineUnavailable

#: Stanza label → Hamkar label (Starlang: PERSON/ORGANIZATION/LOCATION/TIME/MONEY; ARMAN: pers/org/loc/fac).
LABEL_MAP = {
    "PERSON": "PER", "PER": "PER", "PERS": "PER",
    "ORGANIZATION": "ORG", "ORG": "ORG",
    "LOCATION": "LOC", "LOC": "LOC", "FAC": "LOC", "GPE": "LOC",
    "TIME": "DATE", "DATE": "DATE", "MONEY": "MONEY", "PERCENT": "PERCENT",
}  # fmt: skip


def resources_dir() -> Path:
    return Path(os.environ.get("STANZA_RESOURCES_DIR", Path.home() / "stanza_resources"))


def load_stanza(lang: str) -> Any:
    """A local Stanza pipeline for ``lang``, or ``NerEngineUnavailable``."""
    try:
        import stanza
    except ImportError as exc:
        raise NerEngineUnavailable(
            "engine 'stanza' needs the optional dependency: pip install 'hamkar[stanza]'"
        ) from exc
    root = resources_dir()
    if not (root / "resources.json").exists() or not (root / lang / "ner").is_dir():
        raise NerEngineUnavailable(
            f"no local Stanza {lang!r} NER model under {root} (set STANZA_RESOURCES_DIR; Hamkar never downloads)"
        )
    try:
        return stanza.Pipeline(
            lang, dir=str(root), processors="tokenize,ner", download_method=None, logging_level="WARN"
        )
    except Exception as exc:  # stanza raises many kinds for an incomplete install
        raise NerEngineUnavailable(
            f"Stanza {lang!r} pipeline could not be loaded from {root}: {exc}"
        ) from exc


def stanza_spans(pipeline: Any, text: str) -> list[tuple[int, int, str, str]]:
    """``(start_char, end_char, label, "model")`` of the entities Stanza finds in ``text``."""
    spans = []
    for ent in pipeline(text).ents:
        label = LABEL_MAP.get(ent.type.upper())
        if label:
            spans.append((ent.start_char, ent.end_char, label, "model"))
    return spans
