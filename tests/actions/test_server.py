"""The action server's guard: only Rasa, with the shared token, sending plain JSON."""
import json
from types import SimpleNamespace

import pytest

from actions.server import TOKEN_HEADER, build_app, guard

TOKEN = "s3cret-token"


def request(path="/webhook", method="POST", headers=None, content_type="application/json"):
    return SimpleNamespace(path=path, method=method, headers=headers or {}, content_type=content_type)


def status(reply):
    return None if reply is None else (reply.status, json.loads(reply.body)["error"])


def test_health_needs_no_token():
    assert guard(request("/health", "GET"), TOKEN) is None


@pytest.mark.parametrize("headers", [{}, {TOKEN_HEADER: "wrong"}, {TOKEN_HEADER: TOKEN[:-1]}])
def test_missing_or_wrong_token_is_refused(headers):
    assert status(guard(request(headers=headers), TOKEN)) == (401, "unauthorized")
    assert status(guard(request("/actions", "GET", headers), TOKEN)) == (401, "unauthorized")


def test_only_uncompressed_json_is_accepted():
    ok = {TOKEN_HEADER: TOKEN}
    assert guard(request(headers=ok), TOKEN) is None
    assert status(guard(request(headers=ok, content_type="text/plain"), TOKEN)) == (
        415, "unsupported_media_type")
    deflated = {**ok, "Content-Encoding": "deflate"}
    assert status(guard(request(headers=deflated), TOKEN)) == (415, "unsupported_encoding")


def test_refuses_to_start_without_a_token():
    with pytest.raises(ValueError, match="ACTION_SERVER_TOKEN"):
        build_app("")
