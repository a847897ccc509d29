"""Self-service actions with tracker fixtures and a fake façade client."""
import asyncio
import datetime as dt
from typing import Any, Dict, List, Optional

import pytest
from rasa_sdk import Tracker
from rasa_sdk.executor import CollectingDispatcher

from actions import self_service
from actions.facade_client import (
    ContractTokenExpired,
    FacadeUnavailable,
    ReissueResult,
    VerificationFailed,
)
from actions.sealed import seal, unseal

NOW = dt.datetime(2026, 11, 24, 20, 0, tzinfo=dt.timezone(dt.timedelta(hours=9)))
PAYMENTS = {"status": "active", "next_debit": {"debit_date": "2026-12-18", "amount": 10000,
            "premium_amount": 10000, "redebit_amount": 0}, "last_debit": None,
            "arrears": {"items": [], "total": 0}, "prepaid_balance": None}
CERTIFICATE = {"year": 2026, "kind": "shokibo_payment_certificate", "status": "dispatched",
               "reason": None, "dispatched_on": "2026-11-10", "reissuable": True,
               "reissue_refusal": None}


class FakeFacade:
    """Records calls; raises or returns what a test sets."""

    def __init__(self) -> None:
        self.calls: List[str] = []
        self.error: Optional[Exception] = None
        self.service_token = "service-token-for-tests"

    async def _answer(self, name: str, value: Any) -> Any:
        self.calls.append(name)
        if self.error:
            raise self.error
        return value

    async def verify(self, sender_id, number, check_digit, birthday):
        return await self._answer(f"verify {number}-{check_digit} {birthday}", "token-1")

    async def payments(self, token, as_of):
        return await self._answer(f"payments {token} {as_of}", PAYMENTS)

    async def certificate(self, token, year, as_of):
        return await self._answer(f"certificate {year}", CERTIFICATE)

    async def contract(self, token):
        return await self._answer("contract", {})

    async def reissue(self, token, year, key):
        return await self._answer(f"reissue {year} {key}", ReissueResult(True, reference="R-1"))


@pytest.fixture(autouse=True)
def env(monkeypatch):
    monkeypatch.setenv("FACADE_SERVICE_TOKEN", "service-token-for-tests")
    monkeypatch.setenv("ASSISTANT_NOW", NOW.isoformat())


@pytest.fixture
def facade(monkeypatch) -> FakeFacade:
    fake = FakeFacade()
    monkeypatch.setattr(self_service.FacadeClient, "from_env", classmethod(lambda cls: fake))
    return fake


def tracker(intent: str = "my_payments", text: str = "", requested: Optional[str] = None,
            **slots: Any) -> Tracker:
    return Tracker("user-1", {"requested_slot": requested, **slots},
                   {"text": text, "intent": {"name": intent}}, [], False, None, {}, "action_listen")


def run(action, tracker_: Tracker) -> tuple:
    dispatcher = CollectingDispatcher()
    events = asyncio.run(action.run(dispatcher, tracker_, {}))
    return dispatcher, {e["name"]: e.get("value") for e in events if e["event"] == "slot"}, events


def verified(**slots: Any) -> Dict[str, Any]:
    minutes_ago = (NOW - dt.timedelta(minutes=2)).isoformat()
    return {"identity_verified": True, "contract_token": seal("token-1"),
            "identity_verified_at": minutes_ago, "identity_last_used": minutes_ago, **slots}


def texts(dispatcher: CollectingDispatcher) -> str:
    return "\n".join(m.get("text") or "" for m in dispatcher.messages)


def test_unverified_request_starts_the_identity_form(facade):
    _, slots, events = run(self_service.ActionContractRequest(), tracker("my_certificate"))
    assert slots["contract_request"] == "certificate_status"
    assert {"event": "followup", "name": "identity_form"} in [
        {"event": e["event"], "name": e.get("name")} for e in events]
    assert facade.calls == []


def test_verified_request_is_answered_with_the_pinned_date(facade):
    dispatcher, slots, _ = run(self_service.ActionContractRequest(), tracker(**verified()))
    assert facade.calls == ["payments token-1 2026-11-24"]
    assert "12月18日(金)" in texts(dispatcher) and slots["self_service"] == "payments"
    assert slots["identity_last_used"] == NOW.isoformat()


@pytest.mark.parametrize("overrides", [
    {"identity_last_used": (NOW - dt.timedelta(minutes=6)).isoformat()},
    {"identity_verified_at": (NOW - dt.timedelta(minutes=11)).isoformat(),
     "identity_last_used": NOW.isoformat()},
    {"contract_token": "enc:unreadable"},
])
def test_idle_old_or_unreadable_identity_expires(facade, overrides):
    dispatcher, events, raw = run(self_service.ActionContractRequest(),
                                  tracker(**verified(**overrides)))
    assert "有効期限が切れました" in texts(dispatcher)
    assert events["contract_token"] is None and events["identity_verified"] is False
    assert any(e["event"] == "followup" for e in raw) and facade.calls == []


def test_expired_facade_token_starts_a_new_check(facade):
    facade.error = ContractTokenExpired()
    dispatcher, slots, raw = run(self_service.ActionContractRequest(), tracker(**verified()))
    assert "有効期限が切れました" in texts(dispatcher) and slots["contract_token"] is None
    assert any(e["event"] == "followup" for e in raw)


def test_facade_down_gives_other_channels(facade):
    facade.error = FacadeUnavailable("timeout")
    dispatcher, _, _ = run(self_service.ActionContractRequest(), tracker(**verified()))
    reply = texts(dispatcher)
    assert "確認できません" in reply and "042-567-3308" in reply and "050-5541-7171" in reply


