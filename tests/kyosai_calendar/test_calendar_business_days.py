"""Business-day rules: weekends and Japanese national holidays only."""

import datetime as dt

import pytest

from kyosai_calendar import (
    is_business_day,
    next_business_day_on_or_after,
    previous_business_day_on_or_before,
)


@pytest.mark.parametrize(
    ("day", "expected"),
    [
        (dt.date(2021, 12, 17), True),  # Friday
        (dt.date(2021, 12, 18), False),  # Saturday
        (dt.date(2021, 12, 19), False),  # Sunday
        (dt.date(2021, 11, 23), False),  # 勤労感謝の日 (Tuesday)
        (dt.date(2023, 9, 18), False),  # 敬老の日 (Monday)
        (dt.date(2021, 7, 22), False),  # 海の日, moved for the Olympics
        (dt.date(2026, 5, 6), False),  # 振替休日
        (dt.date(2026, 9, 22), False),  # 国民の休日
        (dt.date(2022, 1, 1), False),  # 元日 (a Saturday and a holiday)
        (dt.date(2024, 1, 1), False),  # 元日 (Monday)
    ],
)
def test_is_business_day(day: dt.date, expected: bool) -> None:
    assert is_business_day(day) is expected


@pytest.mark.parametrize(
    "day",
    [dt.date(2021, 12, 31), dt.date(2024, 1, 2), dt.date(2024, 1, 3), dt.date(2025, 12, 31)],
)
def test_year_end_bank_closure_is_not_special(day: dt.date) -> None:
    assert is_business_day(day)


def test_next_business_day_skips_weekend_and_holidays() -> None:
    assert next_business_day_on_or_after(dt.date(2021, 12, 17)) == dt.date(2021, 12, 17)
    assert next_business_day_on_or_after(dt.date(2021, 12, 18)) == dt.date(2021, 12, 20)
    # Golden Week 2026: Sun 3, Mon 4, Tue 5 and the substitute holiday Wed 6.
    assert next_business_day_on_or_after(dt.date(2026, 5, 2)) == dt.date(2026, 5, 7)


def test_previous_business_day_skips_weekend_and_holidays() -> None:
    assert previous_business_day_on_or_before(dt.date(2021, 11, 19)) == dt.date(2021, 11, 19)
    assert previous_business_day_on_or_before(dt.date(2021, 11, 20)) == dt.date(2021, 11, 19)
    assert previous_business_day_on_or_before(dt.date(2026, 5, 6)) == dt.date(2026, 5, 1)
