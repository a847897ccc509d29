"""Japanese texts for contract self-service, rendered from the façade's answers.

Certificate timing uses the official wording (fact S40: 11月〜12月初旬 / 2月中旬頃); the other
documents and routes follow facts T31, C03 and C05. Nothing here states a number the façade did not give.
"""
from __future__ import annotations

import datetime as dt
from typing import Any, Dict, List, Optional

from actions.contact import AUTO_DISPATCH_HOURS, AUTO_DISPATCH_PHONE, REISSUE_FORM_URL, call_centre_text

SCHEME_LABELS = {"shokibo": "小規模企業共済", "safety": "経営セーフティ共済"}
INTERVAL_LABELS = {"monthly": "月払い", "semiannual": "半年払い", "annual": "年払い"}
WEEKDAYS = "月火水木金土日"

MENU_BUTTONS = [
    {"title": "証明書の発送状況", "payload": "/my_certificate"},
    {"title": "次回の引き落とし", "payload": "/my_payments"},
    {"title": "証明書の再発行", "payload": "/request_reissue"},
    {"title": "本人確認を終わる", "payload": "/forget_identity"},
    {"title": "今年の申告額", "payload": "/my_declaration"},
    {"title": "解約手当金の試算", "payload": "/my_refund"},
]

OWN_FIGURES_OFFER = "ご契約の記録から、ご自身の額を試算することもできます（本人確認をします）。"
OWN_FIGURES_BUTTON = "自分の契約で試算する"
RETRY_CONTRACT = "番号の形が読み取れませんでした。（「やめる」で中止します）"
RETRY_BIRTHDAY = "月日が読み取れませんでした。（「やめる」で中止します）"
GAVE_UP_FORMAT = "うまく読み取れなかったため、チャットでの本人確認を中止します。"
STOPPED = "本人確認を中止しました。ほかにご質問があればどうぞ。"
VERIFIED = "ご本人確認ができました。（安全のため、操作がないまま{idle}分たつと確認は終了します）"
NOT_VERIFIED = (
    "ご入力の内容では本人確認ができませんでした。\n"
    "番号・CD・生年月日をお確かめのうえ、もう一度お試しください。"
)
TOO_MANY = "本人確認の試行回数が多いため、チャットでの確認を終了します。"
EXPIRED = "安全のため、本人確認の有効期限が切れました。\nお手数ですが、もう一度ご本人確認をお願いします。"
FORGOTTEN = "本人確認を終了し、入力いただいた番号などの情報を破棄しました。\nほかにご質問があればどうぞ。"
NOTHING_TO_FORGET = "本人確認は行われていません。ほかにご質問があればどうぞ。"
UNAVAILABLE = "申し訳ありません。ただいま契約情報を確認できません。\n時間をおいてお試しいただくか、次の方法をご利用ください。"
NOT_ACCEPTED = "このお申し込みは、チャットでは受け付けられませんでした。"
REISSUE_CANCELLED = "再発行のお申し込みを取りやめました。"
RETRY_BUTTONS = [
    {"title": "もう一度入力する", "payload": "/check_contract"},
    {"title": "電話で相談したい", "payload": "/human_handoff"},
]


def jp_date(day: dt.date) -> str:
    """11月25日(水)."""
    return f"{day.month}月{day.day}日({WEEKDAYS[day.weekday()]})"


def yen(amount: int) -> str:
    """10,000円."""
    return f"{amount:,}円"


def year_label(year: int) -> str:
    """令和8年（2026年）."""
    return f"令和{year - 2018}年（{year}年）" if year >= 2019 else f"{year}年"


def month_label(month: str) -> str:
    """2026-10 → 2026年10月."""
    year, number = month.split("-")
    return f"{int(year)}年{int(number)}月"


def other_channels(now: dt.datetime, scheme: Optional[str] = None) -> str:
    """Where else to get the answer: the auto-dispatch line and web form (shokibo), the call centre."""
    lines: List[str] = []
    if scheme != "safety":
        lines += [
            "・掛金払込証明書の再発行（小規模企業共済）",
            f"　自動音声 ☎ {AUTO_DISPATCH_PHONE}（{AUTO_DISPATCH_HOURS}、書類番号355）",
            f"　Webフォーム {REISSUE_FORM_URL}",
        ]
    return "\n".join(lines + ["", call_centre_text(now)]).strip()


