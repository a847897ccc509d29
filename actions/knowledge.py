"""Answers to knowledge questions, picked by topic (intent) and scheme.

Response names follow one convention, so content staff add topics without code:
`utter_<intent>_shokibo` / `utter_<intent>_safety` (answer differs by scheme),
`utter_<intent>_other` (a one-scheme topic asked about the other scheme),
`utter_<intent>` (same for both), and `<response>_detail` for 「詳しく」.
"""
from __future__ import annotations

from dataclasses import dataclass
from typing import Any, Collection, Dict, List, Optional, Text

from rasa_sdk import Action, Tracker
from rasa_sdk.events import SlotSet
from rasa_sdk.executor import CollectingDispatcher

from actions.answer_dates import date_variables
from actions.clock import now_jst
from actions.contact import contact_text
from actions.schemes import SAFETY, SCHEME_NAMES, SHOKIBO, detect_scheme

ASK_SCHEME_TEXT = "どちらの制度についてのご質問ですか？"
NO_DETAIL_TEXT = (
    "申し訳ありません。このご質問について、チャットでご案内できるのはここまでです。\n"
    "詳しくは共済相談室へお問い合わせください。"
)
ASK_QUESTION_TEXT = "{name}についてですね。ご質問を入力してください。"


@dataclass(frozen=True)
class Decision:
    """What to say: a response name, or a question about the scheme."""

    response: Optional[Text] = None
    ask_scheme: bool = False
    scheme: Optional[Text] = None


def choose_response(topic: Text, scheme: Optional[Text], names: Collection[Text]) -> Optional[Decision]:
    """Picks the response for a topic and (possibly unknown) scheme; None if there is none."""
    per_scheme = [s for s in (SHOKIBO, SAFETY) if f"utter_{topic}_{s}" in names]
    if len(per_scheme) == 2:
        if scheme is None:
            return Decision(ask_scheme=True)
        return Decision(response=f"utter_{topic}_{scheme}", scheme=scheme)
    if len(per_scheme) == 1:
        only = per_scheme[0]
        if scheme not in (None, only) and f"utter_{topic}_other" in names:
            return Decision(response=f"utter_{topic}_other", scheme=scheme)
        return Decision(response=f"utter_{topic}_{only}", scheme=scheme)
    if f"utter_{topic}" in names:
        return Decision(response=f"utter_{topic}", scheme=scheme)
    return None


def topic_of(response: Optional[Text]) -> Optional[Text]:
    """The topic (intent) of an answer name: 「じゃあセーフティは？」 asks it again for the other scheme."""
    if not response or not response.startswith("utter_"):
        return None
    name = response[len("utter_"):].removesuffix("_detail")
    for suffix in (f"_{SHOKIBO}", f"_{SAFETY}", "_other"):
        name = name.removesuffix(suffix)
    return name


def scheme_buttons() -> List[Dict[Text, Text]]:
    """Two quick replies that name a scheme."""
    return [
        {"title": SCHEME_NAMES[s], "payload": f'/choose_scheme{{"scheme":"{s}"}}'}
        for s in (SHOKIBO, SAFETY)
    ]


def mentioned_scheme(tracker: Tracker) -> Optional[Text]:
    """The scheme named in the latest message (typed or from a button), if any."""
    typed = detect_scheme(tracker.latest_message.get("text"))
    if typed:
        return typed
    entity = next(tracker.get_latest_entity_values("scheme"), None)
    return entity if entity in SCHEME_NAMES else None


def utter_response(dispatcher: CollectingDispatcher, response: Text) -> None:
    """Sends a response, filling in this year's computed dates where it has any."""
    dispatcher.utter_message(response=response, **date_variables(response, now_jst().date()))


class ActionAnswer(Action):
    """Answers a knowledge question, asking which scheme when the answer depends on it."""

    def name(self) -> Text:
        return "action_answer"

    async def run(
        self, dispatcher: CollectingDispatcher, tracker: Tracker, domain: Dict[Text, Any]
    ) -> List[Dict[Text, Any]]:
        intent = tracker.latest_message.get("intent", {}).get("name")
        scheme = mentioned_scheme(tracker) or tracker.get_slot("scheme")
        topic = intent
        if intent == "choose_scheme":
            topic = tracker.get_slot("pending_topic") or topic_of(tracker.get_slot("last_answer"))
            if not topic:
                name = SCHEME_NAMES.get(scheme or "", "制度")
                dispatcher.utter_message(text=ASK_QUESTION_TEXT.format(name=name))
                return [SlotSet("scheme", scheme)]
        decision = choose_response(topic, scheme, domain.get("responses", {}))
        if decision is None:
            dispatcher.utter_message(response="utter_anything_else")
            return [SlotSet("pending_topic", None)]
        if decision.ask_scheme:
            dispatcher.utter_message(text=ASK_SCHEME_TEXT, buttons=scheme_buttons())
            return [SlotSet("pending_topic", topic)]
        utter_response(dispatcher, decision.response)
        return [
            SlotSet("scheme", decision.scheme),
            SlotSet("pending_topic", None),
            SlotSet("last_answer", decision.response),
        ]


class ActionAnswerMore(Action):
    """Gives the 「詳しく」 version of the last answer, or the call centre if there is none."""

    def name(self) -> Text:
        return "action_answer_more"

    async def run(
        self, dispatcher: CollectingDispatcher, tracker: Tracker, domain: Dict[Text, Any]
    ) -> List[Dict[Text, Any]]:
        last = tracker.get_slot("last_answer")
        detail = f"{last}_detail" if last else None
        if detail and detail in domain.get("responses", {}):
            utter_response(dispatcher, detail)
            return [SlotSet("last_answer", detail)]
        dispatcher.utter_message(text=f"{NO_DETAIL_TEXT}\n\n{contact_text(now_jst())}")
        return []
