"""Answers to knowledge questions: the knowledge item that answers the question (data/kb/),
or else the topic's overview, picked by topic (intent) and scheme.

Response names follow one convention, so content staff add topics without code:
`utter_<intent>_shokibo` / `utter_<intent>_safety` (answer differs by scheme),
`utter_<intent>_other` (a one-scheme topic asked about the other scheme),
`utter_<intent>` (same for both), and `<response>_detail` for 「詳しく」.
"""
from __future__ import annotations

from dataclasses import dataclass
from typing import Any, Collection, Dict, List, Optional, Text

from rasa_sdk import Action, Tracker
from rasa_sdk.events import FollowupAction, SlotSet
from rasa_sdk.executor import CollectingDispatcher

from actions.answer_dates import date_variables, item_variables
from actions.clock import now_jst
from actions.contact import contact_text
from actions.calculators import saving_form
from actions.calculators.month_dates import dated_reply
from actions.calculators.answers import NEED_INCOME, asks_saving_figure, figure_reply, saving_follow_up
from actions.eligibility_reading import eligibility_reply
from actions.kb.compose import compose, compose_detail, fill, item_payload
from actions.kb.items import Item
from actions.kb.live import LiveRanker
from actions.kb.ranker import Scored, topic_prior
from actions.schemes import SAFETY, SCHEME_NAMES, SHOKIBO, detect_scheme
from actions.scope import other_matter

ASK_SCHEME_TEXT = "どちらの制度についてのご質問ですか？"
CLARIFY = {"kind": "clarify"}  # marks a clarifying question: channels add no feedback buttons
NO_DETAIL_TEXT = (
    "申し訳ありません。このご質問について、チャットでご案内できるのはここまでです。\n"
    "詳しくは共済相談室へお問い合わせください。"
)
ASK_QUESTION_TEXT = "{name}についてですね。ご質問を入力してください。"
PICK_TEXT = "次のご質問でしたら、ボタンからお選びください。"
ITEM_PREFIX = "kb:"  # last_answer / pending_topic values that name a knowledge item
MAX_ITEM_BUTTONS = 3
MAX_TOPIC_BUTTONS = 5
KNOWLEDGE = LiveRanker()
# Topics where the message may already hold the checker's answers (industry, head count, legal form …).
ELIGIBILITY_TOPICS = {"ask_eligibility", "ask_regular_employees"}
FIGURE_BUTTONS = [{"title": "税金の扱い", "payload": "/ask_tax"},
                  {"title": "電話で相談したい", "payload": "/human_handoff"}]
VERDICT_BUTTONS = [{"title": "加入資格を確認する", "payload": "/check_eligibility"},
                   {"title": "加入の窓口・方法", "payload": "/ask_enrol"}]


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


def current_scheme(tracker: Tracker) -> Optional[Text]:
    """The scheme named now, else the conversation's; anything else (a typed payload) is none."""
    scheme = mentioned_scheme(tracker) or tracker.get_slot("scheme")
    return scheme if scheme in SCHEME_NAMES else None


def utter_response(dispatcher: CollectingDispatcher, response: Text) -> None:
    """Sends a response, filling in this year's computed dates where it has any."""
    dispatcher.utter_message(response=response, **date_variables(response, now_jst().date()))


def utter_with_questions(
    dispatcher: CollectingDispatcher, domain: Dict[Text, Any], response: Text,
    questions: List[Dict[Text, Text]],
) -> None:
    """Sends a response with question buttons in front of its own (rendered here for the order)."""
    variations = domain.get("responses", {}).get(response) or [{}]
    if not questions or "text" not in variations[0]:
        utter_response(dispatcher, response)
        return
    text = fill(variations[0]["text"], date_variables(response, now_jst().date()))
    own = [{"title": b["title"], "payload": b["payload"].replace("{{", "{").replace("}}", "}")}
           for b in variations[0].get("buttons", [])]
    dispatcher.utter_message(text=text, buttons=(questions + own)[:MAX_TOPIC_BUTTONS])


def item_of(value: Optional[Text]) -> Optional[Item]:
    """The knowledge item a slot value names (kb:<id>), if it still exists."""
    if not value or not value.startswith(ITEM_PREFIX):
        return None
    return KNOWLEDGE.get().kb.get(value[len(ITEM_PREFIX):])


def rank_message(tracker: Tracker) -> List[Scored]:
    """The knowledge items for the latest message, best first (none for a button's /intent payload)."""
    message = tracker.latest_message
    if (message.get("text") or "").startswith("/"):
        return []
    prior = topic_prior(message.get("intent_ranking") or [])
    return KNOWLEDGE.get().rank(message.get("text") or "", prior, mentioned_scheme(tracker))


def confident_item(tracker: Tracker) -> Optional[Item]:
    """The item that clearly answers the latest message, if there is one."""
    ranked = rank_message(tracker)
    return ranked[0].item if KNOWLEDGE.get().confident(ranked) else None


def answer_item(
    dispatcher: CollectingDispatcher, item: Item, scheme: Optional[Text]
) -> List[Dict[Text, Any]]:
    """Sends an item's answer (or asks the scheme first) and records it for 詳しく and follow-ups."""
    if item.declines:
        return [FollowupAction("action_out_of_scope")]
    reply = compose(item, scheme if scheme in item.schemes else None, item_variables(now_jst().date()))
    if reply is None:
        dispatcher.utter_message(text=ASK_SCHEME_TEXT, json_message=CLARIFY, buttons=[
            {"title": SCHEME_NAMES[s], "payload": item_payload(item.id, s)} for s in (SHOKIBO, SAFETY)])
        return [SlotSet("pending_topic", ITEM_PREFIX + item.id)]
    dispatcher.utter_message(text=reply.text, buttons=reply.buttons)
    return [
        SlotSet("scheme", reply.scheme or scheme),
        SlotSet("pending_topic", None),
        SlotSet("last_answer", ITEM_PREFIX + item.id),
    ]


