"""Knowledge items: loading and checking, ranking, composing, live reload, and the actions using them."""
import asyncio
import os
import shutil
from pathlib import Path

import pytest
from rasa_sdk import Tracker
from rasa_sdk.executor import CollectingDispatcher

from actions import knowledge
from actions.actions import ActionOutOfScope
from actions.kb.compose import compose, compose_detail, item_payload, phone_lines
from actions.kb.items import ItemError, load_kb, parse_item
from actions.kb.live import LiveRanker
from actions.kb.ranker import Ranker
from actions.knowledge import ActionAnswer, ActionAnswerMore

SAMPLE = Path(__file__).parent / "fixtures" / "kb_sample.yml"
DATES = {"lump_sum_deadline": "12月15日(火)", "lump_sum_debit": "1月18日(月)"}
GOOD = {"id": "x_item", "topic": "ask_tax", "title": "税", "facts": ["S40"],
        "questions": ["a", "b", "c"], "answer": "答え"}


@pytest.fixture
def kb_dir(tmp_path, monkeypatch):
    """The sample knowledge base, live, as the actions' knowledge base."""
    shutil.copy(SAMPLE, tmp_path / "sample.yml")
    ranker = LiveRanker(tmp_path)
    monkeypatch.setattr(knowledge, "KNOWLEDGE", ranker)
    monkeypatch.setenv("ASSISTANT_NOW", "2026-12-02T10:00:00+09:00")
    return tmp_path


def tracker_for(text, intent="ask_premium", confidence=0.9, slots=None, entities=()):
    ranking = [{"name": intent, "confidence": confidence}]
    return Tracker("u", slots or {}, {"text": text, "intent": {"name": intent, "confidence": confidence},
                                      "intent_ranking": ranking, "entities": list(entities)},
                   [], False, None, {}, "action_listen")


def run(action, tracker, domain=None):
    dispatcher = CollectingDispatcher()
    events = asyncio.run(action.run(dispatcher, tracker, domain or {"responses": {}}))
    return dispatcher.messages, events


@pytest.mark.parametrize("change, message", [
    ({"id": "Bad-Id"}, "id"), ({"title": "あ" * 21}, "title"), ({"facts": ["Z99"]}, "facts"),
    ({"questions": ["a"]}, "questions"), ({"answer": {"shokibo": "a", "both": "b"}}, "both"),
    ({"answer": {"kyosai": "a"}}, "shokibo"), ({"colour": "red"}, "知らない欄"),
    ({"buttons": [{"title": "a"}]}, "buttons"), ({"detail": {"safety": "d"}, "answer": {"shokibo": "a"}}, "detail"),
])
def test_bad_items_are_refused_in_japanese(change, message):
    with pytest.raises(ItemError, match=message):
        parse_item({**GOOD, **change}, "test.yml", 3)


def test_ids_must_be_unique_across_files(tmp_path):
    for name in ("a.yml", "b.yml"):
        shutil.copy(SAMPLE, tmp_path / name)
    with pytest.raises(ItemError, match="pay_frequency"):
        load_kb(sorted(tmp_path.glob("*.yml")))


def test_the_question_asked_picks_its_item():
    ranker = Ranker(load_kb([SAMPLE]))
    assert ranker.rank("ねんばらいできる？", {"ask_premium": 0.9})[0].item.id == "pay_frequency"
    assert ranker.rank("前納の締切を知りたい", {"ask_premium": 0.9})[0].item.id == "prepay_deadline"
    assert ranker.rank("青色申告特別控除の条件", {"ask_tax": 0.9})[0].item.id == "oos_aoiro"


def test_a_named_scheme_demotes_items_without_it():
    ranker = Ranker(load_kb([SAMPLE]))
    plain = {s.item.id: s.score for s in ranker.rank("前納したい", {})}
    safety = {s.item.id: s.score for s in ranker.rank("前納したい", {}, "safety")}
    assert safety["prepay_deadline"] < plain["prepay_deadline"]


def test_confidence_needs_a_clear_lead():
    ranker = Ranker(load_kb([SAMPLE]))
    assert ranker.confident(ranker.rank("年払いもできますか", {"ask_premium": 0.9}))
    assert not ranker.confident(ranker.rank("こんにちは", {"greet": 0.9}))


def test_compose_per_scheme_both_and_too_long():
    kb = load_kb([SAMPLE])
    one = compose(kb.get("pay_frequency"), "shokibo", DATES)
    assert one.text.startswith("【小規模企業共済】\nはい、できます")
    assert [b["title"] for b in one.buttons] == ["詳しく", "経営セーフティ共済の場合", "前納したい"]
    assert one.buttons[2]["payload"] == item_payload("prepay_deadline")
    both = compose(kb.get("pay_frequency"), None, DATES)
    assert "【小規模企業共済】" in both.text and "【経営セーフティ共済】" in both.text
    assert compose(kb.get("long_both"), None, DATES) is None
    assert phone_lines(compose(kb.get("long_both"), "safety", DATES).text) > 4
    assert "12月15日(火)" in compose(kb.get("prepay_deadline"), None, DATES).text
    assert compose_detail(kb.get("pay_frequency"), "shokibo", DATES) == "払込方法の変更は届出が必要です。"


