"""Logging set-up and a request-logging ASGI middleware that logs no personal data."""

import logging
import time

from starlette.types import ASGIApp, Message, Receive, Scope, Send

logger = logging.getLogger("facade")


def configure_logging(level: str) -> None:
    """Send the façade's log records to stderr at the given level."""
    logger.setLevel(level.upper())
    if not logger.handlers:
        handler = logging.StreamHandler()
        handler.setFormatter(logging.Formatter("%(asctime)s %(levelname)s %(name)s %(message)s"))
        logger.addHandler(handler)


class RequestLogMiddleware:
    """Log method, route template (never the raw path or query), status and latency."""

    def __init__(self, app: ASGIApp) -> None:
        self.app = app

    async def __call__(self, scope: Scope, receive: Receive, send: Send) -> None:
        if scope["type"] != "http":
            await self.app(scope, receive, send)
            return
        started = time.perf_counter()
        status = 500

        async def send_with_status(message: Message) -> None:
            nonlocal status
            if message["type"] == "http.response.start":
                status = message["status"]
            await send(message)

        try:
            await self.app(scope, receive, send_with_status)
        finally:
            route = scope.get("route")
            if route is not None:
                path = route.path
            elif "endpoint" in scope:  # a fixed-path Starlette route such as /docs
                path = scope["path"]
            else:
                path = "<unmatched>"
            elapsed_ms = (time.perf_counter() - started) * 1000
            logger.info(
                "request method=%s path=%s status=%d duration_ms=%.1f",
                scope["method"],
                path,
                status,
                elapsed_ms,
            )
