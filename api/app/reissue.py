"""Reissue requests for the 小規模企業共済 掛金払込証明書, idempotent per key and per day."""

import datetime as dt
import secrets
import string

from sqlalchemy.exc import IntegrityError
from sqlalchemy.orm import Session

from app import audit, crud, schemas
from app.certificate_status import (
    ADDRESS_CHANGE_PENDING,
    NO_PAYMENT_IN_YEAR,
    NOT_REISSUABLE,
    NOT_YET_DISPATCHED,
    certificate_kind,
    certificate_status,
)
from app.core.clock import JST
from app.errors import ApiError
from app.models import Contract, ReissueRequest

IDEMPOTENCY_KEY_CONFLICT = "idempotency_key_conflict"
REFUSAL_DETAILS = {
    NOT_REISSUABLE: (
        "経営セーフティ共済の掛金納付状況兼領収書は再発行できません。"
        "必要な場合は、コールセンターで掛金残高証明書をお申し込みください。"
    ),
    ADDRESS_CHANGE_PENDING: (
        "住所変更のお手続き中のため、再発行を受け付けられません。お手続きの完了後にお申し込みください。"
    ),
    NO_PAYMENT_IN_YEAR: "指定の年には掛金の払込みがないため、証明書は発行されません。",
    NOT_YET_DISPATCHED: "指定の年の証明書はまだ発送前です。発送予定時期をご確認ください。",
    IDEMPOTENCY_KEY_CONFLICT: "同じ idempotency_key で別の年の再発行依頼が登録されています。",
}
_REFERENCE_ALPHABET = string.ascii_uppercase + string.digits


def _new_reference(day: dt.date) -> str:
    """Reference such as R-20211210-7KQ2XZ."""
    suffix = "".join(secrets.choice(_REFERENCE_ALPHABET) for _ in range(6))
    return f"R-{day:%Y%m%d}-{suffix}"


def _refuse(reason: str) -> ApiError:
    return ApiError(409, REFUSAL_DETAILS[reason], reason=reason)


def _response(request: ReissueRequest) -> schemas.ReissueRequestResponse:
    return schemas.ReissueRequestResponse(
        reference=request.reference,
        year=request.year,
        created_at=request.created_at.astimezone(JST),
    )


def request_reissue(
    session: Session,
    *,
    contract: Contract,
    contract_ref: str,
    client_ref: str,
    body: schemas.ReissueRequestCreate,
    now: dt.datetime,
) -> tuple[schemas.ReissueRequestResponse, bool]:
    """Create (True) or return the existing (False) reissue request, or raise 409."""
    today = now.astimezone(JST).date()

    def record(outcome: str) -> None:
        audit.record(
            session,
            at=now,
            action="reissue_request",
            outcome=outcome,
            contract_ref=contract_ref,
            client_ref=client_ref,
        )
        session.commit()

    existing = crud.get_reissue_by_key(session, contract.id, body.idempotency_key)
    if existing is not None and existing.year != body.year:
        record(IDEMPOTENCY_KEY_CONFLICT)
        raise _refuse(IDEMPOTENCY_KEY_CONFLICT)
    if existing is None:
        certificate = crud.get_certificate(
            session, contract.id, body.year, certificate_kind(contract)
        )
        payments = crud.list_payments(session, contract.id)
        status = certificate_status(contract, body.year, payments, certificate, today)
        if status.reissue_refusal is not None:
            record(status.reissue_refusal)
            raise _refuse(status.reissue_refusal)
        existing = crud.get_reissue_on_day(session, contract.id, body.year, today)
    if existing is not None:
        record("replayed")
        return _response(existing), False
    created = crud.add_reissue(
        session,
        reference=_new_reference(today),
        contract_id=contract.id,
        year=body.year,
        idempotency_key=body.idempotency_key,
        created_at=now,
        created_on=today,
    )
    try:
        record("created")
    except IntegrityError:  # the same key was used concurrently
        session.rollback()
        existing = crud.get_reissue_by_key(session, contract.id, body.idempotency_key)
        if existing is None:
            raise
        record("replayed")
        return _response(existing), False
    return _response(created), True
