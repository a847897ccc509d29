"""Turning one sender's stored Rasa events into conversations and their facts.

A conversation is one Rasa session: a sender's events from one `action_session_start`
to the next. The rules below are the ones docs/analytics.md states for operators.
"""
from __future__ import annotations

import datetime as dt
import unicodedata
from dataclasses import dataclass, field
from typing import Any, Dict, Iterable, List, Optional, Set, Tuple

from actions.clock import JST
from actions.contact import CALL_CENTRE_PHONE
from actions.feedback import NEGATIVE
from actions.suggestions import NONE_OF_THESE
from bot.pii import mask

Event = Dict[str, Any]

SESSION_START = "action_session_start"
ACTION_LISTEN = "action_listen"
SUGGEST_ACTION = "action_suggest"
GIVE_UP_ACTION = "action_give_up"
FALLBACK_INTENT = "nlu_fallback"
FEEDBACK_INTENT = "feedback"
CONTROL_INTENTS = frozenset({"restart", "session_start", "back"})
ANSWER_SLOT = "last_answer"
SELF_SERVICE_SLOT = "self_service"
SELF_SERVICE_KINDS = ("summary", "certificate_status", "payments", "reissue_accepted")
CHANNELS = ("web", "line", "rest")
OTHER_CHANNEL = "other"


@dataclass(frozen=True)
class Conversation:
    """One session of one sender: its stored events in order."""

    sender_id: str
    events: Tuple[Event, ...]


def split_sessions(sender_id: str, events: Iterable[Event]) -> List[Conversation]:
    """Splits a sender's events (in stored order) at every `action_session_start`."""
    sessions: List[List[Event]] = [[]]
    for event in events:
        if event.get("event") == "action" and event.get("name") == SESSION_START and sessions[-1]:
            sessions.append([])
        sessions[-1].append(event)
    return [Conversation(sender_id, tuple(s)) for s in sessions if s]


@dataclass(frozen=True)
class ConversationFacts:
    """What happened in one conversation, as counted by the report."""

    sender_id: str
    started: dt.datetime
    channel: str
    intents: Tuple[str, ...]
    answers: int = 0
    answer_mentions_phone: bool = False
    fallbacks: int = 0
    unanswered: Tuple[str, ...] = ()
    suggestions_shown: int = 0
    suggestions_chosen: int = 0
    handoffs: Tuple[str, ...] = ()
    feedback_yes: int = 0
    feedback_no: int = 0
    self_service: Tuple[str, ...] = ()

    @property
    def self_resolved(self) -> bool:
        """No handoff and no 解決しませんでした anywhere in the conversation."""
        return not self.handoffs and self.feedback_no == 0


def channel_of(input_channel: Optional[str]) -> str:
    """web / line / rest, or `other` for anything else."""
    return input_channel if input_channel in CHANNELS else OTHER_CHANNEL


def feedback_value(parse_data: Dict[str, Any], text: str) -> Optional[bool]:
    """The `resolved` entity (yes/no), else the typed words, as actions/feedback.py reads them."""
    for entity in parse_data.get("entities") or []:
        if entity.get("entity") == "resolved" and entity.get("value") in ("yes", "no"):
            return entity["value"] == "yes"
    folded = unicodedata.normalize("NFKC", text)
    return not NEGATIVE.search(folded) if folded else None


def is_handoff(event: Event) -> bool:
    """A bot message with the call centre's number that is not a knowledge answer."""
    metadata = event.get("metadata") or {}
    return CALL_CENTRE_PHONE in (event.get("text") or "") and not metadata.get("utter_action")


