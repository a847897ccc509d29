"""Debit dates, deadlines and re-debit months, including the newsletter's 2021 dates."""

import datetime as dt

import pytest

from kyosai_calendar import (
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


class TestNewsletter2021:
    """The dates printed in the December 2021 newsletter."""

    def test_shokibo_debit_moves_past_the_weekend(self) -> None:
        assert shokibo_debit_date(2021, 12) == dt.date(2021, 12, 20)  # 18th was a Saturday

    def test_shokibo_lump_sum_deadline_moves_back_to_friday(self) -> None:
        assert shokibo_lump_sum_deadline(2021, 12) == dt.date(2021, 11, 19)  # 20th was a Saturday

    def test_safety_prepayment_deadline_moves_past_sunday(self) -> None:
        assert safety_prepayment_deadline(2021, 12) == dt.date(2021, 12, 6)  # 5th was a Sunday

    def test_safety_debit_on_the_27th(self) -> None:
        assert safety_debit_date(2021, 12) == dt.date(2021, 12, 27)


def test_shokibo_debit_on_a_national_holiday() -> None:
    assert shokibo_debit_date(2023, 9) == dt.date(2023, 9, 19)  # 18th was 敬老の日


def test_shokibo_debit_on_a_business_day_stays() -> None:
    assert shokibo_debit_date(2021, 11) == dt.date(2021, 11, 18)


def test_safety_debit_after_weekend() -> None:
    assert safety_debit_date(2021, 11) == dt.date(2021, 11, 29)  # 27th was a Saturday


def test_safety_prepayment_deadline_after_golden_week() -> None:
    assert safety_prepayment_deadline(2026, 5) == dt.date(2026, 5, 7)


def test_shokibo_lump_sum_deadline_before_a_holiday() -> None:
    assert shokibo_lump_sum_deadline(2024, 4) == dt.date(2024, 3, 19)  # 20th was 春分の日


@pytest.mark.parametrize(
    ("debit", "deadline"),
    [
        ((2022, 1), dt.date(2021, 12, 15)),  # December uses the 15th (a Wednesday)
        ((2025, 1), dt.date(2024, 12, 13)),  # 15 December 2024 was a Sunday
    ],
)
def test_shokibo_lump_sum_deadline_for_january_debit(debit: tuple, deadline: dt.date) -> None:
    assert shokibo_lump_sum_deadline(*debit) == deadline


@pytest.mark.parametrize(
    ("failed", "expected"),
    [
        ((2021, 6), YearMonth(2021, 8)),
        ((2021, 7), YearMonth(2021, 10)),
        ((2021, 8), YearMonth(2021, 10)),
        ((2021, 10), YearMonth(2021, 12)),
        ((2021, 11), YearMonth(2022, 2)),
        ((2021, 12), YearMonth(2022, 2)),
        ((2022, 1), YearMonth(2022, 4)),
    ],
)
def test_shokibo_redebit_month(failed: tuple, expected: YearMonth) -> None:
    assert shokibo_redebit_month(*failed) == expected


@pytest.mark.parametrize(
    ("failed", "expected"),
    [
        ((2021, 8), YearMonth(2021, 10)),
        ((2021, 9), YearMonth(2021, 11)),
        ((2021, 11), YearMonth(2022, 1)),
        ((2021, 12), YearMonth(2022, 2)),
    ],
)
def test_safety_redebit_month(failed: tuple, expected: YearMonth) -> None:
    assert safety_redebit_month(*failed) == expected


def test_scheme_dispatchers() -> None:
    assert debit_date("shokibo", 2021, 12) == dt.date(2021, 12, 20)
    assert debit_date("safety", 2021, 12) == dt.date(2021, 12, 27)
    assert redebit_month("shokibo", 2021, 7) == YearMonth(2021, 10)
    assert redebit_month("safety", 2021, 7) == YearMonth(2021, 9)
    with pytest.raises(ValueError):
        debit_date("other", 2021, 12)
    with pytest.raises(ValueError):
        redebit_month("other", 2021, 12)


def test_year_month_arithmetic() -> None:
    assert YearMonth(2021, 12).plus_months(1) == YearMonth(2022, 1)
    assert YearMonth(2022, 1).plus_months(-1) == YearMonth(2021, 12)
    assert YearMonth(2021, 3).plus_months(-15) == YearMonth(2019, 12)
    assert YearMonth(2021, 3).first_day() == dt.date(2021, 3, 1)
