"""A small aiohttp client for the LINE Messaging API calls the LINE channel needs.

429 and 5xx (and network errors) are retried with exponential backoff; a rejected reply
token falls back to a push message. Tokens and message texts are never logged.
"""
from __future__ import annotations

import asyncio
import logging
import uuid
from typing import Any, Dict, List, Optional, Sequence, Text

import aiohttp

logger = logging.getLogger(__name__)

DEFAULT_API_BASE_URL = "https://api.line.me"
RETRY_DELAYS = (0.5, 1.0)  # three tries in all
REQUEST_TIMEOUT = aiohttp.ClientTimeout(total=10)
LOADING_SECONDS = 20


class LineApiError(RuntimeError):
    """A call that failed for good: LINE's HTTP status (None: no answer) and its message."""

    def __init__(self, path: Text, status: Optional[int], detail: Text) -> None:
        super().__init__(f"{path} failed: {status or 'no answer'} {detail}".strip())
        self.status = status
        self.detail = detail

    @property
    def invalid_reply_token(self) -> bool:
        """True when LINE refused the reply token (expired, used or unknown)."""
        return self.status == 400 and "invalid reply token" in self.detail.lower()


async def error_detail(reply: aiohttp.ClientResponse) -> Text:
    """LINE's error message (its JSON `message`), shortened; never the request."""
    try:
        body = await reply.json(content_type=None)
    except (ValueError, aiohttp.ClientError):
        return ""
    message = body.get("message") if isinstance(body, dict) else None
    return message[:200] if isinstance(message, str) else ""


class LineApi:
    """Reply, push and loading-animation calls with one channel access token."""

    def __init__(
        self,
        session: aiohttp.ClientSession,
        base_url: Text,
        access_token: Text,
        retry_delays: Sequence[float] = RETRY_DELAYS,
    ) -> None:
        self.session = session
        self.base_url = base_url.rstrip("/")
        self.headers = {"Authorization": f"Bearer {access_token}"}
        self.retry_delays = tuple(retry_delays)

    async def post(
        self,
        path: Text,
        body: Dict[Text, Any],
        headers: Optional[Dict[Text, Text]] = None,
        retry: bool = True,
    ) -> None:
        """POSTs JSON; retries 429/5xx/network errors; raises LineApiError when it gives up."""
        delays = self.retry_delays if retry else ()
        for delay in (*delays, None):
            try:
                async with self.session.post(
                    f"{self.base_url}{path}", json=body, headers={**self.headers, **(headers or {})}
                ) as reply:
                    if reply.status < 300:
                        return
                    status, detail = reply.status, await error_detail(reply)
            except (aiohttp.ClientError, asyncio.TimeoutError) as error:
                status, detail = None, type(error).__name__
            if delay is None or (status is not None and status != 429 and status < 500):
                raise LineApiError(path, status, detail)
            logger.warning("LINE %s answered %s; retrying in %.1f s.",
                           path, status or detail, delay)
            await asyncio.sleep(delay)

    async def deliver(
        self, reply_token: Optional[Text], user_id: Optional[Text], messages: List[Dict[Text, Any]]
    ) -> Text:
        """Replies with the token; pushes to the user if the token is refused. Returns how."""
        if reply_token:
            try:
                await self.post(
                    "/v2/bot/message/reply", {"replyToken": reply_token, "messages": messages}
                )
                return "reply"
            except LineApiError as error:
                if not (error.invalid_reply_token and user_id):
                    raise
                logger.warning("LINE refused the reply token; sending a push message instead.")
        if not user_id:
            raise LineApiError("/v2/bot/message/reply", None, "no reply token, no user to push to")
        try:
            await self.post(
                "/v2/bot/message/push",
                {"to": user_id, "messages": messages},
                headers={"X-Line-Retry-Key": str(uuid.uuid4())},
            )
        except LineApiError as error:
            if error.status != 409:  # 409: a retry of a push LINE had already accepted
                raise
        return "push"

    async def start_loading(self, user_id: Text) -> None:
        """Shows the loading animation in the user's chat; errors are only logged."""
        try:
            await self.post(
                "/v2/bot/chat/loading/start",
                {"chatId": user_id, "loadingSeconds": LOADING_SECONDS},
                retry=False,
            )
        except LineApiError as error:
            logger.info("LINE loading animation not shown: %s", error)
