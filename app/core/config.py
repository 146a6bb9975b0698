"""Settings: one pydantic-settings class, read from STYLIST_* environment variables or `.env`."""

import ipaddress
from functools import lru_cache
from pathlib import Path
from typing import Literal

from pydantic import Field, SecretStr, field_validator, model_validator
from pydantic_settings import BaseSettings, SettingsConfigDict

DEFAULT_DATA_DIR = Path("data")
REPO_MODELS_DIR = Path(__file__).resolve().parents[2] / "models"
DEFAULT_TOKEN_CACHE_TTL_S = 5.0


class Settings(BaseSettings):
    model_config = SettingsConfigDict(env_prefix="STYLIST_", env_file=".env", extra="ignore")

    database_url: str = Field(
        default=f"sqlite+aiosqlite:///{DEFAULT_DATA_DIR / 'stylist.db'}",
        description="SQLAlchemy async URL: sqlite+aiosqlite:///path or postgresql+asyncpg://user:pw@host/db",
    )
    auto_migrate: bool | None = Field(
        default=None,
        description="Apply Alembic migrations at start-up. Unset: yes for SQLite, no for other databases "
        "(run `alembic upgrade head` as a one-off task there).",
    )
    # All kept, none opened per burst: an overflow connection is closed as soon as it is handed back, so under
    # steady concurrency above the pool size about one read in thirty opened a connection (3 ms of CPU each).
    db_pool_size: int = Field(default=10, ge=1, description="Connections kept per process (PostgreSQL).")
    db_max_overflow: int = Field(
        default=0,
        ge=0,
        description="Extra connections a process may open under bursts, closed again when handed back (PostgreSQL).",
    )
    db_connect_timeout_s: float = Field(default=5.0, gt=0, description="Give up connecting after this long.")
    sqlite_synchronous: Literal["NORMAL", "FULL"] = Field(
        default="NORMAL",
        description="SQLite durability: NORMAL (WAL) survives a process crash; FULL also a power cut, at an fsync "
        "per commit (about 3 ms here).",
    )
    sqlite_busy_timeout_s: float = Field(
        default=30.0,
        gt=0,
        description="How long a SQLite write waits for the writers ahead of it (a queue at c64 under load is "
        "progress, not a deadlock) before giving up with 503.",
    )

    storage_backend: Literal["local", "s3"] = Field(default="local", description="Where image files live.")
    storage_dir: Path = Field(default=DEFAULT_DATA_DIR / "images", description="Root folder (local backend).")
    s3_bucket: str | None = Field(default=None, description="Bucket name (s3 backend).")
    s3_prefix: str = Field(default="", description="Key prefix inside the bucket, e.g. `stylist/`.")
    s3_endpoint_url: str | None = Field(
        default=None, description="Custom endpoint for MinIO or another S3-compatible store."
    )
    s3_region: str | None = Field(default=None, description="AWS region of the bucket.")

    max_upload_bytes: int = Field(default=15 * 1024 * 1024, ge=1, description="Largest accepted upload.")
    request_body_timeout_s: float = Field(
        default=30.0, gt=0, description="A request body that sends nothing for this long is answered 408."
    )
    max_image_pixels: int = Field(
        default=50_000_000, ge=1, description="Largest accepted width x height (decompression-bomb guard)."
    )
    thumbnail_size: int = Field(default=320, ge=32, le=2048, description="Longest side of thumbnails (px).")
    stored_jpeg_quality: int = Field(default=90, ge=50, le=100, description="JPEG quality of stored files.")

    model_dir: Path = Field(default=REPO_MODELS_DIR, description="Exported vision model (ONNX + heads).")
    vision_threads: int = Field(default=2, ge=1, le=64, description="CPU threads for one image analysis.")
    blas_threads: int = Field(
        default=1,
        ge=1,
        le=64,
        description="Threads numpy's BLAS may use in the server; more spin between products and take the cores "
        "from other requests.",
    )
    vision_process: bool = Field(
        default=True,
        description="Analyse photos in one child process that loads the model once, so requests never wait on the "
        "GIL behind an analysis (local backend); false: in the server's thread pool.",
    )
    vision_processes: int = Field(
        default=1,
        ge=1,
        le=8,
        description="How many analysis processes (with vision_process): each loads the model (~100 MB) and analyses "
        "one photo at a time; more let uploads that arrive together run in parallel on more cores.",
    )
    vision_process_niceness: int = Field(
        default=5, ge=0, le=19, description="How much lower the analysis process's CPU priority is than the server's."
    )
    vision_backend: Literal["local", "openai", "gemini"] = Field(
        default="local", description="Who tags photos; remote backends fall back to local on any error."
    )
    vision_base_url: str | None = Field(
        default=None,
        description="OpenAI-compatible base URL (e.g. https://api.openai.com/v1, http://localhost:11434/v1) "
        "or the Gemini API root (https://generativelanguage.googleapis.com).",
    )
    vision_model: str | None = Field(default=None, description="Remote model name, e.g. gpt-4o-mini.")
    vision_api_key: SecretStr | None = Field(default=None, description="API key of the remote backend.")
    vision_timeout_s: float = Field(default=20.0, gt=0, description="Give up on the remote backend after this.")

    assistant_backend: Literal["local", "openai", "gemini"] = Field(
        default="local", description="Who answers questions; remote backends fall back to local on any error."
    )
    assistant_base_url: str | None = Field(
        default=None, description="OpenAI-compatible base URL (OpenAI, Ollama, vLLM, llama.cpp) or Gemini API root."
    )
    assistant_model: str | None = Field(default=None, description="Remote chat model name.")
    assistant_api_key: SecretStr | None = Field(default=None, description="API key of the remote chat backend.")
    assistant_timeout_s: float = Field(default=30.0, gt=0, description="Give up on the remote chat backend after this.")
    assistant_retries: int = Field(default=1, ge=0, le=5, description="Retries before the first streamed chunk.")
    assistant_history_turns: int = Field(default=6, ge=0, le=50, description="Earlier turns given as context.")

    duplicate_similarity: float = Field(
        default=0.93,
        gt=0,
        le=1,
        description="Embedding cosine similarity from which an upload is flagged "
        "as a near-duplicate of an existing item.",
    )
    max_batch_files: int = Field(default=20, ge=1, le=200, description="Most files in one batch upload.")

    redis_url: str | None = Field(
        default=None,
        description="Redis for state shared by replicas (rate limits, token revocations), e.g. redis://127.0.0.1:6379/0.",
    )
    token_cache_ttl_s: float | None = Field(
        default=None,
        ge=0,
        description="Seconds a verified API token is trusted without a database read (0 = no cache). Unset: "
        f"{DEFAULT_TOKEN_CACHE_TTL_S:g} s with Redis (a revocation reaches every replica at once) or on SQLite (one "
        "process), none on PostgreSQL without Redis (replicas could not hear of a rotation). Set explicitly, other "
        "processes without Redis see a revocation within this time.",
    )
    token_cache_size: int = Field(default=10_000, ge=0, description="Most cached tokens per process.")
    rate_limit_writes_per_minute: int = Field(
        default=300, ge=0, description="Writes per minute per token and per IP (0 = no limit)."
    )
    rate_limit_assistant_per_minute: int = Field(
        default=60, ge=0, description="Questions per minute per token and per IP (0 = no limit)."
    )
    sweep_interval_s: float = Field(
        default=0, ge=0, description="Seconds between background sweeps for orphan files (0 = off)."
    )
    trusted_proxies: list[str] = Field(
        default_factory=list,
        description="Networks whose X-Forwarded-For is believed (the load balancer's), e.g. "
        '["10.0.0.0/16"]; requests from anywhere else are counted against their own address.',
    )
    metrics_token: SecretStr | None = Field(
        default=None, description="When set, GET /metrics needs `Authorization: Bearer <this value>`."
    )
    cors_origins: list[str] = Field(
        default_factory=list, description='Browser origins allowed to call the API, e.g. ["https://app.example"].'
    )

    log_level: str = Field(default="INFO", description="Python logging level.")
    log_format: Literal["json", "text"] = Field(default="json", description="JSON lines (default) or plain text.")

    @field_validator("trusted_proxies")
    @classmethod
    def _networks_parse(cls, value: list[str]) -> list[str]:
        for network in value:
            try:
                ipaddress.ip_network(network.strip(), strict=False)
            except ValueError as exc:
                raise ValueError(f"STYLIST_TRUSTED_PROXIES: {network!r} is not an IP network") from exc
        return value

    @field_validator("s3_prefix")
    @classmethod
    def _prefix_ends_with_slash(cls, value: str) -> str:
        return value if not value or value.endswith("/") else value + "/"

    @model_validator(mode="after")
    def _remote_backends_are_complete(self) -> "Settings":
        if self.vision_backend != "local" and not (self.vision_base_url and self.vision_model):
            raise ValueError("STYLIST_VISION_BASE_URL and STYLIST_VISION_MODEL are needed for a remote vision backend")
        if self.assistant_backend != "local" and not (self.assistant_base_url and self.assistant_model):
            raise ValueError(
                "STYLIST_ASSISTANT_BASE_URL and STYLIST_ASSISTANT_MODEL are needed for a remote assistant backend"
            )
        return self

    @property
    def is_sqlite(self) -> bool:
        return self.database_url.startswith("sqlite")

    @property
    def token_cache_seconds(self) -> float:
        """The token cache's TTL: only where every process hears of a revocation, unless set explicitly."""
        if self.token_cache_ttl_s is not None:
            return self.token_cache_ttl_s
        # On PostgreSQL the service runs as several tasks; without Redis one could not tell the others that a
        # token was rotated away, and a token the README says is dead would keep working there for the TTL.
        return DEFAULT_TOKEN_CACHE_TTL_S if self.redis_url or self.is_sqlite else 0.0

    @property
    def should_auto_migrate(self) -> bool:
        return self.is_sqlite if self.auto_migrate is None else self.auto_migrate


def revealed(secret: SecretStr | None) -> str | None:
    """A secret's value, for the one client that sends it (None when unset)."""
    return secret.get_secret_value() if secret else None


@lru_cache
def get_settings() -> Settings:
    return Settings()
