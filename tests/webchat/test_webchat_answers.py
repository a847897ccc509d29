"""The questions of issue #13 and #16 answered directly in the web chat on a 390×844 phone."""
from __future__ import annotations

import pytest

from tests.webchat.test_webchat import open_chat

QUESTIONS = [
    ("certificate", "掛金払込証明書はいつ届きますか", ["11月", "小規模企業共済"]),
    ("eligibility", "小売業で従業員6人ですが加入できますか", ["5人以下", "【経営セーフティ共済】"]),
    ("tax-saving", "課税所得400万円、掛金月額3万円だと節税額はいくらですか", ["109,500円", "所得税", "住民税", "試算"]),
]


@pytest.mark.parametrize("name, question, expected", QUESTIONS, ids=[q[0] for q in QUESTIONS])
def test_phone_gets_the_fact_asked_for(chat_stack, context_factory, artifacts, name, question, expected):
    chat = open_chat(context_factory, chat_stack, "phone")
    chat.wait_bot_count(1)
    chat.send(question)
    chat.wait_bot_count(2)
    chat.idle()
    answer = " ".join(chat.texts(chat.bot_bubbles())[1:])
    for fact in expected:
        assert fact in answer, f"{fact!r} not in the answer to {question!r}: {answer[:200]}"
    assert chat.page.locator(".kc-feedback").count() == 1  # an answer, so 「解決しましたか」 under it
    chat.screenshot(artifacts / f"phone-answer-{name}.png")


def test_a_clarifying_question_gets_no_feedback_buttons(chat_stack, context_factory):
    chat = open_chat(context_factory, chat_stack, "phone")
    chat.wait_bot_count(1)
    chat.send("/ask_tax")  # the topic alone, no words: the bot asks which scheme
    chat.wait_bot_count(2)
    chat.idle()
    assert "どちらの制度" in chat.texts(chat.bot_bubbles())[-1]
    assert chat.page.locator(".kc-feedback").count() == 0



def test_guided_tax_saving_calculator_on_a_phone(chat_stack, context_factory, artifacts):
    chat = open_chat(context_factory, chat_stack, "phone")
    chat.wait_bot_count(1)
    chat.send("節税額を試算したい")
    chat.wait_bot_count(2)
    chat.idle()
    assert "年収や売上ではありません" in chat.texts(chat.bot_bubbles())[-1]
    chat.page.locator(".kc-choice", has_text="400万円").click()
    chat.wait_bot_count(3)
    chat.idle()
    assert "掛金月額" in chat.texts(chat.bot_bubbles())[-1]
    chat.page.locator(".kc-choice", has_text="3万円").click()
    chat.wait_bot_count(4)
    chat.idle()
    result = chat.texts(chat.bot_bubbles())[-1]
    for part in ("所得税 72,000円", "復興特別所得税 1,500円", "住民税 36,000円", "合計 109,500円", "試算"):
        assert part in result, result
    chat.screenshot(artifacts / "phone-calculator-tax-saving.png")
