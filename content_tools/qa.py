"""Q&A as table rows and back: one row per example or answer.

Columns: インテント | 種類 (例文・回答・詳しく) | 制度 | 本文 | ボタン. A Q&A is an intent with
answers named utter_<intent>[_<scheme>][_detail] in data/responses/.
"""
from __future__ import annotations

from collections import defaultdict
from dataclasses import dataclass, field
from pathlib import Path
from typing import Dict, List, Optional, Sequence, Tuple

from content_tools.data import DATA_DIR, Content, Place, Variation
from content_tools.lint import SCHEME_SUFFIXES
from content_tools.sheet_io import SheetError, read_table
from content_tools.yaml_edit import Buttons, Variations

HEADER = ("インテント", "種類", "制度", "本文", "ボタン")
EXAMPLE, ANSWER, DETAIL = "例文", "回答", "詳しく"
SCHEME_LABELS = {"shokibo": "小規模企業共済", "safety": "経営セーフティ共済",
                 "other": "対象外の制度", "": "共通"}
SCHEME_CODES = {label: code for code, label in SCHEME_LABELS.items()}
BUTTON_SEPARATOR = " | "


class ContentError(Exception):
    """Q&A data the spreadsheet cannot represent (message in Japanese)."""


@dataclass
class Topic:
    """One Q&A: its examples and its answers (response name -> variations).

    `rows` (import only) gives the sheet rows of each example text and each response name.
    """

    intent: str
    examples: List[str] = field(default_factory=list)
    answers: Dict[str, Variations] = field(default_factory=dict)
    rows: Dict[str, List[int]] = field(default_factory=lambda: defaultdict(list))


def response_name(intent: str, scheme: str, detail: bool) -> str:
    """utter_<intent>[_<scheme>][_detail]."""
    return f"utter_{intent}" + (f"_{scheme}" if scheme else "") + ("_detail" if detail else "")


def parse_response_name(name: str, intents: Sequence[str]) -> Optional[Tuple[str, str, bool]]:
    """(intent, scheme code, detail) when the name follows the convention for a known intent."""
    for intent in intents:
        for scheme in ("", *SCHEME_SUFFIXES):
            for detail in (False, True):
                if response_name(intent, scheme, detail) == name:
                    return intent, scheme, detail
    return None


def qa_topics(content: Content) -> Dict[str, Topic]:
    """The Q&A in the project, in the order of the answer files."""
    intents = list(content.domain_intents) + [e.intent for e in content.examples]
    topics: Dict[str, Topic] = {}
    for response in content.responses.values():
        parsed = parse_response_name(response.name, intents)
        if not parsed or not response.place.file.startswith(f"{DATA_DIR}/responses/"):
            continue
        topic = topics.setdefault(parsed[0], Topic(parsed[0]))
        topic.answers[response.name] = tuple(_variation(response.name, response.place, v)
                                             for v in response.variations)
    for topic in topics.values():
        topic.examples = [e.text for e in content.examples_of(topic.intent)]
    return topics


def _variation(name: str, place: Place, variation: Variation) -> Tuple[str, Buttons]:
    extra = sorted(set(variation.keys) - {"text", "buttons"})
    if extra:
        raise ContentError(f"{place}: {name} に text・buttons 以外の項目（{'、'.join(extra)}）があるため、"
                           "表計算では扱えません。")
    for button in variation.buttons:
        if "|" in button.title or "\n" in button.title + button.payload:
            raise ContentError(f"{button.place}: ボタン名に「|」や改行があるため、表計算では扱えません。")
    return variation.text, tuple((b.title, b.payload) for b in variation.buttons)


def to_rows(topics: Dict[str, Topic]) -> List[List[str]]:
    """The sheet's rows: each topic's examples, then its answers."""
    rows: List[List[str]] = []
    for topic in topics.values():
        rows += [[topic.intent, EXAMPLE, "", text, ""] for text in topic.examples]
        for name, variations in topic.answers.items():
            _, scheme, detail = parse_response_name(name, [topic.intent])
            for text, buttons in variations:
                cell = "\n".join(f"{t}{BUTTON_SEPARATOR}{p}" for t, p in buttons)
                rows.append([topic.intent, DETAIL if detail else ANSWER, SCHEME_LABELS[scheme], text, cell])
    return rows


def parse_sheet(path: Path, known: Dict[str, Topic]) -> Tuple[Dict[str, Topic], List[str]]:
    """The topics the sheet describes, and row errors (行 N: …)."""
    table = read_table(path)
    if not table or tuple(c.strip() for c in table[0][1][:len(HEADER)]) != HEADER:
        raise SheetError(f"1行目は見出し「{' | '.join(HEADER)}」にしてください（書き出したファイルの形のまま）。")
    topics: Dict[str, Topic] = {}
    errors: List[str] = []
    for number, cells in table[1:]:
        intent, kind, scheme, text, buttons = (cells + [""] * len(HEADER))[:len(HEADER)]
        intent, kind, scheme = intent.strip(), kind.strip(), scheme.strip()
        problem = _row_problem(intent, kind, scheme, text, known)
        if problem:
            errors.append(f"行 {number}: {problem}")
            continue
        topic = topics.setdefault(intent, Topic(intent))
        if kind == EXAMPLE:
            if text.strip() in topic.examples:
                errors.append(f"行 {number}: 例文「{text.strip()}」が {intent} に2回あります。")
            topic.examples.append(text.strip())
            topic.rows[text.strip()].append(number)
            continue
        parsed, problem = _parse_buttons(buttons)
        if problem:
            errors.append(f"行 {number}: {problem}")
            continue
        name = response_name(intent, SCHEME_CODES.get(scheme, scheme), kind == DETAIL)
        topic.answers[name] = topic.answers.get(name, ()) + ((text, parsed),)
        topic.rows[name].append(number)
    return topics, errors


def _row_problem(intent: str, kind: str, scheme: str, text: str, known: Dict[str, Topic]) -> Optional[str]:
    if not intent:
        return "インテントが空です。"
    if intent not in known:
        return (f"インテント「{intent}」は Q&A にありません。新しい Q&A は docs/content-guide.md の"
                "「新しい Q&A を追加する」の手順で YAML に追加し、書き出し直してください。")
    if kind not in (EXAMPLE, ANSWER, DETAIL):
        return f"種類「{kind}」は使えません（{EXAMPLE}・{ANSWER}・{DETAIL} のどれか）。"
    if not text.strip():
        return "本文が空です。"
    if kind == EXAMPLE:
        if "\n" in text.strip():
            return "例文に改行があります。1行に1つの例文にしてください。"
        return "例文の行では、制度とボタンを空にしてください。" if scheme else None
    if scheme not in SCHEME_CODES and scheme not in SCHEME_LABELS:
        return f"制度「{scheme}」は使えません（{'・'.join(SCHEME_LABELS.values())} のどれか）。"
    return None


def _parse_buttons(cell: str) -> Tuple[Buttons, Optional[str]]:
    buttons = []
    for line in filter(str.strip, cell.split("\n")):
        title, separator, payload = line.replace("｜", "|").partition("|")
        if not separator or not title.strip() or not payload.strip():
            return (), f"ボタン「{line.strip()}」は「ボタン名 | 行き先」の形にしてください（例: 詳しく | /ask_more）。"
        buttons.append((title.strip(), payload.strip()))
    return tuple(buttons), None
