"""Pure parts of the LINE channel: signature, parsing, plans, memory, configuration."""
from __future__ import annotations

import base64
import hashlib
import hmac
import json

import pytest

from bot.channels.line import (
    GREET,
    GROUP_REPLY,
    UNSUPPORTED_REPLY,
    LineInput,
    Memory,
    Plan,
    has_valid_signature,
    parse_events,
    plan_for,
    short_hash,
    signature_for,
)
from bot.channels.line_api import DEFAULT_API_BASE_URL, LineApiError
from bot.channels.rest import EMPTY_MESSAGE_REPLY, MAX_MESSAGE_CHARS, TOO_LONG_REPLY, RequestError
from scripts.stack import Stack, StackConfig
from tests.line.events import (
    follow_event,
    non_text_event,
    postback_event,
    text_event,
    unfollow_event,
    webhook_body,
)

SECRET = "8c570fa6dd201bb328f1c1eac23a96d8"


def test_signature_is_base64_hmac_sha256_of_the_raw_body():
    body = webhook_body(text_event("掛金はいくらですか"))
    expected = base64.b64encode(hmac.new(SECRET.encode(), body, hashlib.sha256).digest()).decode()
    assert signature_for(SECRET, body) == expected
    assert has_valid_signature(SECRET, body, expected)


def test_signature_must_cover_the_bytes_as_received():
    body = webhook_body(text_event("掛金はいくらですか"))
    reserialised = json.dumps(json.loads(body)).encode()  # \\u escapes instead of UTF-8
    assert not has_valid_signature(SECRET, body, signature_for(SECRET, reserialised))


@pytest.mark.parametrize("signature", [None, "", "forged", "署名", signature_for("other", b"{}")])
def test_missing_or_wrong_signatures_are_refused(signature):
    assert not has_valid_signature(SECRET, b"{}", signature)


@pytest.mark.parametrize("raw, code", [
    (b"{not json", "invalid_json"),
    (b"\xff\xfe", "invalid_json"),
    (b'["events"]', "invalid_payload"),
    (b'{"destination": "U0"}', "invalid_payload"),
    (b'{"events": {}}', "invalid_payload"),
    (b'{"events": [], "n": ' + b"9" * 5000 + b"}", "invalid_json"),
    (b'{"events": ' + b"[" * 100_000 + b"]" * 100_000 + b"}", "invalid_json"),
])
def test_bodies_that_are_no_webhook_are_refused(raw, code):
    with pytest.raises(RequestError) as error:
        parse_events(raw)
    assert error.value.code == code and str(error.value)


def test_parse_events_keeps_event_objects_only():
    assert parse_events(b'{"events": [{"type": "follow"}, 3, "x"]}') == [{"type": "follow"}]
    assert parse_events(b'{"destination": "U0", "events": []}') == []  # LINE's "Verify" button


def test_plans_for_one_to_one_events():
    assert plan_for(text_event("掛金はいくらですか")) == Plan(ask="掛金はいくらですか")
    assert plan_for(follow_event()) == Plan(ask=GREET)
    assert plan_for(postback_event('/feedback{"resolved":"yes"}')) == Plan(
        ask='/feedback{"resolved":"yes"}')
    assert plan_for(unfollow_event()) is None
    assert plan_for(text_event("  ")) == Plan(say=EMPTY_MESSAGE_REPLY)
    assert plan_for(text_event("あ" * (MAX_MESSAGE_CHARS + 1))) == Plan(say=TOO_LONG_REPLY)
    for kind in ("sticker", "image", "location"):
        assert plan_for(non_text_event(kind)) == Plan(say=UNSUPPORTED_REPLY)


def test_plans_clean_text_and_drop_oversized_postbacks():
    assert plan_for(text_event("掛金\ud800\u0000です")) == Plan(ask="掛金\ufffdです")
    assert plan_for(postback_event("/greet" + "x" * 400)) is None


def test_japanese_notices_are_polite():
    for text in (UNSUPPORTED_REPLY, GROUP_REPLY):
        assert "ください。" in text and "1対1" in GROUP_REPLY


def test_memory_is_a_bounded_lru():
    memory = Memory(limit=2)
    assert memory.add("a") and memory.add("b")
    assert not memory.add("a")  # seen, and now the newest
    assert memory.add("c")  # forgets "b", the oldest
    assert memory.add("b") and not memory.add("c")


def test_seen_event_ids_are_dropped_but_unseen_redeliveries_kept():
    channel = LineInput("s", "t")
    first = text_event("一つ目")
    redelivered = dict(first, deliveryContext={"isRedelivery": True})
    unseen_redelivery = text_event("二つ目", redelivery=True)
    assert channel.fresh_events([first]) == [first]
    assert channel.fresh_events([redelivered, unseen_redelivery]) == [unseen_redelivery]


def test_short_hash_hides_the_id():
    user_id = "U4af4980629d2bd31ea1a7be9bbf3ac45"
    assert len(short_hash(user_id)) == 10 and user_id not in short_hash(user_id)


def test_configuration_from_credentials():
    channel = LineInput.from_credentials({"channel_secret": "s", "access_token": "t"})
    assert (channel.channel_secret, channel.access_token) == ("s", "t")
    assert channel.api_base_url == DEFAULT_API_BASE_URL
    assert LineInput.name() == "line"
    with pytest.raises(ValueError):
        LineInput.from_credentials({"channel_secret": "s", "access_token": ""})


def test_rasa_reads_the_line_credentials_file(monkeypatch):
    from rasa.core.run import create_http_input_channels

    monkeypatch.setenv("LINE_CHANNEL_SECRET", "s")
    monkeypatch.setenv("LINE_CHANNEL_ACCESS_TOKEN", "t")
    monkeypatch.setenv("LINE_API_BASE_URL", "http://127.0.0.1:9")
    channels = {c.name(): c for c in create_http_input_channels(None, "credentials.line.yml")}
    assert set(channels) == {"rest", "line"}
    assert channels["line"].api_base_url == "http://127.0.0.1:9"


def test_stack_enables_line_only_with_a_channel_secret(monkeypatch):
    monkeypatch.delenv("LINE_CHANNEL_SECRET", raising=False)
    monkeypatch.delenv("LINE_API_BASE_URL", raising=False)
    secrets_env = {"RASA_AUTH_TOKEN": "a", "FACADE_SERVICE_TOKEN": "b"}
    assert Stack(StackConfig(), secrets_env).credentials_file == "credentials.yml"
    stack = Stack(StackConfig(extra_env={"LINE_CHANNEL_SECRET": "s"}), secrets_env)
    assert stack.credentials_file == "credentials.line.yml"
    assert stack.env["LINE_API_BASE_URL"] == "https://api.line.me"
    assert "credentials.line.yml" in stack.rasa.command


def test_only_refused_reply_tokens_count_as_invalid():
    assert LineApiError("/r", 400, "Invalid reply token").invalid_reply_token
    assert not LineApiError("/r", 400, "The request body has 1 error(s)").invalid_reply_token
    assert not LineApiError("/r", 500, "Invalid reply token").invalid_reply_token
