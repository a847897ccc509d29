"""Computed dates reproduce the newsletter's 2021 dates (facts.md "Dates are rules")."""
import datetime as dt

from actions.answer_dates import (
    date_variables,
    next_debit,
    safety_next_prepayment,
    shokibo_next_lump_sum,
)


def test_december_2021_debit_days():
    assert next_debit("shokibo", dt.date(2021, 12, 1)) == dt.date(2021, 12, 20)
    assert next_debit("safety", dt.date(2021, 12, 1)) == dt.date(2021, 12, 27)


def test_next_debit_rolls_into_the_next_month_after_the_debit_day():
    assert next_debit("shokibo", dt.date(2021, 12, 21)) == dt.date(2022, 1, 18)
    assert next_debit("shokibo", dt.date(2021, 12, 20)) == dt.date(2021, 12, 20)


def test_shokibo_lump_sum_for_december_2021():
    assert shokibo_next_lump_sum(dt.date(2021, 11, 1)) == {
        "lump_sum_deadline": dt.date(2021, 11, 19),
        "lump_sum_debit": dt.date(2021, 12, 20),
    }


def test_shokibo_lump_sum_after_the_deadline_moves_a_month_on():
    later = shokibo_next_lump_sum(dt.date(2021, 11, 22))
    assert later["lump_sum_debit"].month == 1 and later["lump_sum_deadline"] == dt.date(2021, 12, 15)


def test_safety_prepayment_for_december_2021():
    assert safety_next_prepayment(dt.date(2021, 12, 1)) == {
        "prepay_deadline": dt.date(2021, 12, 6),
        "prepay_debit": dt.date(2021, 12, 27),
    }
    assert safety_next_prepayment(dt.date(2021, 12, 7))["prepay_deadline"] == dt.date(2022, 1, 5)


def test_date_variables_are_formatted_without_a_year():
    assert date_variables("utter_ask_debit_date_shokibo", dt.date(2021, 12, 1)) == {
        "next_debit": "12月20日(月)"
    }
    assert date_variables("utter_ask_tax_shokibo", dt.date(2021, 12, 1)) == {}
