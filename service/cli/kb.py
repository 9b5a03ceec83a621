"""``hamkar`` commands for the knowledge base: reprocess, browse, curate."""

from __future__ import annotations

import getpass
import json
from typing import Annotated

import typer
from sqlalchemy import select

from service.settings import get_settings

curate_app = typer.Typer(help="Curate the knowledge base (every change goes to the audit log).", no_args_is_help=True)
ActorOption = Annotated[str, typer.Option("--actor", help="Who makes the change (default: your user name).")]
ReasonOption = Annotated[str, typer.Option("--reason", help="Why (kept in the audit log).")]


def _session():  # type: ignore[no-untyped-def]
    from service.store.db import migrate, transaction

    settings = get_settings()
    migrate(settings.database_url)
    return transaction(settings.database_url)


def _print(model) -> None:  # type: ignore[no-untyped-def]
    typer.echo(json.dumps(model.model_dump(mode="json"), ensure_ascii=False, indent=2))


def reprocess(
    lang: Annotated[str | None, typer.Option(help="Only documents of this language.")] = None,
    progress: Annotated[bool, typer.Option(help="Show a progress bar.")] = True,
) -> None:
    """Re-run NLP and knowledge-base extraction over stored documents (after a model change).

    One transaction per document; curation (merges, splits, renames, aliases, rejections) is kept.
    """
    from tqdm import tqdm

    from service.kb.build import prune_events
    from service.pipeline import analyze_stored_document
    from service.store.models import Document

    with _session() as session:
        query = select(Document.id).where(Document.status == "ok").order_by(Document.id)
        if lang:
            query = query.where(Document.lang == lang)
        ids = list(session.scalars(query))
    for document_id in tqdm(ids, desc="reprocess", unit="doc", disable=not progress):
        with _session() as session:
            analyze_stored_document(session, document_id)
    with _session() as session:
        pruned = prune_events(session)
    typer.echo(f"reprocessed {len(ids)} documents; {pruned} events left without evidence removed")


def orgs(
    query: Annotated[str | None, typer.Argument(help="Part of any name or alias (either script).")] = None,
    lang: Annotated[str | None, typer.Option(help="tr or fa")] = None,
    limit: Annotated[int, typer.Option(help="Most rows.")] = 30,
) -> None:
    """Find organizations by any of their names."""
    from service.kb import queries

    with _session() as session:
        items, _ = queries.ranked_organizations(session, query, lang, limit=limit)
        for item in items:
            typer.echo(f"{item.id:>5} {item.lang} events={item.event_count:<3} mentions={item.mention_count:<4} {item.name}")


def org(org_id: Annotated[int, typer.Argument(help="Organization id.")]) -> None:
    """An organization with aliases, parent, events, partners and figures (JSON)."""
    from service.kb import queries
    from service.store.models import Organization

    with _session() as session:
        found = session.get(Organization, org_id)
        if found is None:
            raise typer.BadParameter(f"organization {org_id} not found")
        _print(queries.organization_detail(session, found))


def _curate(action, *args, **kwargs) -> None:  # type: ignore[no-untyped-def]
    from service.kb import curation

    try:
        with _session() as session:
            result = action(session, *args, **kwargs)
            typer.echo(f"{action.__name__}: done ({type(result).__name__} {getattr(result, 'id', '')})")
    except curation.CurationError as exc:
        typer.echo(f"error: {exc}", err=True)
        raise typer.Exit(2) from exc


@curate_app.command()
def merge(source: int, into: int, reason: ReasonOption, actor: ActorOption = getpass.getuser()) -> None:
    """Merge organization SOURCE into INTO."""
    from service.kb import curation

    _curate(curation.merge, source, into, actor=actor, reason=reason)


@curate_app.command()
def split(
    org_id: int,
    alias: Annotated[list[str], typer.Option("--alias", help="An alias to move (repeatable).")],
    name: Annotated[str, typer.Option(help="Name of the new organization.")],
    reason: ReasonOption,
    actor: ActorOption = getpass.getuser(),
) -> None:
    """Move aliases of ORG_ID to a new organization."""
    from service.kb import curation

    _curate(curation.split, org_id, alias, name, actor=actor, reason=reason)


@curate_app.command()
def rename(org_id: int, name: str, reason: ReasonOption, actor: ActorOption = getpass.getuser()) -> None:
    """Set the canonical name of ORG_ID."""
    from service.kb import curation

    _curate(curation.rename, org_id, name, actor=actor, reason=reason)


@curate_app.command("alias")
def add_alias(org_id: int, alias: str, reason: ReasonOption, actor: ActorOption = getpass.getuser()) -> None:
    """Add ALIAS to ORG_ID."""
    from service.kb import curation

    _curate(curation.add_alias, org_id, alias, actor=actor, reason=reason)


@curate_app.command("reject-mention")
def reject_mention(mention_id: int, reason: ReasonOption, actor: ActorOption = getpass.getuser()) -> None:
    """Reject an entity mention (it stays rejected after re-processing)."""
    from service.kb import curation

    _curate(curation.reject_mention, mention_id, actor=actor, reason=reason)


@curate_app.command("reject-event")
def reject_event(event_id: int, reason: ReasonOption, actor: ActorOption = getpass.getuser()) -> None:
    """Reject an event (it stays rejected after re-processing)."""
    from service.kb import curation

    _curate(curation.reject_event, event_id, actor=actor, reason=reason)


@curate_app.command("log")
def log(limit: Annotated[int, typer.Option(help="Most entries.")] = 50) -> None:
    """Show the audit log, newest first."""
    from service.store.models import CurationAction

    with _session() as session:
        for row in session.scalars(select(CurationAction).order_by(CurationAction.id.desc()).limit(limit)):
            typer.echo(f"{row.at:%Y-%m-%d %H:%M} {row.actor:<12} {row.action:<15} {row.target_type} {row.target_id} "
                       f"{json.dumps(row.payload, ensure_ascii=False)} — {row.reason}")
