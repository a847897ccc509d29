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


@pytest.mark.parametrize(
    "raw, code",
    [
        (b'{"sender": "\\ud800", "message": "hi"}', "invalid_sender"),
        (b'{"sender": "a\\u0000b", "message": "hi"}', "invalid_sender"),
        (b'{"sender": "a\\nb", "message": "hi"}', "invalid_sender"),
        (b'{"sender": "u", "message": "hi", "metadata": {"k": "\\udfff"}}', "invalid_metadata"),
        (b'{"sender": "u", "message": "hi", "metadata": {"k": "a\\u0000"}}', "invalid_metadata"),
        (json.dumps({"sender": "u", "message": "x", "metadata": {"k": "x" * 3000}}).encode(),
         "invalid_metadata"),
        (b'{"sender": "u", "message": ' + b"9" * 5000 + b"}", "invalid_json"),
        (b"[" * 100_000 + b"]" * 100_000, "invalid_json"),
    ],
)
def test_refuses_what_the_stores_cannot_keep(raw, code):
    with pytest.raises(RequestError) as error:
        parse_request(JSON, raw)
    assert error.value.code == code


def test_message_text_is_cleaned_of_lone_surrogates_and_control_characters():
    _, text, _, _ = parse_request(JSON, b'{"sender": "u", "message": "a\\ud800b\\u0000c\\nd"}')
    assert text == "a\ufffdbc\nd"
