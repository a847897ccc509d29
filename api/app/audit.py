"""Audit trail: one row per sensitive action, mirrored to the log with shortened refs."""

import datetime as dt
import logging

from sqlalchemy.orm import Session

from app import crud

logger = logging.getLogger("facade")


def record(
    session: Session,
    *,
    at: dt.datetime,
    action: str,
    outcome: str,
    contract_ref: str | None = None,
    client_ref: str | None = None,
) -> None:
    """Add an audit entry (committed by the caller) and log it without personal data."""
    crud.add_audit(
        session,
        at=at,
        action=action,
        outcome=outcome,
        contract_ref=contract_ref,
        client_ref=client_ref,
    )
    logger.info(
        "audit action=%s outcome=%s contract_ref=%s client_ref=%s",
        action,
        outcome,
        (contract_ref or "-")[:12],
        (client_ref or "-")[:12],
    )
