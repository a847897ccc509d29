"""POST /v1/verify: success, uniform failures, lock-out, rate limit, formats and tokens."""

import datetime as dt

import pytest
from fastapi.testclient import TestClient
from sqlalchemy import Engine, event

from app.verification import FAILURE_DETAIL, RATE_LIMITED_DETAIL
from facade_testkit import DEMO, FrozenClock, verify


@pytest.mark.parametrize("key", sorted(DEMO))
def test_each_demo_contract_verifies(client: TestClient, clock: FrozenClock, key: str) -> None:
    response = verify(client, *DEMO[key])
    assert response.status_code == 200
    body = response.json()
    assert body["token"].startswith("v1.")
    expires_at = dt.datetime.fromisoformat(body["expires_at"])
    assert expires_at - clock.now() == dt.timedelta(seconds=600)


@pytest.mark.parametrize("key", sorted(DEMO))
def test_each_demo_contract_rejects_wrong_data(client: TestClient, key: str) -> None:
    number, check_digit, birth = DEMO[key]
    wrong_birth = "0101" if birth != "0101" else "0102"
    wrong_digit = f"{(int(check_digit) + 1) % 100:02d}"
    for attempt in (
        verify(client, number, check_digit, wrong_birth),
        verify(client, number, wrong_digit, birth),
    ):
        assert attempt.status_code == 401
        assert attempt.json() == {"detail": FAILURE_DETAIL}


def _count_statements(engine: Engine, action) -> int:
    statements = []

    def count(*_args: object) -> None:
        statements.append(1)

    event.listen(engine, "before_cursor_execute", count)
    try:
        action()
    finally:
        event.remove(engine, "before_cursor_execute", count)
    return len(statements)


def test_unknown_contract_looks_like_wrong_birth_date(client: TestClient, engine: Engine) -> None:
    holder = {}

    def unknown() -> None:
        holder["unknown"] = verify(client, "9999999", "89", "0401", client_id="probe-a")

    def wrong_birth() -> None:
        holder["wrong"] = verify(client, "1234567", "89", "0402", client_id="probe-b")

    unknown_statements = _count_statements(engine, unknown)
    wrong_statements = _count_statements(engine, wrong_birth)
    unknown_response, wrong_response = holder["unknown"], holder["wrong"]
    assert unknown_response.status_code == wrong_response.status_code == 401
    assert unknown_response.content == wrong_response.content
    assert unknown_response.headers.keys() == wrong_response.headers.keys()
    assert unknown_statements == wrong_statements  # same work, hence similar timing


def test_lockout_after_five_failures_then_unlocks(client: TestClient, clock: FrozenClock) -> None:
    number, check_digit, birth = DEMO["newsletter"]
    for _ in range(5):
        assert verify(client, number, check_digit, "0101", client_id="locker").status_code == 401
    locked = verify(client, number, check_digit, birth, client_id="locker")
    assert locked.status_code == 401
    assert locked.json() == {"detail": FAILURE_DETAIL}  # identical to any other failure
    clock.advance(minutes=29, seconds=59)
    assert verify(client, number, check_digit, birth, client_id="locker").status_code == 401
    clock.advance(seconds=1)
    assert verify(client, number, check_digit, birth, client_id="locker").status_code == 200


def test_lockout_applies_to_every_client(client: TestClient) -> None:
    number, check_digit, birth = DEMO["cancelled"]
    for index in range(5):
        verify(client, number, check_digit, "0101", client_id=f"client-{index}")
    assert verify(client, number, check_digit, birth, client_id="fresh-client").status_code == 401


def test_success_resets_the_failure_count(client: TestClient) -> None:
    number, check_digit, birth = DEMO["october_start"]
    for _ in range(4):
        verify(client, number, check_digit, "0101")
    assert verify(client, number, check_digit, birth).status_code == 200
    for _ in range(4):
        verify(client, number, check_digit, "0101")
    assert verify(client, number, check_digit, birth).status_code == 200


def test_old_failures_are_forgotten_after_a_day(client: TestClient, clock: FrozenClock) -> None:
    number, check_digit, birth = DEMO["october_start"]
    for _ in range(4):
        verify(client, number, check_digit, "0101")
    clock.advance(days=1, seconds=1)
    verify(client, number, check_digit, "0101")
    assert verify(client, number, check_digit, birth).status_code == 200


def test_rate_limit_per_client(client: TestClient, clock: FrozenClock) -> None:
    for index in range(20):
        response = verify(client, f"90000{index:02d}", "00", "0101", client_id="flooder")
        assert response.status_code == 401
    limited = verify(client, *DEMO["newsletter"], client_id="flooder")
    assert limited.status_code == 429
    assert limited.json() == {"detail": RATE_LIMITED_DETAIL}
    assert limited.headers["Retry-After"] == "60"
    assert verify(client, *DEMO["newsletter"], client_id="someone-else").status_code == 200
    clock.advance(seconds=30)
    assert verify(client, *DEMO["newsletter"], client_id="flooder").headers["Retry-After"] == "30"
    clock.advance(seconds=30)
    assert verify(client, *DEMO["newsletter"], client_id="flooder").status_code == 200


