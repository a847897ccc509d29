"""LINE webhook payloads modelled on the Messaging API reference's examples, and signing."""
from __future__ import annotations

import json
import secrets
import uuid
from typing import Any, Dict, Optional

import requests

from bot.channels.line import signature_for

Event = Dict[str, Any]


def new_user_id() -> str:
    """A LINE-style user id (U + 32 hex digits)."""
    return "U" + uuid.uuid4().hex


def base_event(kind: str, user_id: Optional[str] = None, redelivery: bool = False,
               event_id: Optional[str] = None, source: Optional[Dict[str, str]] = None) -> Event:
    """Common fields of an event object (reply token, source, webhookEventId...)."""
    return {
        "type": kind,
        "mode": "active",
        "timestamp": 1462629479859,
        "source": source or {"type": "user", "userId": user_id or new_user_id()},
        "webhookEventId": event_id or "01" + secrets.token_hex(12).upper(),
        "deliveryContext": {"isRedelivery": redelivery},
        "replyToken": secrets.token_hex(16),
    }


def text_event(text: str, user_id: Optional[str] = None, **kwargs: Any) -> Event:
    """A text message event."""
    event = base_event("message", user_id, **kwargs)
    event["message"] = {"id": "444573844083572737", "type": "text",
                        "quoteToken": "q3Plxr4AgKd", "text": text}
    return event


def follow_event(user_id: Optional[str] = None) -> Event:
    """Added as a friend."""
    event = base_event("follow", user_id)
    event["follow"] = {"isUnblocked": False}
    return event


def unfollow_event(user_id: Optional[str] = None) -> Event:
    """Blocked: no reply token."""
    event = base_event("unfollow", user_id)
    del event["replyToken"]
    return event


def postback_event(data: str, user_id: Optional[str] = None) -> Event:
    """A postback (quick reply or rich menu)."""
    event = base_event("postback", user_id)
    event["postback"] = {"data": data}
    return event


NON_TEXT_MESSAGES = {
    "sticker": {"id": "1501597916", "type": "sticker", "quoteToken": "q3Plxr4AgKd",
                "stickerId": "52002738", "packageId": "11537", "stickerResourceType": "ANIMATION",
                "keywords": ["cony", "sally", "Surprised"]},
    "image": {"id": "354718705033693859", "type": "image", "quoteToken": "q3Plxr4AgKd",
              "contentProvider": {"type": "line"},
              "imageSet": {"id": "E005D41A7288F41B6559", "index": 1, "total": 2}},
    "location": {"id": "325708", "type": "location", "title": "my location",
                 "address": "日本、〒102-8282 東京都千代田区紀尾井町1番3号",
                 "latitude": 35.67966, "longitude": 139.73669},
}


def non_text_event(kind: str, user_id: Optional[str] = None) -> Event:
    """A sticker, image or location message."""
    event = base_event("message", user_id)
    event["message"] = dict(NON_TEXT_MESSAGES[kind])
    return event


def group_event(group_id: str, kind: str = "message") -> Event:
    """A text message (or join) in a group chat."""
    source = {"type": "group", "groupId": group_id, "userId": new_user_id()}
    event = base_event(kind, source=source)
    if kind == "message":
        event["message"] = {"id": "1", "type": "text", "text": "掛金はいくらですか"}
    return event


def webhook_body(*events: Event) -> bytes:
    """The raw request body LINE sends (non-ASCII kept as UTF-8)."""
    return json.dumps({"destination": "U" + "0" * 32, "events": list(events)},
                      ensure_ascii=False).encode("utf-8")


def post_webhook(url: str, body: bytes, secret: Optional[str],
                 signature: Optional[str] = None) -> requests.Response:
    """POSTs a body, signed with the secret (or with the given signature; None: no header)."""
    headers = {"Content-Type": "application/json; charset=UTF-8"}
    if signature is None and secret is not None:
        signature = signature_for(secret, body)
    if signature is not None:
        headers["X-Line-Signature"] = signature
    return requests.post(url, data=body, headers=headers, timeout=30)
