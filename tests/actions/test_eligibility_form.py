"""The checker's validation action, run as Rasa runs it, turn by turn."""
import asyncio

from rasa_sdk import Tracker
from rasa_sdk.executor import CollectingDispatcher

from actions.eligibility_form import ActionEligibilityVerdict, ValidateEligibilityForm

DOMAIN = {"forms": {"eligibility_form": {"required_slots": [
    "scheme", "elig_role", "elig_entity_type", "elig_years", "elig_industry",
    "elig_employees", "elig_capital"]}}}


def turn(text, slots=None, action=None):
    slots = {"requested_slot": None, **(slots or {})}
    tracker = Tracker("u", slots, {"intent": {"name": "nlu_fallback"}, "text": text, "entities": []},
                      [{"event": "user", "text": text}], False, None,
                      {"name": "eligibility_form"}, "action_listen")
    dispatcher = CollectingDispatcher()
    events = asyncio.run((action or ValidateEligibilityForm()).run(dispatcher, tracker, DOMAIN))
    return {e["name"]: e["value"] for e in events}, dispatcher.messages


def test_activation_keeps_the_scheme_named_in_the_question():
    slots, _ = turn("うちの会社は倒産防止共済に入れますか")
    assert slots["scheme"] == "safety" and slots["requested_slot"] == "elig_entity_type"


def test_activation_without_a_scheme_asks_for_it():
    slots, _ = turn("加入できるか確認したい")
    assert slots["requested_slot"] == "scheme"


def test_a_button_answer_moves_to_the_next_question():
    slots, _ = turn("会社", {"scheme": "safety", "requested_slot": "elig_entity_type"})
    assert slots["elig_entity_type"] == "company" and slots["requested_slot"] == "elig_years"


def test_an_unreadable_answer_is_asked_again():
    slots, messages = turn("たくさん", {"scheme": "shokibo", "elig_role": "owner",
                                       "elig_industry": "general",
                                       "requested_slot": "elig_employees"})
    assert slots["elig_employees"] is None and slots["requested_slot"] == "elig_employees"
    assert "数字" in messages[0]["text"]


def test_last_answer_ends_the_form():
    slots, _ = turn("３人", {"scheme": "shokibo", "elig_role": "owner", "elig_industry": "commerce",
                             "requested_slot": "elig_employees"})
    assert slots["elig_employees"] == 3 and slots["requested_slot"] is None


def test_stop_words_end_the_form():
    slots, _ = turn("やめる", {"scheme": "safety", "requested_slot": "elig_years",
                               "elig_entity_type": "company"})
    assert slots["elig_stopped"] is True and slots["requested_slot"] is None


def test_verdict_gives_reason_and_next_step_then_clears_answers():
    tracker = Tracker("u", {"scheme": "shokibo", "elig_role": "owner", "elig_industry": "commerce",
                            "elig_employees": 6}, {}, [], False, None, {}, "eligibility_form")
    dispatcher = CollectingDispatcher()
    events = asyncio.run(ActionEligibilityVerdict().run(dispatcher, tracker, {}))
    text = dispatcher.messages[0]["text"]
    assert "満たしていません" in text and "5人以下" in text
    assert {b["payload"] for b in dispatcher.messages[0]["buttons"]} == {"/ask_enrol", "/human_handoff"}
    assert {e["name"]: e["value"] for e in events}["elig_employees"] is None


def test_a_typed_head_count_over_the_limit_asks_for_capital():
    slots, _ = turn("80人", {"scheme": "safety", "elig_entity_type": "company", "elig_years": "yes",
                             "elig_industry": "retail", "requested_slot": "elig_employees"})
    assert slots["elig_employees"] == 80 and slots["requested_slot"] == "elig_capital"


def test_activation_reads_what_the_question_already_says():
    slots, _ = turn("倒産防止共済に入りたい。株式会社で創業10年、小売業で社員8人です")
    assert slots["scheme"] == "safety" and slots["elig_entity_type"] == "company"
    assert slots["elig_years"] == "yes" and slots["elig_industry"] == "retail"
    assert slots["elig_employees"] == 8 and slots["requested_slot"] is None


def test_activation_asks_only_what_is_missing():
    slots, _ = turn("小規模企業共済に入れる？小売店をやってます")
    assert slots["elig_industry"] == "commerce" and slots["requested_slot"] == "elig_role"


def test_a_question_that_settles_both_schemes_gets_both_verdicts_at_once():
    text = "小売業で従業員6人ですが加入できますか"
    slots, _ = turn(text)
    assert slots.get("requested_slot") is None and not slots.get("scheme")
    _, messages = turn(text, slots={"requested_slot": None, **slots}, action=ActionEligibilityVerdict())
    assert "【小規模企業共済】" in messages[0]["text"] and "5人以下" in messages[0]["text"]
    assert "【経営セーフティ共済】" in messages[0]["text"]


def test_a_knowledge_question_is_answered_by_its_item_not_the_checker(monkeypatch):
    from pathlib import Path

    from actions import knowledge
    from actions.eligibility_form import answering_item
    from actions.kb.live import LiveRanker

    monkeypatch.setattr(knowledge, "KNOWLEDGE", LiveRanker(Path(__file__).resolve().parents[2] / "data" / "kb"))

    def start(text):
        return Tracker("u", {"requested_slot": None},
                       {"text": text, "intent": {"name": "check_eligibility"},
                        "intent_ranking": [{"name": "check_eligibility", "confidence": 0.9}]},
                       [], False, None, {}, "action_listen")
    assert answering_item(start("年齢制限ってありますか わたし今年70になったんですが小規模企業共済に入れますかね")).id == "elig_age"
    for text in ("小規模企業共済に入れますか", "加入できるか診断してほしい", "/check_eligibility"):
        assert answering_item(start(text)) is None, text
