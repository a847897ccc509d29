"""`make validate`'s content linter: mistakes content staff make, reported in Japanese.

Each rule is a function from the project's content to problems, each naming file and line.
Run: python -m content_tools.lint [ROOT]   (exit 1 when there is an error).
"""
from __future__ import annotations

import argparse
import datetime as dt
import json
import math
import re
import sys
import unicodedata
from collections import defaultdict
from dataclasses import dataclass
from pathlib import Path
from typing import Callable, Dict, Iterator, List, Optional, Tuple

import yaml

from actions.answer_dates import date_variables
from actions.clock import now_jst
from actions.contact import KNOWN_PHONES, KNOWN_URLS
from bot.channels.line_messages import MAX_LABEL_CHARS
from content_tools.data import Content, Example, Place, Response, Variation, load_content

MIN_EXAMPLES = 10
# A phone screen (360 px wide, 16 px font) shows about 17 full-width characters per line and
# about 20 lines of a chat; an answer should fit with its buttons, a 「詳しく」 answer in two screens.
PHONE_CHARS_PER_LINE = 17
MAX_ANSWER_LINES = 15
MAX_DETAIL_LINES = 30
ANSWERED_BY_CODE = "action_answer"
SCHEME_SUFFIXES = ("shokibo", "safety", "other")
# action_answer also handles choose_scheme, which finishes a pending question (actions/knowledge.py).
BUTTON_ONLY = {"choose_item", "calc_tax_saving"}  # sent only by buttons (/choose_item{"item": …}): no examples needed
NOT_TOPICS = {"choose_scheme", *BUTTON_ONLY}
TITLES_FILE = "actions/intent_titles.yml"
ASK_MORE = "ask_more"

PHONE = re.compile(r"(?<!\d)0\d{1,4}[-‐‑–—−ー(]\d{1,4}[-‐‑–—−ー)]\d{3,4}(?!\d)|(?<!\d)0\d{9,10}(?!\d)")
URL = re.compile(r"(?:https?://|www\.)[^\s\"'<>()\[\]{}「」『』、。]+")
YEAR = re.compile(
    r"(?<!\d)\d{4}\s*(?:年|/\d{1,2}/|\.\d{1,2}\.|-\d{1,2}-)"
    r"|(?:令和|平成|昭和)\s*(?:\d+|[元一二三四五六七八九十]+)\s*年?"
    r"|(?<![A-Za-z0-9])[RH]\s?\d{1,2}(?![0-9A-Za-z])"
)
# The day a rule took effect does not go stale: a full date followed by 以後/以降 may name its year.
EFFECTIVE_DATE = re.compile(r"(?:令和\d+年\s*[(（])?\d{4}年[)）]?\s*\d{1,2}月\s*\d{1,2}日\s*(?:以後|以降)")
PLACEHOLDER = re.compile(r"(?<!\{)\{([^{}\n]+)\}(?!\})")
INTENT_PAYLOAD = re.compile(r"/(?P<intent>[^{}\s@]+)(?P<entities>\{.*\})?")


@dataclass(frozen=True)
class Problem:
    """One finding: where, what, and whether it blocks (error) or only informs (warning)."""

    place: Place
    message: str
    error: bool = True

    def __str__(self) -> str:
        label = "エラー" if self.error else "警告"
        return f"{self.place}: {label}: {self.message}"


Rule = Callable[[Content], Iterator[Problem]]


def normalise(text: str) -> str:
    """Folds width and case and collapses spaces, so near-identical examples compare equal."""
    return " ".join(unicodedata.normalize("NFKC", text).lower().split())


def all_intents(content: Content) -> List[str]:
    """Intents in domain.yml and in the NLU data, domain order first."""
    names = list(content.domain_intents)
    return names + sorted({e.intent for e in content.examples} - set(names))


def topic_responses(content: Content, intent: str) -> List[str]:
    """Responses named after the intent: utter_<intent>[_<scheme>][_detail]."""
    names = {f"utter_{intent}{s}{d}" for s in ["", *(f"_{x}" for x in SCHEME_SUFFIXES)]
             for d in ("", "_detail")}
    return [name for name in content.responses if name in names]


def variations(content: Content) -> Iterator[Tuple[Response, Variation]]:
    """(response, variation) for every response."""
    for response in content.responses.values():
        for variation in response.variations:
            yield response, variation


# --- rules on examples ------------------------------------------------------------------

def duplicate_examples(content: Content) -> Iterator[Problem]:
    """The same example (ignoring width, case and spaces) under two intents, at each place."""
    by_text: Dict[str, List[Example]] = defaultdict(list)
    for example in content.examples:
        by_text[normalise(example.plain)].append(example)
    for found in by_text.values():
        if len({e.intent for e in found}) < 2:
            continue
        where = "、".join(f"{e.intent}（{e.place}）" for e in found)
        message = (f"例文「{found[0].text}」が複数のインテントにあります: {where}。"
                   "どちらか一方だけに残してください。")
        yield from (Problem(e.place, message) for e in found)


