"""Judging one answer-level test question: what the user sees, not the intent label.

Rules (docs/answer-eval.md): a knowledge question is right at first reply when the reply text meets
every `must` group (any-of) and contains no `must_not` string; right within one tap when, failing
that, one of the reply's first four buttons leads to a right second reply. An out-of-scope question
is declined when the tracker shows a declining action after the question and no `must_not` appears.
"""
from __future__ import annotations

import re
import unicodedata
from dataclasses import dataclass, field
from pathlib import Path
from typing import Any, Callable, Dict, Iterable, List, Optional, Sequence, Tuple

import requests
import yaml

KNOWLEDGE, OUT_OF_SCOPE = "knowledge", "out_of_scope"
SCHEMES = ("shokibo", "safety", "both", "none", "ask")
MAX_TAPS = 4
REQUEST_TIMEOUT = 30.0
# What counts as declining (names from domain.yml, data/rules/*.yml and config.yml):
DECLINE_ACTIONS = frozenset({
    "action_out_of_scope",      # rule: intent out_of_scope
    "action_give_up",           # RulePolicy core fallback (config.yml)
    "action_default_fallback",  # Rasa's built-in fallback, should a policy predict it
    "utter_out_of_scope",       # in case the answer becomes a plain response
})
GIVE_UP_WITHOUT_BUTTONS = frozenset({"action_suggest"})  # nlu_fallback: declines only when it offers nothing
# Topic of a question = letter + first digit of its first fact ID; names are facts.md's headings.
TOPIC_NAMES = dict(
    C0="共通事項・連絡先", S0="加入資格", S1="加入資格", S2="掛金・払込方法", S3="税制上の扱い", S4="証明書",
    S5="振替不能・未納", S6="届出事項の変更(住所など)", S7="共済金・解約手当金", S8="契約者貸付",
    S9="加入手続き", T0="加入資格", T1="掛金", T2="税制上の扱い", T3="証明書・通知", T4="振替不能・未納・解約",
    T5="貸付", T6="加入手続き・変更届", X0="小規模企業共済の節税額", X1="小規模企業共済の解約手当金",
    X2="経営セーフティ共済の解約手当金と共済金貸付", X3="契約者向けの試算")
NO_TOPIC = "—"
_FOLDS = (("引落とし", "引き落とし"), ("引落し", "引き落とし"), ("引き落し", "引き落とし"))
_DASHES = re.compile("[\u2010-\u2015\u2212\uff0d]")
_WAVES = re.compile("[\u301c\uff5e~]")

Reply = List[Dict[str, Any]]  # the REST channel's messages for one user message
Converse = Callable[[Sequence[str]], Tuple[str, List[Reply]]]  # fresh conversation -> (sender, replies)
TrackerOf = Callable[[str], Dict[str, Any]]


def fold(text: str) -> str:
    """The form both sides are compared in: NFKC, no spaces, casefolded, 引き落とし/dash/wave variants unified."""
    text = unicodedata.normalize("NFKC", text or "").casefold()
    text = "".join(text.split())
    for variant, canonical in _FOLDS:
        text = text.replace(variant, canonical)
    return _WAVES.sub("~", _DASHES.sub("-", text))


@dataclass
class Question:
    """One test question of a set."""

    id: str
    text: str
    kind: str
    scheme: str
    set: str = ""
    scheme_guess: Optional[str] = None
    facts: List[str] = field(default_factory=list)
    must: List[List[str]] = field(default_factory=list)
    must_not: List[str] = field(default_factory=list)

    @property
    def topic(self) -> str:
        """'S2 掛金・払込方法' from the first fact ID, or NO_TOPIC."""
        match = re.match(r"([A-Z])(\d)", self.facts[0]) if self.facts else None
        if not match:
            return NO_TOPIC
        key = match.group(0)
        return f"{key} {TOPIC_NAMES[key]}" if key in TOPIC_NAMES else key


def parse_question(raw: Dict[str, Any], set_name: str) -> Question:
    """A validated Question from one YAML entry; raises ValueError naming the problem."""
    where = f"{set_name}: {raw.get('id', '?')}"
    if not raw.get("id") or not str(raw.get("text", "")).strip():
        raise ValueError(f"{where}: id and text are required")
    kind, scheme = raw.get("kind"), raw.get("scheme", "none")
    if kind not in (KNOWLEDGE, OUT_OF_SCOPE):
        raise ValueError(f"{where}: kind must be {KNOWLEDGE} or {OUT_OF_SCOPE}")
    if scheme not in SCHEMES or (raw.get("scheme_guess") and scheme != "ask"):
        raise ValueError(f"{where}: scheme must be one of {SCHEMES}; scheme_guess only with ask")
    must = [[str(s) for s in ([g] if isinstance(g, str) else g)] for g in raw.get("must") or []]
    if kind == KNOWLEDGE and (not must or not all(must)):
        raise ValueError(f"{where}: a knowledge question needs non-empty must groups")
    return Question(id=str(raw["id"]), text=str(raw["text"]), kind=kind, scheme=scheme, set=set_name,
                    scheme_guess=raw.get("scheme_guess"), facts=[str(f) for f in raw.get("facts") or []],
                    must=must, must_not=[str(s) for s in raw.get("must_not") or []])


