"""The channel's delivery against the stand-in, in-process, with a fake assistant."""
from __future__ import annotations

import asyncio
from typing import Any, Dict, List

import aiohttp
import pytest

from actions.contact import CALL_CENTRE_PHONE
from bot.channels.line import LineInput
from bot.channels.line_api import LineApi, LineApiError
from bot.channels.line_messages import MAX_MESSAGES, MAX_TEXT_CHARS
from bot.channels.trouble import TROUBLE_INTRO
from tests.line.events import follow_event, group_event, new_user_id, text_event
from tests.line.stand_in import LineStandIn, pushes_to, replies_to

TOKEN = "test-access-token"
FAST = (0.01, 0.02)
REPLY, PUSH = "/v2/bot/message/reply", "/v2/bot/message/push"
MESSAGES = [{"type": "text", "text": "回答です。"}]


def deliver(line_api: LineStandIn, reply_token: str, user_id: str) -> str:
    async def run() -> str:
        async with aiohttp.ClientSession() as session:
            return await LineApi(session, line_api.url, TOKEN, FAST).deliver(
                reply_token, user_id, MESSAGES)
    return asyncio.run(run())


def test_reply_carries_token_and_bearer_header(line_api):
    assert deliver(line_api, "rt-1", new_user_id()) == "reply"
    [call] = line_api.matching(replies_to("rt-1"))
    assert call.headers["Authorization"] == f"Bearer {TOKEN}"
    assert call.body == {"replyToken": "rt-1", "messages": MESSAGES}


@pytest.mark.parametrize("status", [429, 500, 503])
def test_rate_limits_and_server_errors_are_retried(line_api, status):
    line_api.fail(REPLY, status, times=2)
    assert deliver(line_api, "rt-2", new_user_id()) == "reply"
    assert [r.status for r in line_api.matching(replies_to("rt-2"))] == [status, status, 200]


def test_retries_are_bounded(line_api):
    line_api.fail(REPLY, 500, times=5)
    with pytest.raises(LineApiError) as error:
        deliver(line_api, "rt-3", new_user_id())
    assert error.value.status == 500
    assert len(line_api.matching(replies_to("rt-3"))) == 3


def test_refused_reply_token_falls_back_to_push(line_api):
    user_id = new_user_id()
    line_api.fail(REPLY, 400, message="Invalid reply token")
    assert deliver(line_api, "rt-4", user_id) == "push"
    [push] = line_api.matching(pushes_to(user_id))
    assert push.body == {"to": user_id, "messages": MESSAGES}
    assert push.headers["Authorization"] == f"Bearer {TOKEN}" and push.headers["X-Line-Retry-Key"]


def test_other_client_errors_are_not_retried_nor_pushed(line_api):
    user_id = new_user_id()
    line_api.fail(REPLY, 400, message="The request body has 1 error(s)")
    with pytest.raises(LineApiError):
        deliver(line_api, "rt-5", user_id)
    assert len(line_api.matching(replies_to("rt-5"))) == 1
    assert not line_api.matching(pushes_to(user_id))


def test_push_retries_keep_one_retry_key(line_api):
    user_id = new_user_id()
    line_api.fail(REPLY, 400, message="Invalid reply token")
    line_api.fail(PUSH, 500)
    assert deliver(line_api, "rt-6", user_id) == "push"
    keys = {r.headers["X-Line-Retry-Key"] for r in line_api.matching(pushes_to(user_id))}
    assert len(keys) == 1


class FakeAssistant:
    """Stands in for Rasa: answers every message with the given bot messages."""

    def __init__(self, bot_messages: List[Dict[str, Any]], fail: bool = False) -> None:
        self.bot_messages = bot_messages
        self.fail = fail
        self.received: List[Any] = []

    async def __call__(self, message) -> None:
        self.received.append(message)
        if self.fail:
            raise RuntimeError("assistant down")
        for bot_message in self.bot_messages:
            await message.output_channel.send_response(message.sender_id, dict(bot_message))


def process(line_api: LineStandIn, assistant: FakeAssistant, *events) -> LineInput:
    channel = LineInput("secret", TOKEN, line_api.url, FAST)
    asyncio.run(channel.process(list(events), assistant))
    return channel


def test_a_long_turn_is_one_reply_of_at_most_five_messages(line_api):
    turn = [{"text": f"段落{i}\n\n続き"} for i in range(6)] + [{"text": "あ" * 7000}]
    event = text_event("質問です")
    process(line_api, FakeAssistant(turn), event)
    [reply] = line_api.matching(replies_to(event["replyToken"]))
    messages = reply.body["messages"]
    assert len(messages) == MAX_MESSAGES
    assert all(len(m["text"]) <= MAX_TEXT_CHARS for m in messages)
    assert sum(m["text"].count("段落") for m in messages) == 6
    assert sum(m["text"].count("あ") for m in messages) == 7000


def test_the_assistant_gets_the_user_id_and_the_loading_animation_is_shown(line_api):
    user_id = new_user_id()
    assistant = FakeAssistant([{"text": "回答です。"}])
    process(line_api, assistant, text_event("掛金はいくらですか", user_id))
    [message] = assistant.received
    assert (message.sender_id, message.text, message.input_channel) == (
        user_id, "掛金はいくらですか", "line")
    [loading] = line_api.matching(lambda r: r.path == "/v2/bot/chat/loading/start")
    assert loading.body["chatId"] == user_id


def test_loading_errors_are_ignored(line_api):
    line_api.fail("/v2/bot/chat/loading/start", 500)
    event = follow_event()
    process(line_api, FakeAssistant([{"text": "こんにちは。"}]), event)
    assert line_api.matching(replies_to(event["replyToken"]))
    assert len(line_api.matching(lambda r: r.path.endswith("/loading/start"))) == 1


def test_assistant_failure_gets_an_apology(line_api):
    event = text_event("質問です")
    process(line_api, FakeAssistant([], fail=True), event)
    [reply] = line_api.matching(replies_to(event["replyToken"]))
    [message] = reply.body["messages"]
    assert message["text"].startswith(TROUBLE_INTRO) and CALL_CENTRE_PHONE in message["text"]


def test_a_turn_without_any_output_gets_the_apology_not_silence(line_api):
    event = text_event("質問です")
    process(line_api, FakeAssistant([]), event)  # e.g. the action server timed out
    [reply] = line_api.matching(replies_to(event["replyToken"]))
    [message] = reply.body["messages"]
    assert message["text"].startswith(TROUBLE_INTRO) and CALL_CENTRE_PHONE in message["text"]


def test_a_failed_event_does_not_stop_the_next(line_api):
    first, second = text_event("一つ目"), text_event("二つ目")
    line_api.fail(REPLY, 400, message="The request body has 1 error(s)")
    process(line_api, FakeAssistant([{"text": "回答です。"}]), first, second)
    assert line_api.matching(replies_to(second["replyToken"]))


def test_group_join_then_messages_get_one_notice_and_no_assistant(line_api):
    assistant = FakeAssistant([{"text": "回答です。"}])
    join, message = group_event("Cgroup1", "join"), group_event("Cgroup1")
    process(line_api, assistant, join, message)
    assert line_api.matching(replies_to(join["replyToken"]))
    assert not line_api.matching(replies_to(message["replyToken"]))
    assert not assistant.received