def test_too_many_failed_checks_stop_further_checks(facade):
    dispatcher, _, raw = run(self_service.ActionContractRequest(), tracker(verify_failures=3))
    assert "試行回数が多い" in texts(dispatcher) and not any(e["event"] == "followup" for e in raw)


def form_step(text: str, requested: Optional[str], **slots: Any) -> tuple:
    """Runs the form's validation action on one message: (dispatcher, slot events)."""
    dispatcher = CollectingDispatcher()
    form_tracker = tracker(text=text, requested=requested, **slots)
    domain = {"forms": {"identity_form": {"required_slots": ["identity_contract",
                                                              "identity_birthday"]}}}
    events = asyncio.run(self_service.ValidateIdentityForm().run(dispatcher, form_tracker, domain))
    return dispatcher, {e["name"]: e["value"] for e in events if e["event"] == "slot"}


def test_form_seals_contract_and_birthday_typed_together():
    _, slots = form_step("１２３４５６７－８９ ４月１日", "identity_contract")
    assert unseal(slots["identity_contract"]) == "1234567-89"
    assert unseal(slots["identity_birthday"]) == "0401"
    assert "1234567" not in str(slots) and "0401" not in str(slots)


def test_form_reads_a_number_in_the_opening_request_only_if_there_is_one():
    _, slots = form_step("1234567-89の証明書", None)
    assert unseal(slots["identity_contract"]) == "1234567-89" and "identity_birthday" not in slots
    _, slots = form_step("証明書は届いた？", None)
    assert slots == {}


def test_form_re_asks_then_gives_up_with_other_channels():
    dispatcher, slots = form_step("12345", "identity_contract")
    assert slots["identity_failures"] == 1 and slots["identity_contract"] is None
    assert "読み取れませんでした" in texts(dispatcher)
    dispatcher, slots = form_step("よくわからない", "identity_birthday",
                                  identity_contract=seal("1234567-89"), identity_failures=2)
    assert slots["identity_stopped"] == "failures" and slots["requested_slot"] is None
    assert "042-567-3308" in texts(dispatcher)


def test_form_stops_on_request():
    _, slots = form_step("やめます", "identity_birthday", identity_contract=seal("1234567-89"))
    assert slots["identity_stopped"] == "user" and slots["requested_slot"] is None


def form_done(**slots: Any) -> Tracker:
    return tracker(identity_contract=seal("1234567-89"), identity_birthday=seal("0401"), **slots)


def test_verification_success_answers_the_pending_request(facade):
    dispatcher, slots, _ = run(self_service.ActionVerifyIdentity(),
                               form_done(contract_request="certificate_status"))
    assert facade.calls == ["verify 1234567-89 0401", "certificate 2026"]
    assert "ご本人確認ができました" in texts(dispatcher) and "11月10日(火)" in texts(dispatcher)
    assert slots["identity_verified"] is True and unseal(slots["contract_token"]) == "token-1"
    assert slots["identity_contract"] is None and slots["identity_birthday"] is None


def test_verification_failure_counts_and_offers_a_retry(facade):
    facade.error = VerificationFailed()
    dispatcher, slots, _ = run(self_service.ActionVerifyIdentity(), form_done(verify_failures=1))
    assert slots["verify_failures"] == 2 and "できませんでした" in texts(dispatcher)
    assert dispatcher.messages[0]["buttons"][0]["payload"] == "/check_contract"


def test_stopped_form_says_so_without_calling_the_facade(facade):
    dispatcher, _, _ = run(self_service.ActionVerifyIdentity(), tracker(identity_stopped="user"))
    assert "中止しました" in texts(dispatcher) and facade.calls == []


def test_reissue_asks_for_confirmation_then_sends_with_a_stable_key(facade):
    dispatcher, slots, _ = run(self_service.ActionContractRequest(),
                               tracker("request_reissue", **verified()))
    assert "よろしいですか" in texts(dispatcher) and slots["reissue_pending"] is True
    dispatcher, slots, _ = run(self_service.ActionConfirm(),
                               tracker("affirm", **verified(reissue_year=2026, reissue_pending=True)))
    assert "受付番号: R-1" in texts(dispatcher) and slots["self_service"] == "reissue_accepted"
    run(self_service.ActionConfirm(),
        tracker("affirm", **verified(reissue_year=2026, reissue_pending=True)))
    keys = [call for call in facade.calls if call.startswith("reissue")]
    assert len(keys) == 2 and keys[0] == keys[1]


def test_reissue_declined(facade):
    dispatcher, slots, _ = run(self_service.ActionConfirm(),
                               tracker("deny", **verified(reissue_pending=True)))
    assert "取りやめました" in texts(dispatcher) and facade.calls == []
    assert slots["reissue_pending"] is False


def test_yes_without_a_pending_reissue_asks_what_else(facade):
    dispatcher, slots, _ = run(self_service.ActionConfirm(), tracker("affirm", **verified()))
    assert dispatcher.messages[0]["response"] == "utter_anything_else" and facade.calls == []


def test_forget_identity_clears_everything():
    dispatcher, slots, _ = run(self_service.ActionForgetIdentity(), tracker(**verified()))
    assert "破棄しました" in texts(dispatcher)
    assert slots["contract_token"] is None and slots["identity_verified"] is False
    dispatcher, _, _ = run(self_service.ActionForgetIdentity(), tracker())
    assert "行われていません" in texts(dispatcher)


@pytest.mark.parametrize("day, year", [(dt.date(2026, 11, 24), 2026), (dt.date(2027, 2, 15), 2026),
                                       (dt.date(2026, 10, 1), 2026), (dt.date(2026, 9, 30), 2025)])
def test_certificate_year(day, year):
    assert self_service.certificate_year(day) == year
