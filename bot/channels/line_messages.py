"""Turns one turn of Rasa output into LINE message objects: at most 5 texts, quick replies.

Pure functions, no I/O: texts over 5,000 characters are split at a line break, surplus
texts are merged into the last message, and Rasa buttons become postback quick replies.
"""
from __future__ import annotations

import logging
from typing import Any, Dict, List, Sequence, Text

logger = logging.getLogger(__name__)

MAX_MESSAGES = 5
MAX_TEXT_CHARS = 5000
MAX_QUICK_REPLIES = 13
MAX_LABEL_CHARS = 20
MAX_POSTBACK_CHARS = 300
JOINER = "\n\n"
OMITTED_NOTE = "\n…（長いため、以降を省略しました）"
CHOOSE_TEXT = "次の中からお選びください。"
GREETING_RESPONSE = "utter_greet"
NO_FEEDBACK_AFTER = ("/greet", "/feedback")
NO_FEEDBACK_KINDS = ("clarify", "greeting")  # custom markers of actions/knowledge.py and actions/greeting.py
FEEDBACK_BUTTONS = [
    {"title": "解決しました", "payload": '/feedback{"resolved":"yes"}'},
    {"title": "解決しませんでした", "payload": '/feedback{"resolved":"no"}'},
]

Message = Dict[Text, Any]


def split_text(text: Text, limit: int = MAX_TEXT_CHARS) -> List[Text]:
    """Pieces of at most `limit` characters, cut at the last line break in a piece's second half."""
    pieces: List[Text] = []
    rest = text.strip()
    while len(rest) > limit:
        cut = rest.rfind("\n", limit // 2, limit)
        cut = cut if cut > 0 else limit
        pieces.append(rest[:cut].rstrip())
        rest = rest[cut:].lstrip("\n")
    if rest:
        pieces.append(rest)
    return pieces


def fit_texts(
    texts: Sequence[Text], max_messages: int = MAX_MESSAGES, limit: int = MAX_TEXT_CHARS
) -> List[Text]:
    """At most `max_messages` texts of at most `limit` characters, in order, nothing lost.

    Surplus texts are merged from the end (into the last message); only when no neighbours
    fit together any more is the last message cut short, with a note.
    """
    pieces = [piece for text in texts for piece in split_text(text, limit)]
    while len(pieces) > max_messages:
        mergeable = [
            i for i in range(len(pieces) - 1)
            if len(pieces[i]) + len(JOINER) + len(pieces[i + 1]) <= limit
        ]
        if not mergeable:
            kept = pieces[max_messages - 1][: limit - len(OMITTED_NOTE)] + OMITTED_NOTE
            omitted = sum(map(len, pieces[max_messages - 1:])) - len(kept) + len(OMITTED_NOTE)
            logger.warning("LINE reply too long: %d characters omitted.", omitted)
            return pieces[: max_messages - 1] + [kept]
        i = mergeable[-1]
        pieces[i: i + 2] = [pieces[i] + JOINER + pieces[i + 1]]
    return pieces


def shorten_label(title: Text, limit: int = MAX_LABEL_CHARS) -> Text:
    """The title, or its start with "…" when longer than LINE's label limit."""
    title = title.strip()
    if len(title) <= limit:
        return title
    return title[: limit - 1].rstrip(" 　・、。（(") + "…"


def quick_reply_items(buttons: Sequence[Dict[Text, Any]]) -> List[Message]:
    """Postback quick-reply items for usable buttons (deduplicated by payload, not capped)."""
    items: List[Message] = []
    seen = set()
    for button in buttons:
        title, payload = button.get("title"), button.get("payload")
        if not (isinstance(title, str) and title.strip() and isinstance(payload, str)):
            continue
        if not payload or len(payload) > MAX_POSTBACK_CHARS or payload in seen:
            continue
        seen.add(payload)
        items.append({
            "type": "action",
            "action": {
                "type": "postback",
                "label": shorten_label(title),
                "data": payload,
                "displayText": title.strip()[:MAX_POSTBACK_CHARS],
            },
        })
    return items


def wants_feedback(user_text: Text, bot_messages: Sequence[Message]) -> bool:
    """Feedback quick replies go under answers: not the greeting, the reply to feedback or a
    clarifying question or the greeting (custom kind "clarify" / "greeting")."""
    if user_text.strip().startswith(NO_FEEDBACK_AFTER):
        return False
    if any(isinstance(m.get("custom"), dict) and m["custom"].get("kind") in NO_FEEDBACK_KINDS for m in bot_messages):
        return False
    return not any(m.get("utter_action") == GREETING_RESPONSE for m in bot_messages)


def text_message(text: Text) -> Message:
    """A LINE text message object."""
    return {"type": "text", "text": text}


def build_reply(bot_messages: Sequence[Message], feedback: bool) -> List[Message]:
    """LINE message objects for a turn; the turn's buttons as quick replies on the last one."""
    texts = [m["text"] for m in bot_messages
             if isinstance(m.get("text"), str) and m["text"].strip()]
    buttons = [b for m in bot_messages for b in (m.get("buttons") or []) if isinstance(b, dict)]
    if not texts and not buttons:
        return []
    messages = [text_message(text) for text in fit_texts(texts or [CHOOSE_TEXT])]
    items = quick_reply_items(buttons + (FEEDBACK_BUTTONS if feedback else []))
    if len(items) > MAX_QUICK_REPLIES:
        items = quick_reply_items(buttons)[:MAX_QUICK_REPLIES]
    if items:
        messages[-1]["quickReply"] = {"items": items}
    return messages
