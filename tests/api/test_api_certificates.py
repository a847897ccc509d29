"""GET /v1/contract/certificates/{year}: dispatched, scheduled or not issued, with reasons."""

from fastapi.testclient import TestClient


def certificate(
    client: TestClient, headers: dict[str, str], year: int, as_of: str = "2021-12-10"
) -> dict:
    response = client.get(
        f"/v1/contract/certificates/{year}", headers=headers, params={"as_of": as_of}
    )
    assert response.status_code == 200, response.text
    return response.json()


def test_newsletter_certificate_dispatched_in_november(client: TestClient, login) -> None:
    body = certificate(client, login("newsletter"), 2021)
    assert body == {
        "year": 2021,
        "kind": "shokibo_payment_certificate",
        "status": "dispatched",
        "reason": None,
        "dispatched_on": "2021-11-10",
        "expected_from": None,
        "expected_until": None,
        "reissuable": True,
        "reissue_refusal": None,
        "alternative": None,
    }


def test_before_dispatch_it_is_scheduled_for_november(client: TestClient, login) -> None:
    body = certificate(client, login("newsletter"), 2021, as_of="2021-10-01")
    assert body["status"] == "scheduled"
    assert body["reason"] == "paid_by_september"
    assert (body["expected_from"], body["expected_until"]) == ("2021-11-01", "2021-12-10")
    assert body["dispatched_on"] is None
    assert body["reissue_refusal"] == "not_yet_dispatched"


def test_first_payment_in_october_means_february(client: TestClient, login) -> None:
    body = certificate(client, login("october_start"), 2021)
    assert body["status"] == "scheduled"
    assert body["reason"] == "first_payment_october_to_december"
    assert (body["expected_from"], body["expected_until"]) == ("2022-02-11", "2022-02-20")


def test_missed_window_without_dispatch_record(client: TestClient, login) -> None:
    body = certificate(client, login("october_start"), 2021, as_of="2022-03-01")
    assert body["status"] == "not_issued"
    assert body["reason"] == "no_dispatch_record"
    assert body["reissuable"] is True


def test_no_payment_in_year(client: TestClient, login) -> None:
    body = certificate(client, login("newsletter"), 2019)
    assert body["status"] == "not_issued"
    assert body["reason"] == "no_payment_in_year"
    assert body["reissue_refusal"] == "no_payment_in_year"


def test_failed_debit_contract_still_gets_its_certificate(client: TestClient, login) -> None:
    assert certificate(client, login("shokibo_failed"), 2021)["status"] == "dispatched"


def test_cancelled_contract(client: TestClient, login) -> None:
    headers = login("cancelled")
    assert certificate(client, headers, 2021)["reason"] == "no_payment_in_year"
    last_year = certificate(client, headers, 2020)
    assert last_year["status"] == "dispatched"
    assert last_year["reissuable"] is True


def test_address_change_pending_blocks_reissue(client: TestClient, login) -> None:
    body = certificate(client, login("address_pending"), 2021)
    assert body["status"] == "dispatched"
    assert body["reissuable"] is False
    assert body["reissue_refusal"] == "address_change_pending"


def test_safety_receipt_is_sent_in_february_and_not_reissued(client: TestClient, login) -> None:
    headers = login("safety_prepaid")
    body = certificate(client, headers, 2021)
    assert body["kind"] == "safety_receipt"
    assert body["status"] == "scheduled"
    assert body["reason"] == "sent_every_february"
    assert (body["expected_from"], body["expected_until"]) == ("2022-02-01", "2022-02-28")
    assert body["reissuable"] is False
    assert body["reissue_refusal"] == "not_reissuable"
    assert body["alternative"] == "balance_certificate"
    previous = certificate(client, headers, 2020)
    assert (previous["status"], previous["dispatched_on"]) == ("dispatched", "2021-02-10")


def test_year_out_of_range_is_422(client: TestClient, login) -> None:
    response = client.get("/v1/contract/certificates/1999", headers=login("newsletter"))
    assert response.status_code == 422
