"""Starts the real façade, action server and Rasa on free ports for each storage backend.

The PostgreSQL variant needs a server at PG_TEST_DSN (default: postgres@127.0.0.1:5432).
Where none answers it is skipped with a message, except under CI=true, where it fails.
"""
from __future__ import annotations

import os
import secrets
from typing import Dict, Iterator

import psycopg2
import pytest

from scripts.stack import Stack, StackConfig, random_secrets

PG_HOST = os.environ.get("PG_TEST_HOST", "127.0.0.1")
PG_PORT = int(os.environ.get("PG_TEST_PORT", "5432"))
PG_USER = os.environ.get("PG_TEST_USER", "postgres")
PINNED_NOW = "2026-11-24T20:00:00+09:00"  # a Tuesday evening: the call centre is closed
PINNED_DAY = PINNED_NOW[:10]  # the demo contracts are seeded relative to the same day


def recreate_pg_database(name: str) -> None:
    """Drops and creates a scratch database, or skips/fails if PostgreSQL is absent."""
    try:
        conn = psycopg2.connect(host=PG_HOST, port=PG_PORT, user=PG_USER, dbname="postgres",
                                connect_timeout=3)
    except psycopg2.OperationalError as error:
        message = f"PostgreSQL not reachable at {PG_HOST}:{PG_PORT} ({error})"
        if os.environ.get("CI") == "true":
            pytest.fail(f"{message}; CI must run the PostgreSQL tests.")
        pytest.skip(f"{message}; skipping the PostgreSQL variant.")
    conn.autocommit = True
    with conn.cursor() as cursor:
        cursor.execute(f'DROP DATABASE IF EXISTS "{name}" WITH (FORCE)')
        cursor.execute(f'CREATE DATABASE "{name}"')
    conn.close()


def postgres_urls() -> Dict[str, str]:
    """Façade and tracker-store URLs of two fresh PostgreSQL databases."""
    suffix = secrets.token_hex(3)
    facade_db, tracker_db = f"kyosai_it_facade_{suffix}", f"kyosai_it_tracker_{suffix}"
    recreate_pg_database(facade_db)
    recreate_pg_database(tracker_db)
    return {
        "facade_db_url": f"postgresql+psycopg://{PG_USER}@{PG_HOST}:{PG_PORT}/{facade_db}",
        "tracker_store_url": f"postgresql://{PG_USER}@{PG_HOST}:{PG_PORT}/{tracker_db}",
    }


@pytest.fixture(scope="session", params=["sqlite", "postgresql"])
def stack(request, tmp_path_factory) -> Iterator[Stack]:
    """A running stack on free ports, with its own databases and log folder."""
    workdir = tmp_path_factory.mktemp(f"stack-{request.param}")
    urls = postgres_urls() if request.param == "postgresql" else {}
    config = StackConfig.isolated(workdir, extra_env={"ASSISTANT_NOW": PINNED_NOW},
                                  seed_as_of=PINNED_DAY, **urls)
    running = Stack(config, random_secrets())
    running.start()
    running.backend = request.param
    yield running
    running.stop()
