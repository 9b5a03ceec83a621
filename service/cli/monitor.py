"""``hamkar sources`` (the registry and its status) and ``hamkar monitor`` (run sources on their schedules)."""

from __future__ import annotations

import json
import signal
from pathlib import Path
from typing import Annotated

import typer
from pydantic import ValidationError

from service.settings import get_settings

sources_app = typer.Typer(
    help="The monitored sources: without a subcommand, list them with their status.",
    invoke_without_command=True,
)
RefArgument = Annotated[str, typer.Argument(help="Source id or name.")]


def register(app: typer.Typer) -> None:
    """Add ``sources`` and ``monitor`` to the ``hamkar`` app."""
    app.add_typer(sources_app, name="sources")
    app.command()(monitor)


def _session():  # type: ignore[no-untyped-def]
    from service.store.db import migrate, transaction

    settings = get_settings()
    migrate(settings.database_url)
    return transaction(settings.database_url)


def _when(moment) -> str:  # type: ignore[no-untyped-def]
    return moment.strftime("%Y-%m-%d %H:%M") if moment else "-"


@sources_app.callback()
def sources(
    ctx: typer.Context,
    as_json: Annotated[bool, typer.Option("--json", help="One JSON object per source.")] = False,
) -> None:
    """List sources: state, schedule, next and last run, last run's counts and error."""
    if ctx.invoked_subcommand is not None:
        return
    from service.monitor.registry import list_sources

    with _session() as session:
        rows = list_sources(session)
    if as_json:
        for row in rows:
            typer.echo(row.model_dump_json())
        return
    if not rows:
        typer.echo("no sources; add some with `hamkar sources import corpora/sources.yaml`")
    for row in rows:
        counts = f"new={row.last_new} changed={row.last_changed} failed={row.last_failed}"
        typer.echo(f"{row.id:>4} {row.name:<32} {row.state:<8} {row.kind:<7} {row.language} {row.schedule:<11} "
                   f"next {_when(row.next_run)}  last {_when(row.last_run)}  {counts}")
        if row.consecutive_failures:
            typer.echo(f"     failed {row.consecutive_failures}x in a row, backing off until "
                       f"{_when(row.backoff_until)}: {row.last_error}")
        elif row.last_error:
            typer.echo(f"     {row.last_error}")


@sources_app.command("import")
def import_sources(path: Annotated[Path, typer.Argument(help="A registry YAML file (see corpora/sources.yaml).")]) -> None:
    """Add or update the sources of a registry file, by name (their run state is kept)."""
    from service.monitor.registry import RegistryError, load_registry, upsert_source

    try:
        configs = load_registry(path)
    except (OSError, RegistryError) as exc:
        typer.echo(f"error: {exc}", err=True)
        raise typer.Exit(2) from exc
    with _session() as session:
        created = sum(upsert_source(session, config)[1] for config in configs)
    typer.echo(f"imported {len(configs)} sources from {path}: {created} new, {len(configs) - created} updated")


@sources_app.command("add")
def add_source(
    name: Annotated[str, typer.Option(help="Unique name (letters, digits, . _ -).")],
    url: Annotated[str, typer.Option(help="Feed, sitemap, section page or crawl root URL.")],
    kind: Annotated[str, typer.Option(help="feed, sitemap, section or crawl.")],
    language: Annotated[str, typer.Option("--lang", help="tr or fa.")],
    country: Annotated[str | None, typer.Option(help="Country code, e.g. TR or IR.")] = None,
    schedule: Annotated[str, typer.Option(help="Interval (30m, 6h, 2d, 1w), hourly, daily, weekly, daily@HH:MM.")] = "6h",
    max_pages: Annotated[int, typer.Option(help="Most items (or crawled pages) per run.")] = 50,
    delay: Annotated[float, typer.Option(help="Seconds between requests to the host.")] = 1.0,
    links_xpath: Annotated[str | None, typer.Option(help="XPath of the article links on a section page.")] = None,
    enabled: Annotated[bool, typer.Option(help="Run it on schedule.")] = True,
) -> None:
    """Add a source (or replace the configuration of the one with this name)."""
    from service.monitor.registry import SourceConfig, upsert_source

    try:
        config = SourceConfig(name=name, url=url, kind=kind, language=language, country=country, schedule=schedule,
                              max_pages=max_pages, delay=delay, hints={"links": links_xpath}, enabled=enabled)
    except ValidationError as exc:
        typer.echo(f"error: {exc}", err=True)
        raise typer.Exit(2) from exc
    with _session() as session:
        source, created = upsert_source(session, config)
        typer.echo(f"{'added' if created else 'updated'} source {source.id} {source.name}")


def _set_enabled(ref: str, enabled: bool) -> None:
    from service.monitor.registry import find_source, set_enabled

    with _session() as session:
        source = find_source(session, ref)
        if source is None:
            typer.echo(f"error: no source {ref!r}", err=True)
            raise typer.Exit(1)
        set_enabled(source, enabled)
        typer.echo(f"{'enabled' if enabled else 'disabled'} source {source.id} {source.name}")


@sources_app.command("enable")
def enable_source(ref: RefArgument) -> None:
    """Run a source on its schedule again."""
    _set_enabled(ref, True)


@sources_app.command("disable")
def disable_source(ref: RefArgument) -> None:
    """Stop running a source (its items and status are kept)."""
    _set_enabled(ref, False)


def _interrupt(_signum: int, _frame: object) -> None:
    raise KeyboardInterrupt


def monitor(
    once: Annotated[bool, typer.Option("--once", help="Run every due source one time and exit (for cron).")] = False,
    poll: Annotated[float, typer.Option(help="Longest sleep between checks for due sources (seconds).")] = 60.0,
    analyze: Annotated[bool, typer.Option(help="Run the topic filter, NLP and knowledge base on new documents.")] = True,
    as_json: Annotated[bool, typer.Option("--json", help="One JSON object per source run.")] = False,
    progress: Annotated[bool, typer.Option(help="Show a progress bar per source.")] = False,
) -> None:
    """Run the due sources on their schedules, fetching only new or changed items. Ctrl-C stops cleanly."""
    from service.monitor.runner import Monitor, RunReport

    on_document = None
    if analyze:
        from service.pipeline import analyze_stored_document

        on_document = analyze_stored_document
    runner = Monitor(on_document=on_document, progress=progress and not as_json)

    def show(report: RunReport) -> None:
        if as_json:
            typer.echo(json.dumps(report.to_dict(), ensure_ascii=False))
        elif report.status == "ok":
            typer.echo(f"{report.name}: {report.listed} listed, {report.fetched} fetched, {report.new} new, "
                       f"{report.changed} changed, {report.failed} failed; next {_when(report.next_run)}"
                       + (f" ({report.error})" if report.error else ""))
        else:
            typer.echo(f"{report.name}: FAILED {report.error}; next try {_when(report.next_run)}")

    if once:
        reports = runner.run_due()
        for report in reports:
            show(report)
        if not reports and not as_json:
            typer.echo("no source is due")
        return
    signal.signal(signal.SIGTERM, _interrupt)
    try:
        runner.loop(poll=poll, on_report=show)
    except KeyboardInterrupt:
        typer.echo("monitor stopped", err=True)
