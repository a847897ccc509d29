"""Browser tests of the web chat against the real stack (façade, actions, Rasa, web chat server).

Headless Chromium from Debian's `chromium` package, driven by Playwright for Python (no browser
download). Without Chromium or Playwright the tests skip with a message, except under CI=true,
where they fail. Screenshots go to test-artifacts/webchat/.
"""
from __future__ import annotations

import os
from pathlib import Path
from typing import Dict, Iterator

import pytest

from scripts.stack import DEFAULT_MODEL, ROOT, Stack, StackConfig, free_port, random_secrets

CHROMIUM = os.environ.get("CHROMIUM_PATH", "/usr/bin/chromium")
CHROMIUM_ARGS = [
    "--headless", "--no-sandbox", "--disable-gpu", "--disable-quic", "--no-first-run",
    "--disable-background-networking", "--disable-component-update", "--disable-sync",
]
ARTIFACTS = ROOT / "test-artifacts" / "webchat"
PINNED_NOW = "2026-11-24T20:00:00+09:00"  # a Tuesday evening, as in the integration tests

DEVICES: Dict[str, Dict] = {
    "phone": {"viewport": {"width": 390, "height": 844}, "device_scale_factor": 2,
              "is_mobile": True, "has_touch": True},
    "desktop": {"viewport": {"width": 1366, "height": 768}, "device_scale_factor": 1,
                "is_mobile": False, "has_touch": False},
}


def unavailable(reason: str) -> None:
    """Skips locally; fails under CI, which must run the browser tests."""
    if os.environ.get("CI") == "true":
        pytest.fail(f"{reason}; CI must run the web chat browser tests.")
    pytest.skip(f"{reason}; skipping the web chat browser tests "
                "(apt-get install chromium; pip install playwright).")


@pytest.fixture(scope="session")
def browser():
    """One headless Chromium for the whole session."""
    if not Path(CHROMIUM).exists():
        unavailable(f"Chromium not found at {CHROMIUM}")
    try:
        from playwright.sync_api import sync_playwright
    except ImportError:
        unavailable("Playwright for Python is not installed")
    with sync_playwright() as playwright:
        chromium = playwright.chromium.launch(
            executable_path=CHROMIUM, headless=True, args=CHROMIUM_ARGS
        )
        yield chromium
        chromium.close()


@pytest.fixture(scope="session")
def chat_stack(browser, tmp_path_factory) -> Iterator[Stack]:
    """The real services on free ports (SQLite), plus the web chat server."""
    if not DEFAULT_MODEL.exists():
        pytest.fail(f"No trained model at {DEFAULT_MODEL}: run `make train` first.")
    workdir = tmp_path_factory.mktemp("webchat-stack")
    config = StackConfig.isolated(workdir, webchat_port=free_port(),
                                  extra_env={"ASSISTANT_NOW": PINNED_NOW},
                                  seed_as_of=PINNED_NOW[:10])
    running = Stack(config, random_secrets())
    running.start()
    yield running
    running.stop()


@pytest.fixture(params=list(DEVICES))
def device(request) -> str:
    """Each test that asks for it runs on a phone (390×844) and a desktop (1366×768)."""
    return request.param


@pytest.fixture
def context_factory(browser):
    """New, isolated browser contexts (own localStorage) of a device kind; closed afterwards."""
    contexts = []

    def make(kind: str, **overrides):
        options = {**DEVICES[kind], "locale": "ja-JP", "timezone_id": "Asia/Tokyo", **overrides}
        context = browser.new_context(**options)
        context.set_default_timeout(20_000)
        contexts.append(context)
        return context

    yield make
    for context in contexts:
        context.close()


@pytest.fixture(scope="session")
def artifacts() -> Path:
    """Folder for screenshots (git-ignored)."""
    ARTIFACTS.mkdir(parents=True, exist_ok=True)
    return ARTIFACTS
