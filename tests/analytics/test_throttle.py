"""Wrong operator logins are throttled per client and overall; right ones are never counted."""
import asyncio
import datetime as dt

from aiohttp.test_utils import TestClient, TestServer

from analytics.server import Settings, create_app
from analytics.throttle import LoginThrottle
from tests.analytics.test_server import PASSWORD, USER, basic


class Clock:
    def __init__(self) -> None:
        self.now = 1000.0

    def __call__(self) -> float:
        return self.now


def test_a_client_gets_a_few_tries_per_window():
    clock = Clock()
    throttle = LoginThrottle(max_failures=3, global_failures=100, window=60, clock=clock)
    for _ in range(3):
        assert throttle.retry_after("a") == 0
        throttle.failed("a")
    assert 0 < throttle.retry_after("a") <= 61
    assert throttle.retry_after("b") == 0  # another address is not held up by a's tries
    clock.now += 61
    assert throttle.retry_after("a") == 0


def test_many_addresses_together_are_bounded_too():
    throttle = LoginThrottle(max_failures=3, global_failures=5, window=60, clock=Clock())
    for n in range(5):
        throttle.failed(f"10.0.0.{n}")
    assert throttle.retry_after("10.0.0.99") > 0


def test_the_page_answers_429_after_wrong_logins_even_to_the_right_password(tracker_db):
    clock = Clock()
    throttle = LoginThrottle(max_failures=3, window=60, clock=clock)

    async def run():
        app = create_app(Settings(USER, PASSWORD, tracker_db), today=lambda: dt.date(2026, 11, 24),
                         throttle=throttle)
        async with TestClient(TestServer(app)) as client:
            first = await client.get("/")  # no credentials yet: the browser's first request
            wrong = [(await client.get("/", headers={"Authorization": basic(USER, "x")})).status
                     for _ in range(3)]
            held = await client.get("/", headers={"Authorization": basic(USER, PASSWORD)})
            health = await client.get("/health")
            clock.now += 61
            later = await client.get("/", headers={"Authorization": basic(USER, PASSWORD)})
            return first.status, wrong, held.status, held.headers.get("Retry-After"), \
                await held.text(), health.status, later.status

    first, wrong, held, retry, text, health, later = asyncio.run(run())
    assert first == 401 and wrong == [401, 401, 401]
    assert held == 429 and int(retry) > 0 and "お待ちください" in text
    assert health == 200 and later == 200
