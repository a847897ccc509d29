"""Call-centre hours with the Japanese holiday calendar, at pinned moments."""
import datetime as dt

import pytest

from actions.clock import JST
from actions.contact import (
    AUTO_DISPATCH_PHONE,
    CALL_CENTRE_PHONE,
    call_centre_is_open,
    contact_text,
    next_opening,
)


def at(text: str) -> dt.datetime:
    return dt.datetime.fromisoformat(text).replace(tzinfo=JST)


@pytest.mark.parametrize(
    "moment, is_open",
    [
        ("2026-11-24 09:00", True),   # Tuesday, opening minute
        ("2026-11-24 16:59", True),
        ("2026-11-24 17:00", False),  # closes at 17:00
        ("2026-11-24 08:59", False),
        ("2026-11-23 10:00", False),  # 勤労感謝の日 (Monday holiday)
        ("2026-11-28 10:00", False),  # Saturday
        ("2026-11-29 10:00", False),  # Sunday
        ("2027-01-01 10:00", False),  # 元日
    ],
)
def test_call_centre_hours(moment, is_open):
    assert call_centre_is_open(at(moment)) is is_open


@pytest.mark.parametrize(
    "moment, opens",
    [
        ("2026-11-24 18:00", "2026-11-25 09:00"),  # evening: next morning
        ("2026-11-24 07:00", "2026-11-24 09:00"),  # early morning: same day
        ("2026-11-20 17:30", "2026-11-24 09:00"),  # Friday evening, Monday is a holiday
        ("2026-11-21 12:00", "2026-11-24 09:00"),  # Saturday
    ],
)
def test_next_opening_skips_weekends_and_holidays(moment, opens):
    assert next_opening(at(moment)) == at(opens)


def test_open_text_gives_number_without_after_hours_block():
    text = contact_text(at("2026-11-24 10:00"))
    assert CALL_CENTRE_PHONE in text and "受付時間内" in text
    assert AUTO_DISPATCH_PHONE not in text


def test_closed_text_offers_alternatives_and_next_opening():
    text = contact_text(at("2026-11-20 17:30"))
    assert "受付時間外" in text and "11月24日(火) 9:00" in text
    assert AUTO_DISPATCH_PHONE in text and "Webフォーム" in text
    assert "6:00から" not in text


def test_night_text_says_the_auto_line_opens_at_six():
    assert "自動音声は6:00から" in contact_text(at("2026-11-25 02:00"))
