"""FastAPI application: `uvicorn app.main:app --app-dir api`."""

from fastapi import FastAPI

from app.api.main import api_router
from app.api.routes import health
from app.core.config import get_settings
from app.core.request_log import RequestLogMiddleware, configure_logging
from app.errors import register_error_handlers


def create_app() -> FastAPI:
    """Build the app; tables are created by Alembic, never here."""
    settings = get_settings()
    configure_logging(settings.facade_log_level)
    docs = settings.facade_docs_enabled
    app = FastAPI(
        title="Kyosai contract façade",
        version="1.0.0",
        docs_url="/docs" if docs else None,
        redoc_url=None,
        openapi_url="/openapi.json" if docs else None,
    )
    app.add_middleware(RequestLogMiddleware)
    register_error_handlers(app)
    app.include_router(health.router)
    app.include_router(api_router)
    return app


app = create_app()
