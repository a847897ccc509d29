"""The call-deflection report over real conversations held through the REST channel.

Other integration tests write into the same tracker store, so every figure is taken over
this module's own senders (one random prefix). Conversations use button payloads, plus
free-text messages whose NLU outcome the test checks in the reply before relying on it.
"""
from __future__ import annotations

import datetime as dt
import os
import re
import subprocess
import uuid
from collections import Counter
from dataclasses import dataclass

import pytest
import requests

from actions.actions import GIVE_UP_INTRO
from actions.clock import JST
from actions.contact import CALL_CENTRE_PHONE
from analytics.cli import main as report_main
from analytics.report import TOP_INTENTS, DayCount, Period, Report, compute_report, ranked
from scripts.stack import BOT_BIN, Service, free_port
from tests.analytics.doc_sql import recount
from tests.integration.rest_client import Chat

# Free texts the NLU cannot decide: the first that gets もしかして with candidates, and the first
# that gets the fallback without candidates, are probed per model (a retrained model may move one).
AMBIGUOUS_TEXTS = ("手続き", "届出", "書類", "申し込み", "期限", "変更したい", "いつまで", "証明")
VAGUE_TEXTS = ("あれはいつ", "例のやつ", "それってなに", "あれどうなった", "ふーん", "で？", "ん",
               "その件", "なるほど？", "はて？", "んー", "あのさ", "ほう", "例の件で")
OPERATOR = ("operator", "it-operator-password")


@dataclass
class Held:
    """The conversations this module held, and where to find them."""

    url: str
    prefix: str
    day: dt.date
    period: Period
    suggested_intent: str  # the もしかして candidate the test clicked
    scheme_asked: bool  # whether that answer first asked which scheme
    ambiguous: str  # the text that got もしかして
    vague: str  # the text that got the fallback without candidates


def first_text(stack, texts, wanted) -> str:
    """The first text whose reply (in a throw-away conversation) satisfies `wanted`."""
    for candidate in texts:
        if wanted(text(Chat(stack.rasa_url).say(candidate))):
            return candidate
    pytest.fail(f"none of {texts} gets the reply this test needs from the current model")


def suggests(reply: str) -> bool:
    return "もしかして" in reply


def gives_up(reply: str) -> bool:
    """The fallback's own give-up text (not another answer that also gives the number)."""
    return ("もしかして" not in reply and GIVE_UP_INTRO.splitlines()[0] in reply
            and CALL_CENTRE_PHONE in reply)


def buttons(messages) -> list:
    return [b["payload"] for m in messages for b in m.get("buttons") or []]


def text(messages) -> str:
    return "\n".join(m.get("text") or "" for m in messages)


@pytest.fixture(scope="module")
def held(stack) -> Held:
    """Eight conversations with a known outcome (see the comments)."""
    prefix = f"an-{uuid.uuid4().hex[:10]}-"
    ambiguous = first_text(stack, AMBIGUOUS_TEXTS, suggests)
    vague = first_text(stack, VAGUE_TEXTS, gives_up)
    day = dt.datetime.now(JST).date()

    def chat(name: str, channel: str = "") -> Chat:
        return Chat(stack.rasa_url, sender=prefix + name, input_channel=channel or None)

    # 1. web: an answer, then 解決しました -> self-resolved
    web = chat("yes", "web")
    assert "掛金" in text(web.say('/ask_premium{"scheme":"shokibo"}'))
    assert "ありがとうございます" in text(web.say('/feedback{"resolved":"yes"}'))

    # 2-3. REST, one sender, two sessions: asks for a person (handoff), then a new session
    # with an answer (self-resolved)
    twice = chat("twice")
    twice.say("/greet")
    assert CALL_CENTRE_PHONE in text(twice.say("/human_handoff"))
    twice.say("/session_start")
    assert text(twice.say('/ask_tax{"scheme":"safety"}'))

    # 4. web: an answer, then 解決しませんでした -> negative feedback and handoff
    unresolved = chat("no", "web")
    assert text(unresolved.say('/ask_debit_date{"scheme":"safety"}'))
    assert CALL_CENTRE_PHONE in text(unresolved.say('/feedback{"resolved":"no"}'))

    # 5. REST: out of scope -> handoff
    assert CALL_CENTRE_PHONE in text(chat("oos").say("/out_of_scope"))

    # 6. REST: an answer and its 詳しく, which names the number inside the answer -> not a handoff
    detail = chat("detail")
    detail.say('/ask_loan{"scheme":"shokibo"}')
    assert CALL_CENTRE_PHONE in text(detail.say("/ask_more"))

    # 7. web: free text -> もしかして; a candidate is clicked and answered
    unsure = chat("suggest", "web")
    offered = unsure.say(ambiguous)
    assert suggests(text(offered))
    suggested = buttons(offered)[0]
    reply = unsure.say(suggested)
    scheme_asked = "どちらの制度" in text(reply)
    if scheme_asked:
        reply = unsure.say('/choose_scheme{"scheme":"shokibo"}')
    assert CALL_CENTRE_PHONE not in text(reply)

    # 8. REST: a vague question -> fallback without candidates, the call centre
    assert gives_up(text(chat("vague").say(vague)))

    return Held(stack.config.tracker_store_url, prefix, day,
                Period(day - dt.timedelta(days=1), day + dt.timedelta(days=1)),
                suggested.lstrip("/"), scheme_asked, ambiguous, vague)


