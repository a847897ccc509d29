"""Rasa output → LINE messages: splitting, joining, quick replies and feedback."""
from __future__ import annotations

from bot.channels.line_messages import (
    FEEDBACK_BUTTONS,
    MAX_LABEL_CHARS,
    MAX_MESSAGES,
    MAX_QUICK_REPLIES,
    MAX_TEXT_CHARS,
    OMITTED_NOTE,
    build_reply,
    fit_texts,
    quick_reply_items,
    shorten_label,
    split_text,
    wants_feedback,
)

FEEDBACK_PAYLOADS = [b["payload"] for b in FEEDBACK_BUTTONS]


def buttons(count: int, prefix: str = "選択肢"):
    return [{"title": f"{prefix}{i}", "payload": f"/intent_{i}"} for i in range(count)]


def test_short_texts_are_not_split():
    assert split_text("  掛金は月額1,000円からです。\n  ") == ["掛金は月額1,000円からです。"]
    assert split_text("") == []


def test_long_text_is_split_at_a_line_break_and_nothing_is_lost():
    lines = [f"{i:04d}" + "あ" * 95 for i in range(120)]  # 120 lines of 100 characters
    text = "\n".join(lines)
    pieces = split_text(text)
    assert len(pieces) == 3 and all(len(p) <= MAX_TEXT_CHARS for p in pieces)
    assert "\n".join(pieces) == text
    assert all(p.endswith("あ") for p in pieces)  # cut at line ends


def test_text_without_line_breaks_is_cut_hard():
    pieces = split_text("あ" * 12001)
    assert [len(p) for p in pieces] == [5000, 5000, 2001]


def test_up_to_five_texts_stay_separate():
    texts = [f"回答{i}" for i in range(5)]
    assert fit_texts(texts) == texts


def test_surplus_texts_are_merged_into_the_fifth():
    texts = [f"回答{i}" for i in range(8)]
    fitted = fit_texts(texts)
    assert fitted[:4] == texts[:4]
    assert fitted[4] == "回答4\n\n回答5\n\n回答6\n\n回答7"


def test_merging_moves_left_when_the_last_message_is_full():
    texts = ["短い1", "短い2", "短い3", "短い4", "短い5", "あ" * 4996]
    fitted = fit_texts(texts)
    assert len(fitted) == MAX_MESSAGES and fitted[-1] == "あ" * 4996
    assert "".join(fitted).replace("\n", "") == "".join(texts)


def test_what_cannot_fit_is_cut_with_a_note():
    fitted = fit_texts(["あ" * 4000] * 7)
    assert len(fitted) == MAX_MESSAGES
    assert all(len(t) <= MAX_TEXT_CHARS for t in fitted)
    assert fitted[-1].endswith(OMITTED_NOTE)


def test_labels_are_shortened_to_twenty_characters():
    assert shorten_label("控除証明書の時期") == "控除証明書の時期"
    exact = "あ" * MAX_LABEL_CHARS
    assert shorten_label(exact) == exact
    long = shorten_label("小規模企業共済の掛金控除証明書が届かない場合の再発行方法")
    assert len(long) == MAX_LABEL_CHARS and long.endswith("…")
    assert shorten_label("あ" * 18 + "、いい") == "あ" * 18 + "…"


def test_buttons_become_postback_quick_replies():
    items = quick_reply_items([
        {"title": "税金の扱い", "payload": "/ask_tax"},
        {"title": "税金（重複）", "payload": "/ask_tax"},
        {"title": "", "payload": "/ask_loan"},
        {"title": "長すぎる", "payload": "/x" * 200},
        {"title": "タイトルが二十文字を超える、とても長いボタンの名前", "payload": "/ask_loan"},
    ])
    assert [i["action"]["data"] for i in items] == ["/ask_tax", "/ask_loan"]
    assert items[0] == {"type": "action", "action": {
        "type": "postback", "label": "税金の扱い", "data": "/ask_tax", "displayText": "税金の扱い"}}
    assert items[1]["action"]["displayText"] == "タイトルが二十文字を超える、とても長いボタンの名前"
    assert len(items[1]["action"]["label"]) <= MAX_LABEL_CHARS


def test_reply_puts_all_buttons_of_the_turn_on_the_last_message_with_feedback():
    reply = build_reply([
        {"text": "回答です。", "buttons": buttons(2)},
        {"text": "ほかにご質問はありますか？", "buttons": buttons(1, "別")},
    ], feedback=True)
    assert [m["text"] for m in reply] == ["回答です。", "ほかにご質問はありますか？"]
    assert "quickReply" not in reply[0]
    data = [i["action"]["data"] for i in reply[1]["quickReply"]["items"]]
    assert data == ["/intent_0", "/intent_1"] + FEEDBACK_PAYLOADS


def test_feedback_is_added_to_an_answer_without_buttons():
    reply = build_reply([{"text": "回答です。"}], feedback=True)
    assert [i["action"]["label"] for i in reply[0]["quickReply"]["items"]] == [
        "解決しました", "解決しませんでした"]
    assert "quickReply" not in build_reply([{"text": "回答です。"}], feedback=False)[0]


def test_at_most_thirteen_quick_replies_and_feedback_only_if_room_remains():
    with_room = build_reply([{"text": "t", "buttons": buttons(11)}], feedback=True)
    assert len(with_room[0]["quickReply"]["items"]) == 13
    full = build_reply([{"text": "t", "buttons": buttons(12)}], feedback=True)
    items = full[0]["quickReply"]["items"]
    assert len(items) == 12 and not {i["action"]["data"] for i in items} & set(FEEDBACK_PAYLOADS)
    many = build_reply([{"text": "t", "buttons": buttons(20)}], feedback=True)
    assert len(many[0]["quickReply"]["items"]) == MAX_QUICK_REPLIES


def test_a_long_turn_becomes_at_most_five_messages():
    turn = [{"text": f"段落{i}"} for i in range(7)] + [{"text": "い" * 6000}]
    reply = build_reply(turn, feedback=False)
    assert len(reply) == MAX_MESSAGES and all(len(m["text"]) <= MAX_TEXT_CHARS for m in reply)
    assert sum(m["text"].count("段落") for m in reply) == 7
    assert sum(m["text"].count("い") for m in reply) == 6000


def test_buttons_without_text_still_get_a_message_and_empty_turns_none():
    reply = build_reply([{"buttons": buttons(1)}], feedback=False)
    assert reply[0]["text"] and reply[0]["quickReply"]["items"]
    assert build_reply([], feedback=True) == []
    assert build_reply([{"text": "  ", "custom": {"x": 1}}], feedback=True) == []


def test_no_feedback_after_the_greeting_or_feedback():
    answer = [{"text": "回答です。", "utter_action": "utter_ask_tax"}]
    assert wants_feedback("税金の扱いは？", answer)
    assert not wants_feedback("/greet", [{"text": "こんにちは", "utter_action": "utter_greet"}])
    assert not wants_feedback("こんにちは", [{"text": "こんにちは", "utter_action": "utter_greet"}])
    assert not wants_feedback('/feedback{"resolved":"no"}', answer)


def test_no_feedback_under_a_clarifying_question():
    asked = [{"text": "どちらの制度についてのご質問ですか？"}, {"custom": {"kind": "clarify"}}]
    assert not wants_feedback("年払いある？", asked)
