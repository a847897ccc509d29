"""`make validate`'s warning when this season's yearly dates (data/yearly_dates.yml) are missing."""
from __future__ import annotations

import datetime as dt
from typing import Iterator

import yaml

from actions import yearly_dates
from content_tools.data import Content, Place
from content_tools.lint import Problem

YEARLY_FILE = "data/yearly_dates.yml"
LABELS = {
    yearly_dates.NOVEMBER_ADDRESS: "11月発送の証明書の住所変更締切",
    yearly_dates.FEBRUARY_ADDRESS: "2月発送の証明書の住所変更締切",
    yearly_dates.SAFETY_CANCELLATION: "セーフティ共済の年内解約の必着日",
}


def yearly_date_problems(content: Content, today: dt.date) -> Iterator[Problem]:
    """A warning per date today's season still lacks (from October to March), an error for a bad file."""
    path = content.root / YEARLY_FILE
    try:
        seasons = yearly_dates.load(path) if path.exists() else {}
    except (ValueError, yaml.YAMLError) as error:
        yield Problem(Place(YEARLY_FILE, 1), f"書式が正しくありません（{error}）。日付は YYYY-MM-DD で書いてください。")
        return
    season = yearly_dates.season_of(today)
    for key in yearly_dates.missing(seasons, today):
        yield Problem(Place(YEARLY_FILE, 1),
                      f"{season}年のシーズンの「{LABELS[key]}」（{key}）がありません。"
                      "日付がわかったら追加してください。それまでボットは決まりだけを答え、共済相談室をご案内します。",
                      error=False)
