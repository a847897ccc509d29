"""Holder figures: 前納減額金 paid (for the amount to declare, X30) and archived paid totals.

Revision ID: 0003
Revises: 0002
Create Date: 2026-12-03
"""

from collections.abc import Sequence

import sqlalchemy as sa
from alembic import op

revision: str = "0003"
down_revision: str | None = "0002"
branch_labels: str | Sequence[str] | None = None
depends_on: str | Sequence[str] | None = None


def upgrade() -> None:
    for column in ("archived_months_paid", "archived_premiums_paid"):
        op.add_column(
            "contracts", sa.Column(column, sa.Integer(), server_default="0", nullable=False)
        )
    op.create_table(
        "prepayment_discounts",
        sa.Column("id", sa.Integer(), nullable=False),
        sa.Column("contract_id", sa.Integer(), nullable=False),
        sa.Column("paid_on", sa.Date(), nullable=False),
        sa.Column("amount", sa.Integer(), nullable=False),
        sa.CheckConstraint("amount > 0", name=op.f("ck_prepayment_discounts_amount_positive")),
        sa.ForeignKeyConstraint(
            ["contract_id"],
            ["contracts.id"],
            name=op.f("fk_prepayment_discounts_contract_id_contracts"),
        ),
        sa.PrimaryKeyConstraint("id", name=op.f("pk_prepayment_discounts")),
    )
    op.create_index(
        op.f("ix_prepayment_discounts_contract_id"),
        "prepayment_discounts",
        ["contract_id"],
        unique=False,
    )


def downgrade() -> None:
    op.drop_index(op.f("ix_prepayment_discounts_contract_id"), table_name="prepayment_discounts")
    op.drop_table("prepayment_discounts")
    with op.batch_alter_table("contracts") as batch:
        batch.drop_column("archived_premiums_paid")
        batch.drop_column("archived_months_paid")
