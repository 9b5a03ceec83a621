"""``results/reliability.json``: the sections the reliability measurements (fuzz, API fuzz, crash
safety, load) each write, and the PostgreSQL server they may also run on."""

from __future__ import annotations

import argparse
import json
import os
from datetime import UTC, datetime
from pathlib import Path

from service.settings import REPO_ROOT

RESULT = REPO_ROOT / "evaluation" / "results" / "reliability.json"


def postgres_admin_url() -> str | None:
    """The PostgreSQL server to measure on too: ``$HAMKAR_TEST_POSTGRES_URL`` (set by ``.ci/run``)."""
    return os.environ.get("HAMKAR_TEST_POSTGRES_URL")


def add_common_options(parser: argparse.ArgumentParser, *, postgres: bool = True) -> None:
    """``--out`` (the results file) and, for measurements that run on both databases, ``--postgres``."""
    if postgres:
        parser.add_argument("--postgres", default=postgres_admin_url(),
                            help="Admin URL of a PostgreSQL server to run on too (default $HAMKAR_TEST_POSTGRES_URL).")
    parser.add_argument("--out", type=Path, default=RESULT)


def save_section(section: str, result: dict, out: Path = RESULT) -> None:
    """Put ``result`` (stamped with the time) under ``section``, keeping the other sections."""
    data = json.loads(out.read_text()) if out.exists() else {}
    data[section] = {**result, "measured_at": datetime.now(UTC).isoformat(timespec="seconds")}
    out.parent.mkdir(parents=True, exist_ok=True)
    out.write_text(json.dumps(data, ensure_ascii=False, indent=2) + "\n", encoding="utf-8")
