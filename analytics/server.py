"""Operator page: the report for a chosen date range, behind HTTP Basic credentials.

Credentials come from OPERATOR_USER / OPERATOR_PASSWORD (the server refuses to start
without them), the data from TRACKER_STORE_URL. Only /health answers without them.
"""
from __future__ import annotations

import argparse
import asyncio
import base64
import binascii
import datetime as dt
import hashlib
import hmac
import os
import sys
from dataclasses import dataclass
from html import escape
from typing import Awaitable, Callable, List, Mapping, Optional

from aiohttp import web

from actions.clock import now_jst
from analytics.page import STYLE, TITLE, render_page
from analytics.report import Period, compute_report, parse_period
from analytics.store import StoreError, tracker_store_url
from analytics.throttle import LoginThrottle

DEFAULT_PORT = 8090
CHALLENGE = 'Basic realm="kyosai-analytics", charset="UTF-8"'
STYLE_HASH = base64.b64encode(hashlib.sha256(STYLE.encode()).digest()).decode()
SECURITY_HEADERS = {
    "Cache-Control": "no-store",
    "X-Content-Type-Options": "nosniff",
    "X-Frame-Options": "DENY",
    "Referrer-Policy": "no-referrer",
    "Content-Security-Policy": (
        f"default-src 'none'; style-src 'sha256-{STYLE_HASH}'; form-action 'self'; "
        "base-uri 'none'; frame-ancestors 'none'"
    ),
}
Handler = Callable[[web.Request], Awaitable[web.StreamResponse]]


class SettingsError(RuntimeError):
    """The server cannot start with this environment."""


@dataclass(frozen=True)
class Settings:
    """Operator credentials and where the conversations are stored."""

    user: str
    password: str
    tracker_store_url: str

    @classmethod
    def from_env(cls, env: Mapping[str, str]) -> "Settings":
        """Reads the environment; raises SettingsError when the credentials are missing."""
        user, password = env.get("OPERATOR_USER", ""), env.get("OPERATOR_PASSWORD", "")
        if not user or not password:
            raise SettingsError(
                "OPERATOR_USER と OPERATOR_PASSWORD を設定してください（認証なしでは起動しません）。"
            )
        return cls(user, password, env.get("TRACKER_STORE_URL") or tracker_store_url())


SETTINGS = web.AppKey("settings", Settings)
TODAY = web.AppKey("today", Callable[[], dt.date])
THROTTLE = web.AppKey("throttle", LoginThrottle)


def credentials_match(header: Optional[str], settings: Settings) -> bool:
    """True when an `Authorization: Basic` header carries the operator's user and password."""
    scheme, _, encoded = (header or "").partition(" ")
    if scheme.lower() != "basic":
        return False
    try:
        decoded = base64.b64decode(encoded.strip(), validate=True).decode("utf-8")
    except (binascii.Error, UnicodeDecodeError):
        return False
    user, colon, password = decoded.partition(":")
    user_ok = hmac.compare_digest(user.encode(), settings.user.encode())
    password_ok = hmac.compare_digest(password.encode(), settings.password.encode())
    return bool(colon) and user_ok and password_ok


@web.middleware
async def security(request: web.Request, handler: Handler) -> web.StreamResponse:
    """Credentials on every path but /health (wrong ones throttled); no caching, no framing, strict CSP."""
    throttle, client = request.app[THROTTLE], request.remote or "-"
    wait = throttle.retry_after(client) if request.path != "/health" else 0
    response: web.StreamResponse
    if wait:
        response = web.Response(status=429, text="ログインの失敗が続いたため、しばらくお待ちください。",
                                headers={"Retry-After": str(wait)})
    elif request.path != "/health" and not credentials_match(
        request.headers.get("Authorization"), request.app[SETTINGS]
    ):
        if request.headers.get("Authorization"):
            throttle.failed(client)
        response = web.Response(
            status=401, text="認証が必要です。", headers={"WWW-Authenticate": CHALLENGE}
        )
    else:
        response = await handler(request)
    response.headers.update(SECURITY_HEADERS)
    return response


def _error_page(message: str) -> str:
    """A minimal Japanese page for when the report cannot be made."""
    return (f'<!doctype html><html lang="ja"><head><meta charset="utf-8"><title>{TITLE}</title>'
            f"</head><body><h1>{TITLE}</h1><p>{escape(message)}</p></body></html>")


async def report_page(request: web.Request) -> web.Response:
    """GET /?from=YYYY-MM-DD&to=YYYY-MM-DD (default: the last 30 days)."""
    today = request.app[TODAY]()
    error, status = None, 200
    try:
        period = parse_period(request.query.get("from"), request.query.get("to"), today)
    except ValueError as invalid:
        period, error, status = Period.default(today), str(invalid), 400
    url = request.app[SETTINGS].tracker_store_url
    try:
        report = await asyncio.get_running_loop().run_in_executor(None, compute_report, url, period)
    except StoreError as failure:
        return web.Response(status=503, text=_error_page(str(failure)), content_type="text/html")
    return web.Response(status=status, text=render_page(report, with_form=True, error=error),
                        content_type="text/html")


async def health(request: web.Request) -> web.Response:
    """Liveness for the stack runner; reveals nothing."""
    return web.json_response({"status": "ok"})


def create_app(settings: Settings, today: Callable[[], dt.date] = lambda: now_jst().date(),
               throttle: Optional[LoginThrottle] = None) -> web.Application:
    """The operator application; `today` sets the default period (tests pin it)."""
    app = web.Application(middlewares=[security])
    app[SETTINGS] = settings
    app[TODAY] = today
    app[THROTTLE] = throttle or LoginThrottle()
    app.router.add_get("/", report_page)
    app.router.add_get("/health", health)
    return app


def main(argv: Optional[List[str]] = None) -> int:
    """Starts the operator page on 127.0.0.1:8090 (or --host/--port)."""
    parser = argparse.ArgumentParser(description=__doc__)
    parser.add_argument("--host", default="127.0.0.1")
    parser.add_argument("--port", type=int, default=DEFAULT_PORT)
    args = parser.parse_args(argv)
    try:
        settings = Settings.from_env(os.environ)
    except SettingsError as error:
        print(f"起動できません: {error}", file=sys.stderr)
        return 2
    web.run_app(create_app(settings), host=args.host, port=args.port,
                print=lambda text: print(text, flush=True))
    return 0


if __name__ == "__main__":
    sys.exit(main())
