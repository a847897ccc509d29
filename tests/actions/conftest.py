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


@pytest.fixture(autouse=True)
def empty_knowledge(tmp_path_factory, monkeypatch):
    """Action tests start with no knowledge items, so topic answers are tested on their own."""
    from actions import knowledge
    from actions.kb.live import LiveRanker

    ranker = LiveRanker(tmp_path_factory.mktemp("kb"))
    monkeypatch.setattr(knowledge, "KNOWLEDGE", ranker)
    return ranker
