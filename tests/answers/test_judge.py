"""The answer-level judging rules on hand-made replies (no stack needed)."""
from __future__ import annotations

import re
from pathlib import Path
from typing import Dict, List, Sequence, Tuple

import pytest
import requests

from scripts import answer_eval as ev
from scripts import answer_judge as jd

ROOT = Path(__file__).resolve().parents[2]
FACTS = ROOT.parent / "shared" / "knowledge" / "facts.md"
SCHEME_BUTTONS = [{"title": "小規模企業共済", "payload": '/choose_scheme{"scheme":"shokibo"}'},
                  {"title": "経営セーフティ共済", "payload": '/choose_scheme{"scheme":"safety"}'}]


def question(**overrides) -> jd.Question:
    """A knowledge question about 払込区分 unless overridden."""
    raw = {"id": "A001", "text": "年払いもできますか", "kind": "knowledge", "scheme": "shokibo",
           "facts": ["S21"], "must": [["年払い"], ["半年払い"]], "must_not": ["振込で払え"], **overrides}
    return jd.parse_question(raw, "unit")


class FakeBot:
    """A scripted bot: maps the message sequence of a fresh conversation to replies."""

    def __init__(self, script: Dict[Tuple[str, ...], List[dict]],
                 trackers: Dict[str, dict] = None) -> None:
        self.script, self.trackers, self.calls = script, trackers or {}, []

    def converse(self, messages: Sequence[str]) -> Tuple[str, List[List[dict]]]:
        self.calls.append(tuple(messages))
        replies = [self.script.get(tuple(messages[:i + 1]), []) for i in range(len(messages))]
        return f"s{len(self.calls)}", replies

    def tracker(self, sender: str) -> dict:
        return self.trackers.get(sender, {"events": []})


def say(text: str, buttons: List[dict] = None) -> List[dict]:
    """One bot message as the REST channel returns it."""
    return [{"recipient_id": "x", "text": text, **({"buttons": buttons} if buttons else {})}]


# --- folds and groups -------------------------------------------------------------

def test_fold_normalises_width_spaces_and_debit_spellings():
    assert jd.fold("ＡＢＣ　１２３") == jd.fold("abc 123") == "abc123"
    for variant in ("引落し", "引落とし", "引き落し", "引き落とし"):
        assert jd.fold(f"毎月{variant}日") == "毎月引き落とし日"
    assert jd.fold("050－5541‐7171") == "050-5541-7171"
    assert jd.fold("1,000円〜70,000円") == jd.fold("1,000円～70,000円")


def test_any_of_groups_each_need_one_hit():
    must = [["年払い", "年一括"], ["半年払い"]]
    assert jd.missed_groups("月払い・半年払い・年払いから選べます", must) == []
    assert jd.missed_groups("年一括もできます", must) == [["半年払い"]]
    assert jd.missed_groups("", must) == must


def test_matching_is_tolerant_on_both_sides():
    assert jd.missed_groups("口座から 引落し します（２７日）", [["引き落とし"], ["27日"]]) == []
    assert jd.missed_groups("口座から引き落とします", [["引落とし"]]) == []


def test_must_not_hits():
    assert jd.forbidden_hits("振込で 払え ます", ["振込で払え", "現金"]) == ["振込で払え"]
    assert jd.forbidden_hits("口座振替のみです", ["振込で払え"]) == []


# --- knowledge: first reply and one tap --------------------------------------------

def test_right_at_first_reply_needs_every_group_and_no_must_not():
    good = FakeBot({("年払いもできますか",): say("月払い・半年払い・年払いから選べます。")})
    result = jd.judge_knowledge(question(), good.converse)
    assert result.first_reply and result.one_tap and result.tap is None and len(good.calls) == 1

    spoiled = FakeBot({("年払いもできますか",): say("半年払い・年払いがあります。振込で払えます。")})
    result = jd.judge_knowledge(question(), spoiled.converse)
    assert not result.first_reply and result.forbidden == ["振込で払え"]


def test_texts_of_several_messages_are_concatenated():
    bot = FakeBot({("年払いもできますか",): say("年払いもできます。") + say("半年払いもあります。")})
    assert jd.judge_knowledge(question(), bot.converse).first_reply


