"""Settings read from environment variables."""

from functools import lru_cache
from pathlib import Path

from pydantic import Field, SecretStr, field_validator
from pydantic_settings import BaseSettings, SettingsConfigDict

REPO_ROOT = Path(__file__).resolve().parents[3]
VAR_DIR = REPO_ROOT / "var"


class DatabaseSettings(BaseSettings):
    """Database location only: enough for migrations and the seed."""

    model_config = SettingsConfigDict(extra="ignore")

    database_url: str = f"sqlite:///{VAR_DIR / 'facade.db'}"

    @field_validator("database_url")
    @classmethod
    def _create_sqlite_directory(cls, url: str) -> str:
        """Create the parent directory of a file-based SQLite database."""
        prefix = "sqlite:///"
        if url.startswith(prefix) and url != f"{prefix}:memory:":
            Path(url.removeprefix(prefix)).parent.mkdir(parents=True, exist_ok=True)
        return url


class Settings(DatabaseSettings):
    """Façade configuration; every field maps to an upper-case environment variable."""

    facade_service_token: SecretStr = Field(min_length=16)
    facade_token_ttl_seconds: int = Field(default=600, gt=0)
    facade_docs_enabled: bool = False
    facade_lockout_threshold: int = Field(default=5, gt=0)
    facade_lockout_seconds: int = Field(default=1800, gt=0)
    facade_lockout_memory_seconds: int = Field(default=86400, gt=0)
    facade_rate_limit_attempts: int = Field(default=20, gt=0)
    facade_rate_limit_window_seconds: int = Field(default=60, gt=0)
    facade_log_level: str = "INFO"


@lru_cache
def get_database_settings() -> DatabaseSettings:
    """Return the database settings (read once); FACADE_SERVICE_TOKEN is not needed."""
    return DatabaseSettings()


@lru_cache
def get_settings() -> Settings:
    """Return the process-wide settings (read once)."""
    return Settings()
