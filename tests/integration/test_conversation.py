"""Conversations over the real REST channel against the three running services."""
import json

import requests

from actions.contact import AUTO_DISPATCH_PHONE, CALL_CENTRE_PHONE
from tests.integration.rest_client import Chat


def test_greeting_is_japanese_with_quick_replies(stack):
    messages = Chat(stack.rasa_url).say("こんにちは")
    assert messages[0]["text"].startswith("こんにちは")
    payloads = [b["payload"] for b in messages[0]["buttons"]]
    assert {"/ask_capabilities", "/human_handoff"} <= set(payloads)  # and the season's three questions
    assert len(payloads) == 5 and payloads[0].startswith("/choose_item")


def test_short_conversation_reaches_the_action_server(stack):
    chat = Chat(stack.rasa_url)
    assert "チャットボット" in chat.text_of("はじめまして")
    handoff = chat.text_of("人と話したいです")
    assert CALL_CENTRE_PHONE in handoff
    assert "受付時間外" in handoff and AUTO_DISPATCH_PHONE in handoff  # pinned to 20:00
    assert "どういたしまして" in chat.text_of("ありがとうございました")


def test_out_of_scope_and_nonsense_give_the_call_centre(stack):
    chat = Chat(stack.rasa_url)
    for text in ("ふるさと納税のやり方を教えて", "あsdfghjkl"):
        reply = chat.text_of(text)
        assert reply.startswith("申し訳ありません") and CALL_CENTRE_PHONE in reply


def test_bad_input_gets_clear_answers_and_the_conversation_continues(stack):
    chat = Chat(stack.rasa_url)
    assert "空" in chat.text_of("")
    assert "長すぎます" in chat.text_of("あ" * 10_000)
    assert chat.say("😀🙏😀")  # some answer, no crash
    assert chat.say("<img src=x onerror=alert(1)>")
    status, body = chat.post_raw(b"{not json", "application/json")
    assert status == 400 and body["error"] == "invalid_json" and body["message"]
    body_ok = json.dumps({"sender": chat.sender, "message": "hi"}).encode()
    status, body = chat.post_raw(body_ok, "text/plain")
    assert status == 400 and body["error"] == "unsupported_media_type"
    assert chat.text_of("こんにちは").startswith("こんにちは")


def test_http_api_needs_the_token_and_conversations_are_stored(stack):
    chat = Chat(stack.rasa_url)
    chat.say("こんにちは")
    tracker_url = f"{stack.rasa_url}/conversations/{chat.sender}/tracker"
    assert requests.get(tracker_url, timeout=10).status_code == 401
    reply = requests.get(tracker_url, params={"token": stack.secrets["RASA_AUTH_TOKEN"]},
                         timeout=10)
    assert reply.status_code == 200
    texts = [e.get("text") for e in reply.json()["events"] if e["event"] == "user"]
    assert texts == ["こんにちは"]


def test_cors_admits_only_the_web_chat_origin(stack):
    url = f"{stack.rasa_url}/webhooks/rest/webhook"
    headers = {"Access-Control-Request-Method": "POST"}
    allowed = requests.options(url, headers={**headers, "Origin": "http://localhost:8080"},
                               timeout=10)
    assert allowed.headers.get("Access-Control-Allow-Origin") == "http://localhost:8080"
    other = requests.options(url, headers={**headers, "Origin": "https://evil.example"},
                             timeout=10)
    assert other.headers.get("Access-Control-Allow-Origin") in (None, "")


def test_facade_is_up_and_refuses_calls_without_credentials(stack):
    assert requests.get(f"{stack.facade_url}/health", timeout=10).json()["status"] == "ok"
    assert requests.get(f"{stack.facade_url}/v1/contract", timeout=10).status_code == 401
