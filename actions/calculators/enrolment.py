"""小規模企業共済: what a new member pays first, 「現金あり」 or 「現金なし」 (S28), for a 掛金月額."""
from __future__ import annotations

import datetime as dt
import re
from typing import Optional

from kyosai_calendar import SHOKIBO, YearMonth, debit_date

from actions.calculators.reading import fold, monthly_premium
from actions.calculators.rules import SHOKIBO_MONTHLY
from actions.contact import format_day

CASH = re.compile(r"現金(あり|有り|なし|無し)")
APPLIED_MONTH = re.compile(r"(?<![\d年])(1[0-2]|[1-9])月(?:に|中に|の)?.{0,10}?(?:申込|申し込|加入)")
INTERVALS = ((re.compile(r"半年払"), 6, "半年払い"), (re.compile(r"年払"), 12, "年払い"))


def cash_option_reply(text: Optional[str], today: dt.date) -> Optional[str]:
    """「12月申込み・現金なし・月2万」 → the first debit (翌々月, 3か月分 for 月払い) and its amount."""
    folded = fold(text)
    cash = CASH.search(folded)
    monthly = monthly_premium(text, *SHOKIBO_MONTHLY)
    if not cash or (monthly is not None and monthly % 500):
        return None
    months, label = next(((m, name) for pattern, m, name in INTERVALS if pattern.search(folded)), (1, "月払い"))
    named = APPLIED_MONTH.search(folded)
    month = int(named.group(1)) if named else today.month
    applied = YearMonth(today.year if month >= today.month else today.year + 1, month)
    first = applied.plus_months(2)
    day = format_day(debit_date(SHOKIBO, first.year, first.month))
    if monthly is None:
        return _first_debit_only(cash.group(1), applied, first, day, months)
    head = f"【小規模企業共済】{applied.month}月申込み・掛金月額{monthly:,}円・{label}の場合"
    if cash.group(1) in ("あり", "有り"):
        if months > 1:
            return f"{head}\n申込時に{months}か月分、{monthly * months:,}円を現金で払います。"
        return (f"{head}\n申込時に1か月分{monthly:,}円を現金で払い、{first.month}月の振替日（{day}）に"
                f"2か月分{monthly * 2:,}円が引き落とされます。")
    count = 3 if months == 1 else months
    next_year = "\n初回が翌年なので、申込みの年の控除の対象にはなりません。" if first.year > applied.year else ""
    return f"{head}\n初回の引落しは{first.month}月の振替日（{day}）で、{count}か月分{monthly * count:,}円です。{next_year}"


def _first_debit_only(cash: str, applied: YearMonth, first: YearMonth, day: str, months: int) -> Optional[str]:
    """Without a 掛金月額: when the first debit is and how many months it takes (「現金なし」 only)."""
    if cash in ("あり", "有り"):
        return None
    count = "月払いなら3か月分（申込月・翌月・翌々月）" if months == 1 else f"{months}か月分"
    year = "来年" if first.year > applied.year else ""
    return (f"【小規模企業共済】\n{applied.month}月に「現金なし」で申し込むと、初回の引落しは{year}{first.month}月の振替日"
            f"（{day}）で、{count}です。")
