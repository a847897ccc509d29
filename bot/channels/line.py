"""LINE Messaging API channel at /webhooks/line/webhook (see docs/line.md).

Each webhook is checked against its X-Line-Signature, acknowledged at once and handled in
a background task: one reply (at most 5 messages) per event, a push if the reply token is
refused. Group and room chats only get a notice. User text, tokens and secrets are never
logged; LINE user ids only as a short hash.
"""
from __future__ import annotations

import asyncio
import base64
import hashlib
import hmac
import logging
from collections import OrderedDict
from dataclasses import dataclass
from typing import Any, Awaitable, Callable, Dict, List, Optional, Sequence, Set, Text

import aiohttp
from rasa.core.channels.channel import CollectingOutputChannel, InputChannel, UserMessage
from sanic import Blueprint, response
from sanic.request import Request
from sanic.response import HTTPResponse

from bot.channels.line_api import (
    DEFAULT_API_BASE_URL,
    REQUEST_TIMEOUT,
    RETRY_DELAYS,
    LineApi,
    LineApiError,
)
from bot.channels.line_messages import Message, build_reply, text_message, wants_feedback
from bot.channels.rest import EMPTY_MESSAGE_REPLY, MAX_MESSAGE_CHARS, TOO_LONG_REPLY
from bot.channels.safe_input import RequestError, clean_text, is_safe_id, load_json
from bot.channels.trouble import trouble_text

logger = logging.getLogger(__name__)
OnNewMessage = Callable[[UserMessage], Awaitable[Any]]

SIGNATURE_HEADER = "X-Line-Signature"
MEMORY_LIMIT = 10_000  # event ids and group chats remembered
GREET = "/greet"
MAX_POSTBACK_CHARS = 300  # LINE's own limit for postback data
MAX_USER_ID_CHARS = 64
UNSUPPORTED_REPLY = (
    "申し訳ありません。スタンプ・画像・動画・音声・ファイル・位置情報にはお答えできません。\n"
    "ご質問は文字（テキスト）で入力してください。"
)
GROUP_REPLY = (
    "お招きいただきありがとうございます。このアカウントは、小規模企業共済・経営セーフティ共済の"
    "ご質問にお答えするチャットボットです。\n"
    "ご契約に関するご質問には個人的な情報が含まれるため、グループやトークルームではご案内して"
    "おりません。\n"
    "お手数ですが、このアカウントを友だち追加し、1対1のトークでご質問ください。"
)


def signature_for(secret: Text, body: bytes) -> Text:
    """base64(HMAC-SHA256(channel secret, raw body)), as LINE computes it."""
    return base64.b64encode(hmac.new(secret.encode(), body, hashlib.sha256).digest()).decode()


def has_valid_signature(secret: Text, body: bytes, signature: Optional[Text]) -> bool:
    """Constant-time check of the X-Line-Signature header against the raw body."""
    if not signature:
        return False
    return hmac.compare_digest(signature_for(secret, body).encode(), signature.encode())


def short_hash(value: Text) -> Text:
    """A short, stable stand-in for a LINE id in the logs."""
    return hashlib.sha256(value.encode()).hexdigest()[:10]


def parse_events(body: bytes) -> List[Dict[Text, Any]]:
    """The webhook's event objects, or RequestError when the body is not a LINE webhook."""
    payload = load_json(body)
    events = payload.get("events") if isinstance(payload, dict) else None
    if not isinstance(events, list):
        raise RequestError("invalid_payload", "リクエスト本文には events の配列が必要です。")
    return [event for event in events if isinstance(event, dict)]


class Memory:
    """A bounded set that forgets the oldest entries first (an LRU of keys)."""

    def __init__(self, limit: int = MEMORY_LIMIT) -> None:
        self.limit = limit
        self.keys: "OrderedDict[Text, None]" = OrderedDict()

    def add(self, key: Text) -> bool:
        """Remembers the key; False when it was already known."""
        if key in self.keys:
            self.keys.move_to_end(key)
            return False
        self.keys[key] = None
        if len(self.keys) > self.limit:
            self.keys.popitem(last=False)
        return True


