"""The greeting that knows the season: its quick replies and note come from data/greetings.yml.

The periods are content (staff edit them); the greeting's first lines stay in `utter_greet`.
"""
from __future__ import annotations

import datetime as dt
import os
from dataclasses import dataclass
from pathlib import Path
from typing import Any, Dict, List, Mapping, Optional, Text, Tuple

import yaml
from rasa_sdk import Action, Tracker
from rasa_sdk.executor import CollectingDispatcher

from actions.answer_dates import item_variables
from actions.clock import now_jst
from actions.kb.compose import button_payload, fill

DEFAULT_FILE = Path(__file__).resolve().parents[1] / "data" / "greetings.yml"
GREETING_RESPONSE = "utter_greet"
GREETING = {"kind": "greeting"}  # channels add no feedback buttons under it
FIXED_BUTTONS = [{"title": "何を聞けますか", "payload": "/ask_capabilities"},
                 {"title": "担当者と話したい", "payload": "/human_handoff"}]


@dataclass(frozen=True)
class Period:
    """A part of the year (month-day bounds, inclusive) and what the greeting offers in it."""

    name: str
    start: Tuple[int, int]
    end: Tuple[int, int]
    buttons: Tuple[Tuple[str, str], ...]
    note: str = ""

    def contains(self, day: dt.date) -> bool:
        """True when the day's month-day lies in the period."""
        return self.start <= (day.month, day.day) <= self.end


def _month_day(value: Any, where: str) -> Tuple[int, int]:
    try:
        month, day = (int(part) for part in str(value).split("-"))
        dt.date(2024, month, day)  # a leap year admits 02-29
    except ValueError as error:
        raise ValueError(f"{where}: {value!r} is not MM-DD") from error
    return month, day


def load_periods(path: Optional[Path] = None) -> List[Period]:
    """The periods of the greetings file (GREETINGS_FILE overrides); ValueError on a bad entry."""
    path = path or Path(os.environ.get("GREETINGS_FILE") or DEFAULT_FILE)
    raw = yaml.safe_load(path.read_text(encoding="utf-8")) or {}
    periods = []
    for entry in raw.get("periods") or []:
        name = str(entry.get("name") or "")
        buttons = tuple((str(b["title"]), str(b["payload"])) for b in entry.get("buttons") or [])
        if not buttons:
            raise ValueError(f"{path.name}: {name}: no buttons")
        periods.append(Period(name, _month_day(entry.get("from"), name), _month_day(entry.get("to"), name),
                              buttons, str(entry.get("note") or "")))
    return periods


def period_for(periods: List[Period], day: dt.date) -> Optional[Period]:
    """The first period holding the day, or None."""
    return next((p for p in periods if p.contains(day)), None)


def greeting_message(opening: str, periods: List[Period], today: dt.date,
                     variables: Mapping[str, str]) -> Dict[str, Any]:
    """The greeting's text (opening plus the period's note) and quick replies for today."""
    period = period_for(periods, today)
    note = fill(period.note, variables) if period and period.note else ""
    seasonal = [{"title": t, "payload": button_payload(p)} for t, p in (period.buttons if period else ())]
    return {"text": "\n".join(part for part in (opening, note) if part), "buttons": seasonal + FIXED_BUTTONS}


class ActionGreet(Action):
    """Greets with the period's note and its three most asked questions as buttons."""

    def name(self) -> Text:
        return "action_greet"

    def run(self, dispatcher: CollectingDispatcher, tracker: Tracker,
            domain: Dict[Text, Any]) -> List[Dict[Text, Any]]:
        variations = domain.get("responses", {}).get(GREETING_RESPONSE) or [{}]
        try:
            periods = load_periods()
        except (OSError, ValueError, KeyError, TypeError, yaml.YAMLError):
            periods = []  # a broken file: the plain greeting, never an error
        if not periods or "text" not in variations[0]:
            dispatcher.utter_message(response=GREETING_RESPONSE)
            return []
        today = now_jst().date()
        message = greeting_message(variations[0]["text"], periods, today, item_variables(today))
        dispatcher.utter_message(**message, json_message=GREETING)
        return []
