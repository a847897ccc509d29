"""A real tracker-store database (written by Rasa's SQLTrackerStore) with known conversations."""
import asyncio
import datetime as dt
from pathlib import Path
from typing import Dict

import pytest
from rasa.core.tracker_store import SQLTrackerStore
from rasa.shared.core.domain import Domain
from rasa.shared.core.trackers import DialogueStateTracker

from tests.analytics.builders import PHONE_TEXT, Timeline


def write_trackers(path: Path, timelines: Dict[str, Timeline]) -> str:
    """Saves each sender's events through Rasa's SQL tracker store; returns the DB URL."""
    store = SQLTrackerStore(Domain.empty(), dialect="sqlite", db=str(path))
    for sender, timeline in timelines.items():
        tracker = DialogueStateTracker.from_events(sender, timeline.events)
        asyncio.run(store.save(tracker))
    store.engine.dispose()
    return f"sqlite:///{path}"


@pytest.fixture
def tracker_db(tmp_path) -> str:
    """Four senders around 2026-11-24 (JST); see the tests for what each one did."""
    early = Timeline(dt.datetime(2026, 11, 23, 23, 59))  # starts the day before, runs past midnight
    early.session().user("/ask_tax", "ask_tax", channel="web").answer("utter_ask_tax_shokibo")
    early.now += 120
    early.user("/human_handoff", "human_handoff", channel="web")
    early.act("action_contact_info", PHONE_TEXT)
    early.now += 7200
    early.session()  # a second session, on the 24th
    early.user("/ask_premium", "ask_premium", channel="web")
    early.answer("utter_ask_premium_shokibo")

    resolved = Timeline(dt.datetime(2026, 11, 24, 9, 0))
    resolved.session().user("/ask_debit_date", "ask_debit_date", channel="line")
    resolved.answer("utter_ask_debit_date_safety")
    resolved.user('/feedback{"resolved":"yes"}', "feedback",
                  [{"entity": "resolved", "value": "yes"}], channel="line")
    resolved.act("action_feedback", "ありがとうございます。")

    fallback = Timeline(dt.datetime(2026, 11, 24, 23, 30))
    fallback.session().user("番号は1234567です", "nlu_fallback")
    fallback.act("action_suggest", f"申し訳ありません。\n\n{PHONE_TEXT}")

    later = Timeline(dt.datetime(2026, 11, 25, 0, 0))  # the next day: outside the 24th
    later.session().user("こんにちは", "greet").act("utter_greet", "こんにちは")
    return write_trackers(tmp_path / "tracker.db", {
        "an_early": early, "an_resolved": resolved, "an_fallback": fallback, "other%_later": later,
    })
