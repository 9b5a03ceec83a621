"""Knowledge-base accuracy → ``evaluation/results/kb.json`` (``python -m evaluation.kb``).

- Document level, with the gold-format scorer: ``hamkar extract`` over ``../shared/seeds`` and over the
  team-written ``corpora/kb-test`` (88 documents), every field including collaboration pairs.
- Organization resolution: precision and recall of "same organization" decisions on the team-written
  alias pairs (``corpora/kb-test/alias_pairs.jsonl``), each pair resolved in a fresh store.
- Event sentences: the classifier alone, the trigger lexicons alone, and the stated combination, on
  ``corpora/events/{lang}/test.jsonl``.
"""

from __future__ import annotations

import argparse
import json
import logging
import tempfile
from pathlib import Path

from evaluation.scorer import format_table, read_jsonl, score
from service.kb.aliases import default_alias_table
from service.kb.resolve import OrgResolver
from service.nlp.events import detect_events
from service.pipeline import extract_files
from service.settings import REPO_ROOT, get_settings
from service.store.db import migrate, transaction

log = logging.getLogger(__name__)
RESULT = REPO_ROOT / "evaluation" / "results" / "kb.json"


def document_scores(folder_files: list[Path], gold_path: Path) -> dict:
    gold = read_jsonl(gold_path)
    wanted = {g["id"] for g in gold}
    predicted = [r for r in extract_files(folder_files) if r["id"] in wanted]
    return score(gold, predicted)


def resolution_scores(pairs_path: Path) -> dict:
    pairs = read_jsonl(pairs_path)
    settings = get_settings()
    table = default_alias_table()
    counts = {lang: {"tp": 0, "fp": 0, "fn": 0, "tn": 0} for lang in ("tr", "fa")}
    with tempfile.TemporaryDirectory() as tmp:
        for number, pair in enumerate(pairs):
            url = f"sqlite:///{tmp}/pair{number}.db"
            migrate(url)
            with transaction(url) as session:
                resolver = OrgResolver(session, table, settings.org_merge_threshold)
                a = resolver.resolve(pair["a"], pair["lang"])
                b = resolver.resolve(pair["b"], pair["lang"])
                same = a is not None and b is not None and a.organization_id == b.organization_id
            cell = ("tp" if same else "fn") if pair["same"] else ("fp" if same else "tn")
            counts[pair["lang"]][cell] += 1
    out = {}
    for lang, c in counts.items():
        precision = c["tp"] / max(1, c["tp"] + c["fp"])
        recall = c["tp"] / max(1, c["tp"] + c["fn"])
        f1 = 2 * precision * recall / (precision + recall) if precision + recall else 0.0
        out[lang] = {"precision": round(precision, 3), "recall": round(recall, 3), "f1": round(f1, 3), **c}
    return out


def event_scores() -> dict:
    """Sentence-level event-type accuracy and event/no-event F1 for each detection policy."""
    out: dict = {}
    for lang in ("tr", "fa"):
        rows = read_jsonl(get_settings().corpora_dir / "events" / lang / "test.jsonl")
        out[lang] = {}
        for policy, kwargs in {"classifier": {"use_triggers": False}, "triggers": {"use_classifier": False},
                               "combined": {}}.items():
            correct = tp = fp = fn = 0
            for row in rows:
                found = detect_events(row["text"], lang, [(0, len(row["text"]))], **kwargs)
                predicted = found[0].type if found else "none"
                correct += predicted == row["type"]
                tp += predicted != "none" and row["type"] != "none"
                fp += predicted != "none" and row["type"] == "none"
                fn += predicted == "none" and row["type"] != "none"
            precision, recall = tp / max(1, tp + fp), tp / max(1, tp + fn)
            out[lang][policy] = {
                "type_accuracy": round(correct / len(rows), 3),
                "event_precision": round(precision, 3), "event_recall": round(recall, 3),
                "event_f1": round(2 * precision * recall / max(1e-9, precision + recall), 3),
            }
    return out


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--out", type=Path, default=RESULT)
    args = parser.parse_args()
    logging.basicConfig(level=logging.WARNING)
    settings = get_settings()
    kb_test = settings.corpora_dir / "kb-test"
    seeds = settings.shared_dir / "seeds"
    result = {
        "seeds": document_scores(sorted(seeds.glob("*.txt")), seeds / "gold.jsonl") if seeds.is_dir() else None,
        "kb_test": document_scores([kb_test / "tr", kb_test / "fa"], kb_test / "gold.jsonl"),
        "organization_resolution": resolution_scores(kb_test / "alias_pairs.jsonl"),
        "event_sentences": event_scores(),
    }
    args.out.parent.mkdir(parents=True, exist_ok=True)
    args.out.write_text(json.dumps(result, ensure_ascii=False, indent=2) + "\n", encoding="utf-8")
    for name in ("seeds", "kb_test"):
        if result[name]:
            print(f"== {name}\n{format_table(result[name])}")
    print(json.dumps({k: result[k] for k in ("organization_resolution", "event_sentences")}, indent=2))


if __name__ == "__main__":
    main()
