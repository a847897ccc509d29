"""The guided 節税額 calculator: reading answers, asking again, the result and its follow-ups."""
import asyncio

import pytest
from rasa_sdk import Tracker
from rasa_sdk.executor import CollectingDispatcher

from actions.calculators import saving_form as sf
from actions.knowledge import ActionAnswer

DOMAIN = {"forms": {sf.FORM: {"required_slots": [sf.INCOME, sf.MONTHLY]}}, "responses": {}}


def tracker(text, slots=None, intent="nlu_fallback", entities=(), loop=sf.FORM):
    return Tracker("u", {"requested_slot": None, **(slots or {})},
                   {"intent": {"name": intent}, "text": text, "entities": list(entities)},
                   [{"event": "user", "text": text}], False, None, {"name": loop} if loop else {}, "action_listen")


def run(action, tracker_):
    dispatcher = CollectingDispatcher()
    events = asyncio.run(action.run(dispatcher, tracker_, DOMAIN))
    return events, dispatcher.messages


def slots_of(events):
    return {e["name"]: e["value"] for e in events if e.get("event") == "slot"}


@pytest.mark.parametrize("text, income", [("400万", 4_000_000), ("４００万円", 4_000_000), ("4,000,000", 4_000_000),
                                          ("400", 4_000_000), ("課税所得は720万円です", 7_200_000), ("たくさん", None),
                                          ("0円", None)])
def test_income_answers(text, income):
    assert sf.parse_income(text) == income


@pytest.mark.parametrize("text, monthly", [("月3万", 30_000), ("月3万円", 30_000), ("30000円", 30_000),
                                           ("3", 30_000), ("７万", 70_000), ("わからない", None)])
def test_monthly_answers(text, monthly):
    assert sf.parse_monthly(text) == monthly


def test_asks_income_then_monthly_then_gives_109500():
    events, _ = run(sf.ValidateTaxSavingForm(), tracker("節税額を知りたい", loop=None))
    assert sf.INCOME not in slots_of(events)  # nothing read: Rasa asks utter_ask_calc_income
    events, _ = run(sf.ValidateTaxSavingForm(), tracker("400万", {"requested_slot": sf.INCOME}))
    assert slots_of(events) == {sf.INCOME: 4_000_000}
    events, _ = run(sf.ValidateTaxSavingForm(),
                    tracker("月3万円", {"requested_slot": sf.MONTHLY, sf.INCOME: 4_000_000}))
    assert slots_of(events) == {sf.MONTHLY: 30_000}
    _, [message] = run(sf.ActionTaxSavingResult(), tracker("月3万円", {sf.INCOME: 4_000_000, sf.MONTHLY: 30_000}))
    for part in ("所得税 72,000円", "復興特別所得税 1,500円", "住民税 36,000円", "合計 109,500円", "試算"):
        assert part in message["text"]
    assert message["buttons"][0]["payload"] == sf.start_payload(10_000)


def test_annual_income_is_refused_with_the_reason():
    events, [message] = run(sf.ValidateTaxSavingForm(), tracker("年収600万", {"requested_slot": sf.INCOME}))
    assert slots_of(events)[sf.INCOME] is None and "年収や売上ではなく" in message["text"]


def test_monthly_out_of_range_is_asked_again():
    events, [message] = run(sf.ValidateTaxSavingForm(),
                            tracker("月10万", {"requested_slot": sf.MONTHLY, sf.INCOME: 4_000_000}))
    assert slots_of(events)[sf.MONTHLY] is None and "70,000円" in message["text"]


def test_stop_ends_the_calculator_politely():
    events, _ = run(sf.ValidateTaxSavingForm(), tracker("やめる", {"requested_slot": sf.INCOME}))
    assert slots_of(events)[sf.STOPPED] is True
    _, [message] = run(sf.ActionTaxSavingResult(), tracker("やめる", {sf.STOPPED: True}))
    assert message["text"] == sf.STOPPED_TEXT


def test_button_with_a_new_monthly_keeps_the_income():
    t = tracker(sf.start_payload(50_000), {sf.INCOME: 4_000_000, sf.MONTHLY: 30_000}, intent=sf.START_INTENT,
                entities=[{"entity": "monthly", "value": "50000"}], loop=None)
    events, _ = run(sf.ActionTaxSavingStart(), t)
    assert slots_of(events) == {sf.INCOME: 4_000_000, sf.MONTHLY: 50_000, sf.STOPPED: None}
    bare = tracker("/calc_tax_saving", {sf.INCOME: 4_000_000}, intent=sf.START_INTENT, loop=None)
    assert slots_of(run(sf.ActionTaxSavingStart(), bare)[0])[sf.INCOME] is None


def test_typed_request_without_figures_starts_the_calculator():
    events, messages = run(ActionAnswer(), tracker("節税額を知りたい", intent="ask_tax", loop=None))
    assert events[-1]["event"] == "followup" and events[-1]["name"] == sf.FORM and messages == []


def test_typed_request_with_only_the_income_keeps_it():
    events, _ = run(ActionAnswer(), tracker("課税所得400万円だと節税額はいくら？", intent="ask_tax", loop=None))
    assert slots_of(events)[sf.INCOME] == 4_000_000 and events[-1]["name"] == sf.FORM


def test_follow_up_with_another_monthly_keeps_the_income():
    _, [message] = run(ActionAnswer(), tracker("月5万なら？", {sf.INCOME: 4_000_000, sf.MONTHLY: 30_000},
                                               intent="ask_premium", loop=None))
    assert "掛金月額5万円" in message["text"] and "合計" in message["text"]
