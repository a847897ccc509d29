"""Q&A to a spreadsheet and back: `make content-export` / `make content-import`.

Import changes only what the sheet changes (line-level edits, content_tools/yaml_edit.py),
lints the project as it would be afterwards, and writes nothing when anything is wrong.
"""
from __future__ import annotations

import argparse
import shutil
import sys
import tempfile
from collections import defaultdict
from pathlib import Path
from typing import Any, Dict, List, Optional, Tuple

from content_tools import yaml_edit
from content_tools.data import DATA_DIR, DOMAIN_FILE, Content, Place, load_content, read_yaml
from content_tools.lint import TITLES_FILE, lint
from content_tools.qa import (ANSWER, DETAIL, EXAMPLE, HEADER, SCHEME_LABELS, ContentError, Topic,
                              parse_sheet, qa_topics, to_rows)
from content_tools.sheet_io import SheetError, write_table
from content_tools.yaml_edit import Edit

WIDTHS = (26, 8, 18, 80, 44)


def export(root: Path, path: Path) -> int:
    """Writes all Q&A to `path` (.xlsx or .csv); returns the number of rows."""
    content = load_content(root)
    rows = to_rows(qa_topics(content))
    write_table(path, HEADER, rows, WIDTHS,
                choices={1: (EXAMPLE, ANSWER, DETAIL), 2: tuple(SCHEME_LABELS.values())})
    return len(rows)


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


def _block_at(root: Path, place: Place) -> Any:
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
        errors = [p for p in lint(content) if p.error]
        on_rows = {p.message for p in errors if p.place in rows}  # one problem, several places
        return [f"行 {rows[p.place]}: {p.message}" if p.place in rows else f"{p.place}: {p.message}"
                for p in errors if p.place in rows or p.message not in on_rows]


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
