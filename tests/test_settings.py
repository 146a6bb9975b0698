import re
from pathlib import Path

from app.core.config import Settings

ROOT = Path(__file__).resolve().parents[1]


def test_env_example_lists_every_setting_and_nothing_else() -> None:
    listed = set(re.findall(r"^#?\s*STYLIST_([A-Z0-9_]+)=", (ROOT / ".env.example").read_text(), re.M))
    known = {name.upper() for name in Settings.model_fields}
    assert listed == known


def test_auto_migrate_defaults_to_sqlite_only() -> None:
    sqlite = Settings(_env_file=None, database_url="sqlite+aiosqlite:///x.db")
    postgres = Settings(_env_file=None, database_url="postgresql+asyncpg://h/db")
    assert sqlite.should_auto_migrate and not postgres.should_auto_migrate
    forced = Settings(_env_file=None, database_url="postgresql+asyncpg://h/db", auto_migrate=True)
    assert forced.should_auto_migrate


def test_token_cache_only_where_every_process_hears_of_a_revocation() -> None:
    postgres = "postgresql+asyncpg://h/db"
    assert Settings(_env_file=None, database_url="sqlite+aiosqlite:///x.db").token_cache_seconds > 0  # one process
    assert Settings(_env_file=None, database_url=postgres, redis_url="redis://r/0").token_cache_seconds > 0
    assert Settings(_env_file=None, database_url=postgres).token_cache_seconds == 0  # replicas without Redis
    assert Settings(_env_file=None, database_url=postgres, token_cache_ttl_s=2).token_cache_seconds == 2
