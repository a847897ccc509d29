"""Q&A to a spreadsheet and back: `make content-export` / `make content-import`.

One row per example or answer: インテント | 種類 (例文・回答・詳しく) | 制度 | 本文 | ボタン.
A Q&A is an intent with answers named utter_<intent>[_<scheme>][_detail] in data/responses/.
Import changes only what the sheet changes, lints the result first, and writes nothing
when anything is wrong.
"""
from __future__ import annotations

import argparse
import shutil
import sys
import tempfile
from collections import defaultdict
from dataclasses import dataclass, field
from pathlib import Path
from typing import Dict, List, Optional, Sequence, Tuple

from content_tools import yaml_edit
from content_tools.data import DATA_DIR, DOMAIN_FILE, Content, Place, load_content, read_yaml
from content_tools.lint import SCHEME_SUFFIXES, TITLES_FILE, lint
from content_tools.sheet_io import SheetError, read_table, write_table
from content_tools.yaml_edit import Buttons, Edit, Variations

HEADER = ("インテント", "種類", "制度", "本文", "ボタン")
EXAMPLE, ANSWER, DETAIL = "例文", "回答", "詳しく"
SCHEME_LABELS = {"shokibo": "小規模企業共済", "safety": "経営セーフティ共済",
                 "other": "対象外の制度", "": "共通"}
SCHEME_CODES = {label: code for code, label in SCHEME_LABELS.items()}
BUTTON_SEPARATOR = " | "
WIDTHS = (26, 8, 18, 80, 44)


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


def _variation(name: str, place: Place, variation) -> Tuple[str, Buttons]:
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


def export(root: Path, path: Path) -> int:
    """Writes all Q&A to `path` (.xlsx or .csv); returns the number of rows."""
    content = load_content(root)
    rows = to_rows(qa_topics(content))
    write_table(path, HEADER, rows, WIDTHS,
                choices={1: (EXAMPLE, ANSWER, DETAIL), 2: tuple(SCHEME_LABELS.values())})
    return len(rows)


# --- import -------------------------------------------------------------------------------

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


def plan_edits(root: Path, current: Dict[str, Topic], wanted: Dict[str, Topic]) -> Tuple[Dict[str, str], List[str]]:
    """New text of each changed file, and a Japanese line per change."""
    content = load_content(root)
    edits: Dict[str, List[Edit]] = defaultdict(list)
    changes: List[str] = []
    for intent, topic in wanted.items():
        old = current[intent]
        if topic.examples != old.examples:
            place = _examples_place(content, intent)
            block = _block_at(root, place)
            edits[place.file].append(yaml_edit.replace_examples(_lines(root, place.file), block, topic.examples))
            added, removed = set(topic.examples) - set(old.examples), set(old.examples) - set(topic.examples)
            changes.append(f"{intent}: 例文 {len(added)}件追加、{len(removed)}件削除"
                           f"（{len(old.examples)}件 → {len(topic.examples)}件）")
        _plan_answers(root, content, old, topic, edits, changes)
    texts = {file: yaml_edit.apply_edits((root / file).read_text(encoding="utf-8"), file_edits)
             for file, file_edits in edits.items()}
    return texts, changes


def _plan_answers(root: Path, content: Content, old: Topic, new: Topic,
                  edits: Dict[str, List[Edit]], changes: List[str]) -> None:
    existing = list(old.answers)
    file = content.responses[existing[0]].place.file
    lines, document = _lines(root, file), read_yaml(root / file)
    for name, variations in new.answers.items():
        if name in old.answers and old.answers[name] != variations:
            edits[file].append(yaml_edit.replace_response(lines, document, name, variations))
            changes.append(f"{new.intent}: {name} を変更")
    added = [(n, v) for n, v in new.answers.items() if n not in old.answers]
    if added:
        edits[file].append(yaml_edit.insert_responses(lines, document, existing[-1], added))
        changes += [f"{new.intent}: {n} を追加" for n, _ in added]
    for name in existing:
        if name not in new.answers:
            edits[file].append(yaml_edit.delete_response(lines, document, name))
            changes.append(f"{new.intent}: {name} を削除")


