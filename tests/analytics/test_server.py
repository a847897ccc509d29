"""The operator page: credentials, headers, date handling (aiohttp test client)."""
import asyncio
import base64
import datetime as dt
import hashlib
import re
from typing import Dict, Optional, Tuple

import pytest
from aiohttp.test_utils import TestClient, TestServer

from analytics.server import Settings, SettingsError, create_app, credentials_match, main

USER, PASSWORD = "operator", "s3cret-パス"


def basic(user: str, password: str) -> str:
    return "Basic " + base64.b64encode(f"{user}:{password}".encode()).decode()


def fetch(url: str, path: str, auth: Optional[str]) -> Tuple[int, Dict[str, str], str]:
    """One GET against a fresh app; returns status, headers and body."""
    async def run():
        app = create_app(Settings(USER, PASSWORD, url), today=lambda: dt.date(2026, 11, 24))
        async with TestClient(TestServer(app)) as client:
            headers = {"Authorization": auth} if auth else {}
            reply = await client.get(path, headers=headers)
            return reply.status, dict(reply.headers), await reply.text()
    return asyncio.run(run())


@pytest.mark.parametrize("auth", [
    None, basic(USER, "wrong"), basic("someone", PASSWORD), basic(USER, ""), "Basic !!!notbase64",
    "Bearer abc", basic(USER, PASSWORD + "x"),
])
def test_refuses_without_the_right_credentials(tracker_db, auth):
    status, headers, body = fetch(tracker_db, "/", auth)
    assert status == 401
    assert headers["WWW-Authenticate"].startswith("Basic realm=")
    assert "会話数" not in body and headers["Cache-Control"] == "no-store"


def test_credentials_without_a_colon_do_not_match():
    encoded = base64.b64encode(f"{USER}{PASSWORD}".encode()).decode()
    assert not credentials_match(f"Basic {encoded}", Settings(USER, PASSWORD, "sqlite://"))


def test_shows_the_report_with_the_right_credentials(tracker_db):
    status, headers, body = fetch(tracker_db, "/?from=2026-11-24&to=2026-11-24",
                                  basic(USER, PASSWORD))
    assert status == 200 and headers["Content-Type"].startswith("text/html")
    assert "期間: 2026年11月24日〜2026年11月24日" in body
    # the 24th: an_early's second session, an_resolved, an_fallback
    assert '<div class="kpi">会話数<b>3件</b>' in body
    assert "<svg" in body and 'name="from" value="2026-11-24"' in body
    style = re.search(r"<style>(.*?)</style>", body, re.S).group(1)
    digest = base64.b64encode(hashlib.sha256(style.encode()).digest()).decode()
    assert f"style-src 'sha256-{digest}'" in headers["Content-Security-Policy"]
    assert headers["X-Frame-Options"] == "DENY"


def test_default_period_and_bad_dates(tracker_db):
    status, _, body = fetch(tracker_db, "/", basic(USER, PASSWORD))
    assert status == 200 and "期間: 2026年10月26日〜2026年11月24日" in body
    status, _, body = fetch(tracker_db, "/?from=yesterday", basic(USER, PASSWORD))
    assert status == 400 and "日付は YYYY-MM-DD の形式" in body


def test_unreadable_store_is_a_japanese_error_page(tmp_path):
    status, _, body = fetch(f"sqlite:///{tmp_path / 'missing.db'}", "/", basic(USER, PASSWORD))
    assert status == 503 and "トラッカーストアのファイルがありません" in body


def test_health_needs_no_credentials_and_reveals_nothing(tracker_db):
    status, _, body = fetch(tracker_db, "/health", None)
    assert (status, body) == (200, '{"status": "ok"}')


@pytest.mark.parametrize("env", [{}, {"OPERATOR_USER": USER}, {"OPERATOR_PASSWORD": PASSWORD},
                                 {"OPERATOR_USER": "", "OPERATOR_PASSWORD": PASSWORD}])
def test_refuses_to_start_without_credentials(env, monkeypatch, capsys):
    with pytest.raises(SettingsError):
        Settings.from_env(env)
    for name in ("OPERATOR_USER", "OPERATOR_PASSWORD"):
        monkeypatch.delenv(name, raising=False)
    for name, value in env.items():
        monkeypatch.setenv(name, value)
    assert main(["--port", "0"]) == 2
    assert "OPERATOR_USER と OPERATOR_PASSWORD" in capsys.readouterr().err


def test_settings_read_the_tracker_store_url():
    env = {"OPERATOR_USER": USER, "OPERATOR_PASSWORD": PASSWORD,
           "TRACKER_STORE_URL": "sqlite:///x.db"}
    assert Settings.from_env(env) == Settings(USER, PASSWORD, "sqlite:///x.db")
