"""Feedback buttons and typed feedback."""
import asyncio

import pytest
from rasa_sdk import Tracker
from rasa_sdk.executor import CollectingDispatcher

from actions.feedback import ActionFeedback


def reply(text, entities=()):
    latest = {"intent": {"name": "feedback"}, "text": text, "entities": list(entities)}
    dispatcher = CollectingDispatcher()
    asyncio.run(ActionFeedback().run(dispatcher, Tracker("u", {}, latest, [], False, None, {},
                                                        "action_listen"), {}))
    return dispatcher.messages[0]


@pytest.mark.parametrize(
    "text, entities, resolved",
    [
        ('/feedback{"resolved":"yes"}', [{"entity": "resolved", "value": "yes"}], True),
        ('/feedback{"resolved":"no"}', [{"entity": "resolved", "value": "no"}], False),
        ("解決しました", [], True),
        ("解決しませんでした", [], False),
        ("役に立たなかった", [], False),
    ],
)
def test_feedback(text, entities, resolved):
    message = reply(text, entities)
    if resolved:
        assert message["text"].startswith("ご回答いただきありがとうございます")
    else:
        assert "050-5541-7171" in message["text"]
        assert "/human_handoff" in [b["payload"] for b in message["buttons"]]
