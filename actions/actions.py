"""Custom actions for conversation basics: contact info, fallback and out of scope."""
from __future__ import annotations

import unicodedata
from typing import Any, Dict, List, Text

from rasa_sdk import Action, Tracker
from rasa_sdk.executor import CollectingDispatcher

from actions.clock import now_jst
from actions.contact import SMRJ_URL, contact_text
from actions.knowledge import answer_figure, rank_message
from actions.scope import COMPARABLE, other_matter

CAPABILITIES_BUTTON = {"title": "何を聞けますか", "payload": "/ask_capabilities"}
GIVE_UP_INTRO = (
    "申し訳ありません。ご質問の内容を理解できませんでした。\n"
    "言い方を変えて、もう一度お試しください。\n\n"
    "このチャットでは、小規模企業共済と経営セーフティ共済について、"
    "加入資格・掛金・税金の扱い・証明書・お手続きなどをご案内しています。"
)
OUT_OF_SCOPE_INTRO = (
    "申し訳ありません。そのご質問には、このチャットではお答えできません。\n"
    "このチャットでは、小規模企業共済と経営セーフティ共済についてご案内しています。\n\n"
    f"中小機構のほかの支援策は、中小機構ホームページ（{SMRJ_URL}）をご覧ください。"
)
SCOPE_NOTE = "このチャットでは、小規模企業共済と経営セーフティ共済についてご案内しています。"
CONTACT_INTRO = "担当者とのご相談は、お電話で承っています。"


def decline_text(tracker: Tracker) -> Text:
    """The polite refusal: the near-miss item's own words (where to ask) when one matches."""
    ranked = rank_message(tracker)
    if ranked and ranked[0].item.declines and ranked[0].lexical > 0:
        hint = ranked[0].item.answer_for(None) or ""
        apology = "" if hint.startswith("申し訳") else "申し訳ありません。"
        return f"{apology}{hint}\n\n{SCOPE_NOTE}"
    return OUT_OF_SCOPE_INTRO


class ActionContactInfo(Action):
    """Gives the call centre's number and hours, and after-hours alternatives."""

    def name(self) -> Text:
        return "action_contact_info"

    async def run(
        self, dispatcher: CollectingDispatcher, tracker: Tracker, domain: Dict[Text, Any]
    ) -> List[Dict[Text, Any]]:
        dispatcher.utter_message(text=f"{CONTACT_INTRO}\n\n{contact_text(now_jst())}")
        return []


class ActionGiveUp(Action):
    """Apologises, says what the assistant can answer, and gives the call centre."""

    def name(self) -> Text:
        return "action_give_up"

    async def run(
        self, dispatcher: CollectingDispatcher, tracker: Tracker, domain: Dict[Text, Any]
    ) -> List[Dict[Text, Any]]:
        dispatcher.utter_message(
            text=f"{GIVE_UP_INTRO}\n\n{contact_text(now_jst())}",
            buttons=[CAPABILITIES_BUTTON],
        )
        return []


class ActionOutOfScope(Action):
    """Declines questions outside the two schemes and points to the right place."""

    def name(self) -> Text:
        return "action_out_of_scope"

    async def run(
        self, dispatcher: CollectingDispatcher, tracker: Tracker, domain: Dict[Text, Any]
    ) -> List[Dict[Text, Any]]:
        text = tracker.latest_message.get("text") or ""
        if not other_matter(text) and not COMPARABLE.search(unicodedata.normalize("NFKC", text)):
            figure = answer_figure(dispatcher, tracker)  # a 試算 with its figures is never out of scope
            if figure is not None and not any(e.get("event") == "followup" for e in figure):
                return figure
        dispatcher.utter_message(
            text=f"{decline_text(tracker)}\n\n{contact_text(now_jst())}",
            buttons=[CAPABILITIES_BUTTON],
        )
        return []
