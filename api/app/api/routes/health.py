"""Liveness and database check (no authentication)."""

from fastapi import APIRouter
from sqlalchemy import text
from sqlalchemy.exc import SQLAlchemyError

from app import schemas
from app.api.deps import SessionDep
from app.errors import ApiError

router = APIRouter(tags=["health"])


@router.get("/health", responses={503: {"model": schemas.ErrorResponse}})
def health(session: SessionDep) -> schemas.HealthResponse:
    """Return ok when the database answers a trivial query."""
    try:
        session.execute(text("SELECT 1"))
    except SQLAlchemyError as exc:
        raise ApiError(503, "データベースに接続できません。") from exc
    return schemas.HealthResponse(status="ok")
