"""A frozen action server: Rasa answers within the bound instead of holding the conversation.

Rasa runs with its action endpoint pointed at a socket that accepts requests and never answers.
"""
from __future__ import annotations

import socket
import threading
import time
from typing import Iterator

import pytest

from actions.contact import CALL_CENTRE_PHONE
from bot.action_timeout import DEFAULT_SECONDS
from bot.channels.trouble import TROUBLE_INTRO
from scripts.stack import Stack, StackConfig, free_port, random_secrets
from tests.integration.rest_client import Chat

SLACK_SECONDS = 2.0  # HTTP, NLU and the tracker store on top of the bound


class FrozenServer:
    """Accepts connections and reads requests, but never replies."""

    def __init__(self) -> None:
        self.port = free_port()
        self.sock = socket.create_server(("127.0.0.1", self.port))
        self.held: list = []
        threading.Thread(target=self._accept, daemon=True).start()

    def _accept(self) -> None:
        while True:
            try:
                conn, _ = self.sock.accept()
            except OSError:
                return
            self.held.append(conn)

    def close(self) -> None:
        for conn in self.held:
            conn.close()
        self.sock.close()


@pytest.fixture(scope="module")
def frozen_stack(tmp_path_factory) -> Iterator[Stack]:
    frozen = FrozenServer()
    workdir = tmp_path_factory.mktemp("frozen-actions")
    env = {"ACTION_ENDPOINT_URL": f"http://127.0.0.1:{frozen.port}/webhook"}
    running = Stack(StackConfig.isolated(workdir, extra_env=env), random_secrets())
    try:
        running.start(only=[running.rasa])
        yield running
    finally:
        running.stop()
        frozen.close()


def timed(chat: Chat, text: str):
    started = time.monotonic()
    reply = chat.text_of(text)
    return reply, time.monotonic() - started


def test_a_frozen_action_server_gets_an_apology_in_time_and_the_next_message_too(frozen_stack):
    chat = Chat(frozen_stack.rasa_url)
    for text in ("掛金はいくらですか", "控除証明書はいつ届きますか"):  # both need action_answer
        reply, seconds = timed(chat, text)
        assert reply.startswith(TROUBLE_INTRO) and CALL_CENTRE_PHONE in reply, reply
        assert seconds < 2 * DEFAULT_SECONDS + SLACK_SECONDS, seconds
    assert frozen_stack.rasa.process.poll() is None
