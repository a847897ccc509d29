"""GET /v1/contract/payments: last/next debit, arrears and re-debits against kyosai_calendar."""

import datetime as dt

from fastapi.testclient import TestClient

import kyosai_calendar


def payments(client: TestClient, headers: dict[str, str], as_of: str | None = "2021-12-10") -> dict:
    params = {"as_of": as_of} if as_of else {}
    response = client.get("/v1/contract/payments", headers=headers, params=params)
    assert response.status_code == 200, response.text
    return response.json()


def test_newsletter_contract_next_debit_is_december_20(client: TestClient, login) -> None:
    body = payments(client, login("newsletter"))
    assert body["last_debit"] == {
        "month": "2021-11",
        "debit_date": "2021-11-18",
        "amount": 10000,
        "result": "paid",
    }
    expected = kyosai_calendar.shokibo_debit_date(2021, 12)
    assert expected == dt.date(2021, 12, 20)
    assert body["next_debit"] == {
        "month": "2021-12",
        "debit_date": expected.isoformat(),
        "premium_amount": 10000,
        "redebit_amount": 0,
        "amount": 10000,
    }
    assert body["arrears"] == {"items": [], "total": 0}
    assert body["prepaid_balance"] is None


def test_as_of_defaults_to_today_in_tokyo(client: TestClient, login) -> None:
    headers = login("newsletter")
    assert payments(client, headers, as_of=None) == payments(client, headers, as_of="2021-12-10")


def test_next_debit_on_the_debit_day_itself(client: TestClient, login) -> None:
    body = payments(client, login("newsletter"), as_of="2021-12-20")
    assert body["next_debit"]["debit_date"] == "2021-12-20"
    body = payments(client, login("newsletter"), as_of="2021-12-21")
    assert (
        body["next_debit"]["debit_date"] == kyosai_calendar.shokibo_debit_date(2022, 1).isoformat()
    )


def test_shokibo_arrears_redebit_in_the_next_even_month(client: TestClient, login) -> None:
    headers = login("shokibo_failed")
    body = payments(client, headers)
    redebit = kyosai_calendar.shokibo_redebit_month(2021, 11)
    assert redebit == (2022, 2)
    assert body["arrears"] == {
        "items": [
            {
                "month": "2021-11",
                "amount": 20000,
                "redebit_month": "2022-02",
                "redebit_date": kyosai_calendar.shokibo_debit_date(*redebit).isoformat(),
            }
        ],
        "total": 20000,
    }
    assert body["last_debit"]["result"] == "failed"
    assert body["next_debit"]["amount"] == 20000  # December: premium only
    combined = payments(client, headers, as_of="2022-01-25")["next_debit"]
    assert combined == {
        "month": "2022-02",
        "debit_date": "2022-02-18",
        "premium_amount": 20000,
        "redebit_amount": 20000,
        "amount": 40000,
    }


def test_safety_arrears_redebit_two_months_later(client: TestClient, login) -> None:
    headers = login("safety_failed")
    body = payments(client, headers)
    redebit = kyosai_calendar.safety_redebit_month(2021, 11)
    assert redebit == (2022, 1)
    assert body["arrears"]["items"] == [
        {
            "month": "2021-11",
            "amount": 20000,
            "redebit_month": "2022-01",
            "redebit_date": kyosai_calendar.safety_debit_date(*redebit).isoformat(),
        }
    ]
    assert body["last_debit"] == {
        "month": "2021-11",
        "debit_date": "2021-11-29",
        "amount": 20000,
        "result": "failed",
    }
    assert body["next_debit"]["debit_date"] == "2021-12-27"
    assert body["prepaid_balance"] == 0
    combined = payments(client, headers, as_of="2022-01-05")["next_debit"]
    assert combined == {
        "month": "2022-01",
        "debit_date": "2022-01-27",
        "premium_amount": 20000,
        "redebit_amount": 20000,
        "amount": 40000,
    }


def test_safety_prepaid_balance_covers_six_debits(client: TestClient, login) -> None:
    body = payments(client, login("safety_prepaid"))
    assert body["prepaid_balance"] == 300000
    assert body["prepaid_debits_covered"] == 6
    assert body["next_debit"] == {
        "month": "2022-06",
        "debit_date": kyosai_calendar.safety_debit_date(2022, 6).isoformat(),
        "premium_amount": 50000,
        "redebit_amount": 0,
        "amount": 50000,
    }


def test_semiannual_contract_debits_every_six_months(client: TestClient, login) -> None:
    body = payments(client, login("address_pending"))
    assert body["payment_interval"] == "semiannual"
    assert body["last_debit"] == {
        "month": "2021-10",
        "debit_date": "2021-10-18",
        "amount": 60000,
        "result": "paid",
    }
    assert body["next_debit"]["month"] == "2022-04"
    assert (
        body["next_debit"]["debit_date"] == kyosai_calendar.shokibo_debit_date(2022, 4).isoformat()
    )
    assert body["next_debit"]["amount"] == 60000


def test_first_debit_of_a_new_contract(client: TestClient, login) -> None:
    body = payments(client, login("october_start"), as_of="2021-12-10")
    assert body["next_debit"]["amount"] == 30000
    assert (
        payments(client, login("october_start"), as_of="2021-09-01")["next_debit"]["month"]
        == "2021-10"
    )


def test_cancelled_contract_has_no_next_debit(client: TestClient, login) -> None:
    body = payments(client, login("cancelled"))
    assert body["status"] == "cancelled"
    assert body["next_debit"] is None
    assert body["last_debit"]["month"] == "2020-12"


def test_bad_as_of_is_422(client: TestClient, login) -> None:
    response = client.get(
        "/v1/contract/payments", headers=login("newsletter"), params={"as_of": "2021-13-01"}
    )
    assert response.status_code == 422
