"""Last and next debits, arrears and re-debits of a contract, using kyosai_calendar."""

import datetime as dt
from collections import defaultdict
from collections.abc import Sequence

import kyosai_calendar
from app import schemas
from app.models import Contract, ContractStatus, Payment, PaymentInterval, PaymentResult, Scheme
from kyosai_calendar import YearMonth

INTERVAL_MONTHS = {
    PaymentInterval.MONTHLY: 1,
    PaymentInterval.SEMIANNUAL: 6,
    PaymentInterval.ANNUAL: 12,
}
# How far ahead to look for the next debit (prepayment can cover years of safety premiums).
_HORIZON_MONTHS = 12 * 12


def month_text(month: YearMonth | dt.date) -> str:
    """Format a month as YYYY-MM."""
    return f"{month.year:04d}-{month.month:02d}"


def _year_month(day: dt.date) -> YearMonth:
    return YearMonth(day.year, day.month)


def premium_per_debit(contract: Contract) -> int:
    """Premium collected by one debit under the contract's payment interval."""
    return contract.monthly_premium * INTERVAL_MONTHS[PaymentInterval(contract.payment_interval)]


def is_due_month(contract: Contract, month: YearMonth) -> bool:
    """True when a premium is debited in this month (intervals are anchored on enrolment)."""
    enrolled = _year_month(contract.enrolled_on)
    offset = (month.year - enrolled.year) * 12 + month.month - enrolled.month
    return offset >= 0 and offset % INTERVAL_MONTHS[PaymentInterval(contract.payment_interval)] == 0


def prepaid_debits_covered(contract: Contract) -> int:
    """Number of upcoming debits that the safety prepaid balance pays for."""
    if contract.scheme != Scheme.SAFETY:
        return 0
    return contract.prepaid_balance // premium_per_debit(contract)


def last_debit(history: Sequence[Payment]) -> schemas.LastDebit | None:
    """The most recent debit of the history."""
    if not history:
        return None
    latest = max(history, key=lambda p: p.debit_date)
    return schemas.LastDebit(
        month=month_text(latest.month),
        debit_date=latest.debit_date,
        amount=latest.amount,
        result=PaymentResult(latest.result),
    )


def _failed_debits(
    contract: Contract, payments: Sequence[Payment]
) -> list[tuple[Payment, YearMonth]]:
    """Failed debits, oldest first, each with its re-debit month under the scheme's rule."""
    failed = sorted(
        (p for p in payments if p.result == PaymentResult.FAILED), key=lambda p: p.month
    )
    return [
        (p, kyosai_calendar.redebit_month(contract.scheme, p.month.year, p.month.month))
        for p in failed
    ]


def redebit_schedule(
    contract: Contract, payments: Sequence[Payment]
) -> list[tuple[Payment, dt.date]]:
    """Failed debits, oldest first, each with the date of its re-debit."""
    return [
        (payment, kyosai_calendar.debit_date(contract.scheme, *redebit))
        for payment, redebit in _failed_debits(contract, payments)
    ]


def arrears(contract: Contract, payments: Sequence[Payment]) -> schemas.Arrears:
    """Failed debits with the month and date of their re-debit."""
    items = [
        schemas.ArrearsItem(
            month=month_text(payment.month),
            amount=payment.amount,
            redebit_month=month_text(redebit),
            redebit_date=kyosai_calendar.debit_date(contract.scheme, *redebit),
        )
        for payment, redebit in _failed_debits(contract, payments)
    ]
    return schemas.Arrears(items=items, total=sum(item.amount for item in items))


def next_debit(
    contract: Contract, history: Sequence[Payment], as_of: dt.date
) -> schemas.NextDebit | None:
    """The first debit on or after as_of: the premium due and any arrears re-debited with it.

    `history` holds the debits made up to as_of.
    """
    if contract.status == ContractStatus.CANCELLED:
        return None
    settled = {
        _year_month(p.month)
        for p in history
        if p.result in (PaymentResult.PAID, PaymentResult.FAILED)
    }
    redebits: dict[YearMonth, int] = defaultdict(int)
    for payment, redebit in _failed_debits(contract, history):
        if kyosai_calendar.debit_date(contract.scheme, *redebit) >= as_of:
            redebits[redebit] += payment.amount
    covered = prepaid_debits_covered(contract)
    start = max(_year_month(as_of), _year_month(contract.enrolled_on))
    for offset in range(_HORIZON_MONTHS):
        month = start.plus_months(offset)
        debit_date = kyosai_calendar.debit_date(contract.scheme, *month)
        if debit_date < as_of:
            continue
        premium = 0
        if is_due_month(contract, month) and month not in settled:
            if covered:
                covered -= 1
            else:
                premium = premium_per_debit(contract)
        if premium or redebits[month]:
            return schemas.NextDebit(
                month=month_text(month),
                debit_date=debit_date,
                premium_amount=premium,
                redebit_amount=redebits[month],
                amount=premium + redebits[month],
            )
    return None


def payments_overview(
    contract: Contract, payments: Sequence[Payment], as_of: dt.date
) -> schemas.PaymentsResponse:
    """Everything the bot needs about debits, from the history known on as_of."""
    is_safety = contract.scheme == Scheme.SAFETY
    history = [p for p in payments if p.debit_date <= as_of]
    return schemas.PaymentsResponse(
        as_of=as_of,
        scheme=Scheme(contract.scheme),
        status=ContractStatus(contract.status),
        payment_interval=PaymentInterval(contract.payment_interval),
        last_debit=last_debit(history),
        next_debit=next_debit(contract, history, as_of),
        arrears=arrears(contract, history),
        prepaid_balance=contract.prepaid_balance if is_safety else None,
        prepaid_debits_covered=prepaid_debits_covered(contract) if is_safety else None,
    )
