"""Injectable clock so that tests can move time without sleeping."""

import datetime as dt

JST = dt.timezone(dt.timedelta(hours=9), "JST")


class Clock:
    """Wall clock returning timezone-aware UTC datetimes."""

    def now(self) -> dt.datetime:
        """Return the current time in UTC."""
        return dt.datetime.now(dt.UTC)

    def today_jst(self) -> dt.date:
        """Return today's date in Japan (Asia/Tokyo has no daylight saving time)."""
        return self.now().astimezone(JST).date()


def get_clock() -> Clock:
    """Dependency returning the wall clock; tests override it."""
    return Clock()
