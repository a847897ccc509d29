"""Contract self-service over REST against the real façade, action server and Rasa.

The demo contracts are seeded as of the pinned day (2026-11-24); see README "Demo contracts".
The façade-down test stops and restarts the façade, so it runs after the others in this module.
"""
from __future__ import annotations

import json
import os
import re
import signal
import sqlite3
from typing import Iterator, List

import psycopg2
import pytest

from tests.integration.rest_client import Chat

CONTRACT_PROMPT = "共済契約者番号（7桁）"
BIRTHDAY_PROMPT = "生年月日の月日"
VERIFIED = "ご本人確認ができました"
NOT_VERIFIED = "本人確認ができませんでした"


def verify(chat: Chat, request: str, contract: str, birthday: str) -> str:
    """Sends a request, answers the identity form and returns the final reply text."""
    assert CONTRACT_PROMPT in chat.text_of(request)
    assert BIRTHDAY_PROMPT in chat.text_of(contract)
    return chat.text_of(birthday)


def test_newsletter_contract_typed_in_full_width_gets_its_certificate_status(stack):
    chat = Chat(stack.rasa_url)
    reply = verify(chat, "私の証明書はもう発送されましたか", "１２３４５６７－８９", "４月１日")
    assert VERIFIED in reply
    assert "令和8年（2026年）分の掛金払込証明書" in reply
    assert "11月10日(火)に登録住所あてに発送済み" in reply


@pytest.mark.parametrize(
    "contract, birthday, request_payload, expected",
    [
        ("1234567-89", "0401", "/my_payments", ["次回の引き落としは12月18日(金)、10,000円の予定です。",
                                                "前回: 11月18日(水) 10,000円（引き落とし済み）"]),
        ("1234567 89", "4/1", "/check_contract", ["ご契約: 小規模企業共済", "月額10,000円（月払い）",
                                                  "状態: 継続中"]),
        ("2345678 12", "7月15日", "/my_certificate", ["まだ発送されていません",
                                                      "翌年の2月中旬頃に発送されます"]),
        ("345678923", "11/3", "/my_payments", ["2026年11月分の20,000円が引き落としできませんでした。",
                                               "2月18日(木)に、あらためて引き落とします。"]),
        ("4567890-34", "0228", "/my_payments", ["前納の残高: 300,000円", "今後6回分の掛金に充てられます",
                                                "次回の引き落としは5月27日(木)"]),
        ("4567890-34", "2月28日", "/my_certificate", ["掛金納付状況兼領収書は、まだ送付されていません。",
                                                      "翌年の2月に送付されます。"]),
        ("5678901-45", "0930", "/my_payments", ["解約済みのため、今後の引き落としはありません。"]),
        ("5678901-45", "0930", "/my_certificate", ["中の払込みがないため"]),
        ("6789012-56", "1224", "/request_reissue", ["住所変更のお手続き中のため、ただいま再発行をお受けできません。"]),
        ("7890123-67", "0505", "/my_payments", ["2026年10月分の20,000円が引き落としできませんでした。",
                                                "12月28日(月)に、あらためて引き落とします。"]),
        ("1234567-89", "0401", "私の今年の申告額はいくら？", [
            "1月〜9月の掛金（掛金払込証明書の額）: 90,000円", "10月〜12月に払い込んだ掛金: 20,000円",
            "これから引き落とされる掛金: 10,000円（12月18日(金)）", "合計 120,000円"]),
        ("1234567-89", "0401", "/my_refund", ["納付128か月・掛金1,280,000円、支給率85.75%で約1,097,600円"]),
        ("8901234-78", "0808", "/my_declaration", ["前納減額金の受取り（差し引き）: −5,670円",
                                                   "合計 834,330円"]),
        ("4567890-34", "0228", "/my_declaration", ["1月〜9月: 450,000円", "10月〜12月: 50,000円",
                                                   "合計 500,000円", "損金"]),
        ("4567890-34", "0228", "自分の解約手当金はいくらになりますか", [
            "任意解約: 支給率100%で約2,050,000円", "共済金貸付の上限は掛金総額の10倍で20,500,000円"]),
    ],
)
def test_every_demo_contract_gets_its_own_answer(stack, contract, birthday, request_payload,
                                                 expected):
    chat = Chat(stack.rasa_url)
    reply = verify(chat, request_payload, contract, birthday)
    assert VERIFIED in reply
    for text in expected:
        assert text in reply