@dataclass
class _Tally:
    """Mutable counters while walking one conversation's events."""

    channel: Optional[str] = None
    intents: List[str] = field(default_factory=list)
    answers: int = 0
    answer_mentions_phone: bool = False
    fallbacks: int = 0
    unanswered: List[str] = field(default_factory=list)
    suggestions_shown: int = 0
    suggestions_chosen: int = 0
    handoffs: List[str] = field(default_factory=list)
    feedback_yes: int = 0
    feedback_no: int = 0
    self_service: List[str] = field(default_factory=list)
    last_action: Optional[str] = None
    offered: Set[str] = field(default_factory=set)
    pending_text: Optional[str] = None  # a user text whose first reply is not seen yet
    pending_is_fallback: bool = False

    def user(self, event: Event) -> None:
        """A user message: intent, channel, もしかして choice, fallback, feedback."""
        parse_data = event.get("parse_data") or {}
        intent = (parse_data.get("intent") or {}).get("name") or ""
        text = event.get("text") or ""
        if intent in CONTROL_INTENTS:
            return
        if self.channel is None:
            self.channel = channel_of(event.get("input_channel"))
        self.intents.append(intent)
        if text in self.offered:
            self.suggestions_chosen += 1
        self.offered = set()
        if intent == FALLBACK_INTENT:
            self.fallbacks += 1
            self.unanswered.append(mask(text))
        elif intent == FEEDBACK_INTENT:
            resolved = feedback_value(parse_data, text)
            self.feedback_yes += resolved is True
            self.feedback_no += resolved is False
        self.pending_text = text
        self.pending_is_fallback = intent == FALLBACK_INTENT

    def action(self, event: Event) -> None:
        """An action: remembered for the messages it sends; action_give_up is a fallback."""
        name = event.get("name")
        if name == ACTION_LISTEN:
            return
        unseen_fallback = self.pending_text is not None and not self.pending_is_fallback
        if name == GIVE_UP_ACTION and unseen_fallback:
            self.fallbacks += 1
            self.unanswered.append(mask(self.pending_text))
        self.pending_text = None
        self.last_action = name

    def bot(self, event: Event) -> None:
        """A bot message: handoff, phone number inside an answer, もしかして buttons."""
        if is_handoff(event):
            self.handoffs.append(self.last_action or "")
        elif CALL_CENTRE_PHONE in (event.get("text") or ""):
            self.answer_mentions_phone = True
        buttons = (event.get("data") or {}).get("buttons") or []
        if self.last_action == SUGGEST_ACTION and buttons:
            self.suggestions_shown += 1
            self.offered = {b.get("payload") for b in buttons} - {NONE_OF_THESE["payload"]}

    def slot(self, event: Event) -> None:
        """A slot: a knowledge answer (last_answer) or a self-service result (self_service)."""
        name, value = event.get("name"), event.get("value")
        if name == ANSWER_SLOT and value:
            self.answers += 1
        elif name == SELF_SERVICE_SLOT and value in SELF_SERVICE_KINDS:
            self.self_service.append(value)


def classify(conversation: Conversation) -> Optional[ConversationFacts]:
    """The facts of a conversation, or None when the user never said anything."""
    tally = _Tally()
    handlers = {"user": tally.user, "action": tally.action, "bot": tally.bot, "slot": tally.slot}
    for event in conversation.events:
        handler = handlers.get(event.get("event"))
        if handler:
            handler(event)
    if not tally.intents:
        return None
    return ConversationFacts(
        sender_id=conversation.sender_id,
        started=dt.datetime.fromtimestamp(conversation.events[0].get("timestamp") or 0, JST),
        channel=tally.channel or OTHER_CHANNEL,
        intents=tuple(tally.intents),
        answers=tally.answers,
        answer_mentions_phone=tally.answer_mentions_phone,
        fallbacks=tally.fallbacks,
        unanswered=tuple(tally.unanswered),
        suggestions_shown=tally.suggestions_shown,
        suggestions_chosen=tally.suggestions_chosen,
        handoffs=tuple(tally.handoffs),
        feedback_yes=tally.feedback_yes,
        feedback_no=tally.feedback_no,
        self_service=tuple(tally.self_service),
    )
