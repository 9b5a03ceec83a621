"""``hamkar``: the command-line face of the service. Every command has ``--help``."""

from __future__ import annotations

import json
import logging
import os
from datetime import date
from pathlib import Path
from typing import Annotated

import typer
from sqlalchemy import select

from service.cli import kb, monitor, worker
from service.settings import get_settings

app = typer.Typer(
    name="hamkar",
    help="Mine Turkish and Persian vocational-education news: ingest, extract, search, serve.",
    no_args_is_help=True,
    add_completion=False,
)
log = logging.getLogger("hamkar")


@app.callback()
def main(
    verbose: Annotated[bool, typer.Option("--verbose", "-v", help="Debug logging.")] = False,
    database_url: Annotated[str | None, typer.Option("--db", help="Override HAMKAR_DATABASE_URL.")] = None,
) -> None:
    """Configuration comes from HAMKAR_* environment variables (see README); --db overrides the store."""
    settings = get_settings()
    if database_url:
        settings.database_url = database_url
    logging.basicConfig(
        level=logging.DEBUG if verbose else getattr(logging, settings.log_level.upper(), logging.INFO),
        format="%(levelname)s %(name)s: %(message)s",
    )
    for noisy in ("httpx", "trafilatura", "htmldate", "courlan", "charset_normalizer", "alembic"):
        logging.getLogger(noisy).setLevel(logging.WARNING if not verbose else logging.INFO)


@app.command()
def ingest(
    inputs: Annotated[list[str], typer.Argument(help="URLs (pages, RSS/Atom feeds, sitemaps), files or folders.")],
    crawl: Annotated[bool, typer.Option(help="Follow same-site links from URL inputs.")] = False,
    max_pages: Annotated[int, typer.Option(help="Crawl: most pages to follow.")] = 100,
    max_depth: Annotated[int, typer.Option(help="Crawl: most link hops from a root.")] = 2,
    as_json: Annotated[bool, typer.Option("--json", help="Print the summary as JSON.")] = False,
    progress: Annotated[bool, typer.Option(help="Show a progress bar.")] = True,
    analyze: Annotated[bool, typer.Option(help="Run NER, dates, figures and the knowledge base on new documents.")] = True,
    enqueue: Annotated[bool, typer.Option("--enqueue", help="Only queue one job per input for `hamkar worker`.")] = False,
) -> None:
    """Fetch, extract, deduplicate and store documents. Failures are recorded per source, never fatal."""
    from service.ingest.runner import IngestOptions, Ingestor

    options = IngestOptions(crawl=crawl, max_pages=max_pages, max_depth=max_depth)
    if enqueue:
        from service.jobs import enqueue_ingest

        queued = enqueue_ingest(inputs, options, analyze=analyze)
        typer.echo(json.dumps(queued.__dict__) if as_json else
                   f"queued {queued.queued} ingest jobs (run {queued.run_id}); `hamkar worker` runs them")
        return
    from service.pipeline import analyze_stored_document

    ingestor = Ingestor(
        options=options,
        on_document=analyze_stored_document if analyze else None,
    )
    summary = ingestor.run(inputs, progress=progress and not as_json)
    if as_json:
        typer.echo(json.dumps(summary.to_dict(), ensure_ascii=False, indent=2))
        return
    counts = ", ".join(f"{n} {outcome}" for outcome, n in sorted(summary.counts.items())) or "nothing"
    typer.echo(f"ingest run {summary.run_id}: {counts}")
    for report in summary.failures:
        typer.echo(f"  {report.outcome} [{report.reason}] {report.locator}: {report.detail}")


@app.command()
def documents(
    lang: Annotated[str | None, typer.Option(help="tr or fa")] = None,
    since: Annotated[str | None, typer.Option(help="Published on or after (YYYY-MM-DD).")] = None,
    until: Annotated[str | None, typer.Option(help="Published on or before (YYYY-MM-DD).")] = None,
    limit: Annotated[int, typer.Option(help="Most rows to print.")] = 50,
    as_json: Annotated[bool, typer.Option("--json", help="One JSON object per line.")] = False,
) -> None:
    """List stored documents, newest first."""
    from service.store.db import migrate, transaction
    from service.store.models import Document

    settings = get_settings()
    migrate(settings.database_url)
    query = select(Document).order_by(Document.published.desc().nullslast(), Document.id.desc()).limit(limit)
    if lang:
        query = query.where(Document.lang == lang)
    if since:
        query = query.where(Document.published >= date.fromisoformat(since))
    if until:
        query = query.where(Document.published <= date.fromisoformat(until))
    with transaction(settings.database_url) as session:
        for doc in session.scalars(query):
            row = {
                "id": doc.id,
                "lang": doc.lang,
                "status": doc.status,
                "published": doc.published.isoformat() if doc.published else None,
                "story": doc.story_id,
                "title": doc.title,
                "url": doc.url,
            }
            if as_json:
                typer.echo(json.dumps(row, ensure_ascii=False))
            else:
                typer.echo(f"{doc.id:>5} {doc.lang or '--'} {row['published'] or '----------'} "
                           f"story={doc.story_id or '-':<4} {doc.status:<7} {(doc.title or '')[:70]}")


