"""The façade client against a local aiohttp server that answers as told (status, delay)."""
import asyncio
import socket

import pytest
from aiohttp import web

from actions.facade_client import (
    ContractTokenExpired,
    FacadeClient,
    FacadeUnavailable,
    TooManyAttempts,
    VerificationFailed,
    client_id,
)


def free_port() -> int:
    with socket.socket() as sock:
        sock.bind(("127.0.0.1", 0))
        return sock.getsockname()[1]


async def with_server(behaviour: dict, call):
    """Runs `call(client)` against a server whose routes answer per `behaviour`."""
    seen = []

    async def handler(request: web.Request) -> web.Response:
        seen.append((request.method, request.path_qs, dict(request.headers),
                     await request.text()))
        status, body, delay = behaviour[request.path]
        await asyncio.sleep(delay)
        return web.json_response(body, status=status)

    app = web.Application()
    app.router.add_route("*", "/{tail:.*}", handler)
    runner = web.AppRunner(app)
    await runner.setup()
    port = free_port()
    await web.TCPSite(runner, "127.0.0.1", port).start()
    try:
        return await call(FacadeClient(f"http://127.0.0.1:{port}", "service-token-xyz", 0.5)), seen
    finally:
        await runner.cleanup()


def test_verify_sends_the_service_token_and_a_hashed_client_id():
    result, seen = asyncio.run(with_server(
        {"/v1/verify": (200, {"token": "t1", "expires_at": "x"}, 0)},
        lambda c: c.verify("conversation-1", "1234567", "89", "0401")))
    assert result == "t1"
    method, _, headers, body = seen[0]
    assert headers["Authorization"] == "Bearer service-token-xyz"
    assert headers["X-Client-Id"] == client_id("conversation-1", "service-token-xyz")
    assert "conversation-1" not in headers["X-Client-Id"]
    assert '"birth_month_day": "0401"' in body


@pytest.mark.parametrize("status, error", [(401, VerificationFailed), (422, VerificationFailed),
                                           (429, TooManyAttempts), (500, FacadeUnavailable),
                                           (503, FacadeUnavailable)])
def test_verify_errors(status, error):
    with pytest.raises(error):
        asyncio.run(with_server({"/v1/verify": (status, {"detail": "x"}, 0)},
                                lambda c: c.verify("s", "1234567", "89", "0401")))


def test_slow_facade_is_unavailable_after_the_timeout():
    with pytest.raises(FacadeUnavailable):
        asyncio.run(with_server({"/v1/contract": (200, {}, 2.0)}, lambda c: c.contract("t")))


def test_closed_port_is_unavailable():
    client = FacadeClient(f"http://127.0.0.1:{free_port()}", "service-token-xyz", 0.5)
    with pytest.raises(FacadeUnavailable):
        asyncio.run(client.contract("t"))


def test_expired_contract_token():
    with pytest.raises(ContractTokenExpired):
        asyncio.run(with_server({"/v1/contract/payments": (401, {"detail": "x"}, 0)},
                                lambda c: c.payments("t", "2026-11-24")))


def test_payments_pass_the_date_and_the_contract_token():
    _, seen = asyncio.run(with_server({"/v1/contract/payments": (200, {"ok": 1}, 0)},
                                      lambda c: c.payments("tok", "2026-11-24")))
    assert seen[0][1] == "/v1/contract/payments?as_of=2026-11-24"
    assert seen[0][2]["X-Contract-Token"] == "tok"


@pytest.mark.parametrize("status, accepted, repeated, reason", [
    (201, True, False, None), (200, True, True, None), (409, False, False, "address_change_pending")])
def test_reissue_outcomes(status, accepted, repeated, reason):
    body = {"reference": "R-20261124-ABC123"} if status < 300 else {"reason": reason}
    result, _ = asyncio.run(with_server({"/v1/contract/reissue-requests": (status, body, 0)},
                                        lambda c: c.reissue("t", 2026, "chat-key-2026")))
    assert (result.accepted, result.repeated, result.reason) == (accepted, repeated, reason)
