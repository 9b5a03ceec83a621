"""One settings object for the whole service, read from ``HAMKAR_*`` environment variables.

Every command, the API and the workers read configuration through :func:`get_settings`, so a value has
one name, one default and one place where it is documented (the README's configuration table is
generated from the field descriptions here).
"""

from __future__ import annotations

from functools import lru_cache
from pathlib import Path

from pydantic import Field
from pydantic_settings import BaseSettings, SettingsConfigDict

PACKAGE_ROOT = Path(__file__).resolve().parent
REPO_ROOT = PACKAGE_ROOT.parent


class Settings(BaseSettings):
    """Runtime configuration. Environment variables are the field names upper-cased with ``HAMKAR_``."""

    model_config = SettingsConfigDict(env_prefix="HAMKAR_", env_file=None, extra="ignore")

    database_url: str = Field("sqlite:///./data/hamkar.db", description="SQLAlchemy URL of the store.")
    models_dir: Path = Field(REPO_ROOT / "models", description="Folder holding the trained models.")
    corpora_dir: Path = Field(REPO_ROOT / "corpora", description="The project's corpora (alias table, demo).")
    org_merge_threshold: float = Field(
        92.0, description="Fuzzy score (0-100) at which an organization mention joins an existing one."
    )
    shared_dir: Path = Field(REPO_ROOT.parent / "shared", description="The read-only shared data folder.")
    user_agent: str = Field(
        "HamkarBot/0.1 (research crawler for vocational-education news; set HAMKAR_USER_AGENT to add a contact)",
        description="User-Agent sent with every request and matched against robots.txt.",
    )
    timeout: float = Field(20.0, description="Seconds to wait for connect/read before giving up.")
    max_bytes: int = Field(10 * 1024 * 1024, description="Largest response or file accepted (bytes).")
    retries: int = Field(3, description="Retries on 429/5xx and connection errors.")
    backoff: float = Field(1.0, description="Base of the exponential backoff between retries (seconds).")
    max_retry_after: float = Field(60.0, description="Longest Retry-After honoured (seconds).")
    host_delay: float = Field(1.0, description="Minimum delay between requests to one host (seconds).")
    host_concurrency: int = Field(2, description="Parallel requests to one host.")
    concurrency: int = Field(8, description="Parallel requests overall.")
    allow_private_networks: bool = Field(
        False, description="Allow URLs resolving to loopback/private/link-local addresses (tests only)."
    )
    allowed_networks: list[str] = Field(
        default_factory=list,
        description="CIDRs allowed even when private networks are refused (JSON list, e.g. [\"127.0.0.1/32\"]).",
    )
    respect_robots: bool = Field(True, description="Obey robots.txt.")
    near_duplicate_threshold: float = Field(0.7, description="Jaccard similarity for one story (MinHash).")
    min_text_chars: int = Field(80, description="Shorter extracted text is recorded as 'empty'.")
    topic_threshold: float = Field(
        0.55,
        description="Relevance score (0-1) from which a document is on-topic; the default is the threshold "
        "chosen by cross-validation on corpora/topic/*/train.jsonl (see models/topic/*.json).",
    )
    api_host: str = Field("127.0.0.1", description="Address `hamkar serve` binds to.")
    api_port: int = Field(8000, description="Port `hamkar serve` binds to.")
    api_workers: int = Field(1, ge=1, le=64, description="Processes `hamkar serve` answers with: one is "
                             "enough for a laptop; a shared server gives one per core (SQLite in WAL mode and "
                             "PostgreSQL both let them read while a worker writes).")
    api_keys: list[str] = Field(
        default_factory=list,
        description='Keys allowed to write (ingest, curation), as a JSON list of "name:secret" strings.',
    )
    read_keys_required: bool = Field(False, description="Require an API key for reads too.")
    log_level: str = Field("INFO", description="Logging level.")


@lru_cache(maxsize=1)
def get_settings() -> Settings:
    """The process-wide settings (cached; tests call ``get_settings.cache_clear()`` after changing env)."""
    return Settings()
