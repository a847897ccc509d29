"""The eligibility checker: a Rasa form that asks only what the verdict needs."""
from __future__ import annotations

from typing import Any, Dict, List, Optional, Text

from rasa_sdk import Action, FormValidationAction, Tracker
from rasa_sdk.events import SlotSet
from rasa_sdk.executor import CollectingDispatcher
from rasa_sdk.types import DomainDict

from actions.eligibility import (
    ELIGIBLE,
    FINAL_NOTE,
    INDUSTRIES,
    SAFETY_ENTITY_TYPES,
    SHOKIBO_ROLES,
    UNKNOWN_PATTERN,
    YEARS,
    fold,
    heading_for,
    is_stop,
    next_question,
    parse_capital_man,
    parse_choice,
    parse_count,
    relevant_questions,
    verdict,
)
from actions.eligibility_reading import eligibility_reply, read_situation
from actions.kb.items import Item
from actions.kb.tokens import VAGUE_LEMMAS, terms
from actions.knowledge import VERDICT_BUTTONS, answer_item, confident_item, current_scheme, mentioned_scheme
from actions.schemes import SCHEME_NAMES

ANSWER_SLOTS = ("elig_role", "elig_entity_type", "elig_years", "elig_industry",
                "elig_employees", "elig_capital")
RETRY_TEXT = "すみません、読み取れませんでした。ボタンから選ぶか、もう一度入力してください。\n（「やめる」で確認を中止します）"
NUMBER_RETRY_TEXT = "すみません、数字で入力してください（例: 3人）。\n（「やめる」で確認を中止します）"
STOPPED_TEXT = "加入資格の確認を中止しました。ほかにご質問があればどうぞ。"


# Items that ask the checker's own question: with them the checker starts as usual.
CHECKER_ITEMS = ("elig_who",)
# Words of the checker's own question (「小規模企業共済に入れるか確認したい」): a message with
# nothing else is the checker's, not a knowledge question.
CHECKER_WORDS = {"小", "規模", "小規模", "企業", "共済", "セーフティ", "セーフティー", "経営", "倒産", "防止", "中小",
                 "入れる", "入る", "加入", "確認", "診断", "条件", "資格", "可能", "大丈夫", "調べる", "判定",
                 "無理", "駄目", "知る", "欲しい", "個人", "事業", "主", "会社", "法人"}


def answering_item(tracker: Tracker) -> Optional[Item]:
    """At the checker's start, the knowledge item that answers a question the checker cannot settle
    (「年齢制限はありますか」「申込みに何を見せる？」): then that item answers instead of the checker."""
    text = tracker.latest_message.get("text") or ""
    if tracker.get_slot("requested_slot") is not None or text.startswith("/"):
        return None
    if eligibility_reply(text, mentioned_scheme(tracker)):
        return None
    if not [lemma for lemma in terms(text)[0] if lemma not in CHECKER_WORDS and lemma not in VAGUE_LEMMAS]:
        return None
    item = confident_item(tracker)
    return item if item is not None and not item.declines and item.id not in CHECKER_ITEMS else None


