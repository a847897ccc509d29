"""A holder's own figures: premiums paid so far and a year's amount to declare (X30, T20).

The façade only adds up what its records hold; the bot applies the 支給率 and loan rules.
"""

import datetime as dt
from collections import Counter
from collections.abc import Sequence

import kyosai_calendar
from app import schemas
from app.models import (
    Contract,
    ContractStatus,
    Payment,
    PaymentInterval,
    PaymentResult,
    PrepaymentDiscount,
    Scheme,
)
from app.payment_schedule import (
    INTERVAL_MONTHS,
    is_due_month,
    premium_per_debit,
    prepaid_debits_covered,
    redebit_schedule,
)
from kyosai_calendar import YearMonth

# 掛金 paid before 平成16年4月 have other 支給率 (X10): the bot must not compute them.
SHOKIBO_RATE_TABLE_FROM = dt.date(2004, 4, 1)


def _months_per_debit(contract: Contract) -> int:
    return INTERVAL_MONTHS[PaymentInterval(contract.payment_interval)]


def premium_levels(contract: Contract, history: Sequence[Payment]) -> list[schemas.PremiumLevel]:
    """Paid months and premiums per monthly amount (archived debits at 掛金月額), lowest first."""
    per_debit = _months_per_debit(contract)
    months: Counter[int] = Counter()
    if contract.archived_months_paid:
        months[contract.archived_premiums_paid // contract.archived_months_paid] += (
            contract.archived_months_paid
        )
    for payment in history:
        if payment.result == PaymentResult.PAID:
            months[payment.amount // per_debit] += per_debit
    return [
        schemas.PremiumLevel(monthly_premium=amount, months=count, total=amount * count)
        for amount, count in sorted(months.items())
    ]


def _due_in_year(
    contract: Contract, history: Sequence[Payment], year: int, as_of: dt.date
) -> list[tuple[dt.date, int]]:
    """Debits still to come in `year` after as_of: premiums not prepaid, and re-debits."""
    if contract.status == ContractStatus.CANCELLED or year < as_of.year:
        return []
    settled = {YearMonth(p.month.year, p.month.month) for p in history}
    covered = prepaid_debits_covered(contract)
    due: list[tuple[dt.date, int]] = []
    month = YearMonth(as_of.year, as_of.month)
    while month.year == year:
        debit_date = kyosai_calendar.debit_date(contract.scheme, *month)
        if debit_date > as_of and is_due_month(contract, month) and month not in settled:
            if covered:
                covered -= 1
            else:
                due.append((debit_date, premium_per_debit(contract)))
        month = month.plus_months(1)
    due += [(day, p.amount) for p, day in redebit_schedule(contract, history) if _later_in(day, year, as_of)]
    return sorted(due)


def _later_in(day: dt.date, year: int, as_of: dt.date) -> bool:
    return day.year == year and day > as_of


def year_amounts(
    contract: Contract,
    history: Sequence[Payment],
    discounts: Sequence[PrepaymentDiscount],
    year: int,
    as_of: dt.date,
) -> schemas.YearAmounts:
    """Premiums of `year` by debit date: 1月〜9月 and 10月〜12月 paid, still due, minus 前納減額金."""
    paid = [p for p in history if p.result == PaymentResult.PAID and p.debit_date.year == year]
    due = _due_in_year(contract, history, year, as_of)
    failed_unpaid = sum(  # re-debited only next year: not paid in this one
        p.amount for p, day in redebit_schedule(contract, history)
        if p.debit_date.year == year and day.year > year
    )
    discount = sum(d.amount for d in discounts if d.paid_on.year == year and d.paid_on <= as_of)
    if contract.scheme != Scheme.SHOKIBO:
        discount = 0
    jan_sep = sum(p.amount for p in paid if p.debit_date.month <= 9)
    oct_dec = sum(p.amount for p in paid if p.debit_date.month >= 10)
    due_total = sum(amount for _, amount in due)
    return schemas.YearAmounts(
        year=year,
        jan_sep_paid=jan_sep,
        oct_dec_paid=oct_dec,
        due=due_total,
        due_dates=[day for day, _ in due],
        failed_unpaid=failed_unpaid,
        prepayment_discount=discount,
        total=jan_sep + oct_dec + due_total - discount,
    )


def contract_figures(
    contract: Contract,
    payments: Sequence[Payment],
    discounts: Sequence[PrepaymentDiscount],
    year: int,
    as_of: dt.date,
) -> schemas.ContractFigures:
    """Everything the bot needs for the holder's 申告額, 解約手当金 and loan-limit estimates."""
    history = [p for p in payments if p.debit_date <= as_of]
    levels = premium_levels(contract, history)
    return schemas.ContractFigures(
        as_of=as_of,
        scheme=Scheme(contract.scheme),
        status=ContractStatus(contract.status),
        enrolled_on=contract.enrolled_on,
        months_paid=sum(level.months for level in levels),
        premiums_total=sum(level.total for level in levels),
        premium_levels=levels,
        paid_before_rate_table=(
            contract.scheme == Scheme.SHOKIBO and contract.enrolled_on < SHOKIBO_RATE_TABLE_FROM
        ),
        prepaid_balance=contract.prepaid_balance if contract.scheme == Scheme.SAFETY else 0,
        year_amounts=year_amounts(contract, history, discounts, year, as_of),
    )
