"""Contact channels and whether the call centre is open (facts C01, C03, C04).

The call centre (共済相談室) answers on weekdays 9:00-17:00 except Japanese
public holidays; the certificate auto-dispatch line answers 6:00-24:00 every day.
"""
from __future__ import annotations

import datetime as dt

from kyosai_calendar import is_business_day, next_business_day_on_or_after

CALL_CENTRE_PHONE = "050-5541-7171"
CALL_CENTRE_HOURS = "平日 9:00〜17:00（土日祝日を除く）"
AUTO_DISPATCH_PHONE = "042-567-3308"
AUTO_DISPATCH_HOURS = "6:00〜24:00、土日祝日も利用可"
REISSUE_FORM_URL = (
    "https://www.smrj.go.jp/kyosai/skyosai/customer/procedure/reissuance/02.html"
)
SMRJ_URL = "https://www.smrj.go.jp/"
KYOSAI_URL = "https://www.smrj.go.jp/kyosai/index.html"
# The only numbers and addresses answers may give (checked by content_tools.lint).
KNOWN_PHONES = (CALL_CENTRE_PHONE, AUTO_DISPATCH_PHONE)
KNOWN_URLS = (SMRJ_URL, KYOSAI_URL, REISSUE_FORM_URL)
OPENS = dt.time(9, 0)
CLOSES = dt.time(17, 0)
AUTO_DISPATCH_OPENS = dt.time(6, 0)
WEEKDAYS = "月火水木金土日"


def call_centre_is_open(now: dt.datetime) -> bool:
    """True during the call centre's hours on a business day (now in JST)."""
    return is_business_day(now.date()) and OPENS <= now.time() < CLOSES


def next_opening(now: dt.datetime) -> dt.datetime:
    """The next moment the call centre opens, strictly after a closed `now`."""
    day = now.date()
    if now.time() >= OPENS:
        day += dt.timedelta(days=1)
    day = next_business_day_on_or_after(day)
    return dt.datetime.combine(day, OPENS, tzinfo=now.tzinfo)


def format_day(day: dt.date) -> str:
    """Formats a date as 11月25日(水), with no year."""
    return f"{day.month}月{day.day}日({WEEKDAYS[day.weekday()]})"


def call_centre_text(now: dt.datetime) -> str:
    """The call centre's number and hours, saying whether it is open now."""
    lines = [
        "共済相談室（コールセンター）",
        f"☎ {CALL_CENTRE_PHONE}",
        f"受付: {CALL_CENTRE_HOURS}",
    ]
    if call_centre_is_open(now):
        lines.append("ただいま受付時間内です。")
        return "\n".join(lines)
    opening = next_opening(now)
    lines.append(
        f"ただいま受付時間外です。次の受付開始は{format_day(opening.date())} 9:00です。"
    )
    return "\n".join(lines)


def after_hours_text(now: dt.datetime) -> str:
    """What works outside the call centre's hours: the auto-dispatch line and web form."""
    lines = [
        "時間外でもご利用いただけるもの:",
        "・掛金払込証明書の再発行（小規模企業共済）",
        f"　自動音声 ☎ {AUTO_DISPATCH_PHONE}（{AUTO_DISPATCH_HOURS}）",
        f"　Webフォーム（24時間）{REISSUE_FORM_URL}",
    ]
    if now.time() < AUTO_DISPATCH_OPENS:
        lines.append("※自動音声は6:00から受け付けています。")
    return "\n".join(lines)


def contact_text(now: dt.datetime) -> str:
    """Full contact block: call centre, plus the 24-hour alternatives when closed."""
    text = call_centre_text(now)
    if not call_centre_is_open(now):
        text += "\n\n" + after_hours_text(now)
    return text
