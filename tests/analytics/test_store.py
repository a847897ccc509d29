"""Reading conversations back from a database Rasa's SQL tracker store wrote."""
import datetime as dt

import pytest

from actions.clock import JST
from analytics.events import classify
from analytics.report import Period, compute_report
from analytics.store import StoreError, load_conversations
from tests.analytics.doc_sql import recount

DAY = Period(dt.date(2026, 11, 24), dt.date(2026, 11, 24))


def test_conversations_are_picked_by_the_day_they_started(tracker_db):
    start, end = DAY.bounds()
    found = {(c.sender_id, classify(c).intents) for c in load_conversations(tracker_db, start, end)}
    assert found == {
        ("an_early", ("ask_premium",)),  # the first session began on the 23rd
        ("an_resolved", ("ask_debit_date", "feedback")),
        ("an_fallback", ("nlu_fallback",)),
    }


def test_a_conversation_is_read_whole_even_across_midnight(tracker_db):
    start = dt.datetime(2026, 11, 23, tzinfo=JST)
    conversations = load_conversations(tracker_db, start, start + dt.timedelta(days=1))
    assert [(c.sender_id, classify(c).intents) for c in conversations] == [
        ("an_early", ("ask_tax", "human_handoff")),
    ]


def test_sender_prefix_is_matched_literally(tracker_db):
    start, end = Period(dt.date(2026, 11, 23), dt.date(2026, 11, 25)).bounds()
    assert {c.sender_id for c in load_conversations(tracker_db, start, end, "an_")} == {
        "an_early", "an_resolved", "an_fallback"}
    assert {c.sender_id for c in load_conversations(tracker_db, start, end, "other%")} == {
        "other%_later"}
    assert load_conversations(tracker_db, start, end, "an%") == []


def test_report_from_the_database(tracker_db):
    r = compute_report(tracker_db, DAY, "an_")
    assert (r.conversations, r.self_resolved, r.handoff, r.fallback, r.answered) == (3, 2, 1, 1, 2)
    assert r.per_channel == {"web": 1, "line": 1, "rest": 1, "other": 0}
    assert r.top_unanswered == (("番号は＊＊＊です", 1),)
    assert r.handoff_reasons == (("action_suggest", 1),)


def test_missing_sqlite_file_is_an_error_and_is_not_created(tmp_path):
    missing = tmp_path / "nope.db"
    with pytest.raises(StoreError, match="ファイルがありません"):
        compute_report(f"sqlite:///{missing}", DAY)
    assert not missing.exists()


def test_database_without_events_table_is_an_error(tmp_path):
    empty = tmp_path / "empty.db"
    empty.touch()
    with pytest.raises(StoreError, match="読めません"):
        compute_report(f"sqlite:///{empty}", DAY)


@pytest.mark.parametrize("period", [DAY, Period(dt.date(2026, 11, 23), dt.date(2026, 11, 25))])
def test_documented_sql_gives_the_same_figures(tracker_db, period):
    r = compute_report(tracker_db, period)
    assert recount(tracker_db, period) == {
        "conversations": r.conversations, "self_resolved": r.self_resolved,
        "handoff": r.handoff, "fallback": r.fallback, "answered": r.answered,
    }
    assert r.conversations > 0