def load_sets(folder: Path) -> Dict[str, List[Question]]:
    """Every *.yml/*.yaml set in the folder by file stem; duplicate IDs within a set are errors."""
    sets: Dict[str, List[Question]] = {}
    for path in sorted([*folder.glob("*.yml"), *folder.glob("*.yaml")]):
        data = yaml.safe_load(path.read_text(encoding="utf-8")) or {}
        questions = [parse_question(raw, path.stem) for raw in data.get("questions") or []]
        ids = [q.id for q in questions]
        if len(ids) != len(set(ids)):
            raise ValueError(f"{path}: duplicate question IDs")
        sets[path.stem] = questions
    return sets


def reply_text(reply: Reply) -> str:
    """All texts of one reply, joined by newlines."""
    return "\n".join(m.get("text") or "" for m in reply)


def reply_buttons(reply: Reply) -> List[Dict[str, Any]]:
    """The reply's buttons in order, at most MAX_TAPS."""
    return [b for m in reply for b in m.get("buttons") or [] if b.get("payload")][:MAX_TAPS]


def missed_groups(text: str, must: List[List[str]]) -> List[List[str]]:
    """The must groups none of whose strings occurs in the text."""
    folded = fold(text)
    return [group for group in must if not any(fold(s) in folded for s in group)]


def forbidden_hits(text: str, must_not: Iterable[str]) -> List[str]:
    """The must_not strings that occur in the text."""
    folded = fold(text)
    return [s for s in must_not if fold(s) in folded]


@dataclass
class Result:
    """The verdict on one question."""

    set: str
    id: str
    text: str
    kind: str
    scheme: str
    topic: str
    first_reply: bool = False
    one_tap: bool = False
    declined: bool = False
    reply: str = ""
    missed: List[List[str]] = field(default_factory=list)
    forbidden: List[str] = field(default_factory=list)
    tap: Optional[str] = None
    actions: List[str] = field(default_factory=list)
    error: Optional[str] = None


def new_result(q: Question) -> Result:
    """An empty (wrong) result for a question."""
    return Result(set=q.set, id=q.id, text=q.text, kind=q.kind, scheme=q.scheme, topic=q.topic)


def judge_knowledge(q: Question, converse: Converse) -> Result:
    """Right at first reply, else tries each of the first buttons in a fresh conversation."""
    result = new_result(q)
    _, replies = converse([q.text])
    first = replies[0] if replies else []
    text = reply_text(first)
    result.reply, result.missed, result.forbidden = text, missed_groups(text, q.must), forbidden_hits(text, q.must_not)
    result.first_reply = result.one_tap = not result.missed and not result.forbidden
    for button in [] if result.first_reply else reply_buttons(first):
        _, tapped = converse([q.text, button["payload"]])
        second = reply_text(tapped[1]) if len(tapped) > 1 else ""
        if not missed_groups(second, q.must) and not forbidden_hits(second, q.must_not):
            result.one_tap, result.tap = True, button["payload"]
            break
    return result


def actions_after_last_user(tracker: Dict[str, Any]) -> List[Tuple[str, bool]]:
    """(action name, whether it sent buttons) for the actions run after the last user message."""
    events = tracker.get("events") or []
    start = max((i for i, e in enumerate(events) if e.get("event") == "user"), default=-1)
    runs: List[Tuple[str, bool]] = []
    for event in events[start + 1:]:
        if event.get("event") == "action" and event.get("name") != "action_listen":
            runs.append((event.get("name") or "", False))
        elif event.get("event") == "bot" and runs and (event.get("data") or {}).get("buttons"):
            runs[-1] = (runs[-1][0], True)
    return runs


def is_decline(runs: List[Tuple[str, bool]]) -> bool:
    """True when a declining action ran (action_suggest only counts when it offered no buttons)."""
    return any(name in DECLINE_ACTIONS or (name in GIVE_UP_WITHOUT_BUTTONS and not buttons)
               for name, buttons in runs)


def judge_out_of_scope(q: Question, converse: Converse, tracker_of: TrackerOf) -> Result:
    """Declined: a declining action after the question and no must_not string in the reply."""
    result = new_result(q)
    sender, replies = converse([q.text])
    result.reply = reply_text(replies[0]) if replies else ""
    runs = actions_after_last_user(tracker_of(sender))
    result.actions = [name for name, _ in runs]
    result.forbidden = forbidden_hits(result.reply, q.must_not)
    result.declined = is_decline(runs) and not result.forbidden
    return result


def judge(q: Question, converse: Converse, tracker_of: TrackerOf) -> Result:
    """Judges one question; a transport error makes it a wrong answer with the error recorded."""
    try:
        if q.kind == KNOWLEDGE:
            return judge_knowledge(q, converse)
        return judge_out_of_scope(q, converse, tracker_of)
    except (requests.RequestException, ValueError) as error:
        result = new_result(q)
        result.error = f"{type(error).__name__}: {error}"
        return result
