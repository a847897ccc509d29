"""Audit trail and logs hold hashed references only, never contract numbers or birth dates."""

import logging
import re

import pytest
from fastapi.testclient import TestClient
from sqlalchemy import Engine, MetaData, select

from facade_testkit import DEMO, verify

HEX_REF = re.compile(r"^[0-9a-f]{64}$")
UNKNOWN_NUMBER = "9876543"


def _exercise(client: TestClient, login) -> None:
    for key, (number, check_digit, birth) in DEMO.items():
        verify(client, number, check_digit, birth, client_id=f"privacy-{key}")
        verify(client, number, check_digit, "0101", client_id=f"privacy-{key}")
    verify(client, UNKNOWN_NUMBER, "11", "0401")
    headers = login("newsletter")
    client.get("/v1/contract", headers=headers)
    client.get("/v1/contract/payments", headers=headers)
    client.get("/v1/contract/certificates/2021", headers=headers)
    client.post(
        "/v1/contract/reissue-requests",
        headers=headers,
        json={"year": 2021, "idempotency_key": "privacy-1"},
    )
    client.get("/v1/contract/address-change", headers=headers)


def test_audit_log_uses_hashed_refs(client: TestClient, login, engine: Engine) -> None:
    _exercise(client, login)
    tables = MetaData()
    tables.reflect(engine)
    with engine.connect() as connection:
        rows = connection.execute(select(tables.tables["audit_logs"])).mappings().all()
    assert {row["action"] for row in rows} >= {
        "verify",
        "contract_read",
        "payments_read",
        "certificate_read",
        "reissue_request",
        "address_change_read",
    }
    assert {row["outcome"] for row in rows if row["action"] == "verify"} >= {"success", "failure"}
    assert all(HEX_REF.match(row["contract_ref"]) for row in rows if row["contract_ref"])
    assert all(HEX_REF.match(row["client_ref"]) for row in rows)


def test_no_table_but_contracts_holds_a_raw_contract_number(
    client: TestClient, login, engine: Engine
) -> None:
    _exercise(client, login)
    numbers = {number for number, _, _ in DEMO.values()} | {UNKNOWN_NUMBER}
    tables = MetaData()
    tables.reflect(engine)
    with engine.connect() as connection:
        for name, table in tables.tables.items():
            text = " ".join(
                str(value) for row in connection.execute(select(table)) for value in row
            )
            found = {number for number in numbers if number in text}
            if name == "contracts":
                assert found == numbers - {UNKNOWN_NUMBER}, (
                    "the contract table is the system of record"
                )
            else:
                assert not found, f"raw contract number stored in {name}"


def test_logs_hold_no_personal_data(
    client: TestClient, login, caplog: pytest.LogCaptureFixture
) -> None:
    with caplog.at_level(logging.DEBUG):
        _exercise(client, login)
        client.get("/v1/contract/payments?as_of=2021-12-10", headers=login("newsletter"))
    text = "\n".join(
        record.getMessage() for record in caplog.records if record.name.startswith("facade")
    )
    assert "audit action=verify" in text
    assert "request method=GET path=/v1/contract/certificates/{year} status=200" in text
    for number, _, birth in DEMO.values():
        assert number not in text
        assert f"birth_month_day={birth}" not in text and f'"{birth}"' not in text
    assert UNKNOWN_NUMBER not in text
    assert "1970-04-01" not in text
    assert "as_of=" not in text  # query strings are not logged
