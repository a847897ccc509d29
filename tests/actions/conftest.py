"""Tracker and dispatcher fixtures for action unit tests."""
import pytest
from rasa_sdk import Tracker
from rasa_sdk.executor import CollectingDispatcher


@pytest.fixture
def dispatcher() -> CollectingDispatcher:
    return CollectingDispatcher()


@pytest.fixture
def tracker() -> Tracker:
    return Tracker(
        sender_id="test-user",
        slots={},
        latest_message={"text": "人と話したい", "intent": {"name": "human_handoff"}},
        events=[],
        paused=False,
        followup_action=None,
        active_loop={},
        latest_action_name="action_listen",
    )
