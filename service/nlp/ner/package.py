"""Turn a trained spaCy model into the shipped ``models/{lang}`` pipeline.

Adds what training does not carry: the Hamkar tokenizer rules (saved in the pipeline's ``tokenizer``
file, so plain ``spacy.load`` reproduces them) and the ``hamkar_rules`` component with the current
gazetteer; writes provenance into ``meta.json``. Repackaging after a gazetteer edit needs no retraining:
``python -m service.nlp.ner.train --lang tr --package-only``.
"""

from __future__ import annotations

import json
import logging
import shutil
from pathlib import Path

import spacy

from service.nlp.ner import rules
from service.nlp.ner.corpora import PUBLIC_CORPORA
from service.nlp.ner.tokenizer import customize_tokenizer

log = logging.getLogger(__name__)

_COUNTS_FILE = "counts.json"


def write_counts(work: Path, counts: dict, minutes: float) -> None:
    (work / _COUNTS_FILE).write_text(json.dumps({"counts": counts, "train_minutes": minutes}, indent=1))


def read_counts(work: Path) -> tuple[dict, float]:
    data = json.loads((work / _COUNTS_FILE).read_text())
    return data["counts"], data["train_minutes"]


def package(lang: str, trained: Path, output: Path, *, counts: dict, train_minutes: float) -> Path:
    """Write the shipped pipeline for ``lang`` to ``output`` (replacing it)."""
    nlp = spacy.load(trained)
    customize_tokenizer(nlp)
    component = nlp.add_pipe(rules.RULES_KEY, after="ner")
    component.add_entries(rules.load_gazetteer(lang))
    licences = {spec.name: spec.licence for spec in PUBLIC_CORPORA if spec.lang == lang}
    nlp.meta.update(
        {
            "name": f"hamkar_ner_{lang}",
            "version": "1.0.0",
            "description": f"Hamkar {lang} NER: hash-embedding CNN + transition NER + gazetteer rules",
            "license": "research use only (trained on research-only corpora; see models/README.md)",
            "sources": [{"name": name, "licence": licence} for name, licence in licences.items()]
            + [{"name": "corpora/ner-domain", "licence": "project-written"}],
            "hamkar": {"training_counts": counts, "train_minutes": train_minutes},
        }
    )
    if output.exists():
        shutil.rmtree(output)
    output.parent.mkdir(parents=True, exist_ok=True)
    nlp.to_disk(output)
    log.info("wrote %s (%s)", output, ", ".join(nlp.pipe_names))
    return output
