"""The report's figures for a date range, and its Japanese text summary."""
from __future__ import annotations

import datetime as dt
from collections import Counter
from dataclasses import dataclass
from typing import Callable, Dict, Iterable, List, Optional, Tuple

from actions.clock import JST
from actions.contact import format_day
from analytics.events import CHANNELS, OTHER_CHANNEL, ConversationFacts, classify
from analytics.labels import (CHANNEL_LABELS, SELF_SERVICE_LABELS, handoff_label,
                              intent_label)
from analytics.store import load_conversations

DEFAULT_DAYS = 30
MAX_DAYS = 366
TOP_INTENTS = 10
TOP_UNANSWERED = 20


@dataclass(frozen=True)
class Period:
    """A range of whole days in Japan time, both ends included."""

    first: dt.date
    last: dt.date

    @classmethod
    def default(cls, today: dt.date, days: int = DEFAULT_DAYS) -> "Period":
        """The `days` days that end with `today`."""
        return cls(today - dt.timedelta(days=days - 1), today)

    @property
    def days(self) -> List[dt.date]:
        """Every day of the period, in order."""
        count = (self.last - self.first).days + 1
        return [self.first + dt.timedelta(days=n) for n in range(count)]

    def bounds(self) -> Tuple[dt.datetime, dt.datetime]:
        """[start, end): midnight JST of the first day to midnight after the last."""
        start = dt.datetime.combine(self.first, dt.time(), tzinfo=JST)
        return start, start + dt.timedelta(days=len(self.days))

    def label(self) -> str:
        """2026年11月1日〜2026年11月30日"""
        return f"{self.first.year}年{self.first.month}月{self.first.day}日〜" \
               f"{self.last.year}年{self.last.month}月{self.last.day}日"


def parse_period(first: Optional[str], last: Optional[str], today: dt.date) -> Period:
    """A period from YYYY-MM-DD strings (either may be empty); ValueError in Japanese."""
    default = Period.default(today)
    try:
        end = dt.date.fromisoformat(last) if last else default.last
        start = dt.date.fromisoformat(first) if first else Period.default(end).first
    except ValueError:
        raise ValueError("日付は YYYY-MM-DD の形式で指定してください（例: 2026-11-01）。") from None
    if start > end:
        raise ValueError("開始日が終了日より後になっています。")
    if (end - start).days + 1 > MAX_DAYS:
        raise ValueError(f"期間は{MAX_DAYS}日以内にしてください。")
    return Period(start, end)


@dataclass(frozen=True)
class DayCount:
    """Conversations that started on one day, and how many of them were self-resolved."""

    day: dt.date
    conversations: int
    self_resolved: int


@dataclass(frozen=True)
class Report:
    """Every figure the report shows. Counts are conversations unless named otherwise."""

    period: Period
    conversations: int
    self_resolved: int
    handoff: int
    fallback: int
    answered: int
    answer_mentions_phone: int
    feedback_yes: int
    feedback_no: int
    suggestions_shown: int  # times
    suggestions_chosen: int  # times
    self_service: int
    per_day: Tuple[DayCount, ...]
    per_channel: Dict[str, int]
    handoff_reasons: Tuple[Tuple[str, int], ...]  # (action, conversations)
    self_service_kinds: Tuple[Tuple[str, int], ...]  # (kind, conversations)
    top_intents: Tuple[Tuple[str, int], ...]  # (intent, user messages)
    top_unanswered: Tuple[Tuple[str, int], ...]  # (masked text, user messages)

    def rate(self, count: int) -> Optional[float]:
        """count / conversations, or None when there were none."""
        return count / self.conversations if self.conversations else None


def ranked(counter: Counter, limit: Optional[int] = None) -> Tuple[Tuple[str, int], ...]:
    """Most frequent first; ties in name order, so the report is stable."""
    items = sorted(counter.items(), key=lambda item: (-item[1], item[0]))
    return tuple(items[:limit] if limit else items)


