"""Validation in the REST channel: structural errors are refused with a code."""
import json

import pytest

from bot.channels.rest import MAX_SENDER_CHARS, RequestError, parse_request

JSON = "application/json"


def body(**fields) -> bytes:
    return json.dumps(fields).encode()


def test_accepts_a_normal_message():
    assert parse_request(JSON, body(sender="u1", message="こんにちは")) == (
        "u1", "こんにちは", "rest", None,
    )


def test_accepts_web_channel_and_metadata():
    parsed = parse_request("application/json; charset=utf-8",
                           body(sender="u1", message="x", input_channel="web", metadata={"a": 1}))
    assert parsed[2:] == ("web", {"a": 1})


@pytest.mark.parametrize(
    "content_type, raw, code",
    [
        ("text/plain", body(sender="u", message="x"), "unsupported_media_type"),
        (None, body(sender="u", message="x"), "unsupported_media_type"),
        (JSON, b"{not json", "invalid_json"),
        (JSON, b"\xff\xfe", "invalid_json"),
        (JSON, b'["a list"]', "invalid_json"),
        (JSON, body(message="x"), "invalid_sender"),
        (JSON, body(sender="  ", message="x"), "invalid_sender"),
        (JSON, body(sender="u" * (MAX_SENDER_CHARS + 1), message="x"), "invalid_sender"),
        (JSON, body(sender="u"), "invalid_message"),
        (JSON, body(sender="u", message=12), "invalid_message"),
        (JSON, body(sender="u", message="x", input_channel="line"), "invalid_input_channel"),
        (JSON, body(sender="u", message="x", metadata="x"), "invalid_metadata"),
    ],
)
def test_refuses_bad_requests(content_type, raw, code):
    with pytest.raises(RequestError) as error:
        parse_request(content_type, raw)
    assert error.value.code == code
    assert str(error.value)
