"""This year's dates for answers, computed from the schemes' rules (facts.md "Dates are rules").

Each function takes today's date; answers never hard-code a date or a year.
"""
from __future__ import annotations

import datetime as dt
from typing import Callable, Dict

from kyosai_calendar import (
    SAFETY,
    SHOKIBO,
    YearMonth,
    debit_date,
    safety_debit_date,
    safety_prepayment_deadline,
    shokibo_debit_date,
    shokibo_lump_sum_deadline,
)

from actions.contact import format_day
from actions.yearly_dates import current_variables


def next_debit(scheme: str, today: dt.date) -> dt.date:
    """The scheme's next debit day on or after today (18th / 27th rule)."""
    month = YearMonth(today.year, today.month)
    day = debit_date(scheme, month.year, month.month)
    if day < today:
        month = month.plus_months(1)
        day = debit_date(scheme, month.year, month.month)
    return day


def shokibo_next_lump_sum(today: dt.date) -> Dict[str, dt.date]:
    """Next 一括納付 debit still reachable, and the day the form must arrive by."""
    month = YearMonth(today.year, today.month).plus_months(1)
    if shokibo_lump_sum_deadline(month.year, month.month) < today:
        month = month.plus_months(1)
    return {
        "lump_sum_deadline": shokibo_lump_sum_deadline(month.year, month.month),
        "lump_sum_debit": shokibo_debit_date(month.year, month.month),
    }


def safety_next_prepayment(today: dt.date) -> Dict[str, dt.date]:
    """Next month a 前納 can still start, its arrival deadline and its debit day."""
    month = YearMonth(today.year, today.month)
    if safety_prepayment_deadline(month.year, month.month) < today:
        month = month.plus_months(1)
    return {
        "prepay_deadline": safety_prepayment_deadline(month.year, month.month),
        "prepay_debit": safety_debit_date(month.year, month.month),
    }


DATE_FILLERS: Dict[str, Callable[[dt.date], Dict[str, dt.date]]] = {
    "utter_ask_debit_date_shokibo": lambda today: {"next_debit": next_debit(SHOKIBO, today)},
    "utter_ask_debit_date_safety": lambda today: {"next_debit": next_debit(SAFETY, today)},
    "utter_ask_prepayment_shokibo": shokibo_next_lump_sum,
    "utter_ask_prepayment_safety": safety_next_prepayment,
}


def _december(today: dt.date) -> Dict[str, dt.date]:
    """This year's December debit days and the arrival deadline of a December 一括納付."""
    return {
        "dec_shokibo_debit": shokibo_debit_date(today.year, 12),
        "dec_safety_debit": safety_debit_date(today.year, 12),
        "dec_lump_sum_deadline": shokibo_lump_sum_deadline(today.year, 12),
        "dec_safety_prepay_deadline": safety_prepayment_deadline(today.year, 12),
    }


def season_notes(today: dt.date) -> Dict[str, str]:
    """First lines that depend on the time of year (S28, S29, S40); empty where nothing is due."""
    year_end = today.month in (11, 12)
    if (today.month, today.day) >= (11, 1) and (today.month, today.day) <= (12, 10):
        certificate = "今は、9月までに払込みがある方への発送時期（11月〜12月初旬）です。"
    elif today.month == 12 or today.month == 1:
        certificate = "11月〜12月初旬の発送は終わっています。10月以降に払込みを始めた方は、2月中旬頃です。"
    elif today.month == 2:
        certificate = "今は、10月以降に払込みを始めた方への発送時期（2月中旬頃）です。"
    else:
        certificate = "次の発送は、11月〜12月初旬（9月までに払込みがある方）です。"
    return {
        "year_end_cash": "今年の控除に入れるなら、「現金あり」で申し込んでください。" if year_end else "",
        "year_end_cash_increase": "今年の控除に入れるなら、「現金あり」で増額を申し込んでください。" if year_end else "",
        "certificate_season": certificate,
    }


def item_variables(today: dt.date) -> Dict[str, str]:
    """Every placeholder a knowledge item (data/kb/) may use, formatted for today."""
    days = {
        "shokibo_next_debit": next_debit(SHOKIBO, today),
        "safety_next_debit": next_debit(SAFETY, today),
        **shokibo_next_lump_sum(today),
        **safety_next_prepayment(today),
        **_december(today),
    }
    values = {name: format_day(day) for name, day in days.items()}
    for deadline, state in (("dec_lump_sum_deadline", "dec_lump_sum_state"),
                            ("dec_safety_prepay_deadline", "dec_safety_prepay_state")):
        values[state] = "締め切りました" if days[deadline] < today else "まだ間に合います"
    return {**values, **season_notes(today), **current_variables(today)}


def date_variables(response: str, today: dt.date) -> Dict[str, str]:
    """Placeholder values (formatted like 12月20日(月)) for a response that needs dates."""
    filler = DATE_FILLERS.get(response)
    if filler is None:
        return {}
    return {name: format_day(day) for name, day in filler(today).items()}
