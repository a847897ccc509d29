"""Yearly administrative dates (data/yearly_dates.yml): known days, the rule when unknown, the warning."""
import datetime as dt
from pathlib import Path

import pytest

from actions import yearly_dates as yd
from actions.answer_dates import item_variables
from actions.kb.compose import compose
from actions.kb.items import kb_files, load_kb
from content_tools.data import Content
from content_tools.lint_yearly import yearly_date_problems

ROOT = Path(__file__).resolve().parents[2]
SEASONS = yd.load(ROOT / "data" / "yearly_dates.yml")


@pytest.mark.parametrize("today, season", [(dt.date(2021, 12, 2), 2021), (dt.date(2022, 2, 5), 2021),
                                           (dt.date(2022, 4, 1), 2022), (dt.date(2026, 12, 2), 2026)])
def test_season_runs_from_april_to_march(today, season):
    assert yd.season_of(today) == season


def test_known_season_gives_the_days_and_no_note():
    values = yd.variables(SEASONS, dt.date(2021, 11, 1))
    assert values["address_deadline_november"] == "10月15日(金)"
    assert values["address_deadline_february"] == "1月14日(金)"
    assert values["address_deadline_note"] == ""


def test_unknown_season_states_the_rule_and_routes_to_the_call_centre():
    values = yd.variables(SEASONS, dt.date(2026, 12, 2))
    assert values["address_deadline_november"] == yd.UNKNOWN_DAY
    assert "050-5541-7171" in values["address_deadline_note"]
    assert "050-5541-7171" in values["safety_cancellation_state"]


@pytest.mark.parametrize("today, expected", [(dt.date(2025, 12, 2), "今年は12月17日(水)必着です。"),
                                             (dt.date(2025, 12, 18), "今年の締切（12月17日(水)必着）は過ぎました。")])
def test_safety_cancellation_deadline_before_and_after(today, expected):
    assert yd.variables(SEASONS, today)["safety_cancellation_state"] == expected


def test_item_answer_reads_well_with_and_without_this_years_dates():
    item = load_kb(kb_files(ROOT / "data" / "kb")).get("shokibo_certificate_after_move")
    known = compose(item, "shokibo", {**item_variables(dt.date(2021, 11, 1)), **yd.variables(SEASONS, dt.date(2021, 11, 1))})
    unknown = compose(item, "shokibo", {**item_variables(dt.date(2026, 12, 2)), **yd.variables({}, dt.date(2026, 12, 2))})
    assert "10月15日(金)までに中小機構に届けば" in known.text and "\n\n" not in known.text
    assert "050-5541-7171" not in known.text
    assert "毎年決まる締切日までに" in unknown.text and "050-5541-7171" in unknown.text
    assert "{" not in known.text + unknown.text


def test_bad_file_is_refused_and_the_bot_falls_back_to_the_rule(tmp_path, monkeypatch):
    bad = tmp_path / "yearly.yml"
    bad.write_text("seasons:\n  2026:\n    certificate_address_deadline_november: 10月15日\n", encoding="utf-8")
    with pytest.raises(ValueError):
        yd.load(bad)
    monkeypatch.setenv("YEARLY_DATES_FILE", str(bad))
    assert yd.current_variables(dt.date(2026, 11, 1))["address_deadline_november"] == yd.UNKNOWN_DAY


@pytest.mark.parametrize("today, warnings", [(dt.date(2026, 6, 1), 0), (dt.date(2026, 10, 1), 3),
                                             (dt.date(2027, 2, 20), 3), (dt.date(2021, 12, 1), 1)])
def test_validate_warns_from_october_to_march_when_the_season_is_missing(today, warnings):
    problems = list(yearly_date_problems(Content(root=ROOT), today))
    assert len(problems) == warnings and not any(p.error for p in problems)
    assert all("がありません" in p.message for p in problems)


def test_validate_reports_a_malformed_file_as_an_error(tmp_path):
    (tmp_path / "data").mkdir()
    (tmp_path / "data" / "yearly_dates.yml").write_text("seasons:\n  2026:\n    typo_key: 2026-10-15\n", encoding="utf-8")
    problems = list(yearly_date_problems(Content(root=tmp_path), dt.date(2026, 10, 1)))
    assert len(problems) == 1 and problems[0].error