def test_an_edit_is_live_and_a_broken_file_keeps_the_last_good(kb_dir):
    live = knowledge.KNOWLEDGE
    assert live.get().kb.get("pay_frequency")
    path = kb_dir / "sample.yml"
    path.write_text(path.read_text(encoding="utf-8").replace("id: call_centre", "id: call_centre_new"),
                    encoding="utf-8")
    os.utime(path, ns=(1, 10**18))
    assert live.get().kb.get("call_centre_new")
    path.write_text("items: [oops", encoding="utf-8")
    os.utime(path, ns=(1, 2 * 10**18))
    assert live.get().kb.get("call_centre_new")


def test_action_answers_the_item_and_remembers_it(kb_dir):
    messages, events = run(ActionAnswer(), tracker_for("小規模の年払いもできますか"))
    assert "月払い・半年払い・年払い" in messages[0]["text"]
    slots = {e["name"]: e["value"] for e in events if e["event"] == "slot"}
    assert slots["last_answer"] == "kb:pay_frequency" and slots["scheme"] == "shokibo"
    more, _ = run(ActionAnswerMore(), tracker_for("詳しく", "ask_more", slots=slots))
    assert more[0]["text"] == "払込方法の変更は届出が必要です。"


def test_follow_up_for_the_other_scheme_and_button_taps(kb_dir):
    slots = {"last_answer": "kb:pay_frequency", "scheme": "shokibo"}
    messages, _ = run(ActionAnswer(), tracker_for("じゃあセーフティは？", "choose_scheme", slots=slots,
                                                  entities=[{"entity": "scheme", "value": "safety"}]))
    assert messages[0]["text"].startswith("【経営セーフティ共済】")
    tap = [{"entity": "item", "value": "prepay_deadline"}]
    messages, _ = run(ActionAnswer(), tracker_for("/choose_item", "choose_item", entities=tap))
    assert "12月15日(火)" in messages[0]["text"]
    messages, _ = run(ActionAnswer(), tracker_for("/choose_item", "choose_item",
                                                  entities=[{"entity": "item", "value": "nope"}]))
    assert messages[0]["response"] == "utter_anything_else"


def test_long_two_scheme_answer_asks_the_scheme_first(kb_dir):
    messages, events = run(ActionAnswer(), tracker_for("税金はどうなる 掛金は経費になる", "ask_tax"))
    assert messages[0]["text"] == knowledge.ASK_SCHEME_TEXT
    assert {e["value"] for e in events if e["name"] == "pending_topic"} == {"kb:long_both"}


def test_near_miss_is_declined_with_where_to_ask(kb_dir):
    _, events = run(ActionAnswer(), tracker_for("青色申告特別控除の条件は？", "ask_tax"))
    assert events == [{"event": "followup", "name": "action_out_of_scope", "timestamp": None}]
    messages, _ = run(ActionOutOfScope(), tracker_for("青色申告特別控除の条件は？", "out_of_scope"))
    assert messages[0]["text"].startswith("申し訳ありません。青色申告特別控除は、このチャットではご案内できません")
    assert "050-5541-7171" in messages[0]["text"]


def test_unsure_gives_the_overview_with_question_buttons(kb_dir):
    domain = {"responses": {"utter_ask_prepayment_shokibo": [
        {"text": "前納の概要です。", "buttons": [{"title": "電話", "payload": "/human_handoff"}]}]}}
    messages, _ = run(ActionAnswer(), tracker_for("支払い 前もって", "ask_prepayment", 0.5), domain)
    assert messages[0]["text"] == "前納の概要です。"
    assert [b["title"] for b in messages[0]["buttons"]] == ["前納の締切", "電話"]


def test_a_question_with_its_figures_gets_the_estimate(kb_dir):
    messages, _ = run(ActionAnswer(), tracker_for("課税所得400万円、月3万円だと節税額はいくら？", "ask_tax"))
    assert "109,500円" in messages[0]["text"] and "試算" in messages[0]["text"]


def test_a_typed_unknown_scheme_is_no_scheme(kb_dir):
    messages, _ = run(ActionAnswer(), tracker_for("年払いもできますか", slots={"scheme": "x"}))
    assert "【小規模企業共済】" in messages[0]["text"] and "【経営セーフティ共済】" in messages[0]["text"]
