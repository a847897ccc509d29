"""`make validate`'s checks of the knowledge items (data/kb/*.yml), reported in Japanese."""
from __future__ import annotations

import datetime as dt
import re
import unicodedata
from collections import defaultdict
from pathlib import Path
from typing import Dict, Iterator, List, Optional, Set

from actions.answer_dates import item_variables
from actions.contact import KNOWN_PHONES, KNOWN_URLS
from actions.kb.items import OUT_OF_SCOPE, Item, ItemError, kb_files, load_kb, normalise
from bot.channels.line_messages import MAX_LABEL_CHARS
from content_tools.data import Content, Place
from content_tools.lint import (EFFECTIVE_DATE, INTENT_PAYLOAD, PHONE, PLACEHOLDER, URL, YEAR,
                                MAX_DETAIL_LINES, Problem, phone_lines)

KB_FOLDER = "data/kb"
MAX_ITEM_LINES = 5         # lines as written (\n), each a short sentence
MAX_ITEM_PHONE_LINES = 12  # and what they take on a 360 px phone
FACT_ROW = re.compile(r"^\|\s*([CSTHX]\d{2})\s*\|.*\|\s*\**\[?(OFFICIAL|SECONDARY|MEMORY|推論)", re.M)


def fact_statuses(root: Path) -> Optional[Dict[str, str]]:
    """Fact ID → status label from ../shared/knowledge/facts.md (None when the file is absent)."""
    path = root.resolve().parent / "shared" / "knowledge" / "facts.md"
    if not path.exists():
        return None
    return {m.group(1): m.group(2) for m in FACT_ROW.finditer(path.read_text(encoding="utf-8"))}


def _place(item: Item) -> Place:
    return Place(f"{KB_FOLDER}/{item.source}", item.line)


def _text_problems(item: Item, text: str, detail: bool) -> Iterator[str]:
    """What is wrong with one answer text of an item."""
    folded = unicodedata.normalize("NFKC", text)
    phones = {re.sub(r"\D", "", p) for p in KNOWN_PHONES}
    for match in PHONE.finditer(folded):
        if re.sub(r"\D", "", match.group()) not in phones:
            yield f"電話番号 {match.group()} は連絡先一覧にありません（使えるのは {'、'.join(KNOWN_PHONES)}）。"
    for match in URL.finditer(folded):
        if match.group().rstrip(".,;:!?") not in KNOWN_URLS:
            yield f"URL {match.group()} は連絡先一覧（actions/contact.py）にありません。"
    effective = [m.span() for m in EFFECTIVE_DATE.finditer(folded)]
    for match in YEAR.finditer(folded):
        if not any(start <= match.start() < end for start, end in effective):
            yield f"年が書かれています（{match.group().strip()}）。毎年の日付は差し込み（{{shokibo_next_debit}} など）で書いてください。"
    usable = set(item_variables(dt.date(2026, 12, 2)))
    for match in PLACEHOLDER.finditer(text):
        if match.group(1) not in usable:
            yield f"差し込み {match.group()} は使えません（使えるもの: {'、'.join(sorted(usable))}）。"
    if detail:
        if phone_lines(text) > MAX_DETAIL_LINES:
            yield f"「詳しく」が長すぎます: スマートフォンで約{phone_lines(text)}行（上限{MAX_DETAIL_LINES}行）。"
    elif len(text.split("\n")) > MAX_ITEM_LINES or phone_lines(text) > MAX_ITEM_PHONE_LINES:
        yield (f"回答が長すぎます: {len(text.split(chr(10)))}行・スマートフォンで約{phone_lines(text)}行"
               f"（上限 {MAX_ITEM_LINES}行・{MAX_ITEM_PHONE_LINES}行）。続きは detail（詳しく）に書いてください。")


def _button_problems(item: Item, ids: Set[str], content: Content) -> Iterator[str]:
    for button in item.buttons:
        payload = button["payload"]
        if len(button["title"]) > MAX_LABEL_CHARS:
            yield f"ボタン名「{button['title']}」は{MAX_LABEL_CHARS}文字以内にしてください。"
        if payload.startswith("item:"):
            if payload[5:].strip() not in ids:
                yield f"ボタン「{button['title']}」の行き先の項目 {payload[5:]} がありません。"
            continue
        match = INTENT_PAYLOAD.fullmatch(payload)
        if not match or match.group("intent") not in content.domain_intents:
            yield f"ボタン「{button['title']}」の行き先 {payload} は、item:<id> か domain.yml のインテントにしてください。"


def _fact_problems(item: Item, statuses: Optional[Dict[str, str]]) -> Iterator[str]:
    for fact in item.facts:
        if fact == "seed" or statuses is None:
            continue
        if fact not in statuses:
            yield f"facts の {fact} は facts.md にありません。"
        elif statuses[fact] in ("MEMORY", "推論"):
            yield f"facts の {fact} は [{statuses[fact]}]（未確認）なので、回答の根拠にできません。"


def knowledge_items(content: Content) -> Iterator[Problem]:
    """Every problem in data/kb/: format, topics, facts, texts, buttons, repeated questions."""
    try:
        kb = load_kb(kb_files(content.root / KB_FOLDER))
    except ItemError as error:
        file, _, rest = str(error).partition(":")
        line = re.match(r"(\d+)", rest)
        yield Problem(Place(f"{KB_FOLDER}/{file}", int(line.group(1)) if line else 1), str(error))
        return
    ids = {item.id for item in kb.items}
    statuses = fact_statuses(content.root)
    topics = set(content.domain_intents) | {OUT_OF_SCOPE}
    asked: Dict[str, List[Item]] = defaultdict(list)
    for item in kb.items:
        messages: List[str] = []
        if item.topic not in topics:
            messages.append(f"topic {item.topic} は domain.yml のインテントにも out_of_scope にもありません。")
        messages += _fact_problems(item, statuses)
        for text in item.answers.values():
            messages += _text_problems(item, text, detail=False)
        for text in item.details.values():
            messages += _text_problems(item, text, detail=True)
        messages += _button_problems(item, ids, content)
        for message in messages:
            yield Problem(_place(item), f"{item.id}: {message}")
        for question in item.questions:
            asked[normalise(question)].append(item)
    for question, items in asked.items():
        if len({i.id for i in items}) > 1:
            where = "、".join(f"{i.id}（{_place(i)}）" for i in items)
            yield Problem(_place(items[0]), f"質問の例「{question}」が複数の項目にあります: {where}。", error=False)
