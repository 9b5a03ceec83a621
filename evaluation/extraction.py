"""How close web extraction comes to reference parses of real pages (``../shared/realworld/html``).

Each ``.expected.json`` there is the parse a public scraper's test suite records for the page (title,
summary + body sections, date). We compare our extracted title (string similarity), publication date
(exact, or day/month swapped: one reference is known to be swapped) and body (bag-of-words precision,
recall and F1 over Turkish-folded tokens). Run: ``python -m evaluation.extraction``.
"""

from __future__ import annotations

import argparse
import json
import logging
import re
from collections import Counter
from difflib import SequenceMatcher
from pathlib import Path
from statistics import mean

from service.ingest.parse import ParsedDocument, parse_bytes
from service.settings import REPO_ROOT, get_settings
from service.text import fold_case

log = logging.getLogger(__name__)
_TOKEN = re.compile(r"\w+", re.UNICODE)
RESULT = REPO_ROOT / "evaluation" / "results" / "extraction.json"


def _tokens(text: str) -> Counter[str]:
    return Counter(_TOKEN.findall(fold_case(text)))


def expected_body(expected: dict) -> str:
    body = expected.get("body") or {}
    parts = list(body.get("summary") or [])
    for section in body.get("sections") or []:
        parts.extend(section.get("headline") or [])
        parts.extend(section.get("paragraphs") or [])
    return "\n".join(parts)


def compare(parsed: ParsedDocument, expected: dict) -> dict:
    """Scores of one page against its reference."""
    gold, ours = _tokens(expected_body(expected)), _tokens(parsed.text)
    overlap = sum((gold & ours).values())
    precision = overlap / max(1, sum(ours.values()))
    recall = overlap / max(1, sum(gold.values()))
    f1 = 2 * precision * recall / (precision + recall) if precision + recall else 0.0
    gold_date = (expected.get("publishing_date") or "")[:10]
    ours_date = parsed.published.isoformat() if parsed.published else ""
    swapped = f"{gold_date[:4]}-{gold_date[8:10]}-{gold_date[5:7]}" if gold_date else ""
    return {
        "title_similarity": round(
            SequenceMatcher(None, parsed.title or "", expected.get("title") or "").ratio(), 3
        ),
        "date_expected": gold_date or None,
        "date_extracted": ours_date or None,
        "date_match": "exact"
        if ours_date == gold_date
        else ("day_month_swapped" if ours_date == swapped else "no"),
        "body_precision": round(precision, 3),
        "body_recall": round(recall, 3),
        "body_f1": round(f1, 3),
    }


def evaluate_folder(folder: Path) -> dict:
    pages = {}
    for html_path in sorted(folder.glob("*.html")):
        expected = json.loads(
            html_path.with_suffix("").with_suffix(".expected.json").read_text(encoding="utf-8")
        )
        parsed = parse_bytes(html_path.read_bytes(), name=html_path.name)
        pages[html_path.stem] = compare(parsed, expected)
    summary = {
        "pages": len(pages),
        "mean_title_similarity": round(mean(p["title_similarity"] for p in pages.values()), 3),
        "dates_exact": sum(p["date_match"] == "exact" for p in pages.values()),
        "dates_exact_or_swapped": sum(p["date_match"] != "no" for p in pages.values()),
        "mean_body_precision": round(mean(p["body_precision"] for p in pages.values()), 3),
        "mean_body_recall": round(mean(p["body_recall"] for p in pages.values()), 3),
        "mean_body_f1": round(mean(p["body_f1"] for p in pages.values()), 3),
    }
    return {"summary": summary, "pages": pages}


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--folder", type=Path, default=get_settings().shared_dir / "realworld" / "html")
    parser.add_argument("--out", type=Path, default=RESULT)
    args = parser.parse_args()
    result = evaluate_folder(args.folder)
    args.out.parent.mkdir(parents=True, exist_ok=True)
    args.out.write_text(json.dumps(result, ensure_ascii=False, indent=2) + "\n", encoding="utf-8")
    print(json.dumps(result["summary"], indent=2))


if __name__ == "__main__":
    main()