def test_rate_limit_falls_back_to_remote_address(client: TestClient, auth: dict[str, str]) -> None:
    body = {"contract_number": "9000000", "check_digit": "00", "birth_month_day": "0101"}
    statuses = [client.post("/v1/verify", json=body, headers=auth).status_code for _ in range(21)]
    assert statuses[:20] == [401] * 20
    assert statuses[20] == 429


@pytest.mark.parametrize(
    ("body", "field", "message_part"),
    [
        (
            {"contract_number": "123456", "check_digit": "89", "birth_month_day": "0401"},
            "body.contract_number",
            "7桁",
        ),
        (
            {"contract_number": "１２３４５６７", "check_digit": "89", "birth_month_day": "0401"},
            "body.contract_number",
            "半角",
        ),
        (
            {"contract_number": "1234567", "check_digit": "8", "birth_month_day": "0401"},
            "body.check_digit",
            "2桁",
        ),
        (
            {"contract_number": "1234567", "check_digit": "8a", "birth_month_day": "0401"},
            "body.check_digit",
            "2桁",
        ),
        (
            {"contract_number": "1234567", "check_digit": "89", "birth_month_day": "401"},
            "body.birth_month_day",
            "MMDD",
        ),
        (
            {"contract_number": "1234567", "check_digit": "89", "birth_month_day": "1301"},
            "body.birth_month_day",
            "月日",
        ),
        (
            {"contract_number": "1234567", "check_digit": "89", "birth_month_day": "0230"},
            "body.birth_month_day",
            "月日",
        ),
        (
            {"contract_number": 1234567, "check_digit": "89", "birth_month_day": "0401"},
            "body.contract_number",
            "string",
        ),
        ({"contract_number": "1234567", "check_digit": "89"}, "body.birth_month_day", "required"),
        (
            {"contract_number": "1234567", "check_digit": "89", "birth_month_day": "0401", "x": 1},
            "body.x",
            "not permitted",
        ),
    ],
)
def test_bad_formats_are_422(
    client: TestClient, auth: dict[str, str], body: dict, field: str, message_part: str
) -> None:
    response = client.post("/v1/verify", json=body, headers=auth)
    assert response.status_code == 422
    payload = response.json()
    assert payload["detail"] == "リクエストの形式が正しくありません。"
    errors = {error["field"]: error["message"] for error in payload["errors"]}
    assert message_part in errors[field]
    assert "1234567" not in response.text  # input is never echoed


def test_leap_day_birth_is_a_valid_format(client: TestClient) -> None:
    assert verify(client, "1234567", "89", "0229").status_code == 401


@pytest.mark.parametrize("raw", ['{"contract_number": "1234567",', "not json", ""])
def test_invalid_json_is_422(client: TestClient, auth: dict[str, str], raw: str) -> None:
    response = client.post(
        "/v1/verify", content=raw, headers={**auth, "Content-Type": "application/json"}
    )
    assert response.status_code == 422
    assert "detail" in response.json()


class TestContractToken:
    def test_token_is_required(self, client: TestClient, auth: dict[str, str]) -> None:
        response = client.get("/v1/contract", headers=auth)
        assert response.status_code == 401
        assert "X-Contract-Token" in response.json()["detail"]

    @pytest.mark.parametrize("token", ["garbage", "v1.a.b", "v2.x.y", "v1..", "v1.MToxOjE.AAAA"])
    def test_invalid_token_is_401(
        self, client: TestClient, auth: dict[str, str], token: str
    ) -> None:
        response = client.get("/v1/contract", headers={**auth, "X-Contract-Token": token})
        assert response.status_code == 401

    def test_tampered_token_is_401(self, client: TestClient, login) -> None:
        headers = login("newsletter")
        version, payload, signature = headers["X-Contract-Token"].split(".")
        forged = payload[:-1] + ("A" if payload[-1] != "A" else "B")
        headers["X-Contract-Token"] = f"{version}.{forged}.{signature}"
        assert client.get("/v1/contract", headers=headers).status_code == 401

    def test_token_expires_after_ttl(self, client: TestClient, clock: FrozenClock, login) -> None:
        headers = login("newsletter")
        clock.advance(seconds=599)
        assert client.get("/v1/contract", headers=headers).status_code == 200
        clock.advance(seconds=1)
        response = client.get("/v1/contract", headers=headers)
        assert response.status_code == 401
        assert "有効期限" in response.json()["detail"]

    def test_token_from_another_service_secret_is_rejected(
        self, client: TestClient, auth: dict[str, str]
    ) -> None:
        from app.core.config import Settings
        from app.core.security import issue_contract_token

        other = Settings(facade_service_token="another-secret-0123456789")
        token, _ = issue_contract_token(other, 1, dt.datetime.now(dt.UTC))
        assert (
            client.get("/v1/contract", headers={**auth, "X-Contract-Token": token}).status_code
            == 401
        )