def test_every_figure_of_the_report(held):
    r: Report = compute_report(held.url, held.period, held.prefix)
    assert r.conversations == 8
    assert (r.self_resolved, r.handoff, r.fallback, r.answered) == (4, 4, 2, 5)
    assert (r.feedback_yes, r.feedback_no, r.answer_mentions_phone) == (1, 1, 1)
    assert (r.suggestions_shown, r.suggestions_chosen, r.self_service) == (1, 1, 0)
    assert r.per_channel == {"web": 3, "line": 0, "rest": 5, "other": 0}
    assert r.per_day == tuple(DayCount(d, 8 if d == held.day else 0, 4 if d == held.day else 0)
                              for d in held.period.days)
    assert r.handoff_reasons == (
        ("action_contact_info", 1), ("action_feedback", 1), ("action_out_of_scope", 1),
        ("action_suggest", 1),
    )
    assert r.self_service_kinds == ()
    assert r.top_unanswered == ranked(Counter([held.vague, held.ambiguous]))
    intents = Counter({"nlu_fallback": 2, "feedback": 2, "ask_premium": 1, "greet": 1,
                       "human_handoff": 1, "ask_tax": 1, "ask_debit_date": 1, "out_of_scope": 1,
                       "ask_loan": 1, "ask_more": 1})
    intents.update([held.suggested_intent] + ["choose_scheme"] * held.scheme_asked)
    assert r.top_intents == ranked(intents, TOP_INTENTS)


def test_documented_sql_recounts_the_same_figures(held):
    r = compute_report(held.url, held.period, held.prefix)
    assert recount(held.url, held.period, held.prefix + "%") == {
        "conversations": 8, "self_resolved": r.self_resolved, "handoff": r.handoff,
        "fallback": r.fallback, "answered": r.answered,
    }


def test_make_report_prints_the_summary_and_writes_the_page(held, tmp_path, capsys):
    out = tmp_path / "report.html"
    period = held.period
    code = report_main(["--from", str(period.first), "--to", str(period.last), "--db-url", held.url,
                        "--sender-prefix", held.prefix, "--out", str(out)])
    printed = capsys.readouterr().out
    assert code == 0
    for line in ("自己解決率: 50.0%（4/8件）", "電話案内率: 50.0%（4/8件）",
                 "フォールバック率: 25.0%（2/8件）", "回答した会話: 62.5%（5/8件）",
                 "フィードバック: 解決しました 1件 / 解決しませんでした 1件",
                 "「もしかして」: 表示 1回 / 選択 1回", "セルフサービス完了: 0件"):
        assert line in printed.splitlines(), line
    first = ranked(Counter([held.vague, held.ambiguous]))[0][0]
    assert f"  1. 「{first}」 1件" in printed.splitlines()
    page = out.read_text(encoding="utf-8")
    assert "<svg" in page and f"<td>{held.ambiguous}</td>" in page


def test_operator_page_serves_the_report_only_with_credentials(held, tmp_path):
    port = free_port()
    env = {**os.environ, "OPERATOR_USER": OPERATOR[0], "OPERATOR_PASSWORD": OPERATOR[1],
           "TRACKER_STORE_URL": held.url}
    page = Service("operator page", [str(BOT_BIN / "python"), "-m", "analytics.server",
                                     "--port", str(port)],
                   f"http://127.0.0.1:{port}/health", tmp_path / "operator.log")
    page.start(env)
    try:
        page.wait_healthy(60)
        url = f"http://127.0.0.1:{port}/"
        query = {"from": held.day.isoformat(), "to": held.day.isoformat()}
        assert requests.get(url, params=query, timeout=30).status_code == 401
        wrong = requests.get(url, params=query, auth=(OPERATOR[0], "nope"), timeout=30)
        assert wrong.status_code == 401
        reply = requests.get(url, params=query, auth=OPERATOR, timeout=60)
        assert reply.status_code == 200
        shown = re.search(r'<div class="kpi">会話数<b>(\d+)件</b>', reply.text)
        assert shown and int(shown.group(1)) >= 8  # every sender of the day, these eight included
        assert "自己解決率" in reply.text and "<svg" in reply.text
    finally:
        page.stop()


def test_operator_page_refuses_to_start_without_credentials():
    env = {k: v for k, v in os.environ.items() if not k.startswith("OPERATOR_")}
    finished = subprocess.run([str(BOT_BIN / "python"), "-m", "analytics.server", "--port", "0"],
                              env=env, capture_output=True, text=True, timeout=60, check=False)
    assert finished.returncode == 2 and "OPERATOR_USER" in finished.stderr
