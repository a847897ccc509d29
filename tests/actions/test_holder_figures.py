"""The verified holder's own figures: 申告額 (X30, T20) and 解約手当金 / loan limit (X10, X20, X21)."""
import asyncio
import datetime as dt

from rasa_sdk import Tracker
from rasa_sdk.executor import CollectingDispatcher

from actions import self_service
from actions.holder_figures import declaration_text, refund_text
from actions.sealed import seal

NOW = dt.datetime(2026, 12, 2, 10, 0, tzinfo=dt.timezone(dt.timedelta(hours=9)))


def figures(scheme="shokibo", months=128, total=1_280_000, levels=None, status="active",
            before=False, year_total=120_000, **amounts):
    year_amounts = {"year": 2026, "jan_sep_paid": 90_000, "oct_dec_paid": 20_000, "due": 10_000,
                    "due_dates": ["2026-12-18"], "failed_unpaid": 0, "prepayment_discount": 0,
                    "total": year_total, **amounts}
    return {"as_of": "2026-12-02", "scheme": scheme, "status": status, "enrolled_on": "2016-04-01",
            "months_paid": months, "premiums_total": total,
            "premium_levels": levels or [{"monthly_premium": total // months, "months": months,
                                          "total": total}],
            "paid_before_rate_table": before, "prepaid_balance": 0, "year_amounts": year_amounts}


def test_shokibo_declaration_is_certificate_plus_october_to_december_minus_discount():
    text = declaration_text(figures(prepayment_discount=5_670, year_total=114_330))
    assert "1月〜9月の掛金（掛金払込証明書の額）: 90,000円" in text
    assert "10月〜12月に払い込んだ掛金: 20,000円" in text
    assert "これから引き落とされる掛金: 10,000円（12月18日(金)）" in text
    assert "−5,670円" in text and "合計 114,330円" in text and "試算" in text


def test_failed_debit_not_counted_is_said():
    text = declaration_text(figures(failed_unpaid=20_000, due=0, due_dates=[]))
    assert "引き落とせなかった掛金20,000円" in text and "これから引き落とされる" not in text


def test_safety_declaration_names_the_expense_and_the_form():
    text = declaration_text(figures(scheme="safety", jan_sep_paid=450_000, oct_dec_paid=100_000,
                                    due=0, due_dates=[], year_total=550_000))
    assert "合計 550,000円" in text and "損金" in text and "必要経費" in text and "明細書" in text


def test_shokibo_refund_uses_the_rate_by_months():
    assert "支給率85%で約1,088,000円" in refund_text(figures(months=120, total=1_280_000))
    assert "支給率80%" in refund_text(figures(months=83, total=830_000))
    assert "支給されません" in refund_text(figures(months=11, total=110_000))


def test_shokibo_refund_is_not_computed_for_old_or_mixed_premiums():
    assert "計算できません" in refund_text(figures(before=True))
    mixed = [{"monthly_premium": 10_000, "months": 60, "total": 600_000},
             {"monthly_premium": 20_000, "months": 12, "total": 240_000}]
    assert "掛金月額の変更" in refund_text(figures(months=72, total=840_000, levels=mixed))


def test_safety_refund_gives_each_kind_and_the_loan_limit():
    text = refund_text(figures(scheme="safety", months=42, total=2_100_000))
    assert "任意解約: 支給率100%で約2,100,000円" in text
    assert "機構解約: 支給率95%で約1,995,000円" in text
    assert "21,000,000円" in text


def test_safety_total_stops_at_the_cap():
    text = refund_text(figures(scheme="safety", months=200, total=10_000_000))
    assert "掛金総額8,000,000円" in text and "80,000,000円" in text


def test_cancelled_contract_is_routed():
    assert "すでに解約" in refund_text(figures(status="cancelled"))


class FiguresFacade:
    def __init__(self) -> None:
        self.calls = []

    async def figures(self, token, as_of):
        self.calls.append((token, as_of))
        return figures()


def test_verified_holder_gets_the_declaration_from_the_facade(monkeypatch):
    fake = FiguresFacade()
    monkeypatch.setenv("ASSISTANT_NOW", NOW.isoformat())
    monkeypatch.setenv("FACADE_SERVICE_TOKEN", "service-token-for-tests")
    monkeypatch.setattr(self_service.FacadeClient, "from_env", classmethod(lambda cls: fake))
    minutes_ago = (NOW - dt.timedelta(minutes=1)).isoformat()
    slots = {"identity_verified": True, "contract_token": seal("token-1"),
             "identity_verified_at": minutes_ago, "identity_last_used": minutes_ago}
    tracker = Tracker("user-1", slots, {"text": "", "intent": {"name": "my_declaration"}}, [],
                      False, None, {}, "action_listen")
    dispatcher = CollectingDispatcher()
    asyncio.run(self_service.ActionContractRequest().run(dispatcher, tracker, {}))
    assert fake.calls == [("token-1", "2026-12-02")]
    assert "合計 120,000円" in dispatcher.messages[0]["text"]
    assert [b["payload"] for b in dispatcher.messages[0]["buttons"]] == ["/my_refund", "/forget_identity"]


def _unverified(intent: str, text: str) -> Tracker:
    return Tracker("user-2", {}, {"text": text, "intent": {"name": intent}, "intent_ranking": []},
                   [], False, None, {}, "action_listen")


def test_general_question_is_answered_before_any_identity_check(monkeypatch):
    monkeypatch.setenv("ASSISTANT_NOW", NOW.isoformat())
    dispatcher = CollectingDispatcher()
    events = asyncio.run(self_service.ActionContractRequest().run(
        dispatcher, _unverified("my_refund", "セーフティ、月5万円で30か月払った。解約したらいくら戻る？"), {}))
    assert "約1,350,000円" in dispatcher.messages[0]["text"]
    assert not [e for e in events if e.get("event") == "followup"]


def test_a_general_declaration_question_offers_the_own_figures(monkeypatch):
    monkeypatch.setenv("ASSISTANT_NOW", NOW.isoformat())
    dispatcher = CollectingDispatcher()
    events = asyncio.run(self_service.ActionContractRequest().run(
        dispatcher, _unverified("my_declaration", "年末調整で申告する掛金の額はどうやって決まる？"), {}))
    assert not [e for e in events if e.get("event") == "followup"]
    assert dispatcher.messages[-1]["buttons"][-1]["payload"] == "/my_declaration"


def test_own_words_start_the_identity_check(monkeypatch):
    monkeypatch.setenv("ASSISTANT_NOW", NOW.isoformat())
    dispatcher = CollectingDispatcher()
    events = asyncio.run(self_service.ActionContractRequest().run(
        dispatcher, _unverified("my_declaration", "私の今年の申告額はいくら？"), {}))
    assert {"event": "followup", "name": "identity_form"} in [
        {"event": e.get("event"), "name": e.get("name")} for e in events]
