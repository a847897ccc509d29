"""The calculation rules of facts.md section 5 (X02, X10, X20, X21), in yen; pure functions."""
from __future__ import annotations

from dataclasses import dataclass
from typing import Optional

# 所得税の速算表 (X02): (upper bound of 課税所得, rate, deduction).
INCOME_TAX_TABLE = ((1_950_000, 5, 0), (3_300_000, 10, 97_500), (6_950_000, 20, 427_500),
                    (9_000_000, 23, 636_000), (18_000_000, 33, 1_536_000),
                    (40_000_000, 40, 2_796_000), (None, 45, 4_796_000))  # rates in percent
RESIDENT_TAX_PERCENT = 10
SHOKIBO_MONTHLY = (1_000, 70_000)
SAFETY_LOAN_CAP = 80_000_000
SAFETY_TOTAL_CAP = 8_000_000  # 掛金総額 stops at 800万円 (T10)
SAFETY_KINDS = ("任意解約", "みなし解約", "機構解約")
# X20: months paid (from) → rates for 任意 / みなし / 機構解約, in percent.
SAFETY_RATES = ((40, (100, 100, 95)), (36, (95, 100, 90)), (30, (90, 95, 85)), (24, (85, 90, 80)),
                (12, (80, 85, 75)), (0, (0, 0, 0)))


@dataclass(frozen=True)
class TaxSaving:
    """節税額 and its parts (X02)."""

    income_tax: int
    reconstruction_tax: int
    resident_tax: int

    @property
    def total(self) -> int:
        return self.income_tax + self.reconstruction_tax + self.resident_tax


def income_tax(taxable: int) -> int:
    """所得税 by the 速算表 (before 復興特別所得税), whole yen."""
    for upper, rate, deduction in INCOME_TAX_TABLE:
        if upper is None or taxable <= upper:
            return max(0, taxable * rate // 100 - deduction)
    raise AssertionError("unreachable")


def reconstruction_tax(tax: int) -> int:
    """復興特別所得税: 2.1% of 所得税, rounded down to 100 yen."""
    return (tax * 21 // 1000) // 100 * 100


def tax_saving(taxable: int, monthly: int) -> TaxSaving:
    """節税額 of a year of 掛金 (月額 × 12) deducted from 課税所得 (X02; X03 and X04 reproduce it)."""
    after = max(0, taxable - monthly * 12)
    tax_before, tax_after = income_tax(taxable), income_tax(after)
    return TaxSaving(
        income_tax=tax_before - tax_after,
        reconstruction_tax=reconstruction_tax(tax_before) - reconstruction_tax(tax_after),
        resident_tax=(taxable - after) * RESIDENT_TAX_PERCENT // 100,
    )


def shokibo_refund_rate(months: int) -> float:
    """小規模企業共済の解約手当金の支給率 (%) by months paid (X10; 掛金 since 2004-04 only)."""
    if months < 12:
        return 0.0
    if months < 84:
        return 80.0
    if months < 246:
        return min(100.0, 80.5 + 0.75 * ((months - 84) // 6))
    if months < 720:
        return min(120.0, 100.25 + 0.25 * ((months - 246) // 6))
    return 120.0


def safety_refund_rate(months: int, kind: str = "任意解約") -> int:
    """経営セーフティ共済の解約手当金の支給率 (%) by months paid and kind of cancellation (X20)."""
    column = SAFETY_KINDS.index(kind)
    return next(rates[column] for start, rates in SAFETY_RATES if months >= start)


def safety_loan_limit(total_paid: int, uncollectable: Optional[int]) -> int:
    """共済金貸付の上限: the smaller of 10 × 掛金総額 and the 回収困難額, at most 8,000万円 (X21)."""
    limit = total_paid * 10 if uncollectable is None else min(total_paid * 10, uncollectable)
    return min(limit, SAFETY_LOAN_CAP)


# X12 ([SECONDARY] table): 基本共済金 for 掛金月額1万円 by years paid, (共済金A, 共済金B); 付加共済金 not included.
BENEFIT_TABLE = {5: (621_400, 614_600), 10: (1_290_600, 1_260_800), 15: (2_011_000, 1_940_400),
                 20: (2_786_400, 2_658_800), 30: (4_348_000, 4_211_800)}


def shokibo_benefit(years: int, monthly: int, kind: str) -> Optional[int]:
    """基本共済金 A or B at a published number of years, scaled from 月1万円 (X12); None otherwise."""
    row = BENEFIT_TABLE.get(years)
    if row is None:
        return None
    return row[0 if kind == "A" else 1] * monthly // 10_000
