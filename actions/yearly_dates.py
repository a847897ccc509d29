"""Yearly administrative dates that follow no rule (data/yearly_dates.yml, edited by staff).

A season is the tax year whose certificates go out in November (its February dispatch and
January deadline fall in the next calendar year). A date missing for today's season is never
guessed: answers state the rule and route to the call centre.
"""
from __future__ import annotations

import datetime as dt
import os
from pathlib import Path
from typing import Dict, List, Mapping

import yaml

from actions.contact import CALL_CENTRE_HOURS, CALL_CENTRE_PHONE, format_day

DEFAULT_FILE = Path(__file__).resolve().parents[1] / "data" / "yearly_dates.yml"
NOVEMBER_ADDRESS = "certificate_address_deadline_november"
FEBRUARY_ADDRESS = "certificate_address_deadline_february"
SAFETY_CANCELLATION = "safety_year_end_cancellation_deadline"
KEYS = (NOVEMBER_ADDRESS, FEBRUARY_ADDRESS, SAFETY_CANCELLATION)
UNKNOWN_DAY = "毎年決まる締切日"
ASK_CALL_CENTRE = f"今年の締切日は、共済相談室 {CALL_CENTRE_PHONE}（{CALL_CENTRE_HOURS}）でご確認ください。"

Seasons = Mapping[int, Mapping[str, dt.date]]


def dates_file() -> Path:
    """The staff file, or YEARLY_DATES_FILE when set (tests)."""
    return Path(os.environ.get("YEARLY_DATES_FILE") or DEFAULT_FILE)


def load(path: Path) -> Dict[int, Dict[str, dt.date]]:
    """Season year → {key: date}; raises ValueError naming a bad key or value."""
    raw = yaml.safe_load(path.read_text(encoding="utf-8")) or {}
    seasons: Dict[int, Dict[str, dt.date]] = {}
    for year, entries in (raw.get("seasons") or {}).items():
        seasons[int(year)] = {}
        for key, value in (entries or {}).items():
            if key not in KEYS or not isinstance(value, dt.date):
                raise ValueError(f"{path.name}: {year}: {key}: {value!r}")
            seasons[int(year)][key] = value
    return seasons


def season_of(today: dt.date) -> int:
    """The season a day belongs to: January–March still belong to the previous year's."""
    return today.year if today.month >= 4 else today.year - 1


def missing(seasons: Seasons, today: dt.date) -> List[str]:
    """Keys of today's season with no date, from October to March (the season staff must fill)."""
    if 4 <= today.month <= 9:
        return []
    entries = seasons.get(season_of(today), {})
    return [key for key in KEYS if key not in entries]


def _cancellation_state(day: dt.date | None, today: dt.date) -> str:
    if day is None:
        return ASK_CALL_CENTRE
    if day < today:
        return f"今年の締切（{format_day(day)}必着）は過ぎました。"
    return f"今年は{format_day(day)}必着です。"


def variables(seasons: Seasons, today: dt.date) -> Dict[str, str]:
    """Placeholders for knowledge items: the day, or the rule and where to ask when unknown."""
    entries = seasons.get(season_of(today), {})
    november, february = entries.get(NOVEMBER_ADDRESS), entries.get(FEBRUARY_ADDRESS)
    return {
        "address_deadline_november": format_day(november) if november else UNKNOWN_DAY,
        "address_deadline_february": format_day(february) if february else UNKNOWN_DAY,
        "address_deadline_note": "" if november and february else ASK_CALL_CENTRE,
        "safety_cancellation_state": _cancellation_state(entries.get(SAFETY_CANCELLATION), today),
    }


def current_variables(today: dt.date) -> Dict[str, str]:
    """variables() from the staff file; an unreadable file counts as no dates at all."""
    try:
        seasons = load(dates_file())
    except (OSError, ValueError, yaml.YAMLError):
        seasons = {}
    return variables(seasons, today)
