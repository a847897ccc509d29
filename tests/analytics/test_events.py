"""Classifying hand-built conversations (Rasa's own event classes, stored shape)."""
import datetime as dt

import pytest

from actions.clock import JST
from analytics.events import ConversationFacts, classify, split_sessions
from tests.analytics.builders import PHONE_TEXT, SUGGEST_BUTTONS, Timeline

START = dt.datetime(2026, 11, 24, 10, 0)
YES = [{"entity": "resolved", "value": "yes"}]
NO = [{"entity": "resolved", "value": "no"}]


def facts_of(timeline: Timeline) -> ConversationFacts:
    conversations = split_sessions("u1", timeline.as_dicts())
    assert len(conversations) == 1
    facts = classify(conversations[0])
    assert facts is not None
    return facts


def test_answered_and_resolved_conversation():
    t = (Timeline(START).session()
         .user('/ask_premium{"scheme":"shokibo"}', "ask_premium", channel="web")
         .answer("utter_ask_premium_shokibo")
         .user('/feedback{"resolved":"yes"}', "feedback", YES, channel="web")
         .act("action_feedback", "ご回答いただきありがとうございます。"))
    f = facts_of(t)
    assert f.started == START.replace(tzinfo=JST)
    assert (f.channel, f.intents, f.answers) == ("web", ("ask_premium", "feedback"), 1)
    assert (f.feedback_yes, f.feedback_no, f.handoffs, f.fallbacks) == (1, 0, (), 0)
    assert f.self_resolved


def test_asking_for_a_person_is_a_handoff():
    t = (Timeline(START).session().user("/human_handoff", "human_handoff")
         .act("action_contact_info", f"担当者とのご相談は、お電話で承っています。\n\n{PHONE_TEXT}"))
    f = facts_of(t)
    assert f.handoffs == ("action_contact_info",)
    assert not f.self_resolved


def test_phone_number_inside_a_knowledge_answer_is_not_a_handoff():
    t = (Timeline(START).session().user("/ask_loan", "ask_loan")
         .answer("utter_ask_loan_shokibo_detail", f"【契約者貸付】ご自身の限度額は{PHONE_TEXT}で"))
    f = facts_of(t)
    assert f.handoffs == () and f.answer_mentions_phone and f.self_resolved


def test_suggestion_chosen_after_a_fallback_with_the_text_masked():
    t = (Timeline(START).session()
         .user("契約番号1234567の掛金は？", "nlu_fallback")
         .act("action_suggest", "もしかして、次のようなご質問ですか？", SUGGEST_BUTTONS)
         .user("/ask_premium", "ask_premium")
         .act("action_answer", "どちらの制度についてのご質問ですか？", slots={"pending_topic": "ask_premium"})
         .user('/choose_scheme{"scheme":"safety"}', "choose_scheme")
         .answer("utter_ask_premium_safety"))
    f = facts_of(t)
    assert (f.fallbacks, f.unanswered) == (1, ("契約番号＊＊＊の掛金は？",))
    assert (f.suggestions_shown, f.suggestions_chosen, f.answers) == (1, 1, 1)
    assert f.self_resolved


def test_none_of_these_is_not_a_choice_and_out_of_scope_is_a_handoff():
    t = (Timeline(START).session()
         .user("あれどうなった", "nlu_fallback")
         .act("action_suggest", "もしかして", SUGGEST_BUTTONS)
         .user("/out_of_scope", "out_of_scope")
         .act("action_out_of_scope", f"申し訳ありません。\n\n{PHONE_TEXT}"))
    f = facts_of(t)
    assert (f.suggestions_shown, f.suggestions_chosen) == (1, 0)
    assert f.handoffs == ("action_out_of_scope",)


def test_typed_text_that_matches_no_button_is_not_a_choice():
    t = (Timeline(START).session().user("えーと", "nlu_fallback")
         .act("action_suggest", "もしかして", SUGGEST_BUTTONS)
         .user("掛金の金額", "ask_premium").answer("utter_ask_premium_shokibo"))
    assert facts_of(t).suggestions_chosen == 0


