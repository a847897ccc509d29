"""The guided 節税額シミュレーション (小規模企業共済): a form that asks 課税所得 and 掛金月額 (X02).

Started by the 「節税額を試算する」 button (`/calc_tax_saving`, optionally with a 掛金月額) or by a
typed request without both figures (actions/knowledge.py); the figures stay for follow-ups.
"""
from __future__ import annotations

import re
from typing import Any, Dict, List, Optional, Text

from rasa_sdk import Action, FormValidationAction, Tracker
from rasa_sdk.events import EventType, SlotSet
from rasa_sdk.executor import CollectingDispatcher
from rasa_sdk.types import DomainDict

from actions.calculators.answers import MONTHLY_RANGE_TEXT, saving_text, valid_shokibo_monthly
from actions.calculators.reading import amounts, fold, monthly_premium, taxable_income
from actions.eligibility import is_stop

FORM = "tax_saving_form"
INCOME, MONTHLY, STOPPED = "calc_income", "calc_monthly", "calc_stopped"
START_INTENT = "calc_tax_saving"
MAX_INCOME = 10_000_000_000  # 100億円: beyond it, a typo rather than an income
STOP_NOTE = "\n（「やめる」で試算を中止します）"
INCOME_RETRY = "すみません、課税所得を金額で入力してください（例: 400万）。" + STOP_NOTE
NOT_INCOME_TEXT = ("年収や売上ではなく、課税所得（確定申告書の「課税される所得金額」）で計算します。"
                   "課税所得を入力してください（例: 400万）。" + STOP_NOTE)
STOPPED_TEXT = "節税額の試算を中止しました。ほかにご質問があればどうぞ。"
OTHER_MONTHLY = (10_000, 30_000, 50_000, 70_000)
RESULT_BUTTONS = [{"title": "税金の扱い", "payload": "/ask_tax"},
                  {"title": "加入の窓口・方法", "payload": "/ask_enrol"}]
_BARE_NUMBER = re.compile(r"(\d{1,5})(?:万円?)?")
NOT_INCOME_WORDS = re.compile(r"年収|売上|収入")


def start_payload(monthly: Optional[int] = None) -> str:
    """The button payload that starts the calculator, optionally with a 掛金月額 already chosen."""
    return f'/{START_INTENT}{{"monthly":"{monthly}"}}' if monthly else f"/{START_INTENT}"


def parse_income(text: Any) -> Optional[int]:
    """課税所得 from an answer: 「400万」「４００万円」「4,000,000」; a bare 「400」 means 万円."""
    if isinstance(text, int):
        return text
    found = taxable_income(text) or next((a.yen for a in amounts(text)), None)
    if found is None:
        bare = _BARE_NUMBER.fullmatch(fold(text))
        found = int(bare.group(1)) * 10_000 if bare else None
    return found if found is not None and 0 < found <= MAX_INCOME else None


def parse_monthly(text: Any) -> Optional[int]:
    """掛金月額 from an answer: 「月3万」「30000円」「3万円」; a bare 1–7 means 万円."""
    if isinstance(text, int):
        return text
    found = monthly_premium(text, 1, 10_000_000)
    if found is None:
        bare = re.fullmatch(r"月?([1-7])", fold(text))
        found = int(bare.group(1)) * 10_000 if bare else None
    return found


def start_events(text: Optional[str], entity_monthly: Optional[str], kept_income: Any) -> List[EventType]:
    """Slots when the calculator starts: figures the message or button gives, the kept 課税所得
    when only a new 掛金月額 comes, nothing else from earlier."""
    monthly = parse_monthly(entity_monthly) if entity_monthly else monthly_premium(text, 1_000, 70_000)
    income = taxable_income(text) or (kept_income if entity_monthly else None)
    return [SlotSet(INCOME, income), SlotSet(MONTHLY, monthly if monthly and valid_shokibo_monthly(monthly) else None),
            SlotSet(STOPPED, None)]


class ActionTaxSavingStart(Action):
    """Sets the calculator's figures from the button (or message) that starts it."""

    def name(self) -> Text:
        return "action_tax_saving_start"

    async def run(self, dispatcher: CollectingDispatcher, tracker: Tracker,
                  domain: DomainDict) -> List[EventType]:
        entity = next(tracker.get_latest_entity_values("monthly"), None)
        text = None if (tracker.latest_message.get("text") or "").startswith("/") else tracker.latest_message.get("text")
        return start_events(text, entity, tracker.get_slot(INCOME))


class ValidateTaxSavingForm(FormValidationAction):
    """Reads 課税所得 and 掛金月額 from the answers, and asks again when they are not usable."""

    def name(self) -> Text:
        return "validate_tax_saving_form"

    async def required_slots(self, domain_slots: List[Text], dispatcher: CollectingDispatcher,
                             tracker: Tracker, domain: DomainDict) -> List[Text]:
        return [] if tracker.get_slot(STOPPED) else [INCOME, MONTHLY]

    @staticmethod
    def _answer(tracker: Tracker, slot: Text) -> Dict[Text, Any]:
        if tracker.get_slot("requested_slot") != slot:
            return {}
        return {slot: tracker.latest_message.get("text") or ""}

    async def extract_calc_income(self, dispatcher, tracker, domain) -> Dict[Text, Any]:
        return self._answer(tracker, INCOME)

    async def extract_calc_monthly(self, dispatcher, tracker, domain) -> Dict[Text, Any]:
        return self._answer(tracker, MONTHLY)

    async def validate_calc_income(self, value, dispatcher, tracker, domain) -> Dict[Text, Any]:
        if is_stop(value if isinstance(value, str) else None):
            return {INCOME: None, STOPPED: True}
        folded = fold(value) if isinstance(value, str) else ""
        if NOT_INCOME_WORDS.search(folded) and "所得" not in folded:
            dispatcher.utter_message(text=NOT_INCOME_TEXT)
            return {INCOME: None}
        income = parse_income(value)
        if income is None:
            dispatcher.utter_message(text=INCOME_RETRY)
        return {INCOME: income}

    async def validate_calc_monthly(self, value, dispatcher, tracker, domain) -> Dict[Text, Any]:
        if is_stop(value if isinstance(value, str) else None):
            return {MONTHLY: None, STOPPED: True}
        monthly = parse_monthly(value)
        if monthly is None or not valid_shokibo_monthly(monthly):
            dispatcher.utter_message(text=MONTHLY_RANGE_TEXT + STOP_NOTE)
            return {MONTHLY: None}
        return {MONTHLY: monthly}


class ActionTaxSavingResult(Action):
    """Answers 所得税・復興特別所得税・住民税 and the total, with other 掛金月額 as buttons."""

    def name(self) -> Text:
        return "action_tax_saving_result"

    async def run(self, dispatcher: CollectingDispatcher, tracker: Tracker,
                  domain: DomainDict) -> List[EventType]:
        income, monthly = tracker.get_slot(INCOME), tracker.get_slot(MONTHLY)
        if tracker.get_slot(STOPPED) or not isinstance(income, int) or not isinstance(monthly, int):
            dispatcher.utter_message(text=STOPPED_TEXT)
            return [SlotSet(STOPPED, None), SlotSet(INCOME, None), SlotSet(MONTHLY, None)]
        others = [{"title": f"月{m // 10_000}万円なら", "payload": start_payload(m)} for m in OTHER_MONTHLY if m != monthly]
        dispatcher.utter_message(text=saving_text(income, monthly), buttons=others[:2] + RESULT_BUTTONS)
        return [SlotSet("last_answer", "utter_ask_tax_shokibo"), SlotSet("scheme", "shokibo")]
