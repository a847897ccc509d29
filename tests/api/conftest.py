"""Fixtures: every API test runs on SQLite and on PostgreSQL, migrated by Alembic and seeded."""

import os
from collections.abc import Callable, Iterator

import pytest
from sqlalchemy import Engine, create_engine, delete, text
from sqlalchemy.engine import make_url
from sqlalchemy.exc import OperationalError
from sqlalchemy.orm import Session, sessionmaker

from facade_testkit import (
    DEMO,
    SEED_AS_OF,
    SERVICE_TOKEN,
    START,
    FrozenClock,
    alembic_config,
    migrate_and_seed,
    verify,
)

# The app reads its settings at import time; sessions and the clock are overridden below.
os.environ["FACADE_SERVICE_TOKEN"] = SERVICE_TOKEN
os.environ["FACADE_DOCS_ENABLED"] = "false"
os.environ["DATABASE_URL"] = "sqlite:///:memory:"

from alembic import command  # noqa: E402
from fastapi.testclient import TestClient  # noqa: E402

from app.core.clock import get_clock  # noqa: E402
from app.core.db import get_session, make_engine  # noqa: E402
from app.main import app  # noqa: E402
from app.models import (  # noqa: E402
    AuditLog,
    ReissueRequest,
    VerificationAttempt,
    VerificationGuard,
)

DEFAULT_PG_URL = "postgresql+psycopg://postgres@127.0.0.1:5432/facade_test"


def _postgres_url() -> str:
    """Test database URL, created when missing; skips (or fails under CI=true) when unreachable."""
    url = make_url(os.environ.get("FACADE_TEST_PG_URL", DEFAULT_PG_URL))
    admin = create_engine(
        url.set(database="postgres"),
        isolation_level="AUTOCOMMIT",
        connect_args={"connect_timeout": 3},
    )
    try:
        with admin.connect() as connection:
            exists = connection.scalar(
                text("SELECT 1 FROM pg_database WHERE datname = :name"), {"name": url.database}
            )
            if not exists:
                connection.execute(text(f'CREATE DATABASE "{url.database}"'))
    except OperationalError as exc:
        message = (
            f"PostgreSQL unreachable at {url.render_as_string(hide_password=True)}: {exc.orig}"
        )
        if os.environ.get("CI") == "true":
            pytest.fail(f"{message} (CI=true: the PostgreSQL tests are mandatory)")
        pytest.skip(f"{message}; start PostgreSQL or set FACADE_TEST_PG_URL to run these tests")
    finally:
        admin.dispose()
    return url.render_as_string(hide_password=False)


@pytest.fixture(scope="session", params=["sqlite", "postgresql"])
def engine(
    request: pytest.FixtureRequest, tmp_path_factory: pytest.TempPathFactory
) -> Iterator[Engine]:
    """A migrated, seeded database, downgraded to base afterwards (so the downgrade is tested)."""
    if request.param == "sqlite":
        url = f"sqlite:///{tmp_path_factory.mktemp('db') / 'facade.db'}"
    else:
        url = _postgres_url()
    engine = make_engine(url)
    if engine.dialect.name == "postgresql":
        with engine.begin() as connection:
            connection.execute(text("DROP SCHEMA public CASCADE"))
            connection.execute(text("CREATE SCHEMA public"))
    migrate_and_seed(engine, SEED_AS_OF)
    yield engine
    with engine.begin() as connection:
        command.downgrade(alembic_config(connection), "base")
    engine.dispose()


@pytest.fixture
def session_factory(engine: Engine) -> Iterator[sessionmaker[Session]]:
    """Session factory; rows a test writes (attempts, guards, audit, reissues) go after it."""
    factory = sessionmaker(bind=engine, expire_on_commit=False)
    yield factory
    with factory() as session:
        for model in (VerificationAttempt, VerificationGuard, AuditLog, ReissueRequest):
            session.execute(delete(model))
        session.commit()


@pytest.fixture
def clock() -> FrozenClock:
    return FrozenClock(START)


@pytest.fixture
def client(session_factory: sessionmaker[Session], clock: FrozenClock) -> Iterator[TestClient]:
    def override_session() -> Iterator[Session]:
        with session_factory() as session:
            yield session

    app.dependency_overrides[get_session] = override_session
    app.dependency_overrides[get_clock] = lambda: clock
    with TestClient(app) as test_client:
        yield test_client
    app.dependency_overrides.clear()


@pytest.fixture
def auth() -> dict[str, str]:
    return {"Authorization": f"Bearer {SERVICE_TOKEN}"}


@pytest.fixture
def login(client: TestClient, auth: dict[str, str]) -> Callable[[str], dict[str, str]]:
    """Headers (service token + contract token) for a demo contract key."""

    def headers_for(key: str) -> dict[str, str]:
        response = verify(client, *DEMO[key], client_id=f"login-{key}")
        assert response.status_code == 200, response.text
        return {**auth, "X-Contract-Token": response.json()["token"]}

    return headers_for
