"""POST /v1/verify: identity verification issuing a short-lived contract token."""

from fastapi import APIRouter

from app import schemas
from app.api.deps import ClientRefDep, ClockDep, SessionDep, SettingsDep
from app.verification import verify_holder

router = APIRouter(prefix="/v1", tags=["verification"])


@router.post(
    "/verify",
    responses={
        401: {
            "model": schemas.ErrorResponse,
            "description": "Verification failed (always the same body)",
        },
        429: {"model": schemas.ErrorResponse, "description": "Too many attempts; see Retry-After"},
    },
)
def verify(
    body: schemas.VerifyRequest,
    session: SessionDep,
    settings: SettingsDep,
    clock: ClockDep,
    client_ref: ClientRefDep,
) -> schemas.TokenResponse:
    """Check contract number, check digit and birth month-day; return a contract token."""
    return verify_holder(session, settings, clock.now(), client_ref, body)
