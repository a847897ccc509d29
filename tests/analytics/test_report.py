"""Aggregating conversation facts, the period rules and the Japanese summary."""
import datetime as dt

import pytest

from actions.clock import JST
from analytics.events import ConversationFacts
from analytics.page import render_page
from analytics.report import DayCount, Period, build_report, parse_period, text_summary

TODAY = dt.date(2026, 11, 24)
PERIOD = Period(dt.date(2026, 11, 22), dt.date(2026, 11, 24))


def facts(day: int, channel: str = "rest", **fields) -> ConversationFacts:
    started = dt.datetime(2026, 11, day, 12, 0, tzinfo=JST)
    return ConversationFacts(sender_id="u", started=started, channel=channel,
                             intents=fields.pop("intents", ("greet",)), **fields)


def test_default_period_is_the_thirty_days_ending_today():
    period = Period.default(TODAY)
    assert (period.first, period.last, len(period.days)) == (dt.date(2026, 10, 26), TODAY, 30)
    start, end = period.bounds()
    assert start == dt.datetime(2026, 10, 26, tzinfo=JST)
    assert end == dt.datetime(2026, 11, 25, tzinfo=JST)


@pytest.mark.parametrize("first, last, expected", [
    ("", "", (dt.date(2026, 10, 26), TODAY)),
    (None, "2026-11-10", (dt.date(2026, 10, 12), dt.date(2026, 11, 10))),
    ("2026-11-01", "", (dt.date(2026, 11, 1), TODAY)),
    ("2026-11-24", "2026-11-24", (TODAY, TODAY)),
])
def test_parse_period(first, last, expected):
    period = parse_period(first, last, TODAY)
    assert (period.first, period.last) == expected


@pytest.mark.parametrize("first, last, message", [
    ("2026/11/01", "", "YYYY-MM-DD"),
    ("2026-11-25", "2026-11-24", "開始日が終了日より後"),
    ("2025-01-01", "2026-11-24", "366日以内"),
])
def test_parse_period_refuses_bad_input_in_japanese(first, last, message):
    with pytest.raises(ValueError, match=message):
        parse_period(first, last, TODAY)


def sample_report():
    return build_report([
        facts(22, "web", intents=("ask_tax", "feedback"), answers=1, feedback_yes=1),
        facts(24, "web", intents=("nlu_fallback", "ask_premium"), answers=1, fallbacks=1,
              unanswered=("掛金［番号］円",), suggestions_shown=1, suggestions_chosen=1),
        facts(24, "line", intents=("human_handoff",), handoffs=("action_contact_info",)),
        facts(24, "rest", intents=("ask_tax", "feedback"), answers=1, feedback_no=1,
              handoffs=("action_feedback",), answer_mentions_phone=True),
        facts(24, "rest", intents=("nlu_fallback", "nlu_fallback"), fallbacks=2,
              unanswered=("掛金［番号］円", "あれ"), handoffs=("action_give_up", "action_give_up")),
        facts(24, "other", intents=("check_payments",), self_service=("payments", "payments")),
    ], PERIOD)


def test_build_report_counts_every_figure():
    r = sample_report()
    assert (r.conversations, r.self_resolved, r.handoff, r.fallback, r.answered) == (6, 3, 3, 2, 3)
    assert (r.feedback_yes, r.feedback_no, r.answer_mentions_phone) == (1, 1, 1)
    assert (r.suggestions_shown, r.suggestions_chosen, r.self_service) == (1, 1, 1)
    assert r.per_day == (DayCount(dt.date(2026, 11, 22), 1, 1),
                         DayCount(dt.date(2026, 11, 23), 0, 0), DayCount(TODAY, 5, 2))
    assert r.per_channel == {"web": 2, "line": 1, "rest": 2, "other": 1}
    assert r.handoff_reasons == (("action_contact_info", 1), ("action_feedback", 1),
                                 ("action_give_up", 1))
    assert r.self_service_kinds == (("payments", 1),)
    assert r.top_intents == (("nlu_fallback", 3), ("ask_tax", 2), ("feedback", 2),
                             ("ask_premium", 1), ("check_payments", 1), ("human_handoff", 1))
    assert r.top_unanswered == (("掛金［番号］円", 2), ("あれ", 1))
    assert r.rate(r.self_resolved) == 0.5


def test_text_summary_is_japanese_and_shows_the_figures():
    text = text_summary(sample_report())
    for line in (
        "期間: 2026年11月22日〜2026年11月24日（日本時間）",
        "会話数: 6件（Webチャット 2件 / LINE 1件 / REST API 2件 / その他 1件）",
        "自己解決率: 50.0%（3/6件）",
        "電話案内率: 50.0%（3/6件）",
        "フォールバック率: 33.3%（2/6件）",
        "回答した会話: 50.0%（3/6件）",
        "フィードバック: 解決しました 1件 / 解決しませんでした 1件",
        "「もしかして」: 表示 1回 / 選択 1回",
        "セルフサービス完了: 1件",
        "  1. 掛金の払込状況 1件",
        "  1. 利用者が担当者（電話）を希望 1件",
        "  1. 判定できず（フォールバック） (nlu_fallback) 3件",
        "  2. 税金の扱い (ask_tax) 2件",
        "  1. 「掛金［番号］円」 2件",
        "  2026年11月24日(火) 5件（自己解決 2件）",
    ):
        assert line in text.splitlines(), line
    assert "11月23日" not in text  # days without conversations are left out of the list


def test_empty_report_has_no_rates():
    r = build_report([], PERIOD)
    assert r.rate(0) is None
    text = text_summary(r)
    assert "自己解決率: —（0件）" in text and "日別の会話数: なし" in text


def test_page_escapes_user_text_and_draws_one_bar_group_per_day():
    r = build_report([facts(24, unanswered=("<script>alert(1)</script>",), fallbacks=1)], PERIOD)
    page = render_page(r)
    assert "<script>" not in page and "&lt;script&gt;alert(1)&lt;/script&gt;" in page
    assert page.count("<g><title>") == 3
    assert "11月24日: 1件（自己解決 1件）" in page
    assert 'lang="ja"' in page and "<form" not in page
    assert '<input type="date" name="from" value="2026-11-22"' in render_page(r, with_form=True)
