"""Database models (SQLAlchemy 2, typed). The façade is the demo system of record."""

import datetime as dt
from enum import StrEnum

from sqlalchemy import (
    Boolean,
    CheckConstraint,
    Date,
    DateTime,
    Dialect,
    ForeignKey,
    Index,
    Integer,
    MetaData,
    String,
    UniqueConstraint,
)
from sqlalchemy.orm import DeclarativeBase, Mapped, mapped_column, relationship
from sqlalchemy.types import TypeDecorator

NAMING_CONVENTION = {
    "ix": "ix_%(column_0_label)s",
    "uq": "uq_%(table_name)s_%(column_0_N_name)s",
    "ck": "ck_%(table_name)s_%(constraint_name)s",
    "fk": "fk_%(table_name)s_%(column_0_name)s_%(referred_table_name)s",
    "pk": "pk_%(table_name)s",
}


class Scheme(StrEnum):
    """The two mutual-aid schemes."""

    SHOKIBO = "shokibo"  # 小規模企業共済
    SAFETY = "safety"  # 経営セーフティ共済 (中小企業倒産防止共済)


class ContractStatus(StrEnum):
    ACTIVE = "active"
    CANCELLED = "cancelled"


class PaymentInterval(StrEnum):
    MONTHLY = "monthly"
    SEMIANNUAL = "semiannual"
    ANNUAL = "annual"


class PaymentResult(StrEnum):
    PAID = "paid"
    FAILED = "failed"
    PENDING = "pending"


class CertificateKind(StrEnum):
    SHOKIBO_PAYMENT_CERTIFICATE = "shokibo_payment_certificate"  # 掛金払込証明書
    SAFETY_RECEIPT = "safety_receipt"  # 掛金納付状況兼領収書


class VerificationOutcome(StrEnum):
    SUCCESS = "success"
    FAILURE = "failure"
    LOCKOUT = "lockout"  # the failure that started a lock-out
    LOCKED = "locked"  # rejected because the contract was locked


class UTCDateTime(TypeDecorator[dt.datetime]):
    """Timezone-aware datetime stored in UTC (naive UTC text on SQLite)."""

    impl = DateTime(timezone=True)
    cache_ok = True

    def process_bind_param(self, value: dt.datetime | None, dialect: Dialect) -> dt.datetime | None:
        if value is None:
            return None
        if value.tzinfo is None:
            raise ValueError("naive datetimes are not accepted")
        value = value.astimezone(dt.UTC)
        return value.replace(tzinfo=None) if dialect.name == "sqlite" else value

    def process_result_value(
        self, value: dt.datetime | None, dialect: Dialect
    ) -> dt.datetime | None:
        if value is None:
            return None
        if value.tzinfo is None:
            return value.replace(tzinfo=dt.UTC)
        return value.astimezone(dt.UTC)


def _one_of(column: str, enum: type[StrEnum]) -> str:
    """SQL check that a column holds one of the enum's values."""
    values = ", ".join(f"'{member.value}'" for member in enum)
    return f"{column} IN ({values})"


class Base(DeclarativeBase):
    metadata = MetaData(naming_convention=NAMING_CONVENTION)


class ContractHolder(Base):
    """A member; the birth date is personal data and must never be logged."""

    __tablename__ = "contract_holders"

    id: Mapped[int] = mapped_column(primary_key=True)
    name_kanji: Mapped[str] = mapped_column(String(100))
    name_kana: Mapped[str] = mapped_column(String(100))
    birth_date: Mapped[dt.date] = mapped_column(Date)

    contracts: Mapped[list["Contract"]] = relationship(back_populates="holder")


class Contract(Base):
    """One mutual-aid contract; contract_number + check_digit identify it to the member."""

    __tablename__ = "contracts"
    __table_args__ = (
        CheckConstraint("length(contract_number) = 7", name="contract_number_length"),
        CheckConstraint("length(check_digit) = 2", name="check_digit_length"),
        CheckConstraint(_one_of("scheme", Scheme), name="scheme"),
        CheckConstraint(_one_of("status", ContractStatus), name="status"),
        CheckConstraint(_one_of("payment_interval", PaymentInterval), name="payment_interval"),
        CheckConstraint("monthly_premium > 0", name="monthly_premium_positive"),
        CheckConstraint("prepaid_balance >= 0", name="prepaid_balance_non_negative"),
    )

    id: Mapped[int] = mapped_column(primary_key=True)
    contract_number: Mapped[str] = mapped_column(String(7), unique=True)
    check_digit: Mapped[str] = mapped_column(String(2))
    holder_id: Mapped[int] = mapped_column(ForeignKey("contract_holders.id"), index=True)
    scheme: Mapped[str] = mapped_column(String(16))
    status: Mapped[str] = mapped_column(String(16))
    monthly_premium: Mapped[int] = mapped_column(Integer)
    payment_interval: Mapped[str] = mapped_column(String(16))
    enrolled_on: Mapped[dt.date] = mapped_column(Date)
    prefecture: Mapped[str] = mapped_column(String(10))
    city: Mapped[str] = mapped_column(String(50))
    address_change_pending: Mapped[bool] = mapped_column(Boolean, default=False)
    prepaid_balance: Mapped[int] = mapped_column(Integer, default=0)
    handling_institution: Mapped[str | None] = mapped_column(String(100))
    # Debits older than the payments table holds (archived), at the contract's 掛金月額.
    archived_months_paid: Mapped[int] = mapped_column(Integer, default=0, server_default="0")
    archived_premiums_paid: Mapped[int] = mapped_column(Integer, default=0, server_default="0")

    holder: Mapped[ContractHolder] = relationship(back_populates="contracts")
    payments: Mapped[list["Payment"]] = relationship(back_populates="contract")


