"""Database reads and writes; callers commit."""

import datetime as dt
from collections.abc import Sequence

from sqlalchemy import func, select
from sqlalchemy.orm import Session, joinedload

from app.models import (
    AuditLog,
    Certificate,
    Contract,
    Payment,
    PrepaymentDiscount,
    ReissueRequest,
    VerificationAttempt,
    VerificationOutcome,
)


def get_contract_by_number(session: Session, contract_number: str) -> Contract | None:
    """Contract with its holder, looked up by contract number."""
    statement = (
        select(Contract)
        .options(joinedload(Contract.holder))
        .where(Contract.contract_number == contract_number)
    )
    return session.scalars(statement).one_or_none()


def get_contract(session: Session, contract_id: int) -> Contract | None:
    """Contract with its holder, looked up by id."""
    return session.get(Contract, contract_id, options=[joinedload(Contract.holder)])


def list_payments(session: Session, contract_id: int) -> Sequence[Payment]:
    """All debits of a contract, oldest first."""
    statement = select(Payment).where(Payment.contract_id == contract_id).order_by(Payment.month)
    return session.scalars(statement).all()


def list_prepayment_discounts(session: Session, contract_id: int) -> Sequence[PrepaymentDiscount]:
    """The 前納減額金 paid to a contract, oldest first."""
    statement = (
        select(PrepaymentDiscount)
        .where(PrepaymentDiscount.contract_id == contract_id)
        .order_by(PrepaymentDiscount.paid_on)
    )
    return session.scalars(statement).all()


def get_certificate(session: Session, contract_id: int, year: int, kind: str) -> Certificate | None:
    """The certificate of one year and kind, if recorded."""
    statement = select(Certificate).where(
        Certificate.contract_id == contract_id, Certificate.year == year, Certificate.kind == kind
    )
    return session.scalars(statement).one_or_none()


def add_audit(
    session: Session,
    *,
    at: dt.datetime,
    action: str,
    outcome: str,
    contract_ref: str | None = None,
    client_ref: str | None = None,
) -> None:
    """Append an audit entry (hashed references only)."""
    session.add(
        AuditLog(
            at=at, action=action, outcome=outcome, contract_ref=contract_ref, client_ref=client_ref
        )
    )


def client_attempts_since(
    session: Session, client_ref: str, since: dt.datetime
) -> tuple[int, dt.datetime | None]:
    """Number of verification attempts by a client since a time, and the oldest of them."""
    statement = select(func.count(), func.min(VerificationAttempt.at)).where(
        VerificationAttempt.client_ref == client_ref, VerificationAttempt.at > since
    )
    count, oldest = session.execute(statement).one()
    return count, oldest


def last_attempt_at(
    session: Session, contract_ref: str, outcome: VerificationOutcome
) -> dt.datetime | None:
    """Time of the latest attempt with the given outcome for a contract ref."""
    statement = select(func.max(VerificationAttempt.at)).where(
        VerificationAttempt.contract_ref == contract_ref, VerificationAttempt.outcome == outcome
    )
    return session.scalar(statement)


def count_failures_since(session: Session, contract_ref: str, since: dt.datetime) -> int:
    """Failed verification attempts for a contract ref after a time."""
    statement = select(func.count()).where(
        VerificationAttempt.contract_ref == contract_ref,
        VerificationAttempt.outcome == VerificationOutcome.FAILURE,
        VerificationAttempt.at > since,
    )
    return session.scalar(statement) or 0


def add_verification_attempt(
    session: Session,
    *,
    at: dt.datetime,
    contract_ref: str,
    client_ref: str,
    outcome: VerificationOutcome,
) -> None:
    """Record a verification attempt."""
    session.add(
        VerificationAttempt(
            at=at,
            contract_ref=contract_ref,
            client_ref=client_ref,
            outcome=outcome,
            success=outcome == VerificationOutcome.SUCCESS,
        )
    )


def get_reissue_by_key(
    session: Session, contract_id: int, idempotency_key: str
) -> ReissueRequest | None:
    """Reissue request previously made with the same idempotency key."""
    statement = select(ReissueRequest).where(
        ReissueRequest.contract_id == contract_id, ReissueRequest.idempotency_key == idempotency_key
    )
    return session.scalars(statement).one_or_none()


def get_reissue_on_day(
    session: Session, contract_id: int, year: int, day: dt.date
) -> ReissueRequest | None:
    """Reissue request for the same contract and year made on the same (Japanese) day."""
    statement = (
        select(ReissueRequest)
        .where(
            ReissueRequest.contract_id == contract_id,
            ReissueRequest.year == year,
            ReissueRequest.created_on == day,
        )
        .order_by(ReissueRequest.id)
        .limit(1)
    )
    return session.scalars(statement).first()


def add_reissue(
    session: Session,
    *,
    reference: str,
    contract_id: int,
    year: int,
    idempotency_key: str,
    created_at: dt.datetime,
    created_on: dt.date,
) -> ReissueRequest:
    """Create a reissue request."""
    request = ReissueRequest(
        reference=reference,
        contract_id=contract_id,
        year=year,
        idempotency_key=idempotency_key,
        created_at=created_at,
        created_on=created_on,
    )
    session.add(request)
    return request
