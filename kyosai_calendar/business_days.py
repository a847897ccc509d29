"""Japanese business days: weekdays that are not national holidays."""

import datetime as dt
from functools import cache

import holidays

_ONE_DAY = dt.timedelta(days=1)


@cache
def _japan_holidays(year: int) -> holidays.HolidayBase:
    """Return the national holidays of Japan for one year (cached)."""
    return holidays.Japan(years=year)


def is_business_day(d: dt.date) -> bool:
    """Return True unless d is a Saturday, a Sunday or a Japanese national holiday.

    The year-end bank closure (Dec 31 - Jan 3) is deliberately not special-cased.
    """
    return d.weekday() < 5 and d not in _japan_holidays(d.year)


def next_business_day_on_or_after(d: dt.date) -> dt.date:
    """Return d if it is a business day, otherwise the next business day."""
    while not is_business_day(d):
        d += _ONE_DAY
    return d


def previous_business_day_on_or_before(d: dt.date) -> dt.date:
    """Return d if it is a business day, otherwise the previous business day."""
    while not is_business_day(d):
        d -= _ONE_DAY
    return d