def test_verified_holder_asks_follow_ups_without_a_second_check(stack):
    chat = Chat(stack.rasa_url)
    assert VERIFIED in verify(chat, "/my_certificate", "1234567-89", "0401")
    reply = chat.text_of("/my_payments")
    assert CONTRACT_PROMPT not in reply and "12月18日(金)" in reply


def test_contract_number_and_birthday_in_one_message(stack):
    chat = Chat(stack.rasa_url)
    assert CONTRACT_PROMPT in chat.text_of("/my_payments")
    reply = chat.text_of("1234567-89 0401")
    assert VERIFIED in reply and "12月18日(金)" in reply


def test_wrong_birth_date_is_refused_with_a_retry(stack):
    chat = Chat(stack.rasa_url)
    messages = chat.say("/my_certificate")
    chat.say("2345678-12")
    messages = chat.say("0716")
    text = "\n".join(m.get("text", "") for m in messages)
    assert NOT_VERIFIED in text and VERIFIED not in text
    payloads = [b["payload"] for m in messages for b in m.get("buttons", [])]
    assert "/check_contract" in payloads
    assert VERIFIED in verify(chat, "/check_contract", "2345678-12", "0715")


def test_bad_formats_are_re_asked_then_the_bot_gives_other_channels(stack):
    chat = Chat(stack.rasa_url)
    chat.say("/my_payments")
    assert "番号の形が読み取れませんでした" in chat.text_of("12345")
    assert "番号の形が読み取れませんでした" in chat.text_of("わからない")
    reply = chat.text_of("abc")
    assert "本人確認を中止します" in reply
    assert "042-567-3308" in reply and "050-5541-7171" in reply
    assert "次回の引き落とし" not in chat.text_of("こんにちは")


def test_user_can_stop_the_identity_check(stack):
    chat = Chat(stack.rasa_url)
    chat.say("/my_payments")
    assert "本人確認を中止しました" in chat.text_of("やめる")


def test_reissue_needs_confirmation_and_is_idempotent(stack):
    chat = Chat(stack.rasa_url)
    question = verify(chat, "/request_reissue", "3456789-23", "1103")
    assert "再発行します" in question and "よろしいですか" in question
    first = chat.text_of("/affirm")
    reference = re.search(r"受付番号: (R-\d{8}-[A-Z0-9]+)", first)
    assert reference and "再発行のお申し込みを受け付けました" in first
    assert "再発行します" in chat.text_of("/request_reissue")
    again = chat.text_of("/affirm")
    assert "すでに受け付けています" in again and reference.group(1) in again


def test_reissue_can_be_declined(stack):
    chat = Chat(stack.rasa_url)
    verify(chat, "/request_reissue", "1234567-89", "0401")
    assert "取りやめました" in chat.text_of("/deny")


def test_safety_receipt_is_not_reissued_and_the_balance_certificate_is_offered(stack):
    chat = Chat(stack.rasa_url)
    reply = verify(chat, "/request_reissue", "7890123-67", "0505")
    assert "再発行できません" in reply and "掛金残高証明書" in reply


def test_saying_owari_forgets_the_identity(stack):
    chat = Chat(stack.rasa_url)
    verify(chat, "/my_payments", "1234567-89", "0401")
    assert "破棄しました" in chat.text_of("終わり")
    assert CONTRACT_PROMPT in chat.text_of("/my_payments")


def test_lock_out_after_five_failures_refuses_even_the_right_birth_date(stack):
    for attempts in (3, 2):
        chat = Chat(stack.rasa_url)
        for _ in range(attempts):
            reply = verify(chat, "/check_contract", "5678901-45", "0101")
            assert NOT_VERIFIED in reply or "試行回数が多い" in reply
    locked = verify(Chat(stack.rasa_url), "/check_contract", "5678901-45", "0930")
    assert NOT_VERIFIED in locked and VERIFIED not in locked
    assert VERIFIED in verify(Chat(stack.rasa_url), "/check_contract", "1234567-89", "0401")


