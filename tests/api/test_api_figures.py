"""GET /v1/contract/figures: months and premiums paid, and the year's amount to declare (X30)."""

import pytest
from fastapi.testclient import TestClient


def figures(client: TestClient, headers: dict[str, str], **params: str) -> dict:
    response = client.get(
        "/v1/contract/figures", headers=headers, params={"as_of": "2021-12-10", **params}
    )
    assert response.status_code == 200, response.text
    return response.json()


def test_newsletter_contract_declares_certificate_plus_october_to_december(
    client: TestClient, login
) -> None:
    body = figures(client, login("newsletter"))
    # Enrolled 2011-04: 105 archived months before 2020-01, then 23 recorded debits.
    assert body["months_paid"] == 128
    assert body["premiums_total"] == 1_280_000
    assert body["premium_levels"] == [{"monthly_premium": 10_000, "months": 128, "total": 1_280_000}]
    assert body["paid_before_rate_table"] is False
    assert body["year_amounts"] == {
        "year": 2021,
        "jan_sep_paid": 90_000,
        "oct_dec_paid": 20_000,
        "due": 10_000,
        "due_dates": ["2021-12-20"],
        "failed_unpaid": 0,
        "prepayment_discount": 0,
        "total": 120_000,
    }


def test_prepayment_discount_received_is_subtracted(client: TestClient, login) -> None:
    amounts = figures(client, login("prepay_discount"))["year_amounts"]
    assert amounts["prepayment_discount"] == 5_670
    assert amounts["total"] == 12 * 70_000 - 5_670
    before_june = figures(client, login("prepay_discount"), as_of="2021-06-01")["year_amounts"]
    assert before_june["prepayment_discount"] == 0


def test_failed_debit_redebited_next_year_is_not_counted(client: TestClient, login) -> None:
    amounts = figures(client, login("shokibo_failed"))["year_amounts"]
    assert amounts["failed_unpaid"] == 20_000  # November fails; re-debited in February 2022
    assert amounts["oct_dec_paid"] == 20_000
    assert amounts["due"] == 20_000
    assert amounts["total"] == 9 * 20_000 + 20_000 + 20_000


def test_october_start_has_nothing_before_october(client: TestClient, login) -> None:
    body = figures(client, login("october_start"))
    assert body["months_paid"] == 2
    assert body["year_amounts"]["jan_sep_paid"] == 0
    assert body["year_amounts"]["total"] == 3 * 30_000


def test_safety_prepaid_months_are_not_due_and_not_counted(client: TestClient, login) -> None:
    body = figures(client, login("safety_prepaid"))
    assert body["prepaid_balance"] == 300_000
    assert body["months_paid"] == 19 + 23  # enrolled 2018-06
    assert body["premiums_total"] == 42 * 50_000
    amounts = body["year_amounts"]
    assert (amounts["jan_sep_paid"], amounts["oct_dec_paid"], amounts["due"]) == (
        9 * 50_000,
        2 * 50_000,
        0,
    )
    assert amounts["total"] == 11 * 50_000


def test_semiannual_debits_count_six_months_each(client: TestClient, login) -> None:
    body = figures(client, login("address_pending"))
    assert body["premium_levels"][0]["monthly_premium"] == 10_000
    assert body["months_paid"] % 6 == 0
    assert body["premiums_total"] == body["months_paid"] * 10_000


def test_cancelled_contract_has_nothing_due(client: TestClient, login) -> None:
    body = figures(client, login("cancelled"))
    assert body["status"] == "cancelled"
    assert body["year_amounts"]["total"] == 0
    assert figures(client, login("cancelled"), year="2020")["year_amounts"]["total"] == 12 * 15_000


def test_an_earlier_year_has_nothing_due(client: TestClient, login) -> None:
    amounts = figures(client, login("newsletter"), year="2020")["year_amounts"]
    assert (amounts["due"], amounts["total"]) == (0, 120_000)


@pytest.mark.parametrize("year", ["2022", "1999", "x"])
def test_bad_years_are_4xx_with_a_message(client: TestClient, login, year: str) -> None:
    response = client.get(
        "/v1/contract/figures",
        headers=login("newsletter"),
        params={"as_of": "2021-12-10", "year": year},
    )
    assert response.status_code in (400, 422)
    assert response.json()["detail"]


def test_figures_need_a_contract_token(client: TestClient, auth: dict[str, str]) -> None:
    response = client.get("/v1/contract/figures", headers=auth)
    assert response.status_code == 401