class Payment(Base):
    """One debit of a month (month = first day of the debit month)."""

    __tablename__ = "payments"
    __table_args__ = (
        UniqueConstraint("contract_id", "month"),
        CheckConstraint(_one_of("result", PaymentResult), name="result"),
        CheckConstraint("amount > 0", name="amount_positive"),
    )

    id: Mapped[int] = mapped_column(primary_key=True)
    contract_id: Mapped[int] = mapped_column(ForeignKey("contracts.id"))
    month: Mapped[dt.date] = mapped_column(Date)
    amount: Mapped[int] = mapped_column(Integer)
    debit_date: Mapped[dt.date] = mapped_column(Date)
    result: Mapped[str] = mapped_column(String(16))

    contract: Mapped[Contract] = relationship(back_populates="payments")


class PrepaymentDiscount(Base):
    """A 前納減額金 paid to a 小規模企業共済 holder (recorded, never computed here)."""

    __tablename__ = "prepayment_discounts"
    __table_args__ = (CheckConstraint("amount > 0", name="amount_positive"),)

    id: Mapped[int] = mapped_column(primary_key=True)
    contract_id: Mapped[int] = mapped_column(ForeignKey("contracts.id"), index=True)
    paid_on: Mapped[dt.date] = mapped_column(Date)
    amount: Mapped[int] = mapped_column(Integer)


class Certificate(Base):
    """A yearly certificate mailed to the member; dispatched_on is NULL until mailed."""

    __tablename__ = "certificates"
    __table_args__ = (
        UniqueConstraint("contract_id", "year", "kind"),
        CheckConstraint(_one_of("kind", CertificateKind), name="kind"),
    )

    id: Mapped[int] = mapped_column(primary_key=True)
    contract_id: Mapped[int] = mapped_column(ForeignKey("contracts.id"))
    year: Mapped[int] = mapped_column(Integer)
    kind: Mapped[str] = mapped_column(String(32))
    dispatched_on: Mapped[dt.date | None] = mapped_column(Date)


class ReissueRequest(Base):
    """A request to reissue a 掛金払込証明書, referenced as R-YYYYMMDD-XXXXXX."""

    __tablename__ = "reissue_requests"
    __table_args__ = (
        UniqueConstraint("contract_id", "idempotency_key"),
        Index("ix_reissue_requests_contract_year_day", "contract_id", "year", "created_on"),
    )

    id: Mapped[int] = mapped_column(primary_key=True)
    reference: Mapped[str] = mapped_column(String(17), unique=True)
    contract_id: Mapped[int] = mapped_column(ForeignKey("contracts.id"))
    year: Mapped[int] = mapped_column(Integer)
    idempotency_key: Mapped[str] = mapped_column(String(64))
    created_at: Mapped[dt.datetime] = mapped_column(UTCDateTime)
    created_on: Mapped[dt.date] = mapped_column(Date)  # Japanese calendar day of created_at


class VerificationAttempt(Base):
    """One identity-verification attempt; refs are keyed hashes, never raw values."""

    __tablename__ = "verification_attempts"
    __table_args__ = (
        Index("ix_verification_attempts_contract_ref_at", "contract_ref", "at"),
        Index("ix_verification_attempts_client_ref_at", "client_ref", "at"),
        CheckConstraint(_one_of("outcome", VerificationOutcome), name="outcome"),
    )

    id: Mapped[int] = mapped_column(primary_key=True)
    at: Mapped[dt.datetime] = mapped_column(UTCDateTime)
    contract_ref: Mapped[str] = mapped_column(String(64))
    client_ref: Mapped[str] = mapped_column(String(64))
    outcome: Mapped[str] = mapped_column(String(16))
    success: Mapped[bool] = mapped_column(Boolean)


class AuditLog(Base):
    """Append-only audit trail; contract_ref is an HMAC of the contract number."""

    __tablename__ = "audit_logs"

    id: Mapped[int] = mapped_column(primary_key=True)
    at: Mapped[dt.datetime] = mapped_column(UTCDateTime, index=True)
    action: Mapped[str] = mapped_column(String(32))
    contract_ref: Mapped[str | None] = mapped_column(String(64), index=True)
    client_ref: Mapped[str | None] = mapped_column(String(64))
    outcome: Mapped[str] = mapped_column(String(32))


class VerificationGuard(Base):
    """One row per contract or client ref, locked to serialise that ref's verification attempts."""

    __tablename__ = "verification_guards"

    ref: Mapped[str] = mapped_column(String(64), primary_key=True)
    updated_at: Mapped[dt.datetime] = mapped_column(UTCDateTime)