def test_one_tap_replays_the_question_then_the_button_payload_in_a_fresh_conversation():
    q = question(text="払込区分は？")
    bot = FakeBot({
        ("払込区分は？",): say("どちらの制度についてのご質問ですか？", SCHEME_BUTTONS),
        ("払込区分は？", SCHEME_BUTTONS[0]["payload"]): say("月払い・半年払い・年払いがあります。"),
    })
    result = jd.judge_knowledge(q, bot.converse)
    assert not result.first_reply and result.one_tap
    assert result.tap == SCHEME_BUTTONS[0]["payload"]
    assert result.missed == [["年払い"], ["半年払い"]]
    assert bot.calls == [("払込区分は？",), ("払込区分は？", SCHEME_BUTTONS[0]["payload"])]


def test_one_tap_checks_must_not_on_the_second_reply_and_tries_the_next_button():
    q = question(text="払込区分は？")
    bot = FakeBot({
        ("払込区分は？",): say("どちらですか？", SCHEME_BUTTONS),
        ("払込区分は？", SCHEME_BUTTONS[0]["payload"]): say("半年払い・年払い。振込で払えます。"),
        ("払込区分は？", SCHEME_BUTTONS[1]["payload"]): say("年払い・半年払いです。"),
    })
    result = jd.judge_knowledge(q, bot.converse)
    assert result.one_tap and result.tap == SCHEME_BUTTONS[1]["payload"]


def test_only_the_first_four_buttons_are_tried():
    buttons = [{"title": str(i), "payload": f"/b{i}"} for i in range(6)]
    script = {("q",): say("候補です", buttons), ("q", "/b4"): say("年払い・半年払い")}
    bot = FakeBot(script)
    result = jd.judge_knowledge(question(text="q"), bot.converse)
    assert not result.one_tap and len(bot.calls) == 1 + jd.MAX_TAPS


def test_a_transport_error_counts_as_wrong_with_the_error_kept():
    def broken(messages):
        raise requests.ConnectionError("refused")
    result = jd.judge(question(), broken, lambda sender: {})
    assert not result.first_reply and not result.one_tap and "refused" in result.error


# --- out of scope -----------------------------------------------------------------

def tracker(*actions: Tuple[str, bool]) -> dict:
    """A tracker whose last user message is followed by these (action, sent buttons) runs."""
    events = [{"event": "action", "name": "action_session_start"},
              {"event": "user", "text": "earlier"}, {"event": "action", "name": "action_out_of_scope"},
              {"event": "action", "name": "action_listen"}, {"event": "user", "text": "天気は？"}]
    for name, buttons in actions:
        events.append({"event": "action", "name": name})
        events.append({"event": "bot", "text": "…", "data": {"buttons": [{"payload": "/x"}] if buttons else None}})
    return {"events": events + [{"event": "action", "name": "action_listen"}]}


@pytest.mark.parametrize("runs, declined", [
    ([("action_out_of_scope", True)], True),
    ([("action_give_up", True)], True),
    ([("action_default_fallback", False)], True),
    ([("action_suggest", False)], True),        # nothing to suggest: gave up
    ([("action_suggest", True)], False),        # offered もしかして candidates
    ([("action_answer", False)], False),
    ([], False),
])
def test_declined_is_read_from_the_actions_after_the_question(runs, declined):
    q = question(kind="out_of_scope", scheme="none", facts=[], must=None, must_not=["晴れ"])
    bot = FakeBot({("年払いもできますか",): say("お答えできません。")}, {"s1": tracker(*runs)})
    result = jd.judge_out_of_scope(q, bot.converse, bot.tracker)
    assert result.declined is declined
    assert result.actions == [name for name, _ in runs]


def test_a_decline_with_a_must_not_string_does_not_count():
    q = question(kind="out_of_scope", scheme="none", facts=[], must=None, must_not=["晴れ"])
    bot = FakeBot({("年払いもできますか",): say("明日は晴れです。")}, {"s1": tracker(("action_out_of_scope", True))})
    result = jd.judge_out_of_scope(q, bot.converse, bot.tracker)
    assert not result.declined and result.forbidden == ["晴れ"]


# --- sets, topics, summaries, floors ------------------------------------------------

