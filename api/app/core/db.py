"""SQLAlchemy engine, session factory and the request-scoped session dependency."""

from collections.abc import Iterator
from functools import lru_cache

from sqlalchemy import Engine, create_engine
from sqlalchemy.orm import Session, sessionmaker

from app.core.config import get_database_settings


def make_engine(url: str) -> Engine:
    """Create an engine; SQL parameters are hidden from error messages and logs."""
    connect_args = {"check_same_thread": False} if url.startswith("sqlite") else {}
    return create_engine(url, connect_args=connect_args, hide_parameters=True, pool_pre_ping=True)


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
