"""SQLAlchemy engine, session factory and the request-scoped session dependency."""

from collections.abc import Iterator
from functools import lru_cache
from typing import Any

from sqlalchemy import Engine, create_engine
from sqlalchemy.orm import Session, sessionmaker

from app.core.config import get_database_settings

# Seconds a SQLite connection waits for the database write lock before failing; verification
# attempts queue on that lock (see app/attempt_guard.py), so a burst must wait, not fail.
SQLITE_BUSY_TIMEOUT_SECONDS = 15.0


def make_engine(url: str, **options: Any) -> Engine:
    """Create an engine (extra create_engine options allowed); SQL parameters are hidden.

    SQLite keeps pysqlite's default transaction control: a SELECT opens no transaction and the
    first INSERT/UPDATE/DELETE emits BEGIN, so a transaction that starts with a write waits
    for the write lock (busy timeout) and then reads only committed, current data.
    """
    connect_args: dict[str, Any] = {}
    if url.startswith("sqlite"):
        connect_args = {"check_same_thread": False, "timeout": SQLITE_BUSY_TIMEOUT_SECONDS}
    return create_engine(
        url, connect_args=connect_args, hide_parameters=True, pool_pre_ping=True, **options
    )


@lru_cache
def get_sessionmaker() -> sessionmaker[Session]:
    """Return the session factory bound to the configured database."""
    return sessionmaker(
        bind=make_engine(get_database_settings().database_url), expire_on_commit=False
    )


def get_session() -> Iterator[Session]:
    """Yield one session per request and close it afterwards."""
    with get_sessionmaker()() as session:
        yield session