def test_parse_question_rejects_bad_entries():
    with pytest.raises(ValueError, match="kind"):
        question(kind="chitchat")
    with pytest.raises(ValueError, match="scheme_guess"):
        question(scheme="shokibo", scheme_guess="safety")
    with pytest.raises(ValueError, match="must"):
        question(must=[])
    assert question(must=["年払い", ["半年払い"]]).must == [["年払い"], ["半年払い"]]


def test_topics_come_from_the_first_fact():
    assert question(facts=["S21", "T11"]).topic == "S2 掛金・払込方法"
    assert question(facts=["T52"]).topic == "T5 貸付"
    assert question(facts=["S11"]).topic == "S1 加入資格"
    assert question(facts=[]).topic == jd.NO_TOPIC


@pytest.mark.skipif(not FACTS.exists(), reason="shared/knowledge/facts.md not beside the repository")
def test_topic_names_match_the_fact_sheet_headings():
    heading = ""
    for line in FACTS.read_text(encoding="utf-8").splitlines():
        if line.startswith("## ") or line.startswith("### "):
            heading = line
        match = re.match(r"\| ([CSTX])(\d)\d \|", line)
        if match:
            key = match.group(1) + match.group(2)
            assert key in jd.TOPIC_NAMES, line
            if key != "X3":  # 5.4 has an English heading
                assert jd.TOPIC_NAMES[key] in heading, (key, heading)


def test_example_set_loads():
    sets = jd.load_sets(ROOT / "tests" / "answers" / "fixtures")
    assert "example" in sets and len(sets["example"]) >= 8


def test_blind_sets_load_with_unique_ids():
    sets = jd.load_sets(ROOT / "tests" / "answers" / "sets")
    ids = [q.id for qs in sets.values() for q in qs]
    assert sets and len(ids) == len(set(ids))


def results() -> List[jd.Result]:
    """Two sets: a right, a one-tap, a wrong knowledge answer and a declined question."""
    make = lambda s, i, kind, first, tap, declined, facts: jd.Result(
        set=s, id=i, text=i, kind=kind, scheme="shokibo", topic=question(facts=facts).topic,
        first_reply=first, one_tap=tap, declined=declined, missed=[] if first else [["x"]])
    return [make("a", "1", "knowledge", True, True, False, ["S21"]),
            make("a", "2", "knowledge", False, True, False, ["S22"]),
            make("b", "3", "knowledge", False, False, False, ["T11"]),
            make("b", "4", "out_of_scope", False, False, True, [])]


def test_summary_per_set_topic_and_union():
    summary = ev.summarise(results())
    assert summary["union"] == {"knowledge": 3, "first_reply": 1 / 3, "one_tap": 2 / 3,
                                "out_of_scope": 1, "declined": 1.0}
    assert summary["sets"]["a"]["one_tap"] == 1.0 and summary["sets"]["a"]["declined"] is None
    assert summary["topics"]["S2 掛金・払込方法"]["knowledge"] == 2
    assert [f["id"] for f in ev.failures(results())] == ["2", "3"]
    text = ev.summary_text(summary, 2)
    assert "ALL" in text and "33.3%" in text and "S2 掛金・払込方法" in text


def test_floors_check_union_and_every_set():
    summary = ev.summarise(results())
    assert ev.floor_violations(summary, {"union": {"first_reply": 0.0}, "per_set": {"one_tap": 0.0}}) == []
    problems = ev.floor_violations(summary, {"union": {"declined": 0.5, "one_tap": 0.9},
                                             "per_set": {"first_reply": 0.4, "declined": 0.9},
                                             "sets": {"a": {"first_reply": 0.6}}})
    assert problems == ["union: one_tap 0.667 < floor 0.9", "set a: first_reply 0.500 < floor 0.6",
                        "set b: first_reply 0.000 < floor 0.4"]


def test_reports_are_written(tmp_path):
    meta = {"time": "t", "rasa_url": "http://x", "sets": ["a", "b"], "errors": 0}
    ev.write_reports(results(), tmp_path, meta)
    assert {p.name for p in tmp_path.iterdir()} == {"report.json", "report.md", "failures.json"}
    assert "## Per topic" in (tmp_path / "report.md").read_text(encoding="utf-8")
