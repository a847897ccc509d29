"""The action server's notion of "now", in Japan time.

`ASSISTANT_NOW` (ISO 8601, e.g. 2026-11-24T10:00:00+09:00) pins the clock for
tests and demos; otherwise the real time is used.
"""
from __future__ import annotations

import datetime as dt
import os
from zoneinfo import ZoneInfo

JST = ZoneInfo("Asia/Tokyo")


def now_jst() -> dt.datetime:
    """Current time in JST, or the pinned time from ASSISTANT_NOW."""
    pinned = os.environ.get("ASSISTANT_NOW")
    if pinned:
        moment = dt.datetime.fromisoformat(pinned)
        if moment.tzinfo is None:
            moment = moment.replace(tzinfo=JST)
        return moment.astimezone(JST)
    return dt.datetime.now(JST)