def too_few_examples(content: Content) -> Iterator[Problem]:
    """An intent with fewer than MIN_EXAMPLES examples."""
    counts: Dict[str, int] = defaultdict(int)
    for example in content.examples:
        counts[example.intent] += 1
    for intent in all_intents(content):
        if counts[intent] < MIN_EXAMPLES and intent not in BUTTON_ONLY:
            place = (content.intent_blocks.get(intent) or [content.domain_intents[intent]])[0]
            yield Problem(place, f"インテント {intent} の例文が{counts[intent]}件しかありません。"
                                 f"{MIN_EXAMPLES}件以上にしてください（言い方を変えた文を足します）。")


# --- rules on intents ---------------------------------------------------------------------

def unhandled_intents(content: Content) -> Iterator[Problem]:
    """An intent missing from the domain, or with no way to be answered."""
    turns = defaultdict(list)
    for turn in content.turns:
        turns[turn.intent].append(turn)
    for intent in all_intents(content):
        place = content.domain_intents.get(intent) or content.intent_blocks[intent][0]
        answers = topic_responses(content, intent)
        if intent not in content.domain_intents:
            yield Problem(place, f"インテント {intent} が domain.yml の intents にありません。"
                                 "domain.yml の intents: に「- " + intent + "」を足してください。")
        if not turns[intent] and not answers:
            yield Problem(place, f"インテント {intent} に答える方法がありません: ルール・ストーリーがなく、"
                                 f"回答（utter_{intent}_…）もありません。")
        elif not turns[intent]:
            yield Problem(place, f"インテント {intent} の回答（{answers[0]} など）はありますが、使うルールがありません。"
                                 f"data/rules/knowledge.yml に「- intent: {intent}」→「- action: "
                                 f"{ANSWERED_BY_CODE}」のルールを足してください。")
        by_code = [t for t in turns[intent] if t.action == ANSWERED_BY_CODE]
        if by_code and not answers and intent not in NOT_TOPICS:
            yield Problem(by_code[0].place,
                          f"ルールはインテント {intent} を {ANSWERED_BY_CODE} で答えますが、回答がありません。"
                          f"utter_{intent}_shokibo・utter_{intent}_safety（または共通の utter_{intent}）を"
                          "data/responses/ に足してください。")


def untitled_topics(content: Content) -> Iterator[Problem]:
    """A knowledge topic with no button title for 「もしかして」 (a warning)."""
    path = content.root / TITLES_FILE
    titles = (yaml.safe_load(path.read_text(encoding="utf-8")) if path.exists() else None) or {}
    topics = {t.intent: t.place for t in content.turns if t.action == ANSWERED_BY_CODE}
    for intent, place in topics.items():
        if intent not in titles and intent not in NOT_TOPICS:
            yield Problem(place, f"インテント {intent} の見出しが {TITLES_FILE} にありません。"
                                 "このままでは「もしかして」の候補に出ません。", error=False)


# --- rules on responses ---------------------------------------------------------------------

def broken_buttons(content: Content) -> Iterator[Problem]:
    """A button whose /intent payload names no intent or entity, or 「詳しく」 with no detail."""
    for response, variation in variations(content):
        for button in variation.buttons:
            if not button.payload.startswith("/"):
                continue  # a typed answer (the eligibility checker), not an intent
            match = INTENT_PAYLOAD.fullmatch(button.payload.replace("{{", "{").replace("}}", "}"))
            if not match:
                yield Problem(button.place, f"ボタン「{button.title}」のペイロード {button.payload} が読めません。")
                continue
            intent = match.group("intent")
            if intent not in content.domain_intents:
                yield Problem(button.place, f"ボタン「{button.title}」の行き先 /{intent} は、"
                                            "domain.yml にないインテントです。")
            yield from _payload_entities(content, button.place, button.title, match.group("entities"))
            if intent == ASK_MORE and f"{response.name}_detail" not in content.responses:
                yield Problem(button.place, f"「{button.title}」ボタンがありますが、詳しい回答 "
                                            f"{response.name}_detail がありません。")


def _payload_entities(content: Content, place: Place, title: str, raw: Optional[str]) -> Iterator[Problem]:
    if not raw:
        return
    try:
        entities = json.loads(raw)
    except ValueError:
        yield Problem(place, f"ボタン「{title}」のペイロードの {{…}} が JSON として読めません: {raw}")
        return
    unknown = sorted(set(entities) - content.entities) if isinstance(entities, dict) else [raw]
    for name in unknown:
        yield Problem(place, f"ボタン「{title}」のペイロードのエンティティ {name} は domain.yml にありません。")


def unknown_contacts(content: Content) -> Iterator[Problem]:
    """A phone number or URL that is not in the contact list (actions/contact.py)."""
    phones = {re.sub(r"\D", "", p) for p in KNOWN_PHONES}
    for response, variation in variations(content):
        text = unicodedata.normalize("NFKC", variation.text)
        for match in PHONE.finditer(text):
            if re.sub(r"\D", "", match.group()) not in phones:
                yield Problem(variation.place_of(match.start()),
                              f"{response.name} の電話番号 {match.group()} は連絡先一覧にありません"
                              f"（使えるのは {'、'.join(KNOWN_PHONES)}）。番号を確かめてください。")
        for match in URL.finditer(text):
            url = match.group().rstrip(".,;:!?")
            if url not in KNOWN_URLS:
                yield Problem(variation.place_of(match.start()),
                              f"{response.name} の URL {url} は連絡先一覧（actions/contact.py）に"
                              "ありません。正しい URL か確かめ、必要なら開発者に一覧への追加を頼んでください。")


