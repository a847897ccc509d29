"""Self-service texts rendered from façade answers."""
from actions import contract_texts as texts


def test_payments_with_arrears_and_redebit():
    reply = texts.payments_text({
        "status": "active",
        "next_debit": {"debit_date": "2026-12-18", "amount": 40000, "premium_amount": 20000,
                       "redebit_amount": 20000},
        "last_debit": {"debit_date": "2026-11-18", "amount": 20000, "result": "failed"},
        "arrears": {"items": [{"month": "2026-10", "amount": 20000, "redebit_date": "2026-12-18"}]},
        "prepaid_balance": None,
    })
    assert "次回の引き落としは12月18日(金)、40,000円の予定です。" in reply
    assert "掛金20,000円と、引き落とせなかった分20,000円の合計です" in reply
    assert "前回: 11月18日(水) 20,000円（引き落としできませんでした）" in reply
    assert "2026年10月分の20,000円が引き落としできませんでした。" in reply


def test_certificate_reasons_use_the_official_wording():
    base = {"year": 2026, "kind": "shokibo_payment_certificate", "status": "scheduled"}
    assert "11月〜12月初旬" in texts.certificate_text({**base, "reason": "paid_by_september"})
    assert "2月中旬頃" in texts.certificate_text({**base, "reason": "first_payment_october_to_december"})
    assert "共済相談室" in texts.certificate_text({**base, "status": "not_issued",
                                                   "reason": "no_dispatch_record"})
    assert texts.year_label(2026) == "令和8年（2026年）"


def test_other_channels_include_hours_and_skip_the_shokibo_line_for_safety():
    import datetime as dt
    now = dt.datetime(2026, 11, 24, 20, 0)
    assert "042-567-3308" in texts.other_channels(now)
    safety = texts.other_channels(now, "safety")
    assert "042-567-3308" not in safety and "050-5541-7171" in safety and "9:00〜17:00" in safety
