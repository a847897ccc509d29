"""Request and response bodies."""

import calendar
import datetime as dt
import re
from typing import Annotated, Literal

from pydantic import AfterValidator, BaseModel, ConfigDict, Field
from pydantic_core import PydanticCustomError

from app.models import ContractStatus, PaymentInterval, PaymentResult, Scheme


def _ascii_digits(length: int, message: str) -> AfterValidator:
    """Validator accepting exactly `length` ASCII digits (full-width digits are rejected)."""
    pattern = re.compile(rf"[0-9]{{{length}}}")

    def check(value: str) -> str:
        if not pattern.fullmatch(value):
            raise PydanticCustomError("format", message)
        return value

    return AfterValidator(check)


def _valid_month_day(value: str) -> str:
    """Reject MMDD values that are not a day of the year (0229 is allowed)."""
    month, day = int(value[:2]), int(value[2:])
    if not 1 <= month <= 12 or not 1 <= day <= calendar.monthrange(2000, month)[1]:
        raise PydanticCustomError(
            "format", "生年月日の月日が正しくありません（例: 4月1日 → 0401）。"
        )
    return value


ContractNumber = Annotated[str, _ascii_digits(7, "契約番号は半角数字7桁で指定してください。")]
CheckDigit = Annotated[
    str, _ascii_digits(2, "チェックディジット（CD）は半角数字2桁で指定してください。")
]
BirthMonthDay = Annotated[
    str,
    _ascii_digits(4, "生年月日は月日の半角数字4桁（MMDD、例: 0401）で指定してください。"),
    AfterValidator(_valid_month_day),
]
YearMonthText = Annotated[str, Field(pattern=r"^[0-9]{4}-[0-9]{2}$", examples=["2021-12"])]


class ErrorResponse(BaseModel):
    detail: str
    reason: str | None = None


class HealthResponse(BaseModel):
    status: Literal["ok"]


class VerifyRequest(BaseModel):
    """Identity data as typed by the member, already normalised to ASCII by the bot."""

    model_config = ConfigDict(extra="forbid")

    contract_number: ContractNumber = Field(examples=["1234567"])
    check_digit: CheckDigit = Field(examples=["89"])
    birth_month_day: BirthMonthDay = Field(examples=["0401"])


class TokenResponse(BaseModel):
    token: str
    expires_at: dt.datetime


class ContractSummary(BaseModel):
    scheme: Scheme
    status: ContractStatus
    holder_name: str
    holder_name_kana: str
    monthly_premium: int
    payment_interval: PaymentInterval
    enrolled_on: dt.date
    address_change_pending: bool


class LastDebit(BaseModel):
    month: YearMonthText
    debit_date: dt.date
    amount: int
    result: PaymentResult


class NextDebit(BaseModel):
    month: YearMonthText
    debit_date: dt.date
    premium_amount: int = Field(description="Premium due that month (0 if covered by prepayment)")
    redebit_amount: int = Field(description="Arrears re-debited together with the premium")
    amount: int


class ArrearsItem(BaseModel):
    month: YearMonthText
    amount: int
    redebit_month: YearMonthText
    redebit_date: dt.date


class Arrears(BaseModel):
    items: list[ArrearsItem]
    total: int


class PaymentsResponse(BaseModel):
    as_of: dt.date
    scheme: Scheme
    status: ContractStatus
    payment_interval: PaymentInterval
    last_debit: LastDebit | None
    next_debit: NextDebit | None
    arrears: Arrears
    prepaid_balance: int | None = Field(description="Safety only: prepaid premiums in yen")
    prepaid_debits_covered: int | None = Field(description="Safety only: debits the balance covers")


class CertificateStatusResponse(BaseModel):
    year: int
    kind: str
    status: Literal["dispatched", "scheduled", "not_issued"]
    reason: str | None
    dispatched_on: dt.date | None
    expected_from: dt.date | None
    expected_until: dt.date | None
    reissuable: bool
    reissue_refusal: str | None
    alternative: str | None


class ReissueRequestCreate(BaseModel):
    model_config = ConfigDict(extra="forbid")

    year: int = Field(ge=2000, le=2100, examples=[2021])
    idempotency_key: str = Field(pattern=r"^[A-Za-z0-9_-]{8,64}$", examples=["conv-3f2a9c1e-1"])


class ReissueRequestResponse(BaseModel):
    reference: str = Field(examples=["R-20211210-7KQ2XZ"])
    year: int
    created_at: dt.datetime


class AddressChangeGuidance(BaseModel):
    scheme: Scheme
    form_name: str
    form_code: str
    submit_to: Literal["smrj", "handling_institution"]
    handling_institution: str | None
    address_change_pending: bool
    registered_prefecture: str
    registered_city: str


class PremiumLevel(BaseModel):
    monthly_premium: int
    months: int = Field(description="Months paid at this monthly amount")
    total: int


class YearAmounts(BaseModel):
    """A year's premiums by debit date (X30 for 小規模; the 損金/必要経費 figure for safety)."""

    year: int
    jan_sep_paid: int = Field(description="Paid 1月〜9月 (小規模: the 掛金払込証明書 figure)")
    oct_dec_paid: int
    due: int = Field(description="Still to be debited this year after as_of, re-debits included")
    due_dates: list[dt.date]
    failed_unpaid: int = Field(description="Failed debits of the year re-debited only next year")
    prepayment_discount: int = Field(description="小規模: 前納減額金 received in the year")
    total: int = Field(description="jan_sep_paid + oct_dec_paid + due - prepayment_discount")


class ContractFigures(BaseModel):
    as_of: dt.date
    scheme: Scheme
    status: ContractStatus
    enrolled_on: dt.date
    months_paid: int
    premiums_total: int
    premium_levels: list[PremiumLevel]
    paid_before_rate_table: bool = Field(description="小規模: 掛金 paid before 2004-04 (X10)")
    prepaid_balance: int = Field(description="Safety: prepaid premiums not yet due (not counted)")
    year_amounts: YearAmounts
