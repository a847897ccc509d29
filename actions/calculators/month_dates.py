"""Dates for a month the visitor names: that month's debit day (S22, T11) and, for セーフティ, the
arrival deadline of a change of 掛金月額 from that month (T12: the 5th, or the next business day)."""
from __future__ import annotations

import datetime as dt
import re
from typing import Optional

from kyosai_calendar import SAFETY, debit_date, safety_prepayment_deadline

from actions.calculators.enrolment import cash_option_reply
from actions.calculators.reading import fold
from actions.calculators.redebit import redebit_reply
from actions.contact import format_day
from actions.schemes import SCHEME_NAMES

NAMED_MONTH = re.compile(r"(?<!\d)(1[0-2]|[1-9])月")
DEBIT_DAY = re.compile(r"引き?落と?し(?:日|は|って)?.{0,6}(?:何日|いつ)|振替日.{0,6}(?:何日|いつ)")
CHANGE = re.compile(r"(?:(1[0-2]|[1-9])月\)?|(来月|今月))(?:分|の引き?落と?し分)?から.{0,12}(?:増額|減額|変更|増や|減ら)")
PREPAY_MONTH = re.compile(r"(?<!\d)(1[0-2]|[1-9])月に.{0,24}前納")
DEADLINE = re.compile(r"いつまで|締切|締め切り|しめきり|期限|何日|日付|必着|着いて|届け")
FAILED = re.compile(r"落ち|落とせ|不能|残高不足")


def _year_of(month: int, today: dt.date) -> int:
    """A month before this one is next year's."""
    return today.year if month >= today.month else today.year + 1


def debit_day_reply(text: Optional[str], scheme: Optional[str], today: dt.date) -> Optional[str]:
    """「2月の引落しは何日？」 → that month's debit day for the scheme."""
    folded = fold(text)
    month = NAMED_MONTH.search(folded)
    if scheme not in SCHEME_NAMES or not month or not DEBIT_DAY.search(folded) or FAILED.search(folded):
        return None
    number = int(month.group(1))
    year = _year_of(number, today)
    day = debit_date(scheme, year, number)
    rule = "18日" if scheme != SAFETY else "27日"
    named = f"{number}月" if year == today.year else f"来年{number}月"
    return (f"【{SCHEME_NAMES[scheme]}】\n{named}の引落し日は{format_day(day)}です。\n"
            f"振替日は毎月{rule}で、土日祝日なら翌営業日です。")


def change_deadline_reply(text: Optional[str], scheme: Optional[str], today: dt.date) -> Optional[str]:
    """「1月分から増額したい、いつまでに届けば？」 (セーフティ) → that month's 5th or the next business day."""
    folded = fold(text)
    change = CHANGE.search(folded)
    if scheme != SAFETY or not change or not DEADLINE.search(folded):
        return None
    number = int(change.group(1)) if change.group(1) else (today.month % 12 + 1 if change.group(2) == "来月" else today.month)
    deadline = safety_prepayment_deadline(_year_of(number, today), number)
    if deadline < today:
        return (f"【経営セーフティ共済】\n{number}月分からの変更の締切（{format_day(deadline)}必着）は過ぎています。\n"
                "締切は希望月の5日（休日なら翌営業日）です。6日以降に届くと、差額は後の引落しで調整されます。")
    return (f"【経営セーフティ共済】\n{number}月分から掛金月額を変えるには、『掛金月額変更申込書』（様式 中 210）が"
            f"{format_day(deadline)}までに中小機構に届く必要があります（希望月の5日、休日なら翌営業日）。\n"
            "6日以降に届くと、差額は後の引落しで調整されます。窓口によっては、もっと早い締切があります。")


def prepay_month_reply(text: Optional[str], scheme: Optional[str], today: dt.date) -> Optional[str]:
    """「来年3月に前納したい、申出書はいつまで？」 (セーフティ) → that month's 5th rule and its 27th debit (T14)."""
    folded = fold(text)
    month = PREPAY_MONTH.search(folded)
    if scheme != SAFETY or not month or not (DEADLINE.search(folded) or DEBIT_DAY.search(folded)):
        return None
    number = int(month.group(1))
    year = _year_of(number, today)
    deadline, debit = safety_prepayment_deadline(year, number), debit_date(SAFETY, year, number)
    return (f"【経営セーフティ共済】\n{number}月に前納するには、『掛金前納申出書』（様式 中 214）が{format_day(deadline)}"
            f"までに中小機構に届く必要があります（前納希望月の5日、休日なら翌営業日）。\n"
            f"前納金は{format_day(debit)}に引き落とされます。")


def month_date_reply(text: Optional[str], scheme: Optional[str], today: dt.date) -> Optional[str]:
    """The first of these dates the message asks for, or None."""
    return (change_deadline_reply(text, scheme, today) or prepay_month_reply(text, scheme, today)
            or debit_day_reply(text, scheme, today))


def dated_reply(text: Optional[str], scheme: Optional[str], today: dt.date) -> Optional[str]:
    """A reply that depends on today's date: a re-debit, a named month's dates, a first payment."""
    return (redebit_reply(text, scheme, today) or month_date_reply(text, scheme, today)
            or (cash_option_reply(text, today) if scheme != SAFETY else None))