@app.command()
def failures(
    run: Annotated[int | None, typer.Option(help="Only this ingest run (default: the latest).")] = None,
    as_json: Annotated[bool, typer.Option("--json", help="One JSON object per line.")] = False,
) -> None:
    """Show the sources of an ingest run that failed or were skipped, with their reasons."""
    from sqlalchemy import func

    from service.store.db import migrate, transaction
    from service.store.models import IngestResult

    settings = get_settings()
    migrate(settings.database_url)
    with transaction(settings.database_url) as session:
        run_id = run or session.scalar(select(func.max(IngestResult.run_id)))
        rows = session.scalars(
            select(IngestResult)
            .where(IngestResult.run_id == run_id, IngestResult.outcome.in_(["failed", "skipped"]))
            .order_by(IngestResult.id)
        )
        for row in rows:
            record = {"run": row.run_id, "locator": row.locator, "outcome": row.outcome,
                      "reason": row.reason, "detail": row.detail}
            typer.echo(json.dumps(record, ensure_ascii=False) if as_json
                       else f"[{row.reason}] {row.locator}: {row.detail}")


@app.command()
def serve(
    host: Annotated[str | None, typer.Option(help="Bind address (HAMKAR_API_HOST).")] = None,
    port: Annotated[int | None, typer.Option(help="Port (HAMKAR_API_PORT).")] = None,
    workers: Annotated[int | None, typer.Option(min=1, help="Processes answering requests (HAMKAR_API_WORKERS).")] = None,
) -> None:
    """Serve the API and web UI (OpenAPI docs at /docs)."""
    import uvicorn

    from service.api.app import create_app
    from service.store.db import migrate

    settings = get_settings()
    workers = workers or settings.api_workers
    bind = {"host": host or settings.api_host, "port": port or settings.api_port}
    if workers == 1:
        uvicorn.run(create_app(settings), **bind)
        return
    # Each worker process builds its app from the environment: pass --db on, and migrate once here so
    # that the workers do not race to create a fresh store.
    os.environ["HAMKAR_DATABASE_URL"] = settings.database_url
    migrate(settings.database_url)
    uvicorn.run("service.api.app:create_app", factory=True, workers=workers, **bind)


@app.command()
def extract(
    paths: Annotated[list[Path], typer.Argument(help="Files (.txt, .html, .pdf) or folders of them.")],
    out: Annotated[Path, typer.Option("--out", help="Where to write the JSON lines (- for stdout).")] = Path("-"),
) -> None:
    """Extract facts from files into the document gold format (one JSON line per document)."""
    from service.pipeline import extract_files

    lines = (json.dumps(record, ensure_ascii=False) for record in extract_files(paths))
    if str(out) == "-":
        for line in lines:
            typer.echo(line)
        return
    out.parent.mkdir(parents=True, exist_ok=True)
    with out.open("w", encoding="utf-8") as handle:
        count = 0
        for line in lines:
            handle.write(line + "\n")
            count += 1
    typer.echo(f"wrote {count} documents to {out}")


@app.command()
def evaluate(
    gold: Annotated[Path, typer.Option(help="Gold JSONL (document gold format).")],
    predictions: Annotated[Path, typer.Option(help="Predicted JSONL from `hamkar extract`.")],
    out: Annotated[Path | None, typer.Option(help="Write the scores as JSON here.")] = None,
) -> None:
    """Score predictions against gold with the matching rules of the document gold format."""
    from evaluation.scorer import format_table, read_jsonl, score

    result = score(read_jsonl(gold), read_jsonl(predictions))
    typer.echo(format_table(result))
    if out:
        out.parent.mkdir(parents=True, exist_ok=True)
        out.write_text(json.dumps(result, ensure_ascii=False, indent=2), encoding="utf-8")


app.command()(kb.reprocess)
app.command()(kb.orgs)
app.command()(kb.org)
app.add_typer(kb.curate_app, name="curate")
monitor.register(app)
worker.register(app)

if __name__ == "__main__":
    app()
