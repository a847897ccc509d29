"""Dates for a named month, failed-debit re-debits, and a new member's first payment (pinned day)."""
import datetime as dt

import pytest

from actions.calculators.enrolment import cash_option_reply
from actions.calculators.month_dates import month_date_reply
from actions.calculators.redebit import redebit_reply

TODAY = dt.date(2026, 12, 2)


@pytest.mark.parametrize("text, scheme, expected", [
    ("２月の倒産防止共済の引落しは何日になりますか", "safety", "2月の引落し日は3月1日(月)"),
    ("1月の引き落とし日はいつ？", "shokibo", "1月の引落し日は1月18日(月)"),
    ("来月（１月）の引き落とし分から掛金を増額したい。書類はいつまでに届けばいい？", "safety", "1月5日(火)までに"),
])
def test_named_month_dates(text, scheme, expected):
    assert expected in month_date_reply(text, scheme, TODAY)


def test_change_deadline_is_only_for_safety():
    assert month_date_reply("1月分から増額したい、いつまで？", "shokibo", TODAY) is None


@pytest.mark.parametrize("text, expected", [
    ("今月（12月）残高不足で落ちなかったら次いつ引き落とされますか", "2月の振替日（2月18日(木)）"),
    ("1月の掛金がおちなかったら次いつひかれる", "4月の振替日（4月20日(月)）"),
])
def test_redebit_for_today_and_kana(text, expected):
    assert expected in redebit_reply(text, "shokibo", TODAY)


@pytest.mark.parametrize("text", ["12月の年払い分が落ちなかったら年内にもう一回引き落とす？",
                                  "12月分が落ちなかった、今年の控除に入る？", "12月の前納分が落ちなかった"])
def test_other_rules_are_left_to_the_items(text):
    assert redebit_reply(text, "shokibo", TODAY) is None


def test_cash_option_first_payments():
    without = cash_option_reply("12月申込み・現金なし・月2万円の月払いだと、最初はいつでいくら", TODAY)
    assert "2月の振替日（2月18日(木)）で、3か月分60,000円" in without and "控除の対象にはなりません" in without
    annual = cash_option_reply("月5万の年払いで、今月「現金あり」で申し込んだら申込時にいくら", TODAY)
    assert "申込時に12か月分、600,000円" in annual



def test_first_debit_without_a_premium_and_next_year_redebit():
    assert "来年2月の振替日（2月18日(木)）" in cash_option_reply("12月中に現金なしで加入したら最初の振替はいつ？", TODAY)
    assert "来年2月の振替日" in redebit_reply("11月分が残高不足で落ちてませんでした。次はいつ", "shokibo", TODAY)


def test_a_passed_change_deadline_is_said_to_have_passed():
    reply = month_date_reply("12月分から増額したい、いつまでに届けばいい？", "safety", dt.date(2026, 12, 9))
    assert "過ぎています" in reply and "12月7日(月)" in reply


def test_an_earlier_month_is_next_years():
    assert "来年3月の引落し日" in month_date_reply("3月の引落しは何日？", "shokibo", dt.date(2026, 6, 1))
    later = cash_option_reply("2月に現金なしで申し込んだら最初の引落しはいつ？", dt.date(2026, 11, 2))
    assert "4月の振替日（4月19日(月)）" in later


@pytest.mark.parametrize("text, expected", [
    ("来年２月の倒産防止共済の引き落としって何日になる？", "来年2月の引落し日は3月1日(月)"),
    ("来月から掛金を増やしたい 申込書の締め切りいつ？", "1月5日(火)までに"),
    ("来年の3月に前納して今期の損金にしたい、掛金前納申出書は何日までに届けば？", "3月5日(金)までに"),
    ("来年3月に前納する予定です。前納金が引き落とされるのは何日？", "3月29日(月)に引き落とされます"),
])
def test_safety_dates_for_named_and_relative_months(text, expected):
    assert expected in month_date_reply(text, "safety", TODAY)


def test_redebit_with_the_monthly_premium():
    reply = redebit_reply("月1万5千円で月払い。10月の引き落としが失敗してた。次はいつでいくら？", "shokibo", TODAY)
    assert "12月18日(金)" in reply and "合計30,000円" in reply