def summary_text(contract: Dict[str, Any]) -> str:
    """Scheme, premium, interval, enrolment, status and any pending address change."""
    lines = [
        f"ご契約: {SCHEME_LABELS[contract['scheme']]}",
        f"掛金: 月額{yen(contract['monthly_premium'])}（{INTERVAL_LABELS[contract['payment_interval']]}）",
        f"加入日: {dt.date.fromisoformat(contract['enrolled_on']).strftime('%Y年%-m月%-d日')}",
        "状態: " + ("解約済み" if contract["status"] == "cancelled" else "継続中"),
    ]
    if contract.get("address_change_pending"):
        lines.append("※住所変更の手続き中です。")
    return "\n".join(lines) + "\n\n何をお調べしますか？"


def payments_text(payments: Dict[str, Any]) -> str:
    """Next debit, last debit, arrears with their re-debit dates, prepaid balance."""
    parts: List[str] = []
    if payments["status"] == "cancelled":
        parts.append("このご契約は解約済みのため、今後の引き落としはありません。")
    nxt = payments.get("next_debit")
    if nxt:
        day = jp_date(dt.date.fromisoformat(nxt["debit_date"]))
        line = f"次回の引き落としは{day}、{yen(nxt['amount'])}の予定です。"
        if nxt["redebit_amount"]:
            line += (f"\n（掛金{yen(nxt['premium_amount'])}と、引き落とせなかった分"
                     f"{yen(nxt['redebit_amount'])}の合計です）")
        elif not nxt["premium_amount"]:
            line = f"次回の引き落としは{day}です。"
        parts.append(line)
    last = payments.get("last_debit")
    if last:
        result = "引き落とし済み" if last["result"] == "paid" else (
            "引き落としできませんでした" if last["result"] == "failed" else "処理中")
        parts.append(f"前回: {jp_date(dt.date.fromisoformat(last['debit_date']))} "
                     f"{yen(last['amount'])}（{result}）")
    for item in payments["arrears"]["items"]:
        parts.append(
            f"{month_label(item['month'])}分の{yen(item['amount'])}が引き落としできませんでした。"
            f"\n{jp_date(dt.date.fromisoformat(item['redebit_date']))}に、あらためて引き落とします。"
        )
    if payments.get("prepaid_balance"):
        parts.append(f"前納の残高: {yen(payments['prepaid_balance'])}\n"
                     f"（今後{payments['prepaid_debits_covered']}回分の掛金に充てられます）")
    return "\n\n".join(parts) if parts else "引き落としの予定は見つかりませんでした。"


def certificate_text(status: Dict[str, Any]) -> str:
    """Whether the year's certificate was sent, when, or why not and when it will be."""
    year = year_label(status["year"])
    safety = status["kind"] == "safety_receipt"
    name = "掛金納付状況兼領収書" if safety else "掛金払込証明書（掛金控除証明書）"
    if status["status"] == "dispatched":
        sent = jp_date(dt.date.fromisoformat(status["dispatched_on"]))
        return f"{year}分の{name}は、{sent}に登録住所あてに発送済みです。"
    reason = status.get("reason")
    if reason == "paid_by_september":
        return (f"{year}分の{name}は、まだ発送されていません。\n"
                "9月までに払込みがあった方には、11月〜12月初旬に発送されます。")
    if reason == "first_payment_october_to_december":
        return (f"{year}分の{name}は、まだ発送されていません。\n"
                "10月以降に初めて払込みがあった方には、翌年の2月中旬頃に発送されます。")
    if reason == "sent_every_february":
        return f"{year}分の{name}は、まだ送付されていません。\n翌年の2月に送付されます。"
    if reason == "no_payment_in_year":
        return f"{year}中の払込みがないため、{year}分の{name}は発行されません。"
    return (f"{year}分の{name}の発送記録を確認できませんでした。\n"
            "お手数ですが、共済相談室にお問い合わせください。")


REFUSALS = {
    "not_reissuable": (
        "経営セーフティ共済の掛金納付状況兼領収書は再発行できません。\n"
        "代わりに掛金残高証明書を発行できますので、共済相談室にご依頼ください。"
    ),
    "address_change_pending": (
        "住所変更のお手続き中のため、ただいま再発行をお受けできません。\n"
        "お手数ですが、共済相談室にご連絡ください。"
    ),
    "no_payment_in_year": "この年の払込みがないため、証明書は発行されません。",
    "not_yet_dispatched": "証明書はまだ発送前です。発送までお待ちください。",
}


def reissue_question(year: int) -> str:
    """The confirmation asked before a reissue request is sent."""
    return (f"{year_label(year)}分の掛金払込証明書を、登録住所あてに再発行します。\n"
            "お申し込みしてよろしいですか？")


def reissue_accepted(reference: str, repeated: bool) -> str:
    """The reference number of a new or already accepted request."""
    head = "このお申し込みはすでに受け付けています。" if repeated else "再発行のお申し込みを受け付けました。"
    return f"{head}\n受付番号: {reference}\n証明書は登録住所あてに郵送されます。"
