"""Shared test data and helpers for the façade tests (imported by conftest and test modules)."""

import datetime as dt
from pathlib import Path

import httpx
from alembic import command
from alembic.config import Config
from fastapi.testclient import TestClient
from sqlalchemy import Engine
from sqlalchemy.orm import Session

from app.core.clock import JST, Clock
from app.seed import seed

SERVICE_TOKEN = "test-service-token-0123456789"
REPO_ROOT = Path(__file__).resolve().parents[2]
ALEMBIC_INI = REPO_ROOT / "api" / "alembic.ini"
SEED_AS_OF = dt.date(2021, 12, 10)
START = dt.datetime(2021, 12, 10, 10, 0, tzinfo=JST)

# Demo contracts created by the seed: number, check digit, birth MMDD (see docs/facade.md).
DEMO = {
    "newsletter": ("1234567", "89", "0401"),
    "october_start": ("2345678", "12", "0715"),
    "shokibo_failed": ("3456789", "23", "1103"),
    "safety_prepaid": ("4567890", "34", "0228"),
    "cancelled": ("5678901", "45", "0930"),
    "address_pending": ("6789012", "56", "1224"),
    "safety_failed": ("7890123", "67", "0505"),
    "prepay_discount": ("8901234", "78", "0808"),
}


class FrozenClock(Clock):
    """Clock that only moves when told to."""

    def __init__(self, now: dt.datetime) -> None:
        self.current = now

    def now(self) -> dt.datetime:
        return self.current.astimezone(dt.UTC)

    def advance(self, **delta: float) -> None:
        self.current += dt.timedelta(**delta)


def alembic_config(connection: object) -> Config:
    """Alembic config running on an open connection, leaving logging alone."""
    config = Config(str(ALEMBIC_INI))
    config.attributes["connection"] = connection
    config.attributes["configure_logger"] = False
    return config


def migrate_and_seed(engine: Engine, as_of: dt.date) -> None:
    """Bring a database to head with Alembic and load the demo contracts."""
    with engine.begin() as connection:
        command.upgrade(alembic_config(connection), "head")
    with Session(engine) as session:
        seed(session, as_of)


def verify(
    client: TestClient, number: str, check_digit: str, birth: str, client_id: str = "conversation-1"
) -> httpx.Response:
    """POST /v1/verify with the service token."""
    return client.post(
        "/v1/verify",
        json={"contract_number": number, "check_digit": check_digit, "birth_month_day": birth},
        headers={"Authorization": f"Bearer {SERVICE_TOKEN}", "X-Client-Id": client_id},
    )
