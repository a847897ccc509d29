"""「解決しました」「解決しませんでした」 feedback: thanks, or help and the call centre."""
from __future__ import annotations

import re
import unicodedata
from typing import Any, Dict, List, Optional, Text

from rasa_sdk import Action, Tracker
from rasa_sdk.executor import CollectingDispatcher

from actions.clock import now_jst
from actions.contact import contact_text

RESOLVED_TEXT = "ご回答いただきありがとうございます。お役に立ててよかったです。\nほかにご質問があれば、お気軽にどうぞ。"
UNRESOLVED_TEXT = "お役に立てず申し訳ありません。\n言い方を変えてご質問いただくか、お電話でご相談ください。"
NEGATIVE = re.compile(r"ませんでした|なかった|ない|だめ|ダメ")
UNRESOLVED_BUTTONS = [
    {"title": "何を聞けますか", "payload": "/ask_capabilities"},
    {"title": "電話で相談したい", "payload": "/human_handoff"},
]


def resolved_from(tracker: Tracker) -> Optional[bool]:
    """True/False from the button's entity, else from the typed words."""
    value = next(tracker.get_latest_entity_values("resolved"), None)
    if value in ("yes", "no"):
        return value == "yes"
    text = unicodedata.normalize("NFKC", tracker.latest_message.get("text") or "")
    return not NEGATIVE.search(text) if text else None


class ActionFeedback(Action):
    """Answers feedback; on 解決しませんでした offers other routes and the call centre."""

    def name(self) -> Text:
        return "action_feedback"

    async def run(
        self, dispatcher: CollectingDispatcher, tracker: Tracker, domain: Dict[Text, Any]
    ) -> List[Dict[Text, Any]]:
        if resolved_from(tracker) is False:
            dispatcher.utter_message(
                text=f"{UNRESOLVED_TEXT}\n\n{contact_text(now_jst())}", buttons=UNRESOLVED_BUTTONS
            )
        else:
            dispatcher.utter_message(text=RESOLVED_TEXT)
        return []
