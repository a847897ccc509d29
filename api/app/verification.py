"""Identity verification with per-client rate limiting and per-contract lock-out.

Unknown contracts, wrong data and locked contracts all get the same 401 response, and the
same queries run for each, so that responses never reveal whether a contract exists.
Attempts are serialised per client and per contract by guard rows (app.attempt_guard).
"""

import datetime as dt
import math

from sqlalchemy.orm import Session

from app import audit, crud, schemas
from app.attempt_guard import take_guard
from app.core.clock import JST
from app.core.config import Settings
from app.core.security import contract_ref, issue_contract_token, texts_equal
from app.errors import ApiError
from app.models import Contract, VerificationOutcome

FAILURE_DETAIL = (
    "ご入力の内容では本人確認できませんでした。"
    "契約番号・チェックディジット・生年月日をご確認のうえ、しばらくしてから再度お試しください。"
)
RATE_LIMITED_DETAIL = "本人確認の試行回数が多すぎます。しばらく時間をおいてから再度お試しください。"

# Compared against when the contract does not exist, so that both paths do the same work.
_ABSENT_CHECK_DIGIT = "--"
_ABSENT_BIRTH_MONTH_DAY = "----"


def _enforce_rate_limit(
    session: Session, settings: Settings, now: dt.datetime, client_ref: str
) -> None:
    """Raise 429 with Retry-After when the client has used up its attempts in the window."""
    window = dt.timedelta(seconds=settings.facade_rate_limit_window_seconds)
    count, oldest = crud.client_attempts_since(session, client_ref, now - window)
    if count < settings.facade_rate_limit_attempts or oldest is None:
        return
    retry_after = max(1, math.ceil((oldest + window - now).total_seconds()))
    audit.record(session, at=now, action="verify", outcome="rate_limited", client_ref=client_ref)
    session.commit()
    raise ApiError(429, RATE_LIMITED_DETAIL, headers={"Retry-After": str(retry_after)})


def _data_matches(contract: Contract | None, request: schemas.VerifyRequest) -> bool:
    """Constant-time check of the check digit and birth month-day."""
    if contract is None:
        check_digit, birth_month_day = _ABSENT_CHECK_DIGIT, _ABSENT_BIRTH_MONTH_DAY
    else:
        check_digit = contract.check_digit
        birth_month_day = contract.holder.birth_date.strftime("%m%d")
    digit_ok = texts_equal(request.check_digit, check_digit)
    birth_ok = texts_equal(request.birth_month_day, birth_month_day)
    return contract is not None and digit_ok and birth_ok


def _outcome(
    session: Session, settings: Settings, now: dt.datetime, ref: str, matches: bool
) -> VerificationOutcome:
    """Decide the attempt's outcome: a lock-out lasts its full period, even for correct data."""
    last_success = crud.last_attempt_at(session, ref, VerificationOutcome.SUCCESS)
    last_lockout = crud.last_attempt_at(session, ref, VerificationOutcome.LOCKOUT)
    lockout = dt.timedelta(seconds=settings.facade_lockout_seconds)
    if last_lockout is not None and now < last_lockout + lockout:
        return VerificationOutcome.LOCKED
    if matches:
        return VerificationOutcome.SUCCESS
    memory_start = now - dt.timedelta(seconds=settings.facade_lockout_memory_seconds)
    since = max(t for t in (last_success, last_lockout, memory_start) if t is not None)
    failures = crud.count_failures_since(session, ref, since) + 1
    if failures >= settings.facade_lockout_threshold:
        return VerificationOutcome.LOCKOUT
    return VerificationOutcome.FAILURE


def verify_holder(
    session: Session,
    settings: Settings,
    now: dt.datetime,
    client_ref: str,
    request: schemas.VerifyRequest,
) -> schemas.TokenResponse:
    """Verify the member and return a contract token, or raise 401/429."""
    ref = contract_ref(settings, request.contract_number)
    # Serialise the attempts of this client, then of this contract (always this order, so no
    # deadlocks), before anything is read: every read below sees all earlier attempts.
    take_guard(session, client_ref, now)
    take_guard(session, ref, now)
    _enforce_rate_limit(session, settings, now, client_ref)
    contract = crud.get_contract_by_number(session, request.contract_number)
    outcome = _outcome(session, settings, now, ref, _data_matches(contract, request))
    crud.add_verification_attempt(
        session, at=now, contract_ref=ref, client_ref=client_ref, outcome=outcome
    )
    audit.record(
        session, at=now, action="verify", outcome=outcome, contract_ref=ref, client_ref=client_ref
    )
    session.commit()
    if outcome != VerificationOutcome.SUCCESS or contract is None:
        raise ApiError(401, FAILURE_DETAIL)
    token, expires_at = issue_contract_token(settings, contract.id, now)
    return schemas.TokenResponse(token=token, expires_at=expires_at.astimezone(JST))
