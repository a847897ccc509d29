"""When a failed debit is taken again (S50, T40), computed for the month the visitor names."""
from __future__ import annotations

import datetime as dt
import re
from typing import Optional

from kyosai_calendar import SAFETY, SHOKIBO, debit_date, redebit_month

from actions.calculators.reading import fold, monthly_premium
from actions.contact import format_day
from actions.schemes import SCHEME_NAMES

FAILED_WORDS = re.compile(r"落ち(?:な|ず|へん|ん|てな)|おち(?:な|ず|ん)|失敗|落とされ(?:な|ず|へん|てな)|引き?落とせ|引落しでき(?:な|ず)"
                          r"|振替(?:でき(?:な|ず)|不能)|残高不足|入れ忘れ|お金(?:が)?(?:足り|なか)")
# Failed prepayments, annual debits and the tax year follow other rules: their items answer them.
OTHER_RULE_WORDS = re.compile(r"前納|一括納付|年払|年内|控除|申告")
FAILED_MONTH = re.compile(r"(?<![\d年])(1[0-2]|[1-9])月(?:分|の|\))|(今月|先月)")
RULES = {SHOKIBO: "月払いの場合、翌々月以降で最初に来る偶数月に、まとめて引き落とします。",
         SAFETY: "翌々月に、その月の分と合わせて引き落とします。"}


def redebit_reply(text: Optional[str], scheme: Optional[str], today: dt.date) -> Optional[str]:
    """「9月の掛金が落ちなかった。次いつ？」 → the re-debit day for the scheme; None if not asked."""
    folded = fold(text)
    month = FAILED_MONTH.search(folded)
    if scheme not in (SHOKIBO, SAFETY) or not month or not FAILED_WORDS.search(folded):
        return None
    if OTHER_RULE_WORDS.search(folded):
        return None
    failed = int(month.group(1)) if month.group(1) else (
        today.month if month.group(2) == "今月" else (today.month + 10) % 12 + 1)
    year = today.year if failed <= today.month else today.year - 1  # a later month is last year's
    again = redebit_month(scheme, year, failed)
    day = debit_date(scheme, again.year, again.month)
    when = f"来年{again.month}月" if again.year > today.year else f"{again.month}月"
    monthly = monthly_premium(text, 1_000, 200_000) if re.search(r"月額?\d|毎月", folded) else None
    amount = f"（月払い{monthly:,}円なら合計{monthly * 2:,}円）" if monthly else ""
    return (f"【{SCHEME_NAMES[scheme]}】\n{failed}月分が引き落とせなかった場合、{when}の振替日"
            f"（{format_day(day)}）に、{failed}月分と{again.month}月分をまとめて引き落とします{amount}。\n"
            f"決まり: {RULES[scheme]}\nそれまでに口座の残高をご確認ください。")
