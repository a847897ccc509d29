"""Choosing the answer by topic and scheme, asking when the scheme matters."""
import asyncio

import pytest
from rasa_sdk import Tracker
from rasa_sdk.executor import CollectingDispatcher

from actions.knowledge import ActionAnswer, ActionAnswerMore, Decision, choose_response, topic_of
from actions.schemes import detect_scheme

NAMES = {
    "utter_ask_tax_shokibo", "utter_ask_tax_safety", "utter_ask_tax_shokibo_detail",
    "utter_ask_co_manager_shokibo", "utter_ask_co_manager_other",
    "utter_ask_debit_date_shokibo", "utter_ask_debit_date_safety",
}
DOMAIN = {"responses": {name: [{"text": "x"}] for name in NAMES}}


@pytest.mark.parametrize(
    "text, scheme",
    [
        ("小規模企業共済の控除", "shokibo"),
        ("しょうきぼきょうさい", "shokibo"),
        ("倒産防止共催の掛金", "safety"),
        ("ｾｰﾌﾃｨ共済", "safety"),
        ("経営セーフティ共済", "safety"),
        ("小規模とセーフティの違い", None),
        ("掛金はいくら", None),
        (None, None),
        ("掛金払込証明書はいつ届く？", "shokibo"),
        ("控除証明書なくした", "shokibo"),
        ("契約者貸付の金利は", "shokibo"),
        ("共済金Ｂってなに", "shokibo"),
        ("納付状況兼領収書が来ない", "safety"),
        ("一時貸付金を借りたい", "safety"),
        ("掛止めできますか", "safety"),
        ("800万円に達したら引き落としは止まる？", "safety"),
        ("取引先が倒産した。いくら借りられる？", "safety"),
        ("資本金800万円の会社です", None),
        ("倒産防止共済の控除証明書", "safety"),  # a named scheme wins over terms
        ("控除証明書と一時貸付金", None),
    ],
)
def test_detect_scheme(text, scheme):
    assert detect_scheme(text) == scheme


def test_scheme_dependent_topic_asks_when_unknown():
    assert choose_response("ask_tax", None, NAMES) == Decision(ask_scheme=True)
    assert choose_response("ask_tax", "safety", NAMES).response == "utter_ask_tax_safety"


def test_one_scheme_topic_answers_directly_or_notes_the_other_scheme():
    assert choose_response("ask_co_manager", None, NAMES).response == "utter_ask_co_manager_shokibo"
    assert choose_response("ask_co_manager", "safety", NAMES).response == "utter_ask_co_manager_other"


def test_unknown_topic_has_no_answer():
    assert choose_response("ask_weather", "shokibo", NAMES) is None


def tracker(intent, text, slots=None, entities=()):
    return Tracker("u", slots or {}, {"intent": {"name": intent}, "text": text,
                                      "entities": list(entities)},
                   [], False, None, {}, "action_listen")


def run(action, tracker_):
    dispatcher = CollectingDispatcher()
    events = asyncio.run(action.run(dispatcher, tracker_, DOMAIN))
    return dispatcher.messages, {e["name"]: e["value"] for e in events}


def test_question_without_scheme_offers_two_buttons_and_remembers_the_topic():
    messages, slots = run(ActionAnswer(), tracker("ask_tax", "税金の扱いは？"))
    assert [b["title"] for b in messages[0]["buttons"]] == ["小規模企業共済", "経営セーフティ共済"]
    assert slots == {"pending_topic": "ask_tax"}


def test_choosing_the_scheme_answers_the_pending_question():
    chosen = tracker("choose_scheme", '/choose_scheme{"scheme":"safety"}',
                     {"pending_topic": "ask_tax"}, [{"entity": "scheme", "value": "safety"}])
    messages, slots = run(ActionAnswer(), chosen)
    assert messages[0]["response"] == "utter_ask_tax_safety"
    assert slots["scheme"] == "safety" and slots["last_answer"] == "utter_ask_tax_safety"


def test_follow_up_uses_the_remembered_scheme_and_fills_dates(monkeypatch):
    monkeypatch.setenv("ASSISTANT_NOW", "2021-12-01T10:00:00+09:00")
    messages, _ = run(ActionAnswer(), tracker("ask_debit_date", "それの引き落とし日は？",
                                              {"scheme": "shokibo"}))
    assert messages[0]["response"] == "utter_ask_debit_date_shokibo"
    assert messages[0]["next_debit"] == "12月20日(月)"


def test_scheme_named_in_the_message_beats_the_remembered_one():
    messages, _ = run(ActionAnswer(), tracker("ask_tax", "セーフティの税金は？", {"scheme": "shokibo"}))
    assert messages[0]["response"] == "utter_ask_tax_safety"


def test_more_gives_the_detail_or_the_call_centre():
    messages, slots = run(ActionAnswerMore(), tracker("ask_more", "詳しく",
                                                      {"last_answer": "utter_ask_tax_shokibo"}))
    assert messages[0]["response"] == "utter_ask_tax_shokibo_detail"
    messages, _ = run(ActionAnswerMore(), tracker("ask_more", "詳しく",
                                                  {"last_answer": "utter_ask_tax_safety"}))
    assert "050-5541-7171" in messages[0]["text"]


def test_elliptical_follow_up_asks_the_last_question_for_the_other_scheme():
    follow_up = tracker("choose_scheme", "じゃあセーフティは？",
                        {"last_answer": "utter_ask_tax_shokibo_detail", "scheme": "shokibo"})
    messages, slots = run(ActionAnswer(), follow_up)
    assert messages[0]["response"] == "utter_ask_tax_safety"
    assert slots["scheme"] == "safety"


def test_topic_of_answer_names():
    assert topic_of("utter_ask_debit_date_safety") == "ask_debit_date"
    assert topic_of("utter_ask_co_manager_other") == "ask_co_manager"
    assert topic_of("utter_ask_overview") == "ask_overview"
    assert topic_of(None) is None
