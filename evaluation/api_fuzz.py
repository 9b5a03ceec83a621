"""``python -m evaluation.api_fuzz`` (part of ``make fuzz``): schemathesis against the OpenAPI spec of an
analysed store → ``results/reliability.json`` (``api_fuzz``): generated requests to every operation,
reads and writes (with an API key), on SQLite and on PostgreSQL when ``--postgres`` (default
``$HAMKAR_TEST_POSTGRES_URL``) names a server. A server error (5xx) is a failure.

``tests/reliability/test_api_schemathesis.py`` drives the same function with a small budget.
(schemathesis' own pytest integration for schemas built in fixtures needs pytest < 9, so its hypothesis
strategies are driven here directly, one operation after another.)
"""

from __future__ import annotations

import argparse
import json
import logging
import os
import tempfile
import time
from collections import Counter
from dataclasses import dataclass, field

from fastapi import FastAPI
from hypothesis import HealthCheck, given, settings

from evaluation.reliability import add_common_options, save_section
from evaluation.stores import new_postgres_database
from service.settings import REPO_ROOT

log = logging.getLogger(__name__)
DEMO = REPO_ROOT / "corpora" / "demo"
API_KEY = "secret"
FAILURES_KEPT = 20


@dataclass
class ApiFuzzResult:
    """Calls made per operation and the server errors seen (method, path, query, body, status, text)."""

    calls: Counter[str] = field(default_factory=Counter)
    failures: list[str] = field(default_factory=list)
    server_errors: int = 0


def fuzz_operations(app: FastAPI, examples: int, *, api_key: str = API_KEY) -> ApiFuzzResult:
    """``examples`` generated requests (schemathesis, derandomized) to every operation of ``app``'s spec."""
    import schemathesis

    schema = schemathesis.openapi.from_asgi("/openapi.json", app)
    result = ApiFuzzResult()
    for found in schema.get_all_operations():
        _fuzz_operation(found.ok(), examples, api_key, result)
    return result


def _fuzz_operation(operation, examples: int, api_key: str, result: ApiFuzzResult) -> None:  # type: ignore[no-untyped-def]
    name = f"{operation.method.upper()} {operation.path}"

    @given(operation.as_strategy())
    @settings(max_examples=examples, deadline=None, database=None, derandomize=True,
              suppress_health_check=list(HealthCheck))
    def call(case) -> None:  # type: ignore[no-untyped-def]
        result.calls[name] += 1
        response = case.call(headers={"X-API-Key": api_key})
        if response.status_code >= 500:
            result.server_errors += 1
            if len(result.failures) < FAILURES_KEPT:
                result.failures.append(f"{case.method} {case.formatted_path} {case.query} {case.body!r:.200}: "
                                       f"{response.status_code} {response.text[:200]}")

    call()


def analysed_app(database_url: str) -> FastAPI:
    """The API over the demo corpus, analysed (organizations, events and figures exist), accepting writes
    with ``X-API-Key: secret``."""
    from service.api.app import create_app
    from service.ingest.runner import Ingestor
    from service.pipeline import analyze_stored_document
    from service.settings import get_settings

    os.environ["HAMKAR_DATABASE_URL"] = database_url
    os.environ["HAMKAR_API_KEYS"] = json.dumps([f"fuzzer:{API_KEY}"])
    get_settings.cache_clear()
    settings_ = get_settings()
    Ingestor(settings_, on_document=analyze_stored_document).run(
        [str(DEMO / "tr"), str(DEMO / "fa"), str(DEMO / "bulletin")], progress=False)
    return create_app(settings_)


def measure(*, examples: int, postgres: str | None = None) -> dict:
    from fastapi.testclient import TestClient

    runs = []
    with tempfile.TemporaryDirectory() as tmp:
        urls = [f"sqlite:///{tmp}/api-fuzz.db"]
        if postgres:
            urls.append(new_postgres_database(postgres, f"hamkar_api_fuzz_{os.getpid()}"))
        for url in urls:
            started = time.perf_counter()
            app = analysed_app(url)
            with TestClient(app, raise_server_exceptions=False):  # runs the app's startup
                found = fuzz_operations(app, examples)
            runs.append({"database": url.split(":")[0], "operations": len(found.calls),
                         "requests": sum(found.calls.values()), "server_errors": found.server_errors,
                         "failures": found.failures, "seconds": round(time.perf_counter() - started, 1)})
            log.warning("api fuzz on %s: %s", runs[-1]["database"], {k: v for k, v in runs[-1].items() if k != "failures"})
    return {
        "what": "schemathesis: requests generated from the OpenAPI spec to every operation (reads, and writes "
                "with an API key) of the API over the analysed demo corpus; a 5xx answer is a server error",
        "examples_per_operation": examples,
        "requests": sum(r["requests"] for r in runs),
        "server_errors": sum(r["server_errors"] for r in runs),
        "runs": runs,
    }


def main() -> None:
    parser = argparse.ArgumentParser(description="Fuzz the HTTP API from its OpenAPI spec (schemathesis).")
    parser.add_argument("--examples", type=int, default=100, help="Generated requests per operation.")
    add_common_options(parser)
    args = parser.parse_args()
    logging.basicConfig(level=logging.WARNING, format="%(message)s")
    result = measure(examples=args.examples, postgres=args.postgres)
    save_section("api_fuzz", result, args.out)
    print(json.dumps({k: v for k, v in result.items() if k != "runs"}, indent=2))
    if result["server_errors"]:
        raise SystemExit(1)


if __name__ == "__main__":
    main()
