"""「もしかして」: when NLU is unsure, offer the likeliest questions as buttons."""
from __future__ import annotations

from pathlib import Path
from typing import Any, Dict, List, Text

import yaml
from rasa_sdk import Action, Tracker
from rasa_sdk.events import FollowupAction
from rasa_sdk.executor import CollectingDispatcher

from actions.actions import GIVE_UP_INTRO
from actions.clock import now_jst
from actions.contact import contact_text
from actions.kb.tokens import names_a_subject, terms
from actions.knowledge import (ELIGIBILITY_TOPICS, answer_eligibility, answer_figure, answer_item,
                               confident_item, mentioned_scheme)
from actions.scope import other_matter

TITLES: Dict[Text, Text] = yaml.safe_load(
    (Path(__file__).parent / "intent_titles.yml").read_text(encoding="utf-8")
)
MAX_SUGGESTIONS = 3
MIN_WORDS_TO_ANSWER = 2
MIN_CONFIDENCE = 0.1
SUGGEST_TEXT = "もしかして、次のようなご質問ですか？\n当てはまるものを選んでください。"
NONE_OF_THESE = {"title": "どれでもない", "payload": "/out_of_scope"}


def suggestions(intent_ranking: List[Dict[Text, Any]]) -> List[Text]:
    """Up to three suggestible intents, most confident first."""
    picked = [
        item["name"]
        for item in intent_ranking
        if item.get("name") in TITLES and item.get("confidence", 0) >= MIN_CONFIDENCE
    ]
    return picked[:MAX_SUGGESTIONS]


def give_up(dispatcher: CollectingDispatcher) -> List[Dict[Text, Any]]:
    """The apology with what the chat can answer and the call centre."""
    dispatcher.utter_message(text=f"{GIVE_UP_INTRO}\n\n{contact_text(now_jst())}")
    return []


class ActionSuggest(Action):
    """Answers the knowledge item that clearly fits; else 「もしかして」 buttons, or gives up."""

    def name(self) -> Text:
        return "action_suggest"

    async def run(
        self, dispatcher: CollectingDispatcher, tracker: Tracker, domain: Dict[Text, Any]
    ) -> List[Dict[Text, Any]]:
        if other_matter(tracker.latest_message.get("text")):
            return [FollowupAction("action_out_of_scope")]
        if not names_a_subject(tracker.latest_message.get("text") or ""):  # nothing to guess from
            return give_up(dispatcher)
        figure = answer_figure(dispatcher, tracker)
        if figure is not None:
            return figure
        ranked = [i.get("name") for i in tracker.latest_message.get("intent_ranking", [])[:3]]
        verdict = answer_eligibility(dispatcher, tracker) if ELIGIBILITY_TOPICS & set(ranked) else None
        if verdict is not None:
            return verdict
        # One word (「手続き」「書類」) is ambiguous however well it matches: offer もしかして instead.
        words = terms(tracker.latest_message.get("text") or "")[0]
        item = confident_item(tracker) if len(words) >= MIN_WORDS_TO_ANSWER else None
        if item is not None:
            return answer_item(dispatcher, item, mentioned_scheme(tracker) or tracker.get_slot("scheme"))
        candidates = suggestions(tracker.latest_message.get("intent_ranking", []))
        if not candidates:
            return give_up(dispatcher)
        buttons = [{"title": TITLES[name], "payload": f"/{name}"} for name in candidates]
        dispatcher.utter_message(text=SUGGEST_TEXT, buttons=buttons + [NONE_OF_THESE])
        return []
