"""Hostile input to the public webhook and direct calls to the action server (issue #14, High)."""
import json
import zlib

import requests

from actions.server import TOKEN_HEADER
from tests.integration.rest_client import Chat


def stored_user_texts(stack, sender: str) -> list:
    reply = requests.get(f"{stack.rasa_url}/conversations/{sender}/tracker",
                         params={"token": stack.secrets["RASA_AUTH_TOKEN"]}, timeout=10)
    assert reply.status_code == 200
    return [e.get("text") for e in reply.json()["events"] if e["event"] == "user"]


def test_ids_and_texts_the_stores_cannot_keep_do_not_stop_the_server(stack):
    earlier = Chat(stack.rasa_url)
    assert earlier.text_of("こんにちは").startswith("こんにちは")
    for raw in (b'{"sender": "\\ud800", "message": "hi"}', b'{"sender": "a\\u0000b", "message": "hi"}',
                b'{"sender": "u", "message": ' + b"9" * 5000 + b"}",
                b'{"sender": "u", "message": "x", "metadata": ' + b"[" * 50_000 + b"]" * 50_000 + b"}"):
        status, body = earlier.post_raw(raw, "application/json")
        assert status == 400 and body["message"], (raw[:40], status, body)
    surrogate = json.dumps({"sender": earlier.sender, "message": "掛金\ud800はいくら"}).encode()
    status, body = earlier.post_raw(surrogate, "application/json")
    assert status == 200 and body and body[0]["text"]
    assert stack.rasa.process.poll() is None
    assert earlier.text_of("ありがとう")  # the server is alive and the conversation goes on
    assert stored_user_texts(stack, earlier.sender) == ["こんにちは", "掛金\ufffdはいくら", "ありがとう"]


def action_call(stack, body: bytes, headers: dict) -> requests.Response:
    return requests.post(f"http://127.0.0.1:{stack.config.actions_port}/webhook", data=body,
                         headers=headers, timeout=10)


def test_action_server_answers_only_rasa(stack):
    call = json.dumps({"next_action": "action_answer", "sender_id": "x", "tracker": {},
                       "domain": {}, "version": "3.6.21"}).encode()
    token = stack.secrets["ACTION_SERVER_TOKEN"]
    assert action_call(stack, call, {"Content-Type": "application/json"}).status_code == 401
    assert action_call(stack, call, {"Content-Type": "application/json",
                                     TOKEN_HEADER: "forged"}).status_code == 401
    assert action_call(stack, call, {"Content-Type": "text/plain", TOKEN_HEADER: token}).status_code == 415
    bomb = zlib.compress(b" " * 32_000_000)
    assert action_call(stack, bomb, {"Content-Type": "application/json", "Content-Encoding": "deflate",
                                     TOKEN_HEADER: token}).status_code == 415
    huge = b'{"x": "' + b"a" * 3_000_000 + b'"}'
    assert action_call(stack, huge, {"Content-Type": "application/json",
                                     TOKEN_HEADER: token}).status_code == 413
    assert "チャットボット" in Chat(stack.rasa_url).text_of("はじめまして")  # Rasa itself gets through


def test_action_server_listens_on_loopback_only(stack):
    port = f"{stack.config.actions_port:04X}"
    listening = [line.split()[1] for name in ("/proc/net/tcp", "/proc/net/tcp6")
                 for line in open(name).read().splitlines()[1:]
                 if line.split()[1].endswith(f":{port}") and line.split()[3] == "0A"]
    assert listening and all(addr.startswith(("0100007F", "00000000000000000000000001000000"))
                             for addr in listening), listening


def test_logs_and_databases_are_private(stack):
    import os
    import stat

    files = list(stack.config.log_dir.glob("*.log")) + list(stack.config.log_dir.parent.glob("*.db"))
    assert files
    for path in files:
        assert stat.S_IMODE(os.stat(path).st_mode) & 0o077 == 0, path


def test_a_failing_action_echoes_and_logs_no_user_text(stack):
    token = stack.secrets["ACTION_SERVER_TOKEN"]
    call = json.dumps({"next_action": "action_contract_request", "sender_id": "x", "version": "3.6.21",
                       "tracker": "番号は1234567-89です", "domain": {}}).encode()  # raises in rasa-sdk
    reply = action_call(stack, call, {"Content-Type": "application/json", TOKEN_HEADER: token})
    assert reply.status_code >= 400 and "1234567" not in reply.text
    assert "1234567" not in (stack.config.log_dir / "actions.log").read_text(errors="replace")
