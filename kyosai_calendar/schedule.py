"""Debit dates, payment deadlines and re-debit months of the two mutual-aid schemes."""

import datetime as dt
from typing import NamedTuple

from kyosai_calendar.business_days import (
    next_business_day_on_or_after,
    previous_business_day_on_or_before,
)

SHOKIBO = "shokibo"
SAFETY = "safety"


class YearMonth(NamedTuple):
    """A calendar month."""

    year: int
    month: int

    def plus_months(self, months: int) -> "YearMonth":
        """Return the month that lies `months` months later (earlier if negative)."""
        index = self.year * 12 + self.month - 1 + months
        return YearMonth(index // 12, index % 12 + 1)

    def first_day(self) -> dt.date:
        """Return the first day of the month."""
        return dt.date(self.year, self.month, 1)


def shokibo_debit_date(year: int, month: int) -> dt.date:
    """小規模企業共済: the 18th of the month, or the next business day."""
    return next_business_day_on_or_after(dt.date(year, month, 18))


def safety_debit_date(year: int, month: int) -> dt.date:
    """経営セーフティ共済: the 27th of the month, or the next business day."""
    return next_business_day_on_or_after(dt.date(year, month, 27))


def shokibo_lump_sum_deadline(debit_year: int, debit_month: int) -> dt.date:
    """Deadline for a lump-sum payment debited in the given month.

    The 20th of the previous month (the 15th when that month is December),
    moved back to the previous business day when it is not one.
    """
    previous = YearMonth(debit_year, debit_month).plus_months(-1)
    day = 15 if previous.month == 12 else 20
    return previous_business_day_on_or_before(dt.date(previous.year, previous.month, day))


def safety_prepayment_deadline(year: int, month: int) -> dt.date:
    """Deadline for a prepayment starting in the given month: the 5th or the next business day."""
    return next_business_day_on_or_after(dt.date(year, month, 5))


def shokibo_redebit_month(failed_year: int, failed_month: int) -> YearMonth:
    """小規模企業共済: the first even month on or after two months after the failed debit."""
    candidate = YearMonth(failed_year, failed_month).plus_months(2)
    return candidate if candidate.month % 2 == 0 else candidate.plus_months(1)


def safety_redebit_month(failed_year: int, failed_month: int) -> YearMonth:
    """経営セーフティ共済: two months after the failed debit."""
    return YearMonth(failed_year, failed_month).plus_months(2)


def debit_date(scheme: str, year: int, month: int) -> dt.date:
    """Return the debit date of the month under the scheme ("shokibo" or "safety")."""
    if scheme == SHOKIBO:
        return shokibo_debit_date(year, month)
    if scheme == SAFETY:
        return safety_debit_date(year, month)
    raise ValueError(f"unknown scheme: {scheme!r}")


def redebit_month(scheme: str, failed_year: int, failed_month: int) -> YearMonth:
    """Return the re-debit month for a failed debit under the scheme ("shokibo" or "safety")."""
    if scheme == SHOKIBO:
        return shokibo_redebit_month(failed_year, failed_month)
    if scheme == SAFETY:
        return safety_redebit_month(failed_year, failed_month)
    raise ValueError(f"unknown scheme: {scheme!r}")