def build_report(facts: Iterable[ConversationFacts], period: Period) -> Report:
    """Aggregates conversation facts into the report's figures."""
    facts = list(facts)
    started = Counter(f.started.date() for f in facts)
    resolved = Counter(f.started.date() for f in facts if f.self_resolved)
    channels = Counter(f.channel for f in facts)
    return Report(
        period=period,
        conversations=len(facts),
        self_resolved=sum(f.self_resolved for f in facts),
        handoff=sum(bool(f.handoffs) for f in facts),
        fallback=sum(f.fallbacks > 0 for f in facts),
        answered=sum(f.answers > 0 for f in facts),
        answer_mentions_phone=sum(f.answer_mentions_phone for f in facts),
        feedback_yes=sum(f.feedback_yes > 0 for f in facts),
        feedback_no=sum(f.feedback_no > 0 for f in facts),
        suggestions_shown=sum(f.suggestions_shown for f in facts),
        suggestions_chosen=sum(f.suggestions_chosen for f in facts),
        self_service=sum(bool(f.self_service) for f in facts),
        per_day=tuple(DayCount(d, started[d], resolved[d]) for d in period.days),
        per_channel={c: channels[c] for c in (*CHANNELS, OTHER_CHANNEL)},
        handoff_reasons=ranked(Counter(a for f in facts for a in set(f.handoffs))),
        self_service_kinds=ranked(Counter(k for f in facts for k in set(f.self_service))),
        top_intents=ranked(Counter(i for f in facts for i in f.intents), TOP_INTENTS),
        top_unanswered=ranked(Counter(t for f in facts for t in f.unanswered), TOP_UNANSWERED),
    )


def compute_report(url: str, period: Period, sender_prefix: Optional[str] = None) -> Report:
    """Reads the tracker store and builds the report for the period."""
    start, end = period.bounds()
    conversations = load_conversations(url, start, end, sender_prefix)
    facts = [f for f in (classify(c) for c in conversations) if f is not None]
    return build_report(facts, period)


def percent(report: Report, count: int) -> str:
    """「62.5%（5/8件）」, or 「—（0件）」 when there were no conversations."""
    share = report.rate(count)
    if share is None:
        return "—（0件）"
    return f"{share * 100:.1f}%（{count}/{report.conversations}件）"


def text_summary(report: Report) -> str:
    """The report as plain Japanese text (what `make report` prints)."""
    r = report
    channels = " / ".join(f"{CHANNEL_LABELS[c]} {n}件" for c, n in r.per_channel.items())
    lines = [
        "共済チャットボット 利用状況レポート",
        f"期間: {r.period.label()}（日本時間）",
        f"会話数: {r.conversations}件（{channels}）",
        f"自己解決率: {percent(r, r.self_resolved)}",
        "  （電話案内がなく「解決しませんでした」もなかった会話の割合）",
        f"電話案内率: {percent(r, r.handoff)}",
        f"フォールバック率: {percent(r, r.fallback)}",
        f"回答した会話: {percent(r, r.answered)}",
        f"回答の中で電話番号を案内した会話: {r.answer_mentions_phone}件",
        f"フィードバック: 解決しました {r.feedback_yes}件 / 解決しませんでした {r.feedback_no}件",
        f"「もしかして」: 表示 {r.suggestions_shown}回 / 選択 {r.suggestions_chosen}回",
        f"セルフサービス完了: {r.self_service}件",
    ]
    lines += _ranked_lines("セルフサービスの内訳", r.self_service_kinds,
                           lambda k: SELF_SERVICE_LABELS.get(k, k))
    lines += _ranked_lines("電話案内の理由", r.handoff_reasons, handoff_label)
    lines += _ranked_lines(f"よくある質問の意図（上位{TOP_INTENTS}、メッセージ数）",
                           r.top_intents, intent_label)
    lines += _ranked_lines(f"答えられなかったメッセージ（上位{TOP_UNANSWERED}、マスク済み）",
                           r.top_unanswered, lambda t: f"「{t}」")
    active = [d for d in r.per_day if d.conversations]
    lines.append("日別の会話数:" if active else "日別の会話数: なし")
    lines += [f"  {d.day.year}年{format_day(d.day)} {d.conversations}件"
              f"（自己解決 {d.self_resolved}件）" for d in active]
    return "\n".join(lines)


def _ranked_lines(title: str, items: Tuple[Tuple[str, int], ...],
                  label: Callable[[str], str]) -> List[str]:
    """A numbered list under a heading, or the heading with なし."""
    if not items:
        return [f"{title}: なし"]
    return [f"{title}:"] + [f"  {n}. {label(key)} {count}件"
                            for n, (key, count) in enumerate(items, 1)]
