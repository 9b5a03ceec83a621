"""The source registry: what is monitored (a YAML file, the CLI or the API) and its status in the store.

The YAML file is the researchers' editable list; the database is the truth the monitor runs from,
because it also holds each source's state (next run, counts, errors, backoff). Importing a file
upserts by ``name``: configuration is replaced, state is kept, so re-importing an edited file is safe.
"""

from __future__ import annotations

from datetime import UTC, datetime
from pathlib import Path
from typing import Literal

import yaml
from lxml import etree
from pydantic import BaseModel, ConfigDict, Field, ValidationError, field_validator
from sqlalchemy import select
from sqlalchemy.orm import Session

from service.monitor.schedule import as_utc, parse_schedule
from service.store.models import Source

SourceKind = Literal["feed", "sitemap", "section", "crawl"]


class SourceHints(BaseModel):
    """Help for sites the generic extraction handles poorly."""

    model_config = ConfigDict(extra="forbid")

    links: str | None = Field(
        None,
        description="XPath selecting the article links of a section page (elements with href, or href values); "
        "default: every same-site link",
        examples=["//div[@class='haber-listesi']//a"],
    )

    @field_validator("links")
    @classmethod
    def _valid_xpath(cls, value: str | None) -> str | None:
        if value is not None:
            try:
                etree.XPath(value)
            except etree.XPathSyntaxError as exc:
                raise ValueError(f"invalid XPath {value!r}: {exc}") from exc
        return value


class SourceConfig(BaseModel):
    """One monitored source as written in ``sources.yaml`` (and accepted by ``POST /sources``)."""

    model_config = ConfigDict(extra="forbid")

    name: str = Field(min_length=1, max_length=128, pattern=r"^[\w.\-]+$", examples=["meb-mtegm-haberler"])
    language: Literal["tr", "fa"]
    country: str | None = Field(None, max_length=8, examples=["TR", "IR"])
    kind: SourceKind
    url: str = Field(pattern=r"^https?://", max_length=2048)
    schedule: str = Field("6h", examples=["6h", "daily", "daily@06:30"])
    max_pages: int = Field(50, ge=1, le=10000, description="Most items (or crawled pages) fetched per run.")
    delay: float = Field(1.0, ge=0, le=600, description="Seconds between requests to the source's host.")
    hints: SourceHints = Field(default_factory=SourceHints)
    enabled: bool = True

    @field_validator("schedule")
    @classmethod
    def _valid_schedule(cls, value: str) -> str:
        return parse_schedule(value).text


class SourceStatus(SourceConfig):
    """A source with its state: the rows of ``hamkar sources`` and ``GET /sources``."""

    id: int
    state: str = Field(description="disabled, new (never run), ok, or failing", examples=["ok"])
    next_run: datetime | None
    last_run: datetime | None
    last_status: str | None = Field(examples=["ok", "failed"])
    last_listed: int = Field(description="items the feed/sitemap/section listed in the last run")
    last_fetched: int = Field(description="items fetched in the last run (new or changed ones only)")
    last_new: int
    last_changed: int
    last_failed: int
    last_error: str | None
    consecutive_failures: int
    backoff_until: datetime | None


class RegistryError(ValueError):
    """A registry file that cannot be used; the message names the entry and the problem."""


def load_registry(path: Path) -> list[SourceConfig]:
    """Read and validate a registry file: ``sources:`` (a list) and optional ``defaults:`` for every entry."""
    try:
        data = yaml.safe_load(path.read_text(encoding="utf-8")) or {}
    except yaml.YAMLError as exc:
        raise RegistryError(f"{path}: not valid YAML: {exc}") from exc
    if not isinstance(data, dict) or not isinstance(data.get("sources"), list):
        raise RegistryError(f"{path}: expected a mapping with a 'sources' list")
    defaults = data.get("defaults") or {}
    configs: list[SourceConfig] = []
    for position, entry in enumerate(data["sources"], 1):
        try:
            configs.append(SourceConfig.model_validate({**defaults, **(entry or {})}))
        except ValidationError as exc:
            name = entry.get("name", f"#{position}") if isinstance(entry, dict) else f"#{position}"
            raise RegistryError(f"{path}: source {name}: {exc}") from exc
    names = [c.name for c in configs]
    if duplicates := sorted({n for n in names if names.count(n) > 1}):
        raise RegistryError(f"{path}: duplicate source names: {', '.join(duplicates)}")
    return configs


def upsert_source(session: Session, config: SourceConfig) -> tuple[Source, bool]:
    """Create or update the source named ``config.name``; ``True`` when it was created (due at once)."""
    source = session.scalar(select(Source).where(Source.name == config.name))
    created = source is None
    values = config.model_dump()
    values["hints"] = config.hints.model_dump(exclude_none=True)
    if source is None:
        source = Source(**values, next_run=datetime.now(UTC), consecutive_failures=0, last_listed=0,
                        last_fetched=0, last_new=0, last_changed=0, last_failed=0)
        session.add(source)
    else:
        if (source.url, source.kind) != (config.url, config.kind):
            source.etag = source.last_modified = None  # validators of another resource
        for key, value in values.items():
            setattr(source, key, value)
    session.flush()
    return source, created


def find_source(session: Session, ref: str | int) -> Source | None:
    """A source by id or by name."""
    if isinstance(ref, int) or str(ref).isdigit():
        found = session.get(Source, int(ref))
        if found is not None:
            return found
    return session.scalar(select(Source).where(Source.name == str(ref)))


def set_enabled(source: Source, enabled: bool) -> None:
    """Enable or disable; a re-enabled source that is backing off keeps its next run."""
    source.enabled = enabled
    if enabled and source.next_run is None:
        source.next_run = datetime.now(UTC)


def status_of(source: Source) -> SourceStatus:
    if not source.enabled:
        state = "disabled"
    elif source.last_run is None:
        state = "new"
    else:
        state = "failing" if source.consecutive_failures else "ok"
    values = {name: getattr(source, name) for name in SourceStatus.model_fields if name != "state"}
    for name in ("next_run", "last_run", "backoff_until"):
        if values[name] is not None:
            values[name] = as_utc(values[name])
    return SourceStatus(**values, state=state)


def list_sources(session: Session) -> list[SourceStatus]:
    return [status_of(s) for s in session.scalars(select(Source).order_by(Source.name))]
