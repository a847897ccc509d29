"""Stored-event lists built with Rasa's own event classes, as the tracker store keeps them."""
from __future__ import annotations

import datetime as dt
from typing import Any, Dict, Iterable, List, Optional

from rasa.shared.core.events import (ActionExecuted, BotUttered, Event, SessionStarted, SlotSet,
                                     UserUttered)

from actions.clock import JST
from actions.contact import CALL_CENTRE_PHONE

PHONE_TEXT = f"共済相談室（コールセンター）\n☎ {CALL_CENTRE_PHONE}"
SUGGEST_BUTTONS = [
    {"title": "掛金の金額", "payload": "/ask_premium"},
    {"title": "税金の扱い", "payload": "/ask_tax"},
    {"title": "どれでもない", "payload": "/out_of_scope"},
]


class Timeline:
    """Events with increasing timestamps, starting at a given moment (JST)."""

    def __init__(self, start: dt.datetime) -> None:
        self.now = start.replace(tzinfo=JST).timestamp()
        self.events: List[Event] = []

    def _add(self, event: Event) -> "Timeline":
        event.timestamp = self.now
        self.now += 1
        self.events.append(event)
        return self

    def session(self) -> "Timeline":
        """What Rasa stores when a session starts."""
        self._add(ActionExecuted("action_session_start"))
        self._add(SessionStarted())
        return self._add(ActionExecuted("action_listen"))

    def user(self, text: str, intent: str, entities: Iterable[Dict[str, Any]] = (),
             channel: str = "rest") -> "Timeline":
        """A user message with its NLU result."""
        return self._add(UserUttered(text, intent={"name": intent, "confidence": 0.9},
                                     entities=list(entities), input_channel=channel))

    def act(self, name: str, text: Optional[str] = None, buttons: Optional[List[Dict]] = None,
            response: Optional[str] = None, slots: Optional[Dict[str, Any]] = None) -> "Timeline":
        """An action, the message it sends, the slots it sets, then action_listen."""
        self._add(ActionExecuted(name))
        if text is not None:
            metadata = {"utter_action": response} if response else {}
            self._add(BotUttered(text, data={"buttons": buttons}, metadata=metadata))
        for slot, value in (slots or {}).items():
            self._add(SlotSet(slot, value))
        return self._add(ActionExecuted("action_listen"))

    def answer(self, response: str, text: str = "【回答】") -> "Timeline":
        """action_answer giving a knowledge answer."""
        return self.act("action_answer", text, response=response,
                        slots={"pending_topic": None, "last_answer": response})

    def as_dicts(self) -> List[Dict[str, Any]]:
        """The events as the `data` column stores them."""
        return [event.as_dict() for event in self.events]
