"""Load the fictional demo contracts (app.demo_contracts) dated relative to an as-of date.

Usage: `python -m app.seed [--as-of YYYY-MM-DD]` (default: today in Asia/Tokyo).

Idempotent: contracts are upserted by number and their payments and certificates are
rebuilt, so re-running never duplicates rows (reissue requests are kept).
"""

import argparse
import datetime as dt

from sqlalchemy import delete, select
from sqlalchemy.orm import Session

import kyosai_calendar
from app.certificate_status import certificate_kind
from app.core.clock import Clock
from app.core.db import get_sessionmaker
from app.demo_contracts import DemoContract, demo_contracts
from app.models import (
    Certificate,
    Contract,
    ContractHolder,
    Payment,
    PaymentInterval,
    PaymentResult,
    PrepaymentDiscount,
    Scheme,
)
from app.payment_schedule import INTERVAL_MONTHS, is_due_month, premium_per_debit
from kyosai_calendar import YearMonth


def _dispatch_date(scheme: Scheme, year: int, first_paid_month: int) -> dt.date:
    """When the year's certificate is mailed: November, or mid-February / February next year."""
    if scheme == Scheme.SHOKIBO and first_paid_month <= 9:
        return kyosai_calendar.next_business_day_on_or_after(dt.date(year, 11, 10))
    day = 15 if scheme == Scheme.SHOKIBO else 10
    return kyosai_calendar.next_business_day_on_or_after(dt.date(year + 1, 2, day))


def _archived_debits(contract: Contract, demo: DemoContract) -> int:
    """Debits from enrolment up to paid_from, kept only as totals (all paid)."""
    month, count = YearMonth(demo.enrolled_on.year, demo.enrolled_on.month), 0
    while month < demo.paid_from:
        count += is_due_month(contract, month)
        month = month.plus_months(1)
    return count


def _upsert_contract(session: Session, demo: DemoContract) -> Contract:
    contract = session.scalars(
        select(Contract).where(Contract.contract_number == demo.number)
    ).one_or_none()
    if contract is None:
        contract = Contract(contract_number=demo.number, holder=ContractHolder())
        session.add(contract)
    contract.holder.name_kanji = demo.name_kanji
    contract.holder.name_kana = demo.name_kana
    contract.holder.birth_date = demo.birth_date
    contract.check_digit = demo.check_digit
    contract.scheme = demo.scheme
    contract.status = demo.status
    contract.monthly_premium = demo.monthly_premium
    contract.payment_interval = demo.payment_interval
    contract.enrolled_on = demo.enrolled_on
    contract.prefecture = demo.prefecture
    contract.city = demo.city
    contract.address_change_pending = demo.address_change_pending
    contract.prepaid_balance = demo.prepaid_balance
    contract.handling_institution = demo.handling_institution
    archived = _archived_debits(contract, demo)
    contract.archived_months_paid = archived * INTERVAL_MONTHS[PaymentInterval(demo.payment_interval)]
    contract.archived_premiums_paid = archived * premium_per_debit(contract)
    session.flush()
    return contract


def _rebuild_history(
    session: Session, contract: Contract, demo: DemoContract, as_of: dt.date
) -> None:
    """Replace the contract's payments and certificates with the demo history."""
    session.execute(delete(Payment).where(Payment.contract_id == contract.id))
    session.execute(delete(Certificate).where(Certificate.contract_id == contract.id))
    session.execute(
        delete(PrepaymentDiscount).where(PrepaymentDiscount.contract_id == contract.id)
    )
    for paid_on, amount in demo.discounts:
        if paid_on <= as_of:
            session.add(PrepaymentDiscount(contract_id=contract.id, paid_on=paid_on, amount=amount))
    first_paid: dict[int, int] = {}
    month = demo.paid_from
    while month <= demo.paid_to:
        if is_due_month(contract, month):
            failed = month in demo.failed
            session.add(
                Payment(
                    contract_id=contract.id,
                    month=month.first_day(),
                    amount=premium_per_debit(contract),
                    debit_date=kyosai_calendar.debit_date(demo.scheme, *month),
                    result=PaymentResult.FAILED if failed else PaymentResult.PAID,
                )
            )
            if not failed:
                first_paid.setdefault(month.year, month.month)
        month = month.plus_months(1)
    for year, first_month in first_paid.items():
        dispatched_on = _dispatch_date(demo.scheme, year, first_month)
        session.add(
            Certificate(
                contract_id=contract.id,
                year=year,
                kind=certificate_kind(contract),
                dispatched_on=dispatched_on if dispatched_on <= as_of else None,
            )
        )


def seed(session: Session, as_of: dt.date) -> int:
    """Create or refresh the demo contracts; return how many there are."""
    demos = demo_contracts(as_of)
    for demo in demos:
        contract = _upsert_contract(session, demo)
        _rebuild_history(session, contract, demo, as_of)
    session.commit()
    return len(demos)


def main() -> None:
    """Command-line entry point."""
    parser = argparse.ArgumentParser(description=__doc__)
    parser.add_argument(
        "--as-of",
        type=dt.date.fromisoformat,
        default=Clock().today_jst(),
        help="reference date YYYY-MM-DD (default: today in Asia/Tokyo)",
    )
    args = parser.parse_args()
    with get_sessionmaker()() as session:
        count = seed(session, args.as_of)
    print(f"seeded {count} fictional demo contracts as of {args.as_of.isoformat()}")


if __name__ == "__main__":
    main()