@dataclass(frozen=True)
class Plan:
    """What one event needs: ask the assistant `ask`, or answer `say` directly."""

    ask: Optional[Text] = None
    say: Optional[Text] = None


def plan_for(event: Dict[Text, Any]) -> Optional[Plan]:
    """The plan for an event in a 1:1 chat; None for events that need no answer."""
    kind = event.get("type")
    if kind == "follow":
        return Plan(ask=GREET)
    if kind == "postback":
        data = (event.get("postback") or {}).get("data")
        if not isinstance(data, str) or not data.strip() or len(data) > MAX_POSTBACK_CHARS:
            return None
        return Plan(ask=clean_text(data))
    if kind != "message":
        return None
    message = event.get("message") or {}
    if message.get("type") != "text":
        return Plan(say=UNSUPPORTED_REPLY)
    text = message.get("text")
    if not isinstance(text, str) or not text.strip():
        return Plan(say=EMPTY_MESSAGE_REPLY)
    if len(text) > MAX_MESSAGE_CHARS:
        return Plan(say=TOO_LONG_REPLY)
    return Plan(ask=clean_text(text))


class TurnCollector(CollectingOutputChannel):
    """Collects a turn's bot messages whole: text, buttons and the response name."""

    @classmethod
    def name(cls) -> Text:
        """Responses may have `channel: line` variations."""
        return "line"

    async def send_response(self, recipient_id: Text, message: Dict[Text, Any]) -> None:
        """Keeps the message as Rasa produced it (not split at blank lines)."""
        self.messages.append(dict(message))


