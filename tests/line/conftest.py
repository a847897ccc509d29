"""A LINE Messaging API stand-in, and the real stack (SQLite) with the LINE channel on."""
from __future__ import annotations

import secrets
from typing import Iterator

import pytest

from scripts.stack import Stack, StackConfig, random_secrets
from tests.line.stand_in import LineStandIn

PINNED_NOW = "2026-11-24T20:00:00+09:00"  # as in tests/integration


@pytest.fixture(scope="session")
def stand_in_server() -> Iterator[LineStandIn]:
    """The stand-in, for the whole session."""
    server = LineStandIn().start()
    yield server
    server.stop()


@pytest.fixture
def line_api(stand_in_server: LineStandIn) -> LineStandIn:
    """The stand-in with no records and no pending failures."""
    stand_in_server.reset()
    return stand_in_server


@pytest.fixture(scope="session")
def line_stack(stand_in_server: LineStandIn, tmp_path_factory) -> Iterator[Stack]:
    """Façade, action server and Rasa on free ports; Rasa talks to the stand-in."""
    workdir = tmp_path_factory.mktemp("line-stack")
    config = StackConfig.isolated(
        workdir,
        seed_as_of=PINNED_NOW[:10],
        extra_env={
            "ASSISTANT_NOW": PINNED_NOW,
            "LINE_CHANNEL_SECRET": secrets.token_hex(16),
            "LINE_CHANNEL_ACCESS_TOKEN": secrets.token_urlsafe(32),
            "LINE_API_BASE_URL": stand_in_server.url,
        },
    )
    running = Stack(config, random_secrets())
    assert running.credentials_file == "credentials.line.yml"
    running.start()
    yield running
    running.stop()
