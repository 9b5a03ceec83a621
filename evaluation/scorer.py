"""Score predictions against gold records in the document gold format (``../shared/seeds/README.md``).

Matching rules, as that README states them:

- ``orgs``, ``persons``, ``locations``: names compared by :func:`service.text.normalize.match_key`; a gold
  entity (a list of equally right surface forms) is found when a predicted name equals any of them. A
  predicted entity may be a string or a list of strings (its first string is its name). Each gold entity is
  found at most once: a second predicted name for an entity already found is a false positive.
- ``dates``: match on (``start``, ``end``), one prediction to one gold item.
- ``figures``: match on (``value``, ``qualifier``), one to one, preferring a gold item with the same unit;
  ``unit_accuracy`` is the share of matched figures whose unit equals the gold unit after ``match_key``.
- ``collaborations``: unordered pairs of participants appearing together in one event, per document.
  Participant names are mapped to the gold record's organisations (any alternative names the entity).
- ``optional_*`` items are removed from the predictions before counting (a prediction that matches a
  required item counts for it first).
- Precision, recall and F1 are micro-averaged: tp/fp/fn summed over documents. With nothing to find and
  nothing predicted a score is 1.0; with nothing predicted, precision is 0.0 when there was something
  to find (and recall likewise with nothing to find but something predicted).

Predicted records are matched to gold records by ``id``; a gold record without a prediction counts as an
empty prediction.
"""

from __future__ import annotations

import json
import logging
from collections import Counter
from collections.abc import Iterable, Mapping
from dataclasses import dataclass
from itertools import combinations
from pathlib import Path
from typing import Any

from service.text.normalize import match_key

log = logging.getLogger(__name__)

ENTITY_FIELDS = ("orgs", "persons", "locations")
FIELDS = (*ENTITY_FIELDS, "dates", "figures", "collaborations")

Record = Mapping[str, Any]


@dataclass
class Tally:
    """Counts of one field over some documents."""

    tp: int = 0
    fp: int = 0
    fn: int = 0
    unit_matched: int = 0
    unit_correct: int = 0

    def add(self, other: Tally) -> None:
        self.tp += other.tp
        self.fp += other.fp
        self.fn += other.fn
        self.unit_matched += other.unit_matched
        self.unit_correct += other.unit_correct

    def as_dict(self, with_units: bool = False) -> dict[str, Any]:
        precision = self.tp / (self.tp + self.fp) if self.tp + self.fp else (1.0 if self.fn == 0 else 0.0)
        recall = self.tp / (self.tp + self.fn) if self.tp + self.fn else (1.0 if self.fp == 0 else 0.0)
        f1 = 2 * precision * recall / (precision + recall) if precision + recall else 0.0
        out: dict[str, Any] = {
            "precision": round(precision, 4),
            "recall": round(recall, 4),
            "f1": round(f1, 4),
            "tp": self.tp,
            "fp": self.fp,
            "fn": self.fn,
        }
        if with_units:
            out["unit_accuracy"] = (
                round(self.unit_correct / self.unit_matched, 4) if self.unit_matched else None
            )
        return out


def read_jsonl(path: str | Path) -> list[dict[str, Any]]:
    """Records of a JSON-lines file (gold or predictions), blank lines skipped."""
    lines = Path(path).read_text(encoding="utf-8").splitlines()
    return [json.loads(line) for line in lines if line.strip()]


def score(gold_records: Iterable[Record], predicted_records: Iterable[Record]) -> dict[str, Any]:
    """Scores of ``predicted_records`` against ``gold_records``: overall and per language, per field."""
    predicted = {r["id"]: r for r in predicted_records}
    overall = {f: Tally() for f in FIELDS}
    by_lang: dict[str, dict[str, Tally]] = {}
    seen: set[str] = set()
    for gold in gold_records:
        seen.add(gold["id"])
        prediction = predicted.get(gold["id"], {})
        lang = gold.get("lang") or "unknown"
        tallies = by_lang.setdefault(lang, {f: Tally() for f in FIELDS})
        for field in FIELDS:
            doc = score_field(field, gold, prediction, lang)
            overall[field].add(doc)
            tallies[field].add(doc)
    for extra in sorted(set(predicted) - seen):
        log.warning("prediction %s has no gold record; ignored", extra)
    return {
        "overall": _as_dicts(overall),
        "by_lang": {lang: _as_dicts(t) for lang, t in sorted(by_lang.items())},
    }


def _as_dicts(tallies: dict[str, Tally]) -> dict[str, dict[str, Any]]:
    return {f: t.as_dict(with_units=f == "figures") for f, t in tallies.items()}


def score_field(field: str, gold: Record, predicted: Record, lang: str) -> Tally:
    """Counts for one field of one document."""
    if field in ENTITY_FIELDS:
        return _entities(
            gold.get(field, []), gold.get(f"optional_{field}", []), predicted.get(field, []), lang
        )
    if field == "dates":
        return _dates(gold.get("dates", []), gold.get("optional_dates", []), predicted.get("dates", []), lang)
    if field == "figures":
        return _figures(
            gold.get("figures", []), gold.get("optional_figures", []), predicted.get("figures", []), lang
        )
    if field == "collaborations":
        return _collaborations(gold, predicted, lang)
    raise ValueError(f"unknown field {field!r}")


def _names(entity: str | list[str]) -> list[str]:
    return [entity] if isinstance(entity, str) else [n for n in entity if isinstance(n, str)]


