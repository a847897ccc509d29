"""Health, service-token authentication, docs switch and generic error responses."""

from collections.abc import Iterator

import pytest
from fastapi.testclient import TestClient
from sqlalchemy.orm import Session

from app.api.deps import SERVICE_TOKEN_INVALID, SERVICE_TOKEN_MISSING
from app.core.config import get_settings
from app.core.db import get_session, make_engine
from app.errors import INTERNAL_ERROR_DETAIL
from app.main import app, create_app

PROTECTED = [
    ("post", "/v1/verify"),
    ("get", "/v1/contract"),
    ("get", "/v1/contract/payments"),
    ("get", "/v1/contract/certificates/2021"),
    ("post", "/v1/contract/reissue-requests"),
    ("get", "/v1/contract/address-change"),
]


def test_health_needs_no_token_and_checks_the_database(client: TestClient) -> None:
    response = client.get("/health")
    assert response.status_code == 200
    assert response.json() == {"status": "ok"}


def test_health_reports_an_unreachable_database(client: TestClient, tmp_path) -> None:
    broken = make_engine(f"sqlite:///{tmp_path / 'missing' / 'no.db'}")

    def broken_session() -> Iterator[Session]:
        with Session(broken) as session:
            yield session

    app.dependency_overrides[get_session] = broken_session
    response = client.get("/health")
    assert response.status_code == 503
    assert "データベース" in response.json()["detail"]


@pytest.mark.parametrize(("method", "path"), PROTECTED)
def test_missing_service_token_is_401(client: TestClient, method: str, path: str) -> None:
    response = client.request(method, path, json={})
    assert response.status_code == 401
    assert response.json() == {"detail": SERVICE_TOKEN_MISSING}
    assert response.headers["WWW-Authenticate"] == "Bearer"


@pytest.mark.parametrize(("method", "path"), PROTECTED)
def test_wrong_service_token_is_401(client: TestClient, method: str, path: str) -> None:
    response = client.request(
        method, path, json={}, headers={"Authorization": "Bearer wrong-token"}
    )
    assert response.status_code == 401
    assert response.json() == {"detail": SERVICE_TOKEN_INVALID}


def test_non_bearer_scheme_is_401(client: TestClient) -> None:
    response = client.get("/v1/contract", headers={"Authorization": "Basic dXNlcjpwYXNz"})
    assert response.status_code == 401


@pytest.mark.parametrize("path", ["/docs", "/openapi.json", "/redoc"])
def test_docs_are_off_by_default(client: TestClient, path: str) -> None:
    assert client.get(path).status_code == 404


def test_docs_can_be_enabled(monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.setenv("FACADE_DOCS_ENABLED", "true")
    get_settings.cache_clear()
    try:
        with TestClient(create_app()) as docs_client:
            assert docs_client.get("/docs").status_code == 200
            schema = docs_client.get("/openapi.json").json()
    finally:
        get_settings.cache_clear()
    assert "/v1/verify" in schema["paths"]
    assert "/v1/contract/certificates/{year}" in schema["paths"]


def test_unknown_route_is_404(client: TestClient, auth: dict[str, str]) -> None:
    assert client.get("/v1/nothing-here", headers=auth).status_code == 404
    assert client.get("/nothing-here").status_code == 404


def test_unexpected_errors_hide_details(client: TestClient) -> None:
    def failing_session() -> Iterator[Session]:
        raise RuntimeError("secret detail 1234567")
        yield  # pragma: no cover

    app.dependency_overrides[get_session] = failing_session
    with TestClient(app, raise_server_exceptions=False) as failing_client:
        response = failing_client.get("/health")
    assert response.status_code == 500
    assert response.json() == {"detail": INTERNAL_ERROR_DETAIL}
    assert "1234567" not in response.text
