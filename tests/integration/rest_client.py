"""A tiny REST-channel client for the integration tests."""
from __future__ import annotations

import json
import uuid
from typing import Any, Dict, List, Optional, Tuple

import requests


class Chat:
    """One conversation with the assistant over the REST channel."""

    def __init__(self, rasa_url: str, sender: Optional[str] = None,
                 input_channel: Optional[str] = None) -> None:
        self.url = f"{rasa_url}/webhooks/rest/webhook"
        self.sender = sender or f"it-{uuid.uuid4().hex[:12]}"
        self.extra = {"input_channel": input_channel} if input_channel else {}

    def say(self, text: str) -> List[Dict[str, Any]]:
        """Sends a message and returns the bot's messages (asserts HTTP 200)."""
        body = {"sender": self.sender, "message": text, **self.extra}
        reply = requests.post(self.url, json=body, timeout=60)
        assert reply.status_code == 200, reply.text
        return reply.json()

    def text_of(self, text: str) -> str:
        """Sends a message and returns all reply texts joined."""
        return "\n".join(m.get("text", "") for m in self.say(text))

    def post_raw(self, body: bytes, content_type: str) -> Tuple[int, Any]:
        """Sends an arbitrary body; returns (status, parsed JSON or text)."""
        reply = requests.post(self.url, data=body, headers={"Content-Type": content_type},
                              timeout=60)
        try:
            return reply.status_code, reply.json()
        except json.JSONDecodeError:
            return reply.status_code, reply.text


def payloads(messages):
    """Every button payload of a reply, in order."""
    return [b["payload"] for m in messages for b in m.get("buttons", [])]