def phone_lines(text: str) -> int:
    """About how many lines the text takes in a chat bubble on a phone."""
    def width(line: str) -> float:
        return sum(0.5 if unicodedata.east_asian_width(c) in "NaH" else 1.0 for c in line)
    return sum(max(1, math.ceil(width(line) / PHONE_CHARS_PER_LINE)) for line in text.split("\n"))


def too_long(content: Content) -> Iterator[Problem]:
    """An answer longer than a phone screen, or a button title LINE would cut."""
    for response, variation in variations(content):
        limit = MAX_DETAIL_LINES if response.name.endswith("_detail") else MAX_ANSWER_LINES
        lines = phone_lines(variation.text)
        if lines > limit:
            yield Problem(variation.place,
                          f"{response.name} は長すぎます: スマートフォンで約{lines}行（上限{limit}行）。"
                          "短くするか、「詳しく」の回答（…_detail）に分けてください。")
        for button in variation.buttons:
            if len(button.title) > MAX_LABEL_CHARS:
                yield Problem(button.place, f"ボタン名「{button.title}」が{len(button.title)}文字です。"
                                            f"{MAX_LABEL_CHARS}文字以内にしてください（LINE では切れます）。")


def hard_coded_years(content: Content) -> Iterator[Problem]:
    """A year (2021年, 令和3年, R3, 2021/12/1) in an answer: dates must be computed."""
    for response, variation in variations(content):
        text = unicodedata.normalize("NFKC", variation.text)
        effective = [m.span() for m in EFFECTIVE_DATE.finditer(text)]
        for match in YEAR.finditer(text):
            if any(start <= match.start() < end for start, end in effective):
                continue
            yield Problem(variation.place_of(match.start()),
                          f"{response.name} に年が書かれています（{match.group().strip()}）。"
                          "年が変わると古くなります。毎年の日付は差し込み（{next_debit} など）で、"
                          "制度改正の日付は「2024年10月1日以後」のように日付と「以後」まで書いてください。")


def unknown_placeholders(content: Content) -> Iterator[Problem]:
    """A {placeholder} that neither a slot nor the answer's date code fills."""
    today = dt.date(2000, 1, 1)
    for response, variation in variations(content):
        allowed = content.slots | set(date_variables(response.name, today))
        for match in PLACEHOLDER.finditer(variation.text):
            if match.group(1) not in allowed:
                usable = "、".join("{" + n + "}" for n in sorted(set(date_variables(response.name, today))))
                yield Problem(variation.place_of(match.start()),
                              f"{response.name} の差し込み {match.group()} は埋める仕組みがなく、そのまま表示されます"
                              f"（この回答で使えるもの: {usable or 'なし'}）。")


RULES: List[Rule] = [
    duplicate_examples, too_few_examples, unhandled_intents, untitled_topics,
    broken_buttons, unknown_contacts, too_long, hard_coded_years, unknown_placeholders,
]


def lint(content: Content, today: Optional[dt.date] = None) -> List[Problem]:
    """Every problem in the content, by file and line; with `today`, also the yearly dates."""
    from content_tools.lint_kb import knowledge_items  # it builds on this module's patterns
    from content_tools.lint_yearly import yearly_date_problems

    problems = [p for rule in (*RULES, knowledge_items) for p in rule(content)]
    if today is not None:
        problems += yearly_date_problems(content, today)
    return sorted(problems, key=lambda p: (p.place.file, p.place.line, p.message))


def report(problems: List[Problem], content_summary: str) -> str:
    """The Japanese report printed by `make validate`."""
    errors = sum(p.error for p in problems)
    lines = [str(p) for p in problems]
    if errors:
        lines.append(f"内容の検査: エラー {errors}件、警告 {len(problems) - errors}件。"
                     "エラーを直してから、もう一度 make validate を実行してください。")
    else:
        lines.append(f"内容の検査: エラーはありません（警告 {len(problems)}件）。{content_summary}")
    return "\n".join(lines)


def main(argv: Optional[List[str]] = None) -> int:
    """CLI: lints ROOT (default: the current folder); exit 1 on errors."""
    parser = argparse.ArgumentParser(description="内容の検査（make validate）")
    parser.add_argument("root", nargs="?", default=".", type=Path)
    args = parser.parse_args(argv)
    content = load_content(args.root)
    problems = lint(content, now_jst().date())
    summary = (f"インテント {len(content.domain_intents)}、例文 {len(content.examples)}、"
               f"回答 {len(content.responses)}。")
    print(report(problems, summary))
    return 1 if any(p.error for p in problems) else 0


if __name__ == "__main__":
    sys.exit(main())
