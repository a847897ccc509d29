"""Initial schema: holders, contracts, payments, certificates, reissues, attempts, audit.

Revision ID: 0001
Revises:
Create Date: 2026-11-24
"""

from collections.abc import Sequence

import sqlalchemy as sa
from alembic import op

revision: str = "0001"
down_revision: str | None = None
branch_labels: str | Sequence[str] | None = None
depends_on: str | Sequence[str] | None = None


def upgrade() -> None:
    op.create_table(
        "contract_holders",
        sa.Column("id", sa.Integer(), nullable=False),
        sa.Column("name_kanji", sa.String(length=100), nullable=False),
        sa.Column("name_kana", sa.String(length=100), nullable=False),
        sa.Column("birth_date", sa.Date(), nullable=False),
        sa.PrimaryKeyConstraint("id", name=op.f("pk_contract_holders")),
    )
    op.create_table(
        "contracts",
        sa.Column("id", sa.Integer(), nullable=False),
        sa.Column("contract_number", sa.String(length=7), nullable=False),
        sa.Column("check_digit", sa.String(length=2), nullable=False),
        sa.Column("holder_id", sa.Integer(), nullable=False),
        sa.Column("scheme", sa.String(length=16), nullable=False),
        sa.Column("status", sa.String(length=16), nullable=False),
        sa.Column("monthly_premium", sa.Integer(), nullable=False),
        sa.Column("payment_interval", sa.String(length=16), nullable=False),
        sa.Column("enrolled_on", sa.Date(), nullable=False),
        sa.Column("prefecture", sa.String(length=10), nullable=False),
        sa.Column("city", sa.String(length=50), nullable=False),
        sa.Column("address_change_pending", sa.Boolean(), nullable=False),
        sa.Column("prepaid_balance", sa.Integer(), nullable=False),
        sa.Column("handling_institution", sa.String(length=100), nullable=True),
        sa.CheckConstraint(
            "payment_interval IN ('monthly', 'semiannual', 'annual')",
            name=op.f("ck_contracts_payment_interval"),
        ),
        sa.CheckConstraint("scheme IN ('shokibo', 'safety')", name=op.f("ck_contracts_scheme")),
        sa.CheckConstraint("status IN ('active', 'cancelled')", name=op.f("ck_contracts_status")),
        sa.CheckConstraint("length(check_digit) = 2", name=op.f("ck_contracts_check_digit_length")),
        sa.CheckConstraint(
            "length(contract_number) = 7", name=op.f("ck_contracts_contract_number_length")
        ),
        sa.CheckConstraint(
            "monthly_premium > 0", name=op.f("ck_contracts_monthly_premium_positive")
        ),
        sa.CheckConstraint(
            "prepaid_balance >= 0", name=op.f("ck_contracts_prepaid_balance_non_negative")
        ),
        sa.ForeignKeyConstraint(
            ["holder_id"],
            ["contract_holders.id"],
            name=op.f("fk_contracts_holder_id_contract_holders"),
        ),
        sa.PrimaryKeyConstraint("id", name=op.f("pk_contracts")),
        sa.UniqueConstraint("contract_number", name=op.f("uq_contracts_contract_number")),
    )
    op.create_index(op.f("ix_contracts_holder_id"), "contracts", ["holder_id"], unique=False)
    op.create_table(
        "payments",
        sa.Column("id", sa.Integer(), nullable=False),
        sa.Column("contract_id", sa.Integer(), nullable=False),
        sa.Column("month", sa.Date(), nullable=False),
        sa.Column("amount", sa.Integer(), nullable=False),
        sa.Column("debit_date", sa.Date(), nullable=False),
        sa.Column("result", sa.String(length=16), nullable=False),
        sa.CheckConstraint(
            "result IN ('paid', 'failed', 'pending')", name=op.f("ck_payments_result")
        ),
        sa.CheckConstraint("amount > 0", name=op.f("ck_payments_amount_positive")),
        sa.ForeignKeyConstraint(
            ["contract_id"], ["contracts.id"], name=op.f("fk_payments_contract_id_contracts")
        ),
        sa.PrimaryKeyConstraint("id", name=op.f("pk_payments")),
        sa.UniqueConstraint("contract_id", "month", name=op.f("uq_payments_contract_id_month")),
    )
    op.create_table(
        "certificates",
        sa.Column("id", sa.Integer(), nullable=False),
        sa.Column("contract_id", sa.Integer(), nullable=False),
        sa.Column("year", sa.Integer(), nullable=False),
        sa.Column("kind", sa.String(length=32), nullable=False),
        sa.Column("dispatched_on", sa.Date(), nullable=True),
        sa.CheckConstraint(
            "kind IN ('shokibo_payment_certificate', 'safety_receipt')",
            name=op.f("ck_certificates_kind"),
        ),
        sa.ForeignKeyConstraint(
            ["contract_id"], ["contracts.id"], name=op.f("fk_certificates_contract_id_contracts")
        ),
        sa.PrimaryKeyConstraint("id", name=op.f("pk_certificates")),
        sa.UniqueConstraint(
            "contract_id", "year", "kind", name=op.f("uq_certificates_contract_id_year_kind")
        ),
    )
    op.create_table(
        "reissue_requests",
        sa.Column("id", sa.Integer(), nullable=False),
        sa.Column("reference", sa.String(length=17), nullable=False),
        sa.Column("contract_id", sa.Integer(), nullable=False),
        sa.Column("year", sa.Integer(), nullable=False),
        sa.Column("idempotency_key", sa.String(length=64), nullable=False),
        sa.Column("created_at", sa.DateTime(timezone=True), nullable=False),
        sa.Column("created_on", sa.Date(), nullable=False),
        sa.ForeignKeyConstraint(
            ["contract_id"],
            ["contracts.id"],
            name=op.f("fk_reissue_requests_contract_id_contracts"),
        ),
        sa.PrimaryKeyConstraint("id", name=op.f("pk_reissue_requests")),
        sa.UniqueConstraint(
            "contract_id",
            "idempotency_key",
            name=op.f("uq_reissue_requests_contract_id_idempotency_key"),
        ),
        sa.UniqueConstraint("reference", name=op.f("uq_reissue_requests_reference")),
    )
    op.create_index(
        "ix_reissue_requests_contract_year_day",
        "reissue_requests",
        ["contract_id", "year", "created_on"],
        unique=False,
    )
    op.create_table(
        "verification_attempts",
        sa.Column("id", sa.Integer(), nullable=False),
        sa.Column("at", sa.DateTime(timezone=True), nullable=False),
        sa.Column("contract_ref", sa.String(length=64), nullable=False),
        sa.Column("client_ref", sa.String(length=64), nullable=False),
        sa.Column("outcome", sa.String(length=16), nullable=False),
        sa.Column("success", sa.Boolean(), nullable=False),
        sa.CheckConstraint(
            "outcome IN ('success', 'failure', 'lockout', 'locked')",
            name=op.f("ck_verification_attempts_outcome"),
        ),
        sa.PrimaryKeyConstraint("id", name=op.f("pk_verification_attempts")),
    )
    op.create_index(
        "ix_verification_attempts_client_ref_at",
        "verification_attempts",
        ["client_ref", "at"],
        unique=False,
    )
    op.create_index(
        "ix_verification_attempts_contract_ref_at",
        "verification_attempts",
        ["contract_ref", "at"],
        unique=False,
    )
    op.create_table(
        "audit_logs",
        sa.Column("id", sa.Integer(), nullable=False),
        sa.Column("at", sa.DateTime(timezone=True), nullable=False),
        sa.Column("action", sa.String(length=32), nullable=False),
        sa.Column("contract_ref", sa.String(length=64), nullable=True),
        sa.Column("client_ref", sa.String(length=64), nullable=True),
        sa.Column("outcome", sa.String(length=32), nullable=False),
        sa.PrimaryKeyConstraint("id", name=op.f("pk_audit_logs")),
    )
    op.create_index(op.f("ix_audit_logs_at"), "audit_logs", ["at"], unique=False)
    op.create_index(
        op.f("ix_audit_logs_contract_ref"), "audit_logs", ["contract_ref"], unique=False
    )


def downgrade() -> None:
    op.drop_index(op.f("ix_audit_logs_contract_ref"), table_name="audit_logs")
    op.drop_index(op.f("ix_audit_logs_at"), table_name="audit_logs")
    op.drop_table("audit_logs")
    op.drop_index("ix_verification_attempts_contract_ref_at", table_name="verification_attempts")
    op.drop_index("ix_verification_attempts_client_ref_at", table_name="verification_attempts")
    op.drop_table("verification_attempts")
    op.drop_index("ix_reissue_requests_contract_year_day", table_name="reissue_requests")
    op.drop_table("reissue_requests")
    op.drop_table("certificates")
    op.drop_table("payments")
    op.drop_index(op.f("ix_contracts_holder_id"), table_name="contracts")
    op.drop_table("contracts")
    op.drop_table("contract_holders")
