"""API errors and exception handlers: clear messages, no stack traces, no echoed input."""

import logging

from fastapi import FastAPI, Request
from fastapi.exceptions import RequestValidationError
from fastapi.responses import JSONResponse

logger = logging.getLogger("facade")

VALIDATION_DETAIL = "リクエストの形式が正しくありません。"
INVALID_JSON_DETAIL = "リクエスト本文が正しい JSON ではありません。"
INTERNAL_ERROR_DETAIL = "内部エラーが発生しました。時間をおいて再度お試しください。"


class ApiError(Exception):
    """An error response with a user-facing detail and an optional stable reason code."""

    def __init__(
        self,
        status_code: int,
        detail: str,
        reason: str | None = None,
        headers: dict[str, str] | None = None,
    ) -> None:
        super().__init__(detail)
        self.status_code = status_code
        self.detail = detail
        self.reason = reason
        self.headers = headers


async def _api_error(_: Request, exc: Exception) -> JSONResponse:
    assert isinstance(exc, ApiError)
    content: dict[str, str] = {"detail": exc.detail}
    if exc.reason:
        content["reason"] = exc.reason
    return JSONResponse(content, status_code=exc.status_code, headers=exc.headers)


async def _validation_error(_: Request, exc: Exception) -> JSONResponse:
    """422 listing each invalid field; the submitted values are never echoed back."""
    assert isinstance(exc, RequestValidationError)
    errors = [
        {
            "field": ".".join(str(part) for part in error["loc"]),
            "message": error["msg"],
            "type": error["type"],
        }
        for error in exc.errors()
    ]
    invalid_json = any(error["type"] == "json_invalid" for error in errors)
    detail = INVALID_JSON_DETAIL if invalid_json else VALIDATION_DETAIL
    return JSONResponse({"detail": detail, "errors": errors}, status_code=422)


async def _unexpected_error(request: Request, exc: Exception) -> JSONResponse:
    """500 without details; only the exception type is logged (messages may hold data)."""
    logger.error("unhandled error type=%s method=%s", type(exc).__name__, request.method)
    return JSONResponse({"detail": INTERNAL_ERROR_DETAIL}, status_code=500)


def register_error_handlers(app: FastAPI) -> None:
    """Install the façade's exception handlers."""
    app.add_exception_handler(ApiError, _api_error)
    app.add_exception_handler(RequestValidationError, _validation_error)
    app.add_exception_handler(Exception, _unexpected_error)