class ValidateEligibilityForm(FormValidationAction):
    """Extracts and validates the checker's answers; decides the next question."""

    def name(self) -> Text:
        return "validate_eligibility_form"

    async def required_slots(
        self, domain_slots: List[Text], dispatcher: CollectingDispatcher,
        tracker: Tracker, domain: DomainDict,
    ) -> List[Text]:
        """The questions on this user's path; the first unanswered one is asked next."""
        if tracker.get_slot("elig_stopped"):
            return []
        answers = {slot: tracker.get_slot(slot) for slot in ("scheme", *ANSWER_SLOTS)}
        if answering_item(tracker) is not None:
            return []  # a knowledge question: the verdict action answers it with the item
        if tracker.get_slot("requested_slot") is None:  # starting: count what the message says
            answers["scheme"] = answers["scheme"] or mentioned_scheme(tracker)
            if answers["scheme"] in SCHEME_NAMES:
                said = read_situation(tracker.latest_message.get("text"), answers["scheme"])
                answers.update({k: v for k, v in said.items() if answers.get(k) is None})
                path = relevant_questions(answers)
                if next_question(answers) is not None and eligibility_reply(
                        tracker.latest_message.get("text"), answers["scheme"]):
                    return []  # settled with stated assumptions: the verdict action says which
                return path + [slot for slot in said if slot not in path]  # kept for later questions
            elif eligibility_reply(tracker.latest_message.get("text"), None):
                return []
        return relevant_questions(answers)

    def _answer_text(self, tracker: Tracker, slot: Text) -> Dict[Text, Any]:
        """The raw reply to the slot being asked; when the checker starts, what the message says."""
        text = tracker.latest_message.get("text") or ""
        requested = tracker.get_slot("requested_slot")
        if requested is None:
            scheme = mentioned_scheme(tracker) or tracker.get_slot("scheme")
            said = read_situation(text, scheme).get(slot) if scheme in SCHEME_NAMES else None
            return {slot: said} if said is not None else {}
        return {slot: text} if requested == slot else {}

    async def extract_scheme(self, dispatcher: CollectingDispatcher, tracker: Tracker,
                             domain: DomainDict) -> Dict[Text, Any]:
        named = mentioned_scheme(tracker)
        if named:
            return {"scheme": named}
        if tracker.get_slot("requested_slot") == "scheme":
            return {"scheme": tracker.latest_message.get("text") or ""}
        return {}

    async def extract_elig_role(self, dispatcher, tracker, domain) -> Dict[Text, Any]:
        return self._answer_text(tracker, "elig_role")

    async def extract_elig_entity_type(self, dispatcher, tracker, domain) -> Dict[Text, Any]:
        return self._answer_text(tracker, "elig_entity_type")

    async def extract_elig_years(self, dispatcher, tracker, domain) -> Dict[Text, Any]:
        return self._answer_text(tracker, "elig_years")

    async def extract_elig_industry(self, dispatcher, tracker, domain) -> Dict[Text, Any]:
        return self._answer_text(tracker, "elig_industry")

    async def extract_elig_employees(self, dispatcher, tracker, domain) -> Dict[Text, Any]:
        return self._answer_text(tracker, "elig_employees")

    async def extract_elig_capital(self, dispatcher, tracker, domain) -> Dict[Text, Any]:
        return self._answer_text(tracker, "elig_capital")

    def _checked(self, slot: Text, value: Any, parsed: Optional[Any],
                 dispatcher: CollectingDispatcher, retry: Text = RETRY_TEXT) -> Dict[Text, Any]:
        """Stops on request, keeps a parsed answer, or asks again."""
        if is_stop(value):
            return {slot: None, "elig_stopped": True}
        if parsed is None:
            dispatcher.utter_message(text=retry)
        return {slot: parsed}

    async def validate_scheme(self, value, dispatcher, tracker, domain) -> Dict[Text, Any]:
        parsed = value if value in SCHEME_NAMES else None
        return self._checked("scheme", value, parsed, dispatcher)

    async def validate_elig_role(self, value, dispatcher, tracker, domain) -> Dict[Text, Any]:
        parsed = parse_choice("elig_role", value, SHOKIBO_ROLES)
        return self._checked("elig_role", value, parsed, dispatcher)

    async def validate_elig_entity_type(self, value, dispatcher, tracker, domain) -> Dict[Text, Any]:
        parsed = parse_choice("elig_entity_type", value, SAFETY_ENTITY_TYPES)
        return self._checked("elig_entity_type", value, parsed, dispatcher)

    async def validate_elig_years(self, value, dispatcher, tracker, domain) -> Dict[Text, Any]:
        parsed = parse_choice("elig_years", value, YEARS)
        return self._checked("elig_years", value, parsed, dispatcher)

    async def validate_elig_industry(self, value, dispatcher, tracker, domain) -> Dict[Text, Any]:
        scheme = tracker.get_slot("scheme")
        labels = {key: industry.label for key, industry in INDUSTRIES[scheme].items()}
        parsed = parse_choice(f"{scheme}_industry", value, labels)
        return self._checked("elig_industry", value, parsed, dispatcher)

    async def validate_elig_employees(self, value, dispatcher, tracker, domain) -> Dict[Text, Any]:
        parsed = parse_count(value)
        return self._checked("elig_employees", value, parsed, dispatcher, NUMBER_RETRY_TEXT)

    async def validate_elig_capital(self, value, dispatcher, tracker, domain) -> Dict[Text, Any]:
        if UNKNOWN_PATTERN.search(fold(value)):
            return {"elig_capital": "unknown"}
        parsed = parse_capital_man(value)
        retry = "すみません、金額で入力してください（例: 1000万円、3億円）。\n（「やめる」で確認を中止します）"
        return self._checked("elig_capital", value, parsed, dispatcher, retry)


class ActionEligibilityVerdict(Action):
    """Says whether the user can join, why, and where to apply; then clears the answers."""

    def name(self) -> Text:
        return "action_eligibility_verdict"

    async def run(self, dispatcher: CollectingDispatcher, tracker: Tracker,
                  domain: DomainDict) -> List[Dict[Text, Any]]:
        reset = [SlotSet(slot, None) for slot in (*ANSWER_SLOTS, "elig_stopped")]
        scheme = tracker.get_slot("scheme")
        answers = {slot: tracker.get_slot(slot) for slot in ("scheme", *ANSWER_SLOTS)}
        if tracker.get_slot("elig_stopped"):
            dispatcher.utter_message(text=STOPPED_TEXT)
            return reset
        if scheme not in SCHEME_NAMES or next_question(answers) is not None:
            # The first message settled it (the checker asked nothing): verdicts as the message allows.
            reply = eligibility_reply(tracker.latest_message.get("text"), scheme if scheme in SCHEME_NAMES else None)
            item = None if reply else answering_item(tracker)
            if item is not None:
                return reset + answer_item(dispatcher, item, current_scheme(tracker))
            dispatcher.utter_message(text=reply or STOPPED_TEXT, buttons=VERDICT_BUTTONS if reply else [])
            return reset
        result = verdict(answers)
        name = SCHEME_NAMES[scheme]
        heading = heading_for(result.outcome, name)
        buttons = [{"title": "加入の窓口・方法", "payload": "/ask_enrol"}]
        if result.outcome != ELIGIBLE:
            buttons.append({"title": "電話で相談したい", "payload": "/human_handoff"})
        dispatcher.utter_message(
            text=f"{heading}\n\n{result.reason}\n{FINAL_NOTE}", buttons=buttons
        )
        return reset + [SlotSet("last_answer", f"utter_ask_eligibility_{scheme}")]
