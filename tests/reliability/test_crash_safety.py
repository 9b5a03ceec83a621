"""kill -9 of workers at random points during an ingest and a reprocess (``evaluation/crash.py``): after a
resume nothing is lost, duplicated or half-written, no fact is orphaned and curation is intact."""

from __future__ import annotations

from pathlib import Path

import pytest

from evaluation.crash import reference_fingerprint, run_scenario
from evaluation.store_checks import Fingerprint
from service.settings import Settings

KILLS_PER_PHASE = 12  # the reprocess phase may run out of work a kill or two early


@pytest.fixture(scope="module")
def reference() -> Fingerprint:
    return reference_fingerprint()


def test_killed_workers_lose_nothing(settings: Settings, reference: Fingerprint, tmp_path: Path) -> None:
    report = run_scenario(settings.database_url, reference, kills_per_phase=KILLS_PER_PHASE,
                          log_path=tmp_path / "workers.log")
    assert report["problems"] == [], (tmp_path / "workers.log").read_text()[-5000:]
    assert report["kill_points"] >= 20
    assert report["killed_mid_job"] >= 10  # most kills hit a worker holding a job
    assert report["jobs_taken_over"] >= 1  # and those jobs were finished by another worker
