"""The action server: rasa-sdk's app, reachable only by Rasa.

rasa-sdk 3.6 listens on 0.0.0.0 without credentials, accepts any content type and inflates
deflate bodies without limit. This entry point listens on 127.0.0.1, requires the shared
secret ACTION_SERVER_TOKEN in the X-Action-Token header (endpoints.yml sends it), accepts only
uncompressed JSON bodies of bounded size and keeps no request text in its error replies.
"""
from __future__ import annotations

import argparse
import hmac
import logging
import os
from typing import Optional

from rasa_sdk.endpoint import create_app
from sanic import Sanic, response
from sanic.exceptions import SanicException
from sanic.request import Request
from sanic.response import HTTPResponse

logger = logging.getLogger(__name__)

TOKEN_HEADER = "X-Action-Token"
TOKEN_ENV = "ACTION_SERVER_TOKEN"
MAX_BODY_BYTES = 2 * 1024 * 1024  # a 150-turn tracker with the domain is about 0.3 MB


def refusal(status: int, code: str, message: str) -> HTTPResponse:
    """A JSON error reply with a stable code."""
    return response.json({"error": code, "message": message}, status=status)


def guard(request: Request, token: str) -> Optional[HTTPResponse]:
    """None when the request may reach rasa-sdk, else the refusal."""
    if request.path == "/health":
        return None
    given = request.headers.get(TOKEN_HEADER, "")
    if not hmac.compare_digest(given.encode(), token.encode()):
        return refusal(401, "unauthorized", "missing or wrong X-Action-Token")
    if request.method == "POST":
        if not (request.content_type or "").lower().startswith("application/json"):
            return refusal(415, "unsupported_media_type", "Content-Type must be application/json")
        if request.headers.get("Content-Encoding", "identity").lower() != "identity":
            return refusal(415, "unsupported_encoding", "compressed bodies are not accepted")
    return None


def build_app(token: str) -> Sanic:
    """rasa-sdk's app for the `actions` package behind the guard."""
    if not token:
        raise ValueError(f"{TOKEN_ENV} must be set")
    app = create_app("actions", cors_origins=None)
    app.config.REQUEST_MAX_SIZE = MAX_BODY_BYTES

    @app.on_request
    async def check(request: Request) -> Optional[HTTPResponse]:
        return guard(request, token)

    @app.exception(Exception)
    async def failed(request: Request, exception: Exception) -> HTTPResponse:
        # rasa-sdk's own handler logs the whole request and echoes its body (user text) back.
        if isinstance(exception, SanicException) and exception.status_code < 500:
            return refusal(exception.status_code, "bad_request", str(exception))
        logger.error("Action request failed: %s", type(exception).__name__)
        return refusal(500, "action_failed", "the action failed")

    return app


def main(argv: Optional[list] = None) -> None:
    """Runs the guarded action server on 127.0.0.1 (one worker)."""
    parser = argparse.ArgumentParser(description=__doc__)
    parser.add_argument("--port", type=int, default=5055)
    parser.add_argument("--host", default=os.environ.get("ACTION_SERVER_HOST", "127.0.0.1"))
    args = parser.parse_args(argv)
    logging.basicConfig(level=logging.INFO, format="%(asctime)s %(levelname)s %(name)s %(message)s")
    app = build_app(os.environ.get(TOKEN_ENV, ""))
    app.run(args.host, args.port, workers=1, access_log=False)


if __name__ == "__main__":
    main()
