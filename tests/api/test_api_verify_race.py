"""Simultaneous verification attempts: lock-out and rate limit hold under concurrency."""

import datetime as dt
import threading
from collections import Counter
from collections.abc import Iterator, Sequence
from concurrent.futures import ThreadPoolExecutor

import pytest
from sqlalchemy import Engine, select
from sqlalchemy.orm import Session, sessionmaker

from app.core.config import Settings, get_settings
from app.core.db import make_engine
from app.core.security import client_ref, contract_ref
from app.errors import ApiError
from app.models import VerificationAttempt, VerificationOutcome
from app.schemas import VerifyRequest
from app.verification import verify_holder
from facade_testkit import DEMO, START

BURST = 30
NOW = START.astimezone(dt.UTC)
Call = tuple[str, VerifyRequest]  # (client id, request)


@pytest.fixture
def burst_engine(engine: Engine, session_factory: sessionmaker[Session]) -> Iterator[Engine]:
    """Second engine on the test database with a connection for every thread of a burst."""
    url = engine.url.render_as_string(hide_password=False)
    burst_engine = make_engine(url, pool_size=BURST, max_overflow=0)
    yield burst_engine
    burst_engine.dispose()


def _request(key: str, birth: str | None = None) -> VerifyRequest:
    number, check_digit, right_birth = DEMO[key]
    return VerifyRequest(
        contract_number=number, check_digit=check_digit, birth_month_day=birth or right_birth
    )


def _attempt(session: Session, settings: Settings, now: dt.datetime, call: Call) -> int:
    """One verification; the HTTP status it would answer with."""
    client_id, request = call
    try:
        verify_holder(session, settings, now, client_ref(settings, client_id), request)
    except ApiError as error:
        return error.status_code
    return 200


def _burst(engine: Engine, calls: Sequence[Call]) -> list[int]:
    """Run every call at the same moment, each in its own thread and session; the statuses."""
    settings = get_settings()
    factory = sessionmaker(bind=engine, expire_on_commit=False)
    barrier = threading.Barrier(len(calls))

    def run(call: Call) -> int:
        with factory() as session:
            session.connection()  # check a connection out before the start signal
            barrier.wait(timeout=30)
            return _attempt(session, settings, NOW, call)

    with ThreadPoolExecutor(max_workers=len(calls)) as pool:
        return list(pool.map(run, calls))


def _attempts(engine: Engine, **where: str) -> list[tuple[str, str]]:
    """(client_ref, outcome) of the recorded attempts matching the refs, in recording order."""
    statement = select(VerificationAttempt.client_ref, VerificationAttempt.outcome).where(
        *(getattr(VerificationAttempt, column) == value for column, value in where.items())
    )
    with Session(engine) as session:
        return [tuple(row) for row in session.execute(statement.order_by(VerificationAttempt.id))]


def test_simultaneous_wrong_attempts_check_only_the_threshold(burst_engine: Engine) -> None:
    settings = get_settings()
    threshold = settings.facade_lockout_threshold
    wrong = _request("newsletter", birth="0101")
    statuses = _burst(burst_engine, [(f"race-{index}", wrong) for index in range(BURST)])
    assert statuses == [401] * BURST
    ref = contract_ref(settings, wrong.contract_number)
    outcomes = Counter(outcome for _, outcome in _attempts(burst_engine, contract_ref=ref))
    checked = outcomes[VerificationOutcome.FAILURE] + outcomes[VerificationOutcome.LOCKOUT]
    assert checked == threshold, f"checked against the data: {checked}, outcomes: {outcomes}"
    assert outcomes == {
        VerificationOutcome.FAILURE: threshold - 1,
        VerificationOutcome.LOCKOUT: 1,
        VerificationOutcome.LOCKED: BURST - threshold,
    }


def test_no_token_once_a_lockout_is_recorded(burst_engine: Engine) -> None:
    settings = get_settings()
    key, right_count = "october_start", 3
    with Session(burst_engine) as session:  # one failure short of a lock-out, a minute earlier
        for index in range(settings.facade_lockout_threshold - 1):
            call = (f"early-{index}", _request(key, birth="0101"))
            assert _attempt(session, settings, NOW - dt.timedelta(minutes=1), call) == 401
    calls = [(f"right-{index}", _request(key)) for index in range(right_count)]
    wrong = _request(key, birth="0101")
    calls += [(f"wrong-{index}", wrong) for index in range(BURST - right_count)]
    statuses = _burst(burst_engine, calls)

    right_refs = {client_ref(settings, client_id) for client_id, _ in calls[:right_count]}
    wrong_refs = {client_ref(settings, client_id) for client_id, _ in calls[right_count:]}
    rows = _attempts(burst_engine, contract_ref=contract_ref(settings, calls[0][1].contract_number))
    burst = [(ref, outcome) for ref, outcome in rows if ref in right_refs | wrong_refs]
    outcomes = [outcome for _, outcome in burst]
    assert len(burst) == BURST
    assert statuses.count(200) == outcomes.count(VerificationOutcome.SUCCESS)
    if burst[0][0] in wrong_refs:  # one more failure locks the contract
        assert outcomes[0] == VerificationOutcome.LOCKOUT
    if VerificationOutcome.LOCKOUT in outcomes:
        first_lockout = outcomes.index(VerificationOutcome.LOCKOUT)
        assert set(outcomes[first_lockout + 1 :]) <= {VerificationOutcome.LOCKED}, outcomes
    for ref, outcome in burst:
        if ref in right_refs:
            assert outcome in {VerificationOutcome.SUCCESS, VerificationOutcome.LOCKED}
        else:
            assert outcome != VerificationOutcome.SUCCESS


def test_simultaneous_attempts_of_one_client_respect_the_rate_limit(
    burst_engine: Engine,
) -> None:
    settings = get_settings()
    limit = settings.facade_rate_limit_attempts
    assert limit + 10 <= BURST  # one pooled connection per thread
    unknown = [f"91{index:05d}" for index in range(limit + 10)]  # no lock-out interferes
    calls = [
        ("flood", VerifyRequest(contract_number=number, check_digit="00", birth_month_day="0101"))
        for number in unknown
    ]
    statuses = _burst(burst_engine, calls)
    checked = _attempts(burst_engine, client_ref=client_ref(settings, "flood"))
    assert len(checked) == limit, f"checked: {len(checked)} of {len(calls)} (limit {limit})"
    assert Counter(statuses) == {401: limit, 429: 10}
