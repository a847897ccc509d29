"""The LINE channel in the running Rasa server, with the stand-in as the Messaging API."""
from __future__ import annotations

import json
import re
from typing import Any, Dict, List

import pytest
import requests

from bot.channels.line import GROUP_REPLY, UNSUPPORTED_REPLY
from bot.channels.line_messages import FEEDBACK_BUTTONS, MAX_LABEL_CHARS, MAX_QUICK_REPLIES
from tests.line.events import (
    follow_event,
    group_event,
    new_user_id,
    non_text_event,
    post_webhook,
    postback_event,
    text_event,
    unfollow_event,
    webhook_body,
)
from tests.line.stand_in import Recorded, mentions, pushes_to, replies_to

FEEDBACK_PAYLOADS = [b["payload"] for b in FEEDBACK_BUTTONS]


@pytest.fixture(scope="module")
def line(line_stack) -> Dict[str, str]:
    """Webhook URL, secret and access token of the running LINE channel."""
    env = line_stack.env
    return {
        "url": f"{line_stack.rasa_url}/webhooks/line/webhook",
        "secret": env["LINE_CHANNEL_SECRET"],
        "token": env["LINE_CHANNEL_ACCESS_TOKEN"],
    }


def send(line: Dict[str, str], *events: Dict[str, Any]) -> None:
    """Posts correctly signed events and expects LINE's 200 at once."""
    reply = post_webhook(line["url"], webhook_body(*events), line["secret"])
    assert reply.status_code == 200, reply.text


def reply_for(line_api, event: Dict[str, Any]) -> Recorded:
    """The successful reply to an event (waits for the background processing)."""
    is_reply = replies_to(event["replyToken"])
    return line_api.wait_for(lambda r: is_reply(r) and r.status < 300)[0]


def quick_replies(message: Dict[str, Any]) -> List[Dict[str, Any]]:
    """The postback actions of a message's quick replies."""
    return [item["action"] for item in message.get("quickReply", {}).get("items", [])]


def user_events(line_stack, sender: str) -> List[Dict[str, Any]]:
    """The user events Rasa stored for a sender."""
    reply = requests.get(f"{line_stack.rasa_url}/conversations/{sender}/tracker",
                         params={"token": line_stack.secrets["RASA_AUTH_TOKEN"]}, timeout=30)
    assert reply.status_code == 200, reply.text
    return [e for e in reply.json().get("events", []) if e.get("event") == "user"]


def test_text_message_gets_one_reply_with_its_token(line, line_api, line_stack):
    event = text_event("こんにちは")
    send(line, event)
    reply = reply_for(line_api, event)
    assert reply.headers["Authorization"] == f"Bearer {line['token']}"
    messages = reply.body["messages"]
    assert 1 <= len(messages) <= 5 and all(m["type"] == "text" and m["text"] for m in messages)
    user_id = event["source"]["userId"]
    assert line_api.matching(lambda r: r.path == "/v2/bot/chat/loading/start"
                             and r.body["chatId"] == user_id)
    assert [e["text"] for e in user_events(line_stack, user_id)] == ["こんにちは"]


def test_forged_or_missing_signatures_are_refused_and_nothing_is_sent(line, line_api):
    forged, unsigned, sentinel = text_event("偽物"), text_event("署名なし"), text_event("こんにちは")
    refused = post_webhook(line["url"], webhook_body(forged), None, signature="Zm9yZ2Vk")
    assert refused.status_code == 401 and refused.json()["error"] == "invalid_signature"
    other_secret = post_webhook(line["url"], webhook_body(forged), "not-the-secret")
    assert other_secret.status_code == 401
    assert post_webhook(line["url"], webhook_body(unsigned), None).status_code == 401
    send(line, sentinel)
    reply_for(line_api, sentinel)
    assert not line_api.matching(mentions(forged["source"]["userId"]))
    assert not line_api.matching(mentions(unsigned["source"]["userId"]))


def test_invalid_json_with_a_valid_signature_is_a_400(line):
    reply = post_webhook(line["url"], b'{"events": [', line["secret"])
    assert reply.status_code == 400
    assert reply.json()["error"] == "invalid_json" and "JSON" in reply.json()["message"]


def test_redelivered_event_is_processed_once(line, line_api, line_stack):
    event = text_event("ありがとう")
    send(line, event)
    again = dict(event, deliveryContext={"isRedelivery": True})
    send(line, again)
    reply_for(line_api, event)
    sentinel = text_event("こんにちは")
    send(line, sentinel)
    reply_for(line_api, sentinel)
    assert len(line_api.matching(replies_to(event["replyToken"]))) == 1
    assert len(user_events(line_stack, event["source"]["userId"])) == 1


def test_follow_gets_the_greeting_with_quick_replies(line, line_api):
    event = follow_event()
    send(line, event)
    last = reply_for(line_api, event).body["messages"][-1]
    assert "共済" in last["text"]
    actions = quick_replies(last)
    assert "/ask_capabilities" in [a["data"] for a in actions]
    assert not set(FEEDBACK_PAYLOADS) & {a["data"] for a in actions}  # no feedback on a greeting