def _examples_place(content: Content, intent: str) -> Place:
    blocks = content.intent_blocks.get(intent, [])
    if len(blocks) != 1:
        raise ContentError(f"{intent} の例文が data/nlu/ の{len(blocks)}か所にあるため、表計算からは変えられません"
                           "（1か所にまとめてください）。")
    return blocks[0]


def _block_at(root: Path, place: Place):
    document = read_yaml(root / place.file)
    block = next(b for b in document["nlu"] if b.lc.line + 1 == place.line)
    try:
        yaml_edit.examples_span(block)
    except ValueError:
        raise ContentError(f"{place}: 例文が「examples: |」の形でないため、表計算からは変えられません。") from None
    return block


def _lines(root: Path, file: str) -> List[str]:
    return (root / file).read_text(encoding="utf-8").split("\n")


def check_staged(root: Path, texts: Dict[str, str], wanted: Dict[str, Topic]) -> List[str]:
    """Lints the project as it would be after the import; errors, by sheet row where possible."""
    with tempfile.TemporaryDirectory() as temporary:
        staged = Path(temporary)
        shutil.copytree(root / DATA_DIR, staged / DATA_DIR)
        shutil.copy(root / DOMAIN_FILE, staged / DOMAIN_FILE)
        if (root / TITLES_FILE).exists():
            (staged / TITLES_FILE).parent.mkdir(parents=True)
            shutil.copy(root / TITLES_FILE, staged / TITLES_FILE)
        for file, text in texts.items():
            (staged / file).write_text(text, encoding="utf-8")
        content = load_content(staged)
        rows = _rows_by_place(content, wanted)
        return [f"行 {rows[p.place]}: {p.message}" if p.place in rows else f"{p.place}: {p.message}"
                for p in lint(content) if p.error]


def _rows_by_place(content: Content, wanted: Dict[str, Topic]) -> Dict[Place, int]:
    rows: Dict[Place, int] = {}
    for example in content.examples:
        if example.intent in wanted and wanted[example.intent].rows.get(example.text):
            rows[example.place] = wanted[example.intent].rows[example.text][0]
    for intent, topic in wanted.items():
        for place in content.intent_blocks.get(intent, []):
            rows[place] = min((n for r in topic.rows.values() for n in r), default=0)
        for name, numbers in topic.rows.items():
            response = content.responses.get(name)
            for variation, number in zip(response.variations if response else (), numbers):
                rows[variation.place] = number
                rows.update({b.place: number for b in variation.buttons})
    return rows


def import_sheet(root: Path, path: Path) -> Tuple[List[str], List[str]]:
    """Applies the sheet: (changes made, errors). With any error, nothing is written."""
    content = load_content(root)
    current = qa_topics(content)
    wanted, errors = parse_sheet(path, current)
    if errors:
        return [], errors
    texts, changes = plan_edits(root, current, wanted)
    untouched = [intent for intent in current if intent not in wanted]
    if untouched:
        changes.append(f"シートにない Q&A は変えていません: {'、'.join(untouched)}")
    errors = check_staged(root, texts, wanted)
    if errors:
        return [], errors
    for file, text in texts.items():
        temporary = root / f"{file}.importing"
        temporary.write_text(text, encoding="utf-8")
        temporary.replace(root / file)
    return changes, []


def main(argv: Optional[List[str]] = None) -> int:
    """CLI: export FILE | import FILE (.xlsx or .csv)."""
    parser = argparse.ArgumentParser(description="Q&A の書き出し・取り込み（表計算）")
    parser.add_argument("command", choices=["export", "import"])
    parser.add_argument("file", type=Path)
    parser.add_argument("--root", type=Path, default=Path("."))
    args = parser.parse_args(argv)
    try:
        if args.command == "export":
            count = export(args.root, args.file)
            print(f"{args.file} に Q&A を書き出しました（{count}行）。")
            return 0
        changes, errors = import_sheet(args.root, args.file)
    except (SheetError, ContentError) as error:
        errors, changes = [str(error)], []
    if errors:
        print("\n".join(errors + [f"取り込みを中止しました（エラー {len(errors)}件）。ファイルは何も変えていません。"]))
        return 1
    print("\n".join(changes + [f"取り込みました（変更 {len(changes)}件）。" if changes else "変更はありませんでした。"]))
    return 0


if __name__ == "__main__":
    sys.exit(main())
