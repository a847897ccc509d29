"""Fictional demo contracts, dated relative to an as-of date (docs/facade.md lists them)."""

import datetime as dt
from dataclasses import dataclass, field

import kyosai_calendar
from app.models import ContractStatus, PaymentInterval, Scheme
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
    paid_from: YearMonth  # debits before it are archived: kept only as opening totals
    paid_to: YearMonth
    failed: frozenset[YearMonth] = field(default_factory=frozenset)
    status: ContractStatus = ContractStatus.ACTIVE
    payment_interval: PaymentInterval = PaymentInterval.MONTHLY
    address_change_pending: bool = False
    prepaid_balance: int = 0
    handling_institution: str | None = None
    discounts: tuple[tuple[dt.date, int], ...] = ()  # 前納減額金 paid: (paid_on, amount)


def latest_debit_month(scheme: Scheme, as_of: dt.date) -> YearMonth:
    """The latest month whose debit date is on or before as_of."""
    month = YearMonth(as_of.year, as_of.month)
    if kyosai_calendar.debit_date(scheme, *month) > as_of:
        month = month.plus_months(-1)
    return month


def demo_contracts(as_of: dt.date) -> list[DemoContract]:
    """The demo set: (a) the newsletter example, (b)-(h) one case each."""
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
        DemoContract(  # (h) 前納減額金 received in June: the amount to declare subtracts it (X30)
            number="8901234",
            check_digit="78",
            birth_date=dt.date(1968, 8, 8),
            name_kanji="前納 八重",
            name_kana="ゼンノウ ヤエ",
            scheme=Scheme.SHOKIBO,
            monthly_premium=70_000,
            enrolled_on=dt.date(year - 6, 4, 1),
            prefecture="京都府",
            city="京都市",
            paid_from=january_last_year,
            paid_to=last_shokibo,
            discounts=((dt.date(year, 6, 30), 5_670),),
        ),
    ]
