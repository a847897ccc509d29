"""Fictional demo contracts dated relative to an as-of date.

Usage: `python -m app.seed [--as-of YYYY-MM-DD]` (default: today in Asia/Tokyo).

Idempotent: contracts are upserted by number and their payments and certificates are
rebuilt, so re-running never duplicates rows (reissue requests are kept).
"""

import argparse
import datetime as dt
from dataclasses import dataclass, field

from sqlalchemy import delete, select
from sqlalchemy.orm import Session

import kyosai_calendar
from app.certificate_status import certificate_kind
from app.core.clock import Clock
from app.core.db import get_sessionmaker
from app.models import (
    Certificate,
    Contract,
    ContractHolder,
    ContractStatus,
    Payment,
    PaymentInterval,
    PaymentResult,
    Scheme,
)
from app.payment_schedule import is_due_month, premium_per_debit
from kyosai_calendar import YearMonth


@dataclass(frozen=True)
class DemoContract:
    """One demo contract and the debits to record for it (months inclusive)."""

    number: str
    check_digit: str
    birth_date: dt.date
    name_kanji: str
    name_kana: str
    scheme: Scheme
    monthly_premium: int
    enrolled_on: dt.date
    prefecture: str
    city: str
    paid_from: YearMonth
    paid_to: YearMonth
    failed: frozenset[YearMonth] = field(default_factory=frozenset)
    status: ContractStatus = ContractStatus.ACTIVE
    payment_interval: PaymentInterval = PaymentInterval.MONTHLY
    address_change_pending: bool = False
    prepaid_balance: int = 0
    handling_institution: str | None = None


def latest_debit_month(scheme: Scheme, as_of: dt.date) -> YearMonth:
    """The latest month whose debit date is on or before as_of."""
    month = YearMonth(as_of.year, as_of.month)
    if kyosai_calendar.debit_date(scheme, *month) > as_of:
        month = month.plus_months(-1)
    return month


def demo_contracts(as_of: dt.date) -> list[DemoContract]:
    """The demo set: (a) the newsletter example, (b)-(g) one case each."""
    year = as_of.year
    last_shokibo = latest_debit_month(Scheme.SHOKIBO, as_of)
    last_safety = latest_debit_month(Scheme.SAFETY, as_of)
    january_last_year = YearMonth(year - 1, 1)
    return [
        DemoContract(  # (a) newsletter example: paid every month, certificate in November
            number="1234567",
            check_digit="89",
            birth_date=dt.date(1970, 4, 1),
            name_kanji="中小 太郎",
            name_kana="チュウショウ タロウ",
            scheme=Scheme.SHOKIBO,
            monthly_premium=10_000,
            enrolled_on=dt.date(year - 10, 4, 1),
            prefecture="東京都",
            city="港区",
            paid_from=january_last_year,
            paid_to=last_shokibo,
        ),
        DemoContract(  # (b) first payment in October: certificate in February next year
            number="2345678",
            check_digit="12",
            birth_date=dt.date(1985, 7, 15),
            name_kanji="小規 花子",
            name_kana="コキボ ハナコ",
            scheme=Scheme.SHOKIBO,
            monthly_premium=30_000,
            enrolled_on=dt.date(year, 10, 1),
            prefecture="大阪府",
            city="大阪市",
            paid_from=YearMonth(year, 10),
            paid_to=last_shokibo,
        ),
        DemoContract(  # (c) latest debit failed, waiting for the re-debit
            number="3456789",
            check_digit="23",
            birth_date=dt.date(1978, 11, 3),
            name_kanji="共済 次郎",
            name_kana="キョウサイ ジロウ",
            scheme=Scheme.SHOKIBO,
            monthly_premium=20_000,
            enrolled_on=dt.date(year - 5, 6, 1),
            prefecture="愛知県",
            city="名古屋市",
            paid_from=january_last_year,
            paid_to=last_shokibo,
            failed=frozenset({last_shokibo}),
        ),
        DemoContract(  # (d) safety contract with six months prepaid
            number="4567890",
            check_digit="34",
            birth_date=dt.date(1965, 2, 28),
            name_kanji="経営 三郎",
            name_kana="ケイエイ サブロウ",
            scheme=Scheme.SAFETY,
            monthly_premium=50_000,
            enrolled_on=dt.date(year - 3, 6, 1),
            prefecture="福岡県",
            city="福岡市",
            paid_from=january_last_year,
            paid_to=last_safety,
            prepaid_balance=300_000,
            handling_institution="みらい中小信用金庫 本店",
        ),
        DemoContract(  # (e) cancelled at the end of last year
            number="5678901",
            check_digit="45",
            birth_date=dt.date(1958, 9, 30),
            name_kanji="安心 五郎",
            name_kana="アンシン ゴロウ",
            scheme=Scheme.SHOKIBO,
            monthly_premium=15_000,
            enrolled_on=dt.date(year - 8, 1, 1),
            prefecture="北海道",
            city="札幌市",
            paid_from=january_last_year,
            paid_to=YearMonth(year - 1, 12),
            status=ContractStatus.CANCELLED,
        ),
        DemoContract(  # (f) address change pending, semiannual payments
            number="6789012",
            check_digit="56",
            birth_date=dt.date(1990, 12, 24),
            name_kanji="転居 さくら",
            name_kana="テンキョ サクラ",
            scheme=Scheme.SHOKIBO,
            monthly_premium=10_000,
            enrolled_on=dt.date(year - 2, 4, 1),
            prefecture="宮城県",
            city="仙台市",
            paid_from=january_last_year,
            paid_to=last_shokibo,
            payment_interval=PaymentInterval.SEMIANNUAL,
            address_change_pending=True,
        ),
        DemoContract(  # (g) safety contract whose latest debit failed
            number="7890123",
            check_digit="67",
            birth_date=dt.date(1975, 5, 5),
            name_kanji="防止 七海",
            name_kana="ボウシ ナナミ",
            scheme=Scheme.SAFETY,
            monthly_premium=20_000,
            enrolled_on=dt.date(year - 2, 9, 1),
            prefecture="広島県",
            city="広島市",
            paid_from=january_last_year,
            paid_to=last_safety,
            failed=frozenset({last_safety}),
            handling_institution="中小企業振興協同組合",
        ),
    ]


def _dispatch_date(scheme: Scheme, year: int, first_paid_month: int) -> dt.date:
    """When the year's certificate is mailed: November, or mid-February / February next year."""
    if scheme == Scheme.SHOKIBO and first_paid_month <= 9:
        return kyosai_calendar.next_business_day_on_or_after(dt.date(year, 11, 10))
    day = 15 if scheme == Scheme.SHOKIBO else 10
    return kyosai_calendar.next_business_day_on_or_after(dt.date(year + 1, 2, day))


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
    session.flush()
    return contract


def _rebuild_history(
    session: Session, contract: Contract, demo: DemoContract, as_of: dt.date
) -> None:
    """Replace the contract's payments and certificates with the demo history."""
    session.execute(delete(Payment).where(Payment.contract_id == contract.id))
    session.execute(delete(Certificate).where(Certificate.contract_id == contract.id))
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
