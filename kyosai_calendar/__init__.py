"""Business-day and debit-date rules of 小規模企業共済 and 経営セーフティ共済.

Every function takes its dates as arguments; nothing here reads today's date.
"""

from kyosai_calendar.business_days import (
    is_business_day,
    next_business_day_on_or_after,
    previous_business_day_on_or_before,
)
from kyosai_calendar.schedule import (
    SAFETY,
    SHOKIBO,
    YearMonth,
    debit_date,
    redebit_month,
    safety_debit_date,
    safety_prepayment_deadline,
    safety_redebit_month,
    shokibo_debit_date,
    shokibo_lump_sum_deadline,
    shokibo_redebit_month,
)

__all__ = [
    "SAFETY",
    "SHOKIBO",
    "YearMonth",
    "debit_date",
    "is_business_day",
    "next_business_day_on_or_after",
    "previous_business_day_on_or_before",
    "redebit_month",
    "safety_debit_date",
    "safety_prepayment_deadline",
    "safety_redebit_month",
    "shokibo_debit_date",
    "shokibo_lump_sum_deadline",
    "shokibo_redebit_month",
]