def _first_name(entity: str | list[str]) -> str | None:
    names = _names(entity)
    return names[0] if names else None


def _entities(gold: list, optional: list, predicted: list, lang: str) -> Tally:
    gold_keys = [{match_key(n, lang) for n in _names(e)} for e in gold]
    optional_keys = {match_key(n, lang) for e in optional for n in _names(e)}
    keys: list[str] = []
    for entity in predicted:
        name = _first_name(entity)
        key = match_key(name, lang) if name else ""
        if key and key not in keys:
            keys.append(key)
    found: set[int] = set()
    tally = Tally()
    for key in keys:
        hit = next((i for i, alts in enumerate(gold_keys) if key in alts and i not in found), None)
        if hit is not None:
            found.add(hit)
            tally.tp += 1
        elif key in optional_keys and not any(key in alts for alts in gold_keys):
            continue
        else:
            tally.fp += 1
    tally.fn = len(gold_keys) - len(found)
    return tally


def _dates(gold: list, optional: list, predicted: list, lang: str) -> Tally:
    remaining = Counter((d.get("start"), d.get("end")) for d in gold)
    optional_spans = {(d.get("start"), d.get("end")) for d in optional if d.get("start")}
    optional_texts = {match_key(d["text"], lang) for d in optional if d.get("text")}
    tally = Tally()
    for d in predicted:
        key = (d.get("start"), d.get("end"))
        if remaining[key] > 0:
            remaining[key] -= 1
            tally.tp += 1
        elif key in optional_spans or (d.get("text") and match_key(d["text"], lang) in optional_texts):
            continue
        else:
            tally.fp += 1
    tally.fn = sum(remaining.values())
    return tally


def _same_value(a: Any, b: Any) -> bool:
    try:
        x, y = float(a), float(b)
    except (TypeError, ValueError):
        return False
    return abs(x - y) <= 1e-9 * max(1.0, abs(x), abs(y))


def _figures(gold: list, optional: list, predicted: list, lang: str) -> Tally:
    tally = Tally()
    free = list(range(len(gold)))
    unmatched: list[dict] = []
    pairs: list[tuple[dict, dict]] = []
    # Two passes so that a prediction takes the gold item with its own unit when values repeat.
    for same_unit in (True, False):
        rest = []
        for p in predicted if same_unit else unmatched:
            hit = next(
                (
                    i
                    for i in free
                    if _same_value(gold[i].get("value"), p.get("value"))
                    and gold[i].get("qualifier") == p.get("qualifier")
                    and (not same_unit or _unit_key(gold[i], lang) == _unit_key(p, lang))
                ),
                None,
            )
            if hit is None:
                rest.append(p)
            else:
                free.remove(hit)
                pairs.append((gold[hit], p))
        unmatched = rest
    for p in unmatched:
        if any(
            _same_value(o.get("value"), p.get("value")) and o.get("qualifier") == p.get("qualifier")
            for o in optional
        ):
            continue
        tally.fp += 1
    tally.tp = len(pairs)
    tally.fn = len(free)
    tally.unit_matched = len(pairs)
    tally.unit_correct = sum(_unit_key(g, lang) == _unit_key(p, lang) for g, p in pairs)
    return tally


def _unit_key(item: Mapping[str, Any], lang: str) -> str:
    return match_key(str(item.get("unit") or ""), lang)


def _collaborations(gold: Record, predicted: Record, lang: str) -> Tally:
    canonical: dict[str, str] = {}
    for entity in [*gold.get("orgs", []), *gold.get("optional_orgs", [])]:
        names = _names(entity)
        if names:
            for name in names:
                canonical.setdefault(match_key(name, lang), match_key(names[0], lang))

    def pairs(record: Record) -> set[frozenset[str]]:
        out: set[frozenset[str]] = set()
        for event in record.get("collaborations", []) or []:
            members = set()
            for participant in event.get("participants", []) or []:
                name = _first_name(participant)
                if name:
                    key = match_key(name, lang)
                    members.add(canonical.get(key, key))
            out.update(frozenset(p) for p in combinations(sorted(members), 2))
        return out

    gold_pairs, predicted_pairs = pairs(gold), pairs(predicted)
    return Tally(
        tp=len(gold_pairs & predicted_pairs),
        fp=len(predicted_pairs - gold_pairs),
        fn=len(gold_pairs - predicted_pairs),
    )


def format_table(result: Mapping[str, Any]) -> str:
    """A plain-text table of a :func:`score` result: one row per scope and field."""
    header = (
        f"{'scope':<8} {'field':<15} {'P':>6} {'R':>6} {'F1':>6} {'tp':>5} {'fp':>5} {'fn':>5} {'unit':>6}"
    )
    lines = [header, "-" * len(header)]
    scopes = [("overall", result["overall"])] + [(lang, r) for lang, r in result.get("by_lang", {}).items()]
    for scope, fields in scopes:
        for field, s in fields.items():
            unit = s.get("unit_accuracy")
            unit_text = f"{unit:.3f}" if isinstance(unit, float) else ("-" if field != "figures" else "n/a")
            lines.append(
                f"{scope:<8} {field:<15} {s['precision']:>6.3f} {s['recall']:>6.3f} {s['f1']:>6.3f} "
                f"{s['tp']:>5} {s['fp']:>5} {s['fn']:>5} {unit_text:>6}"
            )
    return "\n".join(lines)
