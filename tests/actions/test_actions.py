"""Basic actions, run with a tracker fixture and a pinned clock."""
import asyncio

import pytest

from actions.actions import ActionContactInfo, ActionGiveUp, ActionOutOfScope
from actions.contact import CALL_CENTRE_PHONE


def run(action, dispatcher, tracker):
    return asyncio.run(action.run(dispatcher, tracker, {}))


@pytest.fixture(autouse=True)
def pinned_clock(monkeypatch):
    monkeypatch.setenv("ASSISTANT_NOW", "2026-11-24T20:00:00+09:00")


@pytest.mark.parametrize("action", [ActionContactInfo(), ActionGiveUp(), ActionOutOfScope()])
def test_every_give_up_path_gives_the_call_centre_and_hours(action, dispatcher, tracker):
    assert run(action, dispatcher, tracker) == []
    text = dispatcher.messages[0]["text"]
    assert CALL_CENTRE_PHONE in text
    assert "平日 9:00〜17:00" in text
    assert "受付時間外" in text  # pinned to 20:00


def test_fallback_apologises_and_offers_capabilities(dispatcher, tracker):
    run(ActionGiveUp(), dispatcher, tracker)
    message = dispatcher.messages[0]
    assert message["text"].startswith("申し訳ありません")
    assert message["buttons"][0]["payload"] == "/ask_capabilities"


def test_out_of_scope_points_to_smrj_site(dispatcher, tracker):
    run(ActionOutOfScope(), dispatcher, tracker)
    assert "https://www.smrj.go.jp/" in dispatcher.messages[0]["text"]
