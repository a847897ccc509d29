"""POST /v1/contract/reissue-requests and GET /v1/contract/address-change."""

import re

import pytest
from fastapi.testclient import TestClient

from app import crud
from facade_testkit import FrozenClock

REFERENCE = re.compile(r"^R-20211210-[A-Z0-9]{6}$")


def reissue(client: TestClient, headers: dict[str, str], year: int, key: str):
    return client.post(
        "/v1/contract/reissue-requests",
        headers=headers,
        json={"year": year, "idempotency_key": key},
    )


def test_reissue_is_idempotent(client: TestClient, login, clock: FrozenClock) -> None:
    headers = login("newsletter")
    first = reissue(client, headers, 2021, "key-00000001")
    assert first.status_code == 201
    body = first.json()
    assert REFERENCE.match(body["reference"])
    assert body["year"] == 2021
    assert body["created_at"].startswith("2021-12-10T10:00:00")
    again = reissue(client, headers, 2021, "key-00000001")
    assert (again.status_code, again.json()) == (200, body)
    clock.advance(hours=5)  # the contract token has expired: verify again
    same_day = reissue(client, login("newsletter"), 2021, "key-00000002")
    assert (same_day.status_code, same_day.json()["reference"]) == (200, body["reference"])
    clock.advance(days=1)
    next_day = reissue(client, login("newsletter"), 2021, "key-00000003")
    assert next_day.status_code == 201
    assert next_day.json()["reference"] != body["reference"]


def test_other_year_same_day_is_a_new_request(client: TestClient, login) -> None:
    headers = login("newsletter")
    assert reissue(client, headers, 2021, "key-00000001").status_code == 201
    assert reissue(client, headers, 2020, "key-00000002").status_code == 201


def test_key_reused_for_another_year_is_409(client: TestClient, login) -> None:
    headers = login("newsletter")
    assert reissue(client, headers, 2021, "key-00000001").status_code == 201
    response = reissue(client, headers, 2020, "key-00000001")
    assert response.status_code == 409
    assert response.json()["reason"] == "idempotency_key_conflict"


@pytest.mark.parametrize(
    ("key", "year", "reason"),
    [
        ("address_pending", 2021, "address_change_pending"),
        ("safety_prepaid", 2021, "not_reissuable"),
        ("safety_failed", 2020, "not_reissuable"),
        ("october_start", 2021, "not_yet_dispatched"),
        ("newsletter", 2019, "no_payment_in_year"),
        ("cancelled", 2021, "no_payment_in_year"),
    ],
)
def test_refusals_are_409_with_reason(
    client: TestClient, login, key: str, year: int, reason: str
) -> None:
    response = reissue(client, login(key), year, "key-00000001")
    assert response.status_code == 409
    body = response.json()
    assert body["reason"] == reason
    assert body["detail"]


def test_cancelled_contract_may_reissue_a_paid_year(client: TestClient, login) -> None:
    assert reissue(client, login("cancelled"), 2020, "key-00000001").status_code == 201


@pytest.mark.parametrize(
    "body",
    [
        {"year": 2021, "idempotency_key": "short"},
        {"year": 2021, "idempotency_key": "has spaces in it"},
        {"year": 1999, "idempotency_key": "key-00000001"},
        {"year": "twenty", "idempotency_key": "key-00000001"},
        {"idempotency_key": "key-00000001"},
    ],
)
def test_bad_reissue_body_is_422(client: TestClient, login, body: dict) -> None:
    response = client.post("/v1/contract/reissue-requests", headers=login("newsletter"), json=body)
    assert response.status_code == 422


def test_reissue_needs_a_contract_token(client: TestClient, auth: dict[str, str]) -> None:
    assert reissue(client, auth, 2021, "key-00000001").status_code == 401


def test_address_change_guidance_shokibo(client: TestClient, login) -> None:
    response = client.get("/v1/contract/address-change", headers=login("address_pending"))
    assert response.status_code == 200
    assert response.json() == {
        "scheme": "shokibo",
        "form_name": "届出事項変更申出書",
        "form_code": "様式 小 107-1",
        "submit_to": "smrj",
        "handling_institution": None,
        "address_change_pending": True,
        "registered_prefecture": "宮城県",
        "registered_city": "仙台市",
    }


def test_address_change_guidance_safety(client: TestClient, login) -> None:
    body = client.get("/v1/contract/address-change", headers=login("safety_prepaid")).json()
    assert body["form_name"] == "契約変更届出書"
    assert body["form_code"] == "様式 中 113"
    assert body["submit_to"] == "handling_institution"
    assert body["handling_institution"] == "みらい中小信用金庫 本店"
    assert body["address_change_pending"] is False


def test_contract_summary(client: TestClient, login) -> None:
    response = client.get("/v1/contract", headers=login("newsletter"))
    assert response.status_code == 200
    assert response.json() == {
        "scheme": "shokibo",
        "status": "active",
        "holder_name": "中小 太郎",
        "holder_name_kana": "チュウショウ タロウ",
        "monthly_premium": 10000,
        "payment_interval": "monthly",
        "enrolled_on": "2011-04-01",
        "address_change_pending": False,
    }


def test_concurrent_duplicate_key_returns_the_stored_request(
    client: TestClient, login, monkeypatch: pytest.MonkeyPatch
) -> None:
    headers = login("newsletter")
    first = reissue(client, headers, 2021, "key-race-0001").json()
    real_lookup = crud.get_reissue_by_key
    lookups: list[str] = []

    def lookup_racing_with_another_request(session, contract_id: int, key: str):
        lookups.append(key)
        return None if len(lookups) == 1 else real_lookup(session, contract_id, key)

    monkeypatch.setattr(crud, "get_reissue_by_key", lookup_racing_with_another_request)
    monkeypatch.setattr(crud, "get_reissue_on_day", lambda *args: None)
    second = reissue(client, headers, 2021, "key-race-0001")
    assert second.status_code == 200
    assert second.json()["reference"] == first["reference"]
