"""The season-aware greeting (data/greetings.yml) on pinned dates across a year."""
import datetime as dt
import json
from pathlib import Path

import pytest
import yaml

from actions import greeting
from actions.answer_dates import item_variables
from actions.kb.items import kb_files, load_kb
from bot.channels.line_messages import wants_feedback

ROOT = Path(__file__).resolve().parents[2]
PERIODS = greeting.load_periods(ROOT / "data" / "greetings.yml")
DOMAIN = yaml.safe_load((ROOT / "domain.yml").read_text(encoding="utf-8"))
OPENING = "こんにちは。"


def message_on(day: dt.date) -> dict:
    return greeting.greeting_message(OPENING, PERIODS, day, item_variables(day))


def test_every_day_of_a_leap_year_falls_in_exactly_one_period():
    day = dt.date(2024, 1, 1)
    while day.year == 2024:
        assert sum(p.contains(day) for p in PERIODS) == 1, day
        day += dt.timedelta(days=1)


def test_every_button_leads_to_an_item_or_an_intent():
    items = load_kb(kb_files(ROOT / "data" / "kb"))
    for period in PERIODS:
        assert len(period.buttons) == 3, period.name
        for title, payload in period.buttons:
            assert len(title) <= 20
            if payload.startswith("item:"):
                assert items.get(payload[5:]) is not None, payload
            else:
                assert payload[1:] in DOMAIN["intents"], payload


@pytest.mark.parametrize("day, first_button, in_text", [
    (dt.date(2026, 11, 1), "証明書はいつ届く？", "控除証明書の発送時期"),
    (dt.date(2026, 12, 2), "12月の引落し日", "小規模企業共済が12月18日(金)、経営セーフティ共済が12月28日(月)"),
    (dt.date(2026, 12, 16), "12月の引落し日", "12月18日(金)"),
    (dt.date(2027, 1, 5), "申告する掛金の額", "確定申告の時期"),
    (dt.date(2027, 2, 20), "申告する掛金の額", "確定申告の時期"),
    (dt.date(2027, 6, 1), "加入できるか確認", OPENING),
])
def test_greeting_follows_the_calendar(day, first_button, in_text):
    message = message_on(day)
    assert message["buttons"][0]["title"] == first_button
    assert in_text in message["text"] and "{" not in message["text"]
    assert message["buttons"][-2:] == greeting.FIXED_BUTTONS and len(message["buttons"]) == 5


def test_item_buttons_become_choose_item_payloads():
    payload = message_on(dt.date(2026, 12, 2))["buttons"][0]["payload"]
    assert payload.startswith("/choose_item") and json.loads(payload[len("/choose_item"):]) == {"item": "debit_day_december"}


def test_action_sends_the_marked_greeting(monkeypatch, dispatcher, tracker):
    monkeypatch.setenv("ASSISTANT_NOW", "2027-01-05T10:00:00+09:00")
    greeting.ActionGreet().run(dispatcher, tracker, DOMAIN)
    [sent] = dispatcher.messages
    assert sent["text"].startswith("こんにちは。") and "確定申告の時期" in sent["text"]
    assert sent["custom"] == greeting.GREETING and len(sent["buttons"]) == 5
    assert not wants_feedback("こんにちは", [sent])


def test_broken_file_falls_back_to_the_plain_greeting(monkeypatch, tmp_path, dispatcher, tracker):
    broken = tmp_path / "greetings.yml"
    broken.write_text("periods:\n  - name: x\n    from: '13-01'\n    to: '12-31'\n    buttons: [{title: a, payload: /greet}]\n",
                      encoding="utf-8")
    monkeypatch.setenv("GREETINGS_FILE", str(broken))
    greeting.ActionGreet().run(dispatcher, tracker, DOMAIN)
    assert dispatcher.messages[0]["response"] == "utter_greet"