def test_three_failed_checks_in_one_conversation_end_with_other_channels(stack):
    chat = Chat(stack.rasa_url)
    for _ in range(3):
        reply = verify(chat, "/check_contract", "9999999-99", "0101")
    assert "試行回数が多いため" in reply and "042-567-3308" in reply
    assert "試行回数が多いため" in chat.text_of("/my_payments")


PHONE = "090-1234-5678"
# What users typed in this module (contract numbers, CDs, birth dates) and a phone number.
RAW_VALUES = ["1234567", "１２３４５６７", "2345678", "345678923", "3456789", "4567890", "5678901",
              "6789012", "7890123", "9999999", "4月1日", "４月１日", "7月15日", "2月28日", "11/3",
              "0401", "0715", "0228", "0930", "1224", "0505", "1103", "0716", PHONE]


def leaked(raw: str, text: str) -> bool:
    """True if `raw` occurs in `text` other than inside a hex id or a longer number."""
    return re.search(rf"(?<![0-9a-fA-F]){re.escape(raw)}(?![0-9a-fA-F])", text) is not None


def test_personal_data_is_masked_in_the_tracker_store_and_absent_from_logs(stack):
    chat = Chat(stack.rasa_url)
    chat.text_of(f"電話番号は{PHONE}です")
    verify(chat, "/my_payments", "3456789-23", "11/3")
    events = stored_events(stack.config.tracker_store_url)
    user_texts = [text for event in events if event["event"] in ("user", "slot")
                  for text in strings_in(event)]
    bot_texts = [text for event in events if event["event"] == "bot" for text in strings_in(event)]
    assert any("＊＊＊" in text for text in user_texts), "masked user messages should be stored"
    assert any("次回の引き落とし" in text for text in bot_texts), "the conversation should be stored"
    leaks = [(raw, text) for text in user_texts for raw in RAW_VALUES if leaked(raw, text)]
    # Bot texts show 1234567-89 as the format example (the newsletter's own), nothing typed.
    leaks += [(raw, text) for text in bot_texts for raw in ("3456789", "345678923", PHONE)
              if leaked(raw, text)]
    assert not leaks, leaks[:5]
    for log in stack.config.log_dir.iterdir():
        content = log.read_text(errors="replace")
        assert not [raw for raw in RAW_VALUES if leaked(raw, content)], log.name


def stored_events(url: str) -> List[dict]:
    """Every event stored in the tracker store, as JSON."""
    if url.startswith("sqlite:///"):
        with sqlite3.connect(url[len("sqlite:///"):]) as conn:
            rows = conn.execute("SELECT data FROM events").fetchall()
    else:
        with psycopg2.connect(url) as conn, conn.cursor() as cursor:
            cursor.execute("SELECT data FROM events")
            rows = cursor.fetchall()
    return [json.loads(data) for (data,) in rows]


def strings_in(value) -> Iterator[str]:
    """All strings nested in a JSON value."""
    if isinstance(value, str):
        yield value
    elif isinstance(value, dict):
        for item in value.values():
            yield from strings_in(item)
    elif isinstance(value, list):
        for item in value:
            yield from strings_in(item)


def test_facade_slow_or_down_gives_other_channels_and_the_faq_keeps_working(stack):
    chat = Chat(stack.rasa_url)
    verify(chat, "/my_payments", "1234567-89", "0401")
    facade = stack.facade
    os.killpg(facade.process.pid, signal.SIGSTOP)  # accepts connections but never answers
    try:
        slow = chat.text_of("/my_payments")
    finally:
        os.killpg(facade.process.pid, signal.SIGCONT)
    facade.stop()
    try:
        down = chat.text_of("/my_certificate")
        fresh = Chat(stack.rasa_url)
        fresh.say("/check_contract")
        fresh.say("1234567-89")
        down_verify = fresh.text_of("0401")
        faq = chat.text_of('/ask_debit_date{"scheme":"shokibo"}')
    finally:
        facade.start(stack.env)
        facade.wait_healthy(120)
    for reply in (slow, down, down_verify):
        assert "ただいま契約情報を確認できません" in reply
        assert "042-567-3308" in reply and "050-5541-7171" in reply and "平日 9:00〜17:00" in reply
    assert "毎月18日" in faq
    assert "12月18日(金)" in chat.text_of("/my_payments")