def user_texts(tracker: Tracker, last: int = 6) -> List[Text]:
    """The conversation's latest user messages, oldest first (for follow-ups that keep figures)."""
    texts = [e.get("text") or "" for e in tracker.events if e.get("event") == "user"]
    latest = tracker.latest_message.get("text") or ""
    if not texts or texts[-1] != latest:
        texts.append(latest)
    return texts[-last:]


def answer_figure(dispatcher: CollectingDispatcher, tracker: Tracker) -> Optional[List[Dict[Text, Any]]]:
    """A 試算 (節税額, 解約手当金, 貸付) when the message asks for one; None otherwise."""
    scheme = current_scheme(tracker)
    texts = user_texts(tracker)
    reply = saving_follow_up(texts[-1], tracker.get_slot(saving_form.INCOME)) if scheme != SAFETY else None
    today = now_jst().date()
    reply = reply or dated_reply(texts[-1], scheme, today) or figure_reply(texts, scheme)
    if reply == NEED_INCOME or (reply is None and asks_saving_figure(texts[-1], scheme)):
        return [*saving_form.start_events(texts[-1], None, None), FollowupAction(saving_form.FORM)]
    if reply is None:
        return None
    dispatcher.utter_message(text=reply, buttons=FIGURE_BUTTONS)
    return [SlotSet("pending_topic", None)]


def answer_eligibility(dispatcher: CollectingDispatcher, tracker: Tracker) -> Optional[List[Dict[Text, Any]]]:
    """The verdict when the message already settles it (industry, head count, legal form …); else None."""
    named = mentioned_scheme(tracker)
    verdicts = eligibility_reply(tracker.latest_message.get("text"), named)
    if not verdicts:
        return None
    dispatcher.utter_message(text=verdicts, buttons=VERDICT_BUTTONS)
    return [SlotSet("pending_topic", None),
            SlotSet("last_answer", f"utter_ask_eligibility_{named}" if named else None)]


def item_buttons(ranked: List[Scored], topic: Optional[Text]) -> List[Dict[Text, Text]]:
    """Buttons for the best few items of a topic, for when no item is clearly the answer."""
    picked = [s.item for s in ranked if s.item.topic == topic and not s.item.declines]
    return [{"title": item.title, "payload": item_payload(item.id)} for item in picked[:MAX_ITEM_BUTTONS]]


class ActionAnswer(Action):
    """Answers a knowledge question: the item that answers it, else the topic's overview."""

    def name(self) -> Text:
        return "action_answer"

    async def run(
        self, dispatcher: CollectingDispatcher, tracker: Tracker, domain: Dict[Text, Any]
    ) -> List[Dict[Text, Any]]:
        intent = tracker.latest_message.get("intent", {}).get("name")
        scheme = current_scheme(tracker)
        if intent == "choose_item":
            item = KNOWLEDGE.get().kb.get(next(tracker.get_latest_entity_values("item"), None))
            if item is None:
                dispatcher.utter_message(response="utter_anything_else")
                return [SlotSet("pending_topic", None)]
            return answer_item(dispatcher, item, scheme)
        if intent == "choose_scheme":
            pending = tracker.get_slot("pending_topic") or tracker.get_slot("last_answer")
            item = item_of(pending)
            if item is not None:
                return answer_item(dispatcher, item, scheme)
            return self._topic(dispatcher, tracker, domain, None, scheme)
        if other_matter(tracker.latest_message.get("text")):
            return [FollowupAction("action_out_of_scope")]
        verdict = answer_eligibility(dispatcher, tracker) if intent in ELIGIBILITY_TOPICS else None
        if verdict is not None:
            return verdict
        figure = answer_figure(dispatcher, tracker)
        if figure is not None:
            return figure
        ranked = rank_message(tracker)
        if KNOWLEDGE.get().confident(ranked):
            return answer_item(dispatcher, ranked[0].item, scheme)
        return self._topic(dispatcher, tracker, domain, ranked, scheme)

    @staticmethod
    def _topic(
        dispatcher: CollectingDispatcher, tracker: Tracker, domain: Dict[Text, Any],
        ranked: Optional[List[Scored]], scheme: Optional[Text],
    ) -> List[Dict[Text, Any]]:
        """The topic's overview (or which scheme?), with buttons for its likeliest questions."""
        intent = tracker.latest_message.get("intent", {}).get("name")
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
        questions = item_buttons(ranked or [], topic)
        if decision.ask_scheme:
            dispatcher.utter_message(text=ASK_SCHEME_TEXT, json_message=CLARIFY,
                                     buttons=questions[:2] + scheme_buttons())
            return [SlotSet("pending_topic", topic)]
        utter_with_questions(dispatcher, domain, decision.response, questions)
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
        item = item_of(last)
        if item is not None:
            text = compose_detail(item, tracker.get_slot("scheme"), item_variables(now_jst().date()))
            if text:
                dispatcher.utter_message(text=text)
                return []
        detail = f"{last}_detail" if last and item is None else None
        if detail and detail in domain.get("responses", {}):
            utter_response(dispatcher, detail)
            return [SlotSet("last_answer", detail)]
        dispatcher.utter_message(text=f"{NO_DETAIL_TEXT}\n\n{contact_text(now_jst())}")
        return []
