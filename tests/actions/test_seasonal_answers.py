"""Seasonal answers on pinned days across the year: deadlines, whether they passed, debit days.

Expected dates are worked out by hand from the rules (S22, S25, T11, T14) and the holiday calendar.
"""
import datetime as dt
from pathlib import Path

import pytest

from actions.answer_dates import item_variables
from actions.kb.compose import compose
from actions.kb.items import kb_files, load_kb

KB = load_kb(kb_files(Path(__file__).resolve().parents[2] / "data" / "kb"))


def answer(item_id: str, scheme: str, today: dt.date) -> str:
    return compose(KB.get(item_id), scheme, item_variables(today)).text


def first_line(text: str) -> str:
    """The answer's first line after the scheme heading."""
    lines = text.split("\n")
    return lines[1] if lines[0].startswith("【") else lines[0]


@pytest.mark.parametrize("today, deadline, debit", [
    (dt.date(2026, 11, 1), "11月20日(金)", "12月18日(金)"),
    (dt.date(2026, 12, 2), "12月15日(火)", "1月18日(月)"),
    (dt.date(2026, 12, 16), "1月20日(水)", "2月18日(木)"),
    (dt.date(2027, 1, 5), "1月20日(水)", "2月18日(木)"),
    (dt.date(2027, 2, 20), "3月19日(金)", "4月19日(月)"),
    (dt.date(2027, 6, 1), "6月18日(金)", "7月20日(火)"),
])
def test_next_lump_sum_deadline_and_debit(today, deadline, debit):
    text = answer("prepay_deadline", "shokibo", today)
    assert f"次の締切は{deadline}" in text and f"{debit}に引き落とされます" in text


@pytest.mark.parametrize("today, state", [
    (dt.date(2026, 11, 1), "まだ間に合います"), (dt.date(2026, 11, 20), "まだ間に合います"),
    (dt.date(2026, 12, 2), "締め切りました"), (dt.date(2026, 12, 16), "締め切りました"),
])
def test_december_lump_sum_says_whether_it_passed(today, state):
    text = answer("prepay_december", "shokibo", today)
    assert "11月20日(金)" in text and state in text and "12月18日(金)" in text


@pytest.mark.parametrize("today, deadline", [
    (dt.date(2026, 11, 1), "11月5日(木)"), (dt.date(2026, 12, 2), "12月7日(月)"),
    (dt.date(2026, 12, 16), "1月5日(火)"), (dt.date(2027, 1, 5), "1月5日(火)"),
    (dt.date(2027, 2, 20), "3月5日(金)"), (dt.date(2027, 6, 1), "6月7日(月)"),
])
def test_next_safety_prepayment_deadline(today, deadline):
    assert f"次の締切は{deadline}" in answer("prepay_deadline", "safety", today)


@pytest.mark.parametrize("today, shokibo, safety", [
    (dt.date(2026, 12, 2), "12月18日(金)", "12月28日(月)"),
    (dt.date(2026, 12, 16), "12月18日(金)", "12月28日(月)"),
    (dt.date(2027, 1, 5), "12月20日(月)", "12月27日(月)"),
])
def test_december_debit_days(today, shokibo, safety):
    assert shokibo in answer("debit_day_december", "shokibo", today)
    assert safety in answer("debit_day_december", "safety", today)


@pytest.mark.parametrize("today, expected", [
    (dt.date(2026, 11, 1), "今は、9月までに払込みがある方への発送時期（11月〜12月初旬）です。"),
    (dt.date(2026, 12, 2), "今は、9月までに払込みがある方への発送時期（11月〜12月初旬）です。"),
    (dt.date(2026, 12, 16), "11月〜12月初旬の発送は終わっています。"),
    (dt.date(2027, 1, 5), "11月〜12月初旬の発送は終わっています。"),
    (dt.date(2027, 2, 20), "今は、10月以降に払込みを始めた方への発送時期（2月中旬頃）です。"),
    (dt.date(2027, 6, 1), "次の発送は、11月〜12月初旬（9月までに払込みがある方）です。"),
])
def test_certificate_answer_says_what_to_expect_now(today, expected):
    assert first_line(answer("certificate_when_arrives", "shokibo", today)).startswith(expected)


@pytest.mark.parametrize("today, leads_with_cash", [
    (dt.date(2026, 11, 1), True), (dt.date(2026, 12, 2), True), (dt.date(2026, 12, 16), True),
    (dt.date(2027, 1, 5), False), (dt.date(2027, 2, 20), False), (dt.date(2027, 6, 1), False),
])
def test_enrolment_and_increase_lead_with_cash_in_november_and_december(today, leads_with_cash):
    for item in ("enrol_where", "enrol_anytime", "premium_change_increase"):
        first = first_line(answer(item, "shokibo", today))
        assert ("「現金あり」" in first) == leads_with_cash, (item, first)