def test_postback_data_reaches_the_assistant_and_buttons_become_quick_replies(line, line_api):
    event = postback_event("/ask_capabilities")
    send(line, event)
    messages = reply_for(line_api, event).body["messages"]
    assert "よくあるご質問" in "".join(m["text"] for m in messages)
    actions = quick_replies(messages[-1])
    assert 2 < len(actions) <= MAX_QUICK_REPLIES
    assert all(a["type"] == "postback" and len(a["label"]) <= MAX_LABEL_CHARS for a in actions)
    assert all(a["data"].startswith("/") and a["displayText"] for a in actions)
    assert "/human_handoff" in [a["data"] for a in actions]  # a button of utter_capabilities
    assert [a["data"] for a in actions][-2:] == FEEDBACK_PAYLOADS


def test_feedback_postback_reaches_the_assistant_and_asks_no_feedback(line, line_api, line_stack):
    user_id = new_user_id()
    event = postback_event(FEEDBACK_PAYLOADS[0], user_id)
    send(line, event)
    messages = reply_for(line_api, event).body["messages"]
    assert not set(FEEDBACK_PAYLOADS) & {a["data"] for a in quick_replies(messages[-1])}
    assert [e["text"] for e in user_events(line_stack, user_id)] == [FEEDBACK_PAYLOADS[0]]


@pytest.mark.parametrize("kind", ["sticker", "image", "location"])
def test_non_text_messages_get_the_polite_notice_without_the_assistant(
        kind, line, line_api, line_stack):
    event = non_text_event(kind)
    send(line, event)
    messages = reply_for(line_api, event).body["messages"]
    assert messages == [{"type": "text", "text": UNSUPPORTED_REPLY}]
    assert not user_events(line_stack, event["source"]["userId"])


def test_unfollow_sends_nothing(line, line_api):
    event, sentinel = unfollow_event(), text_event("こんにちは")
    send(line, event, sentinel)
    reply_for(line_api, sentinel)
    assert not line_api.matching(mentions(event["source"]["userId"]))


def test_group_gets_one_notice_and_no_self_service(line, line_api, line_stack):
    group_id = "C" + new_user_id()[1:]
    first, second = group_event(group_id), group_event(group_id)
    send(line, first)
    assert reply_for(line_api, first).body["messages"] == [{"type": "text", "text": GROUP_REPLY}]
    sentinel = text_event("こんにちは")
    send(line, second, sentinel)
    reply_for(line_api, sentinel)
    assert not line_api.matching(replies_to(second["replyToken"]))
    for event in (first, second):
        assert not user_events(line_stack, event["source"]["userId"])
        assert not line_api.matching(mentions(event["source"]["userId"]))


def test_rate_limit_then_success_is_retried(line, line_api):
    line_api.fail("/v2/bot/message/reply", 429)
    event = postback_event("/ask_capabilities")
    send(line, event)
    reply_for(line_api, event)
    assert [r.status for r in line_api.matching(replies_to(event["replyToken"]))] == [429, 200]


def test_expired_reply_token_falls_back_to_push(line, line_api):
    line_api.fail("/v2/bot/message/reply", 400, message="Invalid reply token")
    event = postback_event("/ask_capabilities")
    user_id = event["source"]["userId"]
    send(line, event)
    [push] = line_api.wait_for(pushes_to(user_id))
    assert push.headers["Authorization"] == f"Bearer {line['token']}"
    assert "よくあるご質問" in json.dumps(push.body["messages"], ensure_ascii=False)


def test_logs_hold_no_secrets_user_ids_or_texts(line, line_stack):
    log = (line_stack.config.log_dir / "rasa.log").read_text(errors="replace")
    assert "LINE reply sent" in log and "retrying" in log and "push message instead" in log
    for secret in (line["secret"], line["token"], "ありがとう", "偽物"):
        assert secret not in log
    assert not re.search(r"U[0-9a-f]{32}", log)  # LINE user ids appear only hashed


def test_contract_self_service_over_line_is_masked_in_the_tracker(line, line_api, line_stack):
    user_id = new_user_id()
    replies = []
    for text in ("私の証明書はもう発送されましたか", "１２３４５６７－８９", "４月１日"):
        event = text_event(text, user_id=user_id)
        send(line, event)
        replies.append(json.dumps(reply_for(line_api, event).body, ensure_ascii=False))
    assert "共済契約者番号" in replies[0] and "生年月日の月日" in replies[1]
    assert "11月10日(火)に登録住所あてに発送済みです" in replies[2]
    assert '"label": "証明書の再発行"' in replies[2]  # the menu as LINE quick replies
    event = postback_event("/my_payments", user_id=user_id)
    send(line, event)
    assert "12月18日(金)" in json.dumps(reply_for(line_api, event).body, ensure_ascii=False)
    stored = [e["text"] for e in user_events(line_stack, user_id)]
    assert stored[:3] == ["私の証明書はもう発送されましたか", "＊＊＊", "＊＊＊"]
