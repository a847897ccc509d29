"""Dependencies: database session, settings, clock, service auth, client id and contract token."""

from typing import Annotated

from fastapi import Depends, Header, Request, Security
from fastapi.security import APIKeyHeader, HTTPAuthorizationCredentials, HTTPBearer
from sqlalchemy.orm import Session

from app import crud
from app.core.clock import Clock, get_clock
from app.core.config import Settings, get_settings
from app.core.db import get_session
from app.core.security import client_ref, read_contract_token, texts_equal
from app.errors import ApiError
from app.models import Contract

SessionDep = Annotated[Session, Depends(get_session)]
SettingsDep = Annotated[Settings, Depends(get_settings)]
ClockDep = Annotated[Clock, Depends(get_clock)]

_service_bearer = HTTPBearer(auto_error=False, description="FACADE_SERVICE_TOKEN")
_contract_token_header = APIKeyHeader(
    name="X-Contract-Token", auto_error=False, description="Token returned by POST /v1/verify"
)

SERVICE_TOKEN_MISSING = "サービス認証トークン（Authorization: Bearer）が必要です。"
SERVICE_TOKEN_INVALID = "サービス認証トークンが正しくありません。"
CONTRACT_TOKEN_MISSING = "契約トークン（X-Contract-Token）が必要です。本人確認を行ってください。"
CONTRACT_TOKEN_INVALID = (
    "契約トークンが無効か、有効期限が切れています。本人確認をやり直してください。"
)
_BEARER_CHALLENGE = {"WWW-Authenticate": "Bearer"}


def require_service_token(
    settings: SettingsDep,
    credentials: Annotated[HTTPAuthorizationCredentials | None, Security(_service_bearer)],
) -> None:
    """Reject callers that do not present the action server's bearer token."""
    if credentials is None:
        raise ApiError(401, SERVICE_TOKEN_MISSING, headers=_BEARER_CHALLENGE)
    expected = settings.facade_service_token.get_secret_value()
    if not texts_equal(credentials.credentials, expected):
        raise ApiError(401, SERVICE_TOKEN_INVALID, headers=_BEARER_CHALLENGE)


def get_client_ref(
    request: Request,
    settings: SettingsDep,
    x_client_id: Annotated[
        str | None,
        Header(max_length=256, description="Hashed conversation id sent by the action server"),
    ] = None,
) -> str:
    """Keyed hash of the client id (X-Client-Id, else the remote address)."""
    client_id = x_client_id or (request.client.host if request.client else "unknown")
    return client_ref(settings, client_id)


ClientRefDep = Annotated[str, Depends(get_client_ref)]


def get_current_contract(
    session: SessionDep,
    settings: SettingsDep,
    clock: ClockDep,
    token: Annotated[str | None, Security(_contract_token_header)],
) -> Contract:
    """The contract whose holder was verified, from the X-Contract-Token header."""
    if not token:
        raise ApiError(401, CONTRACT_TOKEN_MISSING)
    contract_id = read_contract_token(settings, token, clock.now())
    contract = crud.get_contract(session, contract_id) if contract_id is not None else None
    if contract is None:
        raise ApiError(401, CONTRACT_TOKEN_INVALID)
    return contract


CurrentContractDep = Annotated[Contract, Depends(get_current_contract)]