def test_suggest_without_candidates_gives_up_with_the_phone():
    t = (Timeline(START).session().user("ｑｗｅｒｔｙ", "nlu_fallback")
         .act("action_suggest", f"申し訳ありません。\n\n{PHONE_TEXT}"))
    f = facts_of(t)
    assert (f.fallbacks, f.suggestions_shown, f.handoffs) == (1, 0, ("action_suggest",))


def test_core_fallback_counts_as_fallback_once():
    t = (Timeline(START).session()
         .user("電話 090-1234-5678 に折り返して", "ask_tax")
         .act("action_give_up", f"申し訳ありません。\n\n{PHONE_TEXT}")
         .user("なにそれ", "nlu_fallback")
         .act("action_give_up", f"申し訳ありません。\n\n{PHONE_TEXT}"))
    f = facts_of(t)
    assert f.fallbacks == 2
    assert f.unanswered == ("電話 ＊＊＊ に折り返して", "なにそれ")
    assert f.handoffs == ("action_give_up", "action_give_up")


@pytest.mark.parametrize("text, entities", [
    ('/feedback{"resolved":"no"}', NO),
    ("解決しませんでした", []),
])
def test_negative_feedback_is_not_self_resolved(text, entities):
    t = (Timeline(START).session().user("/ask_tax", "ask_tax").answer("utter_ask_tax_safety")
         .user(text, "feedback", entities)
         .act("action_feedback", f"お役に立てず申し訳ありません。\n\n{PHONE_TEXT}"))
    f = facts_of(t)
    assert (f.feedback_yes, f.feedback_no) == (0, 1)
    assert f.handoffs == ("action_feedback",)
    assert not f.self_resolved


def test_negative_feedback_alone_breaks_self_resolution():
    t = (Timeline(START).session().user("役に立たなかった", "feedback")
         .act("action_feedback", "お役に立てず申し訳ありません。"))
    f = facts_of(t)
    assert f.feedback_no == 1 and f.handoffs == () and not f.self_resolved


def test_self_service_results_are_collected():
    t = (Timeline(START).session().user("/check_payments", "check_payments")
         .act("action_payments", "払込状況", slots={"self_service": "payments"})
         .user("/reissue", "reissue")
         .act("action_reissue", "受け付けました", slots={"self_service": "reissue_accepted"})
         .act("action_other", slots={"self_service": "bogus"}))
    assert facts_of(t).self_service == ("payments", "reissue_accepted")


@pytest.mark.parametrize("stored, shown", [
    ("web", "web"), ("line", "line"), ("rest", "rest"), ("facebook", "other"), (None, "other"),
])
def test_channel_comes_from_the_first_user_message(stored, shown):
    t = Timeline(START).session().user("こんにちは", "greet", channel=stored)
    t.user("こんにちは", "greet", channel="line")
    assert facts_of(t).channel == shown


def test_sessions_split_and_control_messages_do_not_count():
    t = (Timeline(START).session().user("こんにちは", "greet").act("utter_greet", "こんにちは")
         .user("/restart", "restart").act("action_restart"))
    t.now += 3600
    t.session().user("/ask_tax", "ask_tax").answer("utter_ask_tax_shokibo")
    t.session().user("/restart", "restart").act("action_restart")
    first, second, third = split_sessions("u1", t.as_dicts())
    assert classify(first).intents == ("greet",)
    assert second.events[0]["name"] == "action_session_start"
    assert classify(second).started == START.replace(tzinfo=JST) + dt.timedelta(seconds=3610)
    assert classify(second).intents == ("ask_tax",)
    assert classify(third) is None


def test_events_before_the_first_session_start_form_their_own_conversation():
    t = Timeline(START).user("こんにちは", "greet").act("utter_greet", "こんにちは")
    t.session().user("/ask_tax", "ask_tax")
    conversations = split_sessions("u1", t.as_dicts())
    assert [classify(c).intents for c in conversations] == [("greet",), ("ask_tax",)]
