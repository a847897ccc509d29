"""REST channel that validates requests before they reach the assistant.

Structural problems (invalid JSON, wrong content type, missing fields) get a 400
with a clear message; an empty or over-long message gets a polite bot answer,
so the conversation carries on; a turn that produced nothing (a failed or timed-out
action) gets an apology with the call centre. User text is never written to the logs.
"""
from __future__ import annotations

import logging
from asyncio import CancelledError
from typing import Any, Awaitable, Callable, Dict, List, Optional, Text, Tuple

from rasa.core.channels.channel import CollectingOutputChannel, UserMessage
from rasa.core.channels.rest import RestInput
from sanic import Blueprint, response
from sanic.request import Request
from sanic.response import HTTPResponse

from bot.channels.safe_input import RequestError, check_metadata, clean_text, is_safe_id, load_json
from bot.channels.trouble import trouble_text

logger = logging.getLogger(__name__)

MAX_MESSAGE_CHARS = 1000
MAX_SENDER_CHARS = 128
ALLOWED_INPUT_CHANNELS = ("rest", "web")

EMPTY_MESSAGE_REPLY = "メッセージが空のようです。ご質問を入力してください。"
TOO_LONG_REPLY = (
    f"メッセージが長すぎます（{MAX_MESSAGE_CHARS:,}文字まで）。\n"
    "ご質問を短くまとめて、もう一度お送りください。"
)


def parse_request(
    content_type: Optional[Text], body: bytes
) -> Tuple[Text, Text, Text, Optional[Dict[Text, Any]]]:
    """Returns (sender, message, input_channel, metadata) or raises RequestError."""
    if not (content_type or "").lower().startswith("application/json"):
        raise RequestError("unsupported_media_type", "Content-Type は application/json にしてください。")
    payload = load_json(body)
    if not isinstance(payload, dict):
        raise RequestError("invalid_json", "リクエスト本文は JSON オブジェクトにしてください。")

    sender = payload.get("sender")
    if not isinstance(sender, str) or not sender.strip():
        raise RequestError("invalid_sender", "sender には空でない文字列を指定してください。")
    if len(sender) > MAX_SENDER_CHARS:
        raise RequestError("invalid_sender", f"sender は{MAX_SENDER_CHARS}文字以内にしてください。")
    if not is_safe_id(sender):
        raise RequestError("invalid_sender", "sender に使えない文字（制御文字など）が含まれています。")

    message = payload.get("message")
    if not isinstance(message, str):
        raise RequestError("invalid_message", "message には文字列を指定してください。")

    input_channel = payload.get("input_channel") or RestInput.name()
    if input_channel not in ALLOWED_INPUT_CHANNELS:
        raise RequestError(
            "invalid_input_channel",
            f"input_channel は {', '.join(ALLOWED_INPUT_CHANNELS)} のいずれかにしてください。",
        )

    metadata = payload.get("metadata")
    check_metadata(metadata)
    return sender, clean_text(message), input_channel, metadata


def text_reply(sender: Text, text: Text) -> List[Dict[Text, Any]]:
    """A reply in the REST channel's own format, for answers the channel gives itself."""
    return [{"recipient_id": sender, "text": text}]


class ValidatingRestInput(RestInput):
    """Rasa's REST channel (same URL and format) with input validation."""

    @classmethod
    def name(cls) -> Text:
        """Served at /webhooks/rest/webhook, like the built-in channel."""
        return "rest"

    def blueprint(
        self, on_new_message: Callable[[UserMessage], Awaitable[None]]
    ) -> Blueprint:
        """Health and webhook routes."""
        webhook = Blueprint("validating_rest_webhook", __name__)

        @webhook.route("/", methods=["GET"])
        async def health(request: Request) -> HTTPResponse:
            return response.json({"status": "ok"})

        @webhook.route("/webhook", methods=["POST"])
        async def receive(request: Request) -> HTTPResponse:
            try:
                sender, text, channel, metadata = parse_request(
                    request.content_type, request.body
                )
            except RequestError as error:
                return response.json({"error": error.code, "message": str(error)}, status=400)

            if not text.strip():
                return response.json(text_reply(sender, EMPTY_MESSAGE_REPLY))
            if len(text) > MAX_MESSAGE_CHARS:
                return response.json(text_reply(sender, TOO_LONG_REPLY))

            collector = CollectingOutputChannel()
            try:
                await on_new_message(
                    UserMessage(
                        text,
                        collector,
                        sender,
                        input_channel=channel,
                        metadata=metadata,
                    )
                )
            except CancelledError:
                logger.error("REST message handling timed out.")
            except Exception as error:  # the client still gets what was collected
                logger.error("REST message handling failed: %s", type(error).__name__)
            return response.json(collector.messages or text_reply(sender, trouble_text()))

        return webhook