class LineInput(InputChannel):
    """LINE Messaging API webhook: signed events in, replies out through the API."""

    @classmethod
    def name(cls) -> Text:
        """Served at /webhooks/line/webhook."""
        return "line"

    @classmethod
    def from_credentials(cls, credentials: Optional[Dict[Text, Any]]) -> "LineInput":
        """channel_secret, access_token and api_base_url from credentials.line.yml."""
        credentials = credentials or {}
        secret, token = credentials.get("channel_secret"), credentials.get("access_token")
        if not secret or not token:
            raise ValueError(
                "The LINE channel needs channel_secret and access_token "
                "(LINE_CHANNEL_SECRET, LINE_CHANNEL_ACCESS_TOKEN)."
            )
        base_url = credentials.get("api_base_url") or DEFAULT_API_BASE_URL
        return cls(str(secret), str(token), str(base_url))

    def __init__(
        self,
        channel_secret: Text,
        access_token: Text,
        api_base_url: Text = DEFAULT_API_BASE_URL,
        retry_delays: Sequence[float] = RETRY_DELAYS,
    ) -> None:
        self.channel_secret = channel_secret
        self.access_token = access_token
        self.api_base_url = api_base_url
        self.retry_delays = retry_delays
        self.seen_events = Memory()
        self.told_groups = Memory()
        self.tasks: Set[asyncio.Task] = set()  # keeps running tasks referenced

    def blueprint(self, on_new_message: OnNewMessage) -> Blueprint:
        """Health and webhook routes."""
        webhook = Blueprint("line_webhook", __name__)

        @webhook.route("/", methods=["GET"])
        async def health(request: Request) -> HTTPResponse:
            return response.json({"status": "ok"})

        @webhook.route("/webhook", methods=["POST"])
        async def receive(request: Request) -> HTTPResponse:
            if not has_valid_signature(
                self.channel_secret, request.body, request.headers.get(SIGNATURE_HEADER)
            ):
                logger.warning("LINE webhook refused: missing or invalid signature.")
                return response.json(
                    {"error": "invalid_signature", "message": "署名（X-Line-Signature）が正しくありません。"},
                    status=401,
                )
            try:
                events = parse_events(request.body)
            except RequestError as error:
                return response.json({"error": error.code, "message": str(error)}, status=400)
            fresh = self.fresh_events(events)
            if fresh:
                task = asyncio.create_task(self.process(fresh, on_new_message))
                self.tasks.add(task)
                task.add_done_callback(self.tasks.discard)
            return response.json({})

        return webhook

    def fresh_events(self, events: List[Dict[Text, Any]]) -> List[Dict[Text, Any]]:
        """Drops events whose webhookEventId was seen before (redeliveries)."""
        fresh = []
        for event in events:
            event_id = event.get("webhookEventId")
            if isinstance(event_id, str) and not self.seen_events.add(event_id):
                redelivery = (event.get("deliveryContext") or {}).get("isRedelivery") is True
                logger.info("LINE event %s already handled%s; skipped.",
                            event_id, " (redelivery)" if redelivery else "")
                continue
            fresh.append(event)
        return fresh

    async def process(self, events: List[Dict[Text, Any]], on_new_message: OnNewMessage) -> None:
        """Handles a webhook's events in order, logging (not raising) failures."""
        async with aiohttp.ClientSession(timeout=REQUEST_TIMEOUT) as session:
            api = LineApi(session, self.api_base_url, self.access_token, self.retry_delays)
            for event in events:
                event_id = event.get("webhookEventId", "-")
                try:
                    await self.handle_event(event, api, on_new_message)
                except LineApiError as error:
                    logger.error("LINE event %s: delivery failed: %s", event_id, error)
                except Exception as error:  # one bad event must not stop the others
                    logger.error("LINE event %s: handling failed: %s",
                                 event_id, type(error).__name__)

    async def handle_event(
        self,
        event: Dict[Text, Any],
        api: LineApi,
        on_new_message: OnNewMessage,
    ) -> None:
        """Answers one event: a group notice, a direct text or the assistant's reply."""
        if event.get("mode") == "standby":
            return
        source = event.get("source") or {}
        user_id = source.get("userId") if source.get("type") == "user" else None
        if not isinstance(user_id, str) or len(user_id) > MAX_USER_ID_CHARS or not is_safe_id(user_id):
            user_id = None  # not a LINE user id: nothing to answer, nothing to store
        if source.get("type") in ("group", "room"):
            plan = self.group_plan(event, source)
        else:
            plan = plan_for(event) if user_id else None
        if plan is None:
            return
        who = short_hash(user_id) if user_id else source.get("type")
        logger.info("LINE %s event %s from %s.",
                    event.get("type"), event.get("webhookEventId", "-"), who)
        if plan.say:
            messages = [text_message(plan.say)]
        else:
            messages = await self.ask_assistant(plan.ask or "", user_id or "", api, on_new_message)
        if messages:
            how = await api.deliver(event.get("replyToken"), user_id, messages)
            logger.info("LINE %s sent to %s: %d message(s).", how, who, len(messages))

    def group_plan(self, event: Dict[Text, Any], source: Dict[Text, Any]) -> Optional[Plan]:
        """One notice per group or room (on joining or the first message); then silence."""
        if event.get("type") not in ("join", "message", "postback"):
            return None
        chat_id = source.get("groupId") or source.get("roomId") or ""
        return Plan(say=GROUP_REPLY) if self.told_groups.add(short_hash(chat_id)) else None

    async def ask_assistant(
        self,
        text: Text,
        user_id: Text,
        api: LineApi,
        on_new_message: OnNewMessage,
    ) -> List[Message]:
        """Runs one turn of the assistant and turns its output into LINE messages."""
        await api.start_loading(user_id)
        collector = TurnCollector()
        try:
            await on_new_message(UserMessage(text, collector, user_id, input_channel=self.name()))
        except Exception as error:  # the user still gets an apology
            logger.error("LINE message handling failed: %s", type(error).__name__)
            return [text_message(trouble_text())]
        reply = build_reply(collector.messages, wants_feedback(text, collector.messages))
        return reply or [text_message(trouble_text())]
